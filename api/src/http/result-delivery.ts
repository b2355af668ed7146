/** The applicant's choice of how to receive the result, as a submission carries it (JSON, or a JSON text field of a multipart form). */
import { InputError, msg } from '@motcua/domain/errors/errors.ts';
import { resultDeliveryLabels, resultDeliverySchema } from '@motcua/domain/delivery/delivery.schemas.ts';
import type { DeliveryChoice } from '@motcua/domain/delivery/delivery.service.ts';
import { checkAgainst } from './validate.ts';

const check = checkAgainst(resultDeliverySchema, { prefix: 'resultDelivery', labels: resultDeliveryLabels });

/**
 * The choice checked against its schema; absent, the service's default applies.
 * @throws InputError `body_malformed` (not JSON) | `request_invalid` (with the problems per field)
 */
export function resultDeliveryOf(raw: unknown): DeliveryChoice | undefined {
  if (raw === undefined || raw === '') return undefined;
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new InputError('body_malformed', msg('Trường «Hình thức nhận kết quả» không phải JSON hợp lệ.', '"resultDelivery" is not valid JSON.'));
    }
  }
  check(value);
  return value as DeliveryChoice;
}
