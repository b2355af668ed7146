/**
 * The shapes of what applicants and officers send about a result's return, as JSON Schemas (the api checks
 * every request against them), with the Vietnamese and English names of their fields for the messages.
 */

/** A Vietnamese postal address for the result: recipient, phone, street and house number, ward, province. */
export const postalAddressSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['recipientName', 'phone', 'street', 'ward', 'province'],
  properties: {
    recipientName: { type: 'string', minLength: 2, maxLength: 100, pattern: '\\S' },
    phone: { type: 'string', pattern: '^0[0-9]{9}$' },
    street: { type: 'string', minLength: 3, maxLength: 200, pattern: '\\S' },
    ward: { type: 'string', minLength: 2, maxLength: 100, pattern: '\\S' },
    province: { type: 'string', minLength: 2, maxLength: 100, pattern: '\\S' },
  },
} as const;

/** The applicant's choice at submission (online or at the counter): channel, and the address for post. */
export const resultDeliverySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['channel'],
  properties: {
    channel: { type: 'string', enum: ['online', 'counter', 'post'] },
    address: postalAddressSchema,
  },
} as const;

const addressLabels = {
  recipientName: { vi: 'Người nhận', en: 'Recipient' },
  phone: { vi: 'Số điện thoại người nhận', en: "Recipient's phone" },
  street: { vi: 'Số nhà, đường', en: 'House number and street' },
  ward: { vi: 'Phường/Xã', en: 'Ward / commune' },
  province: { vi: 'Tỉnh/Thành phố', en: 'Province / city' },
};

export const resultDeliveryLabels: Record<string, { vi: string; en: string }> = {
  '': { vi: 'Hình thức nhận kết quả', en: 'How to receive the result' },
  channel: { vi: 'Hình thức nhận kết quả', en: 'How to receive the result' },
  address: { vi: 'Địa chỉ nhận kết quả', en: 'Delivery address' },
  ...Object.fromEntries(Object.entries(addressLabels).map(([k, v]) => [`address.${k}`, v])),
};

export const postalAddressLabels: Record<string, { vi: string; en: string }> = {
  '': { vi: 'Địa chỉ nhận kết quả', en: 'Delivery address' },
  ...addressLabels,
};

/** The officer's record of a handover at the desk. */
export const handoverSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['kind', 'fullName', 'idNumber'],
  properties: {
    kind: { type: 'string', enum: ['applicant', 'authorised'] },
    fullName: { type: 'string', minLength: 2, maxLength: 100, pattern: '\\S' },
    idNumber: { type: 'string', pattern: '^[0-9]{12}$' },
    authorisation: { type: 'string', maxLength: 300 },
  },
} as const;

export const handoverLabels: Record<string, { vi: string; en: string }> = {
  kind: { vi: 'Người nhận là', en: 'Recipient is' },
  fullName: { vi: 'Họ và tên người nhận', en: "Recipient's full name" },
  idNumber: { vi: 'Số định danh cá nhân của người nhận (12 chữ số)', en: "Recipient's identity number (12 digits)" },
  authorisation: { vi: 'Giấy ủy quyền', en: 'Authorisation paper' },
};
