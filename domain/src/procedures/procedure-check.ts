/**
 * The check a procedure version must pass before it is deployed: its catalogue data, its model (lint), every
 * form (form-js format and what the server enforces), the form fields the process relies on, the result
 * document's fields, and the step allowances against the time limit. Each problem says where it is: an
 * element of the diagram, a component of a form, a step, or a catalogue field. Pure apart from parsing.
 */
import { Ajv } from 'ajv';
import { InputError, msg, type FieldProblem, type Message } from '../errors/errors.ts';
import { checkFormDocument } from '../forms/form-js-schema.ts';
import { formFields, type FormSchema } from '../forms/form-schema.ts';
import { parseProcessModel, type ProcessModel } from './bpmn-model.ts';
import { decisionsByKind, fieldsReadByKind } from './bpmn-steps.ts';
import { lintModel } from './procedure-lint.ts';
import { goLiveProblems } from './go-live.ts';
import type { ProcedureData, ProcedureVersion } from './procedures.repository.ts';
import { allowanceSchema, procedureDataSchema, resultTemplateSchema, timeLimitSchema } from './procedures.schemas.ts';
import { workingHoursOf } from '../sla/deadlines.ts';

export type { ProcedureData };

/** Everything a version is made of. */
export type VersionContent = Pick<ProcedureVersion, 'bpmnXml' | 'applicationFormId' | 'forms' | 'timeLimit' | 'stepAllowances' | 'resultTemplate'> & {
  procedureData: ProcedureData;
};

export type CheckArea = 'catalogue' | 'model' | 'forms' | 'allowances' | 'result';

