/**
 * What a procedure made in the studio starts with: the one-stop template's allowances, a starting application
 * form, the standard task forms, a catalogue entry to fill in, and the process key of its code.
 */
import type { FormSchema } from '../forms/form-schema.ts';
import { workingHoursOf, type Allowance, type TimeLimit } from '../sla/deadlines.ts';

/** The standard task forms a new procedure starts with (copied into each version, so editing one is safe). */
export const standardTaskForms = ['reception.form', 'review.form', 'approval.form'];

export interface NewProcedure {
  code: string;
  name: string;
  nameEn?: string;
  field: string;
  timeLimit: TimeLimit;
  catalogue?: Record<string, unknown>;
}

export const processKeyOf = (code: string) => `p_${code.replace(/[^A-Za-z0-9]/g, '_')}`;

/** Allowances that fit the limit: reception half a day; review gets what approval (one day, or a quarter of a short limit) leaves. */
export function templateAllowances(t: TimeLimit): Record<string, Allowance> {
  const hours = workingHoursOf(t);
  if (hours >= 16)
    return {
      reception: { value: 4, unit: 'working_hours' },
      review: { value: hours / 8 - 1, unit: 'working_days' },
      approval: { value: 1, unit: 'working_days' },
    };
  return {
    reception: { value: 4, unit: 'working_hours' },
    review: { value: hours / 2, unit: 'working_hours' },
    approval: { value: hours / 4, unit: 'working_hours' },
  };
}

/** A starting application form: who applies, what they ask for, and the papers they attach. */
export function templateApplicationForm(id: string, name: string): FormSchema {
  return {
    schemaVersion: 18,
    exporter: { name: 'motcua', version: '0.1.0' },
    type: 'default',
    id,
    components: [
      { type: 'text', id: 'title', text: `### ${name}` },
      {
        type: 'group',
        id: 'g_applicant',
        label: 'Người yêu cầu',
        path: 'applicant',
        showOutline: true,
        components: [
          { type: 'textfield', id: 'f_applicant_fullName', key: 'fullName', label: 'Họ, chữ đệm và tên', validate: { required: true, maxLength: 200 } },
          {
            type: 'textfield',
            id: 'f_applicant_idNumber',
            key: 'idNumber',
            label: 'Số định danh cá nhân',
            validate: { required: true, pattern: '^[0-9]{12}$' },
          },
          {
            type: 'textfield',
            id: 'f_applicant_phone',
            key: 'phone',
            label: 'Số điện thoại',
            description: '10 chữ số, bắt đầu bằng 0',
            validate: { required: true, pattern: '^0[0-9]{9}$' },
          },
          { type: 'textfield', id: 'f_applicant_address', key: 'address', label: 'Nơi cư trú', validate: { required: true, maxLength: 500 } },
        ],
      },
      { type: 'textarea', id: 'f_request', key: 'request', label: 'Nội dung yêu cầu', validate: { required: true, maxLength: 4000 } },
      {
        type: 'attachment',
        id: 'f_documents',
        key: 'documents',
        label: 'Giấy tờ kèm theo',
        multiple: true,
        accept: ['application/pdf', 'image/jpeg', 'image/png'],
        maxSize: 10485760,
        validate: { required: true },
      },
    ],
  } as FormSchema;
}

export function defaultCatalogue(p: NewProcedure): Record<string, unknown> {
  return {
    level: 'Cấp xã',
    implementingAgency: 'Ủy ban nhân dân cấp xã',
    applicants: ['Công dân Việt Nam'],
    onlineLevel: 'toan_trinh',
    channels: [
      { kind: 'in_person', timeLimit: p.timeLimit, fees: [] },
      { kind: 'online', timeLimit: p.timeLimit, fees: [] },
    ],
    documents: [],
    result: p.name,
    legalBasis: [],
    conditions: [],
    steps: ['Tiếp nhận hồ sơ', 'Thẩm định', 'Phê duyệt, ký số', 'Trả kết quả'],
  };
}
