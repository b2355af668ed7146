/**
 * What a procedure made in the studio starts with: the one-stop template's handling steps and their units,
 * their allowances, a starting application form, the standard task forms, a catalogue entry to fill in, and
 * the process key of its code.
 */
import type { FormSchema } from '../forms/form-schema.ts';
import { workingHoursOf, type Allowance, type TimeLimit } from '../sla/deadlines.ts';
import { standardSteps, type TemplateStep } from './one-stop-template.ts';

/** The standard task forms a new procedure starts with (copied into each version, so editing one is safe). */
export const standardTaskForms = ['reception.form', 'review.form', 'approval.form'];

export interface NewProcedure {
  code: string;
  name: string;
  nameEn?: string;
  field: string;
  timeLimit: TimeLimit;
  catalogue?: Record<string, unknown>;
  /**
   * Who handles the dossier (review and approval), as a step's unit rule: `receiving` (the default: the unit
   * that received it), `competent` (the unit competent for the procedure's field) or `named:<agency code>`.
   * The reception always stays with the receiving unit.
   */
  handlingUnit?: HandlingUnitRule;
  /** A cooperating agency (its agency code) that gives its opinion between review and approval (liên thông). */
  opinionUnit?: string;
}

export type HandlingUnitRule = 'receiving' | 'competent' | `named:${string}`;

/** The handling-unit rules a new procedure may state (the procedure's own field only for `competent`). */
export const handlingUnitPattern = '^(receiving|competent|named:[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2})$';
export const agencyCodePattern = '^[0-9]{3}\\.[0-9]{2}\\.[0-9]{2}\\.[A-Z][0-9]{2}$';

/** The cooperating agency's step: a review by the named unit's specialists, with the review form. */
export const opinionStep = (agencyCode: string): TemplateStep => ({
  key: 'opinion',
  name: 'Ý kiến của cơ quan phối hợp',
  kind: 'review',
  role: 'specialist',
  formId: standardSteps.review.formId,
  unitRule: `named:${agencyCode}`,
});

/** The handling steps of a new procedure: review (, the cooperating agency's opinion) and approval, by the chosen unit. */
export function templateHandling(p: Pick<NewProcedure, 'handlingUnit' | 'opinionUnit'>): TemplateStep[] {
  const rule = p.handlingUnit && p.handlingUnit !== 'receiving' ? { unitRule: p.handlingUnit } : {};
  return [{ ...standardSteps.review, ...rule }, ...(p.opinionUnit ? [opinionStep(p.opinionUnit)] : []), { ...standardSteps.approval, ...rule }];
}

export const processKeyOf = (code: string) => `p_${code.replace(/[^A-Za-z0-9]/g, '_')}`;

/**
 * Allowances that fit the limit: reception half a day; review gets what approval (one day, or a quarter of a
 * short limit) leaves. With a cooperating agency's opinion: from three days, the opinion a third of what
 * review and opinion share (at least a day); below, review, opinion and approval a quarter of the limit each.
 */
export function templateAllowances(t: TimeLimit, o: { opinion?: boolean } = {}): Record<string, Allowance> {
  const hours = workingHoursOf(t);
  if (o.opinion) {
    if (hours >= 24) {
      const shared = hours / 8 - 1;
      const opinion = Math.max(1, Math.floor(shared / 3));
      return {
        reception: { value: 4, unit: 'working_hours' },
        review: { value: shared - opinion, unit: 'working_days' },
        opinion: { value: opinion, unit: 'working_days' },
        approval: { value: 1, unit: 'working_days' },
      };
    }
    return {
      reception: { value: 4, unit: 'working_hours' },
      review: { value: hours / 4, unit: 'working_hours' },
      opinion: { value: hours / 4, unit: 'working_hours' },
      approval: { value: hours / 4, unit: 'working_hours' },
    };
  }
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

/**
 * The catalogue entry a new procedure starts with; `units` names the handling and cooperating agencies
 * when they are named units (as the catalogue's competent agency and its steps say).
 */
export function defaultCatalogue(p: NewProcedure, units: { handling?: string; opinion?: string } = {}): Record<string, unknown> {
  return {
    level: 'Cấp xã',
    implementingAgency: 'Ủy ban nhân dân cấp xã',
    ...(units.handling ? { competentAgency: units.handling } : {}),
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
    steps: [
      'Tiếp nhận hồ sơ',
      units.handling ? `${units.handling} thẩm định` : 'Thẩm định',
      ...(p.opinionUnit ? [`${units.opinion ?? 'Cơ quan phối hợp'} cho ý kiến`] : []),
      'Phê duyệt, ký số',
      'Trả kết quả',
    ],
  };
}