export interface CheckProblem {
  severity: 'error' | 'warning';
  area: CheckArea;
  rule: string;
  /** BPMN element id, for the diagram */
  elementId?: string;
  formId?: string;
  componentId?: string;
  message: Message;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const checkData = ajv.compile(procedureDataSchema);
const checkLimit = ajv.compile(timeLimitSchema);
const checkAllowance = ajv.compile(allowanceSchema);
const checkResult = ajv.compile(resultTemplateSchema);

/** The words of the studio's fields, by property name (vi, en): a problem names its field as the page does. */
const FIELD_WORDS: Record<string, [string, string]> = {
  name: ['Tên', 'Name'],
  nameEn: ['Tên tiếng Anh', 'English name'],
  field: ['Lĩnh vực', 'Field'],
  catalogue: ['', ''],
  level: ['Cấp thực hiện', 'Level'],
  implementingAgency: ['Cơ quan thực hiện', 'Implementing agency'],
  competentAgency: ['Cơ quan có thẩm quyền', 'Competent agency'],
  applicants: ['Đối tượng thực hiện', 'Who may apply'],
  onlineLevel: ['Mức độ dịch vụ công trực tuyến', 'Online service level'],
  channels: ['Cách thức', 'Channel'],
  kind: ['Cách thức', 'Channel'],
  timeLimit: ['Thời hạn', 'Time limit'],
  value: ['Thời hạn', 'Time limit'],
  unit: ['Đơn vị', 'Unit'],
  cutoff: ['Nhận sau giờ', 'Received after'],
  extensionWhenVerificationNeeded: ['Gia hạn khi cần xác minh', 'Extension when verification is needed'],
  fees: ['Phí, lệ phí', 'Fee'],
  amount: ['Mức thu (đồng)', 'Amount (đồng)'],
  per: ['Đơn vị tính', 'Per'],
  note: ['Ghi chú', 'Note'],
  exemptions: ['Miễn, giảm', 'Exemptions'],
  documents: ['Thành phần hồ sơ', 'Papers'],
  case: ['Trường hợp', 'Case'],
  originals: ['Bản chính', 'Originals'],
  copies: ['Bản sao', 'Copies'],
  photocopies: ['Bản photo', 'Photocopies'],
  template: ['Mẫu đơn, tờ khai', 'Form template'],
  result: ['Kết quả thực hiện', 'Result'],
  legalBasis: ['Căn cứ pháp lý', 'Legal basis'],
  conditions: ['Yêu cầu, điều kiện', 'Requirements'],
  steps: ['Trình tự thực hiện', 'Steps'],
  feeSchedule: ['Biểu phí', 'Fee schedule'],
  translations: ['Bản dịch', 'Translations'],
  title: ['Tiêu đề', 'Title'],
  titleEn: ['Tiêu đề tiếng Anh', 'English title'],
  fields: ['Dòng', 'Line'],
  label: ['Nhãn', 'Label'],
  path: ['Trường dữ liệu', 'Data field'],
  format: ['Định dạng', 'Format'],
};

/**
 * Where a schema problem is, in the studio's words: `/catalogue/channels/0/fees/1/amount` → "Cách thức 1 › Phí,
 * lệ phí 2 › Mức thu (đồng)". A name without words of its own (deep in the fee schedule, say) is left out:
 * its nearest named parent says where to look.
 */
export function placeInWords(pointer: string): Message {
  const vi: string[] = [];
  const en: string[] = [];
  for (const part of pointer.split('/').filter(Boolean)) {
    if (/^\d+$/.test(part)) {
      if (vi.length) vi[vi.length - 1] += ` ${Number(part) + 1}`;
      if (en.length) en[en.length - 1] += ` ${Number(part) + 1}`;
      continue;
    }
    const words = FIELD_WORDS[part];
    // a channel's kind or a time limit's value is named by its parent already
    if (!words?.[0] || vi.at(-1)?.startsWith(words[0])) continue;
    vi.push(words[0]);
    en.push(words[1]);
  }
  return msg(vi.join(' › '), en.join(' › '));
}

function schemaProblem(keyword: string): Message {
  if (keyword === 'required') return msg('còn thiếu', 'missing');
  if (keyword === 'minLength' || keyword === 'minItems') return msg('chưa nhập', 'empty');
  if (['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'maxLength', 'maxItems', 'maxProperties'].includes(keyword))
    return msg('vượt giới hạn cho phép', 'out of the allowed range');
  if (keyword === 'enum') return msg('không thuộc các lựa chọn', 'not one of the choices');
  if (keyword === 'pattern') return msg('không đúng định dạng', 'not in the right format');
  if (keyword === 'additionalProperties') return msg('không được phép có', 'not allowed');
  return msg('không hợp lệ', 'not valid');
}

function schemaProblems(area: CheckArea, what: Message, validate: typeof checkData, value: unknown): CheckProblem[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => {
    const pointer = `${e.instancePath}${e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : e.keyword === 'additionalProperties' ? `/${String(e.params.additionalProperty)}` : ''}`;
    const place = placeInWords(pointer);
    const problem = schemaProblem(e.keyword);
    return {
      severity: 'error' as const,
      area,
      rule: `motcua/${area}`,
      message: msg(`${what.vi}${place.vi ? ` – ${place.vi}` : ''}: ${problem.vi}`, `${what.en}${place.en ? ` – ${place.en}` : ''}: ${problem.en}`),
    };
  });
}

/** Every problem of a version; it may be published when none is an error. */
export async function checkVersion(c: VersionContent): Promise<CheckProblem[]> {
  const problems: CheckProblem[] = [];
  problems.push(...schemaProblems('catalogue', msg('Thông tin thủ tục', 'Catalogue data'), checkData, c.procedureData));
  // what a procedure must state before it goes live: its papers, fees (or "free") and legal basis
  problems.push(...goLiveProblems(c.procedureData?.catalogue));
  problems.push(...schemaProblems('catalogue', msg('Thời hạn giải quyết', 'Time limit'), checkLimit, c.timeLimit));
  problems.push(...schemaProblems('result', msg('Mẫu kết quả', 'Result document'), checkResult, c.resultTemplate));

  // forms
  const usable = new Map<string, FormSchema>();
  for (const [id, form] of Object.entries(c.forms)) {
    const found = checkFormDocument(form, id);
    if ((form as { id?: string }).id !== id)
      found.push({ formId: id, path: '/id', message: msg(`Biểu mẫu ${id}: mã biểu mẫu (id) phải là "${id}"`, `Form ${id}: its id must be "${id}"`) });
    problems.push(
      ...found.map((p) => ({
        severity: p.severity ?? ('error' as const),
        area: 'forms' as const,
        rule: 'motcua/form-js-schema',
        formId: p.formId,
        componentId: p.componentId,
        message: msg(`Biểu mẫu ${id}: ${p.message.vi}`, `Form ${id}: ${p.message.en}`),
      })),
    );
    if (!found.some((p) => p.severity !== 'warning')) usable.set(id, form);
  }
  if (!c.forms[c.applicationFormId])
    problems.push({
      severity: 'error',
      area: 'forms',
      rule: 'motcua/application-form',
      formId: c.applicationFormId,
      message: msg(`Chưa có biểu mẫu nộp hồ sơ "${c.applicationFormId}".`, `The application form "${c.applicationFormId}" is missing.`),
    });

  // model
  const lint = await lintModel(c.bpmnXml, { formIds: Object.keys(c.forms), applicationFormId: c.applicationFormId });
  problems.push(...lint.map((p) => ({ ...p, area: 'model' as const })));
  let model: ProcessModel | undefined;
  try {
    if (!lint.some((p) => p.rule === 'motcua/xml' && p.severity === 'error')) model = await parseProcessModel(c.bpmnXml);
  } catch {
    /* already reported by the lint */
  }

  if (model) {
    // the one-stop desk receives at the step "reception" (the counter and the receipt find it there); a leader approves what is signed
    const receptions = model.steps.filter((s) => s.kind === 'reception');
    if (receptions.length !== 1 || receptions[0]!.key !== 'reception') {
      problems.push({
        severity: 'error',
        area: 'model',
        rule: 'motcua/reception-step',
        elementId: receptions.find((s) => s.key !== 'reception')?.key,
        message: msg(
          'Quy trình cần đúng một bước tiếp nhận, với mã (id) «reception».',
          'The process needs exactly one reception step, with the id "reception".',
        ),
      });
    }
    if (!model.steps.some((s) => s.kind === 'approval')) {
      problems.push({
        severity: 'error',
        area: 'model',
        rule: 'motcua/approval-step',
        message: msg(
          'Quy trình cần ít nhất một bước lãnh đạo phê duyệt trước khi ký số kết quả.',
          'The process needs at least one leader approval step before the result is signed.',
        ),
      });
    }

    // the fields each step's form must hold, since the platform reads them
    for (const step of model.steps) {
      const form = step.formId ? usable.get(step.formId) : undefined;
      if (!form || !step.kind) continue;
      const fields = new Map(formFields(form).map((f) => [f.path.join('.'), f]));
      const decision = fields.get('decision');
      const offered = new Set((decision?.component.values ?? []).map((v) => String(v.value)));
      const missing = decisionsByKind[step.kind].filter((d) => !offered.has(d));
      if (!decision)
        problems.push({
          severity: 'error',
          area: 'forms',
          rule: 'motcua/step-fields',
          elementId: step.key,
          formId: form.id,
          message: msg(
            `Bước «${step.name}»: biểu mẫu ${form.id} thiếu trường «decision» (quyết định).`,
            `Step "${step.name}": form ${form.id} has no "decision" field.`,
          ),
        });
      else if (missing.length)
        problems.push({
          severity: 'error',
          area: 'forms',
          rule: 'motcua/step-fields',
          elementId: step.key,
          formId: form.id,
          componentId: decision.component.id,
          message: msg(
            `Bước «${step.name}»: trường «decision» thiếu lựa chọn ${missing.join(', ')}.`,
            `Step "${step.name}": the "decision" field lacks ${missing.join(', ')}.`,
          ),
        });
      for (const key of fieldsReadByKind[step.kind]) {
        if (!fields.has(key))
          problems.push({
            severity: 'error',
            area: 'forms',
            rule: 'motcua/step-fields',
            elementId: step.key,
            formId: form.id,
            message: msg(`Bước «${step.name}»: biểu mẫu ${form.id} thiếu trường «${key}».`, `Step "${step.name}": form ${form.id} has no "${key}" field.`),
          });
      }
    }
    // gateway conditions test decisions the steps offer
    for (const m of c.bpmnXml.matchAll(/\$\{\s*(\w+)Decision\s*==\s*'(\w+)'\s*\}/g)) {
      const step = model.steps.find((s) => s.key === m[1]);
      if (!step)
        problems.push({
          severity: 'error',
          area: 'model',
          rule: 'motcua/decision-condition',
          message: msg(
            `Điều kiện rẽ nhánh dùng quyết định của bước «${m[1]}» không có trong quy trình.`,
            `A condition tests the decision of "${m[1]}", which is not a step.`,
          ),
        });
      else if (step.kind && !(decisionsByKind[step.kind] as readonly string[]).includes(m[2]!))
        problems.push({
          severity: 'error',
          area: 'model',
          rule: 'motcua/decision-condition',
          elementId: step.key,
          message: msg(
            `Điều kiện rẽ nhánh chờ quyết định «${m[2]}» mà bước «${step.name}» không có.`,
            `A condition waits for "${m[2]}", which step "${step.name}" does not offer.`,
          ),
        });
    }
    // allowances: one per step, valid, and the handling steps within the time limit
    for (const step of model.steps) {
      const a = c.stepAllowances[step.key];
      if (!a)
        problems.push({
          severity: 'error',
          area: 'allowances',
          rule: 'motcua/allowance',
          elementId: step.key,
          message: msg(`Bước «${step.name}» chưa có thời gian xử lý.`, `Step "${step.name}" has no time allowance.`),
        });
      else
        problems.push(
          ...schemaProblems('allowances', msg(`Thời gian của bước «${step.name}»`, `Allowance of "${step.name}"`), checkAllowance, a).map((p) => ({
            ...p,
            elementId: step.key,
          })),
        );
    }
    for (const key of Object.keys(c.stepAllowances)) {
      if (!model.steps.some((s) => s.key === key))
        problems.push({
          severity: 'warning',
          area: 'allowances',
          rule: 'motcua/allowance',
          message: msg(`Thời gian cho bước «${key}» không dùng đến: quy trình không có bước này.`, `The allowance for "${key}" is unused: no such step.`),
        });
    }
    const handling = model.steps.filter((s) => s.kind !== 'reception' && c.stepAllowances[s.key]);
    const used = handling.reduce((sum, s) => sum + workingHoursOf(c.stepAllowances[s.key]!), 0);
    const limit = checkLimit(c.timeLimit) ? workingHoursOf(c.timeLimit) : undefined;
    if (limit !== undefined && used > limit + 1e-9) {
      problems.push({
        severity: 'error',
        area: 'allowances',
        rule: 'motcua/allowance-fit',
        elementId: handling.at(-1)?.key,
        message: msg(
          `Tổng thời gian các bước giải quyết (${used} giờ làm việc) vượt thời hạn giải quyết (${limit} giờ).`,
          `The handling steps take ${used} working hours, more than the time limit (${limit} hours).`,
        ),
      });
    }
  }

  // the result document prints fields of the application form
  const app = usable.get(c.applicationFormId);
  if (app && checkResult(c.resultTemplate)) {
    const paths = new Set(formFields(app).map((f) => f.path.join('.')));
    for (const f of c.resultTemplate.fields) {
      if (!paths.has(f.path))
        problems.push({
          severity: 'error',
          area: 'result',
          rule: 'motcua/result-fields',
          formId: c.applicationFormId,
          message: msg(
            `Mẫu kết quả in «${f.label}» từ trường «${f.path}», không có trong biểu mẫu nộp hồ sơ.`,
            `The result prints "${f.label}" from "${f.path}", which the application form lacks.`,
          ),
        });
    }
  }
  return problems;
}

export const hasErrors = (problems: CheckProblem[]) => problems.some((p) => p.severity === 'error');

/** Problems of a check as problem+json `errors` entries (field = area and where). */
export function checkProblemsAsFields(problems: CheckProblem[]): FieldProblem[] {
  return problems.map((p) => ({
    field: [p.area, p.elementId ?? p.formId ?? '', p.componentId ?? ''].filter(Boolean).join('.'),
    code: p.rule,
    message: p.message,
    severity: p.severity,
    area: p.area,
    ...(p.elementId ? { elementId: p.elementId } : {}),
    ...(p.formId ? { formId: p.formId } : {}),
    ...(p.componentId ? { componentId: p.componentId } : {}),
  }));
}

/** The draft's problems; none of them an error, or it cannot be published. @throws InputError `procedure_check_failed` */
export async function checkPublishable(content: VersionContent): Promise<CheckProblem[]> {
  const problems = await checkVersion(content);
  if (hasErrors(problems))
    throw new InputError(
      'procedure_check_failed',
      msg('Thủ tục chưa thể công bố: hãy sửa các lỗi được liệt kê.', 'The procedure cannot be published yet: fix the problems listed.'),
      checkProblemsAsFields(problems.filter((p) => p.severity === 'error')),
    );
  return problems;
}
