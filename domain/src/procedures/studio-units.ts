/**
 * The units a new procedure's choices name (its handling unit and its cooperating agency), checked against
 * the unit list before the studio builds the procedure from the one-stop template.
 */
import type { Db } from '../db/db.ts';
import { InputError, msg, type Message } from '../errors/errors.ts';
import { listOrgUnits, type OrgUnit } from '../org-units/org-units.repository.ts';
import type { NewProcedure } from './studio-template.ts';

/** A refusal of the units chosen for a new procedure: what is wrong is said on the field. */
const unitRefused = (code: string, field: 'handlingUnit' | 'opinionUnit', message: Message) =>
  new InputError(code, msg('Không tạo được thủ tục với đơn vị đã chọn.', 'The procedure cannot be created with the unit chosen.'), [{ field, code, message }]);

/**
 * The unit a new procedure names for a step (its handling or its cooperating agency): it must exist, be active
 * and not be a service centre, which receives but does not decide.
 * @throws InputError `<handling|opinion>_unit_unknown`, `…_inactive` or `…_is_centre`, pointing at the field
 */
function namedUnit(units: OrgUnit[], agencyCode: string, field: 'handlingUnit' | 'opinionUnit'): OrgUnit {
  const what = field === 'handlingUnit' ? msg('Đơn vị giải quyết', 'The handling unit') : msg('Cơ quan phối hợp', 'The cooperating agency');
  const refuse = (reason: string, vi: string, en: string) => {
    const code = `${field === 'handlingUnit' ? 'handling' : 'opinion'}_unit_${reason}`;
    return unitRefused(code, field, msg(`${what.vi} ${vi}`, `${what.en} ${en}`));
  };
  const unit = units.find((u) => u.agencyCode === agencyCode);
  if (!unit) throw refuse('unknown', `(mã ${agencyCode}) không có trong danh sách đơn vị.`, `(${agencyCode}) is not a known unit.`);
  if (unit.deactivatedAt) throw refuse('inactive', `«${unit.name}» đã ngừng hoạt động.`, `"${unit.name}" is deactivated.`);
  if (unit.level === 'centre')
    throw refuse(
      'is_centre',
      `«${unit.name}» là trung tâm phục vụ hành chính công: trung tâm tiếp nhận và trả kết quả, không giải quyết hồ sơ.`,
      `"${unit.name}" is a service centre: a centre receives and returns, it does not handle dossiers.`,
    );
  return unit;
}

/**
 * The units a new procedure's choices name, checked: the named handling unit, the cooperating agency, and for
 * the competent rule at least one active unit (not a centre) handling the procedure's field.
 * @throws InputError (see namedUnit), `no_competent_unit`, `opinion_unit_is_handling_unit`
 */
export async function checkedUnits(db: Db, p: NewProcedure): Promise<{ handling?: OrgUnit; opinion?: OrgUnit }> {
  const rule = p.handlingUnit ?? 'receiving';
  if (rule === 'receiving' && !p.opinionUnit) return {};
  const units = await listOrgUnits({ db });
  const handling = rule.startsWith('named:') ? namedUnit(units, rule.slice('named:'.length), 'handlingUnit') : undefined;
  if (rule === 'competent' && !units.some((u) => !u.deactivatedAt && u.level !== 'centre' && u.fields.includes(p.field))) {
    const message = msg(
      `Chưa có đơn vị nào giải quyết lĩnh vực «${p.field}»: hãy thêm lĩnh vực này cho đơn vị có thẩm quyền, hoặc chọn một đơn vị cụ thể.`,
      `No unit handles the field "${p.field}": add the field to the competent unit, or choose a named unit.`,
    );
    throw unitRefused('no_competent_unit', 'handlingUnit', message);
  }
  const opinion = p.opinionUnit ? namedUnit(units, p.opinionUnit, 'opinionUnit') : undefined;
  if (opinion && handling && opinion.id === handling.id) {
    const message = msg('Cơ quan phối hợp phải khác đơn vị giải quyết.', 'The cooperating agency must be another unit than the handling unit.');
    throw unitRefused('opinion_unit_is_handling_unit', 'opinionUnit', message);
  }
  return { handling, opinion };
}
