/** What changed from one version of a procedure to another: a summary in words and unified diffs per file. */
import { createTwoFilesPatch } from 'diff';
import { msg } from '../errors/errors.ts';
import { formFields, type FormSchema } from '../forms/form-schema.ts';
import { amountOfTime, type Allowance } from '../sla/deadlines.ts';
import { parseProcessModel, type ProcessModel } from './bpmn-model.ts';
import type { VersionContent } from './procedure-check.ts';

export interface VersionDiff {
  from: { id: string; version: number };
  to: { id: string; version: number };
  /** what changed, in a sentence each */
  summary: { vi: string; en: string }[];
  /** unified diffs per file (model, each form, data) */
  files: { name: string; patch: string }[];
}

function stepSummary(m: ProcessModel | undefined) {
  return new Map((m?.steps ?? []).map((s) => [s.key, s.name]));
}

export async function modelOrUndefined(xml: string): Promise<ProcessModel | undefined> {
  try {
    return await parseProcessModel(xml);
  } catch {
    return undefined;
  }
}

const fieldKeys = (f: FormSchema | undefined) => {
  try {
    return f ? formFields(f).map((x) => x.path.join('.')) : [];
  } catch {
    return [];
  }
};

/** One version, as compared: its id, number, process key and content. */
export interface ComparedVersion {
  id: string;
  version: number;
  processKey: string;
  content: VersionContent;
}

export async function diffVersions(a: ComparedVersion, b: ComparedVersion): Promise<VersionDiff> {
  const ca = a.content;
  const cb = b.content;
  const summary: VersionDiff['summary'] = [];
  const files: VersionDiff['files'] = [];
  const [ma, mb] = await Promise.all([modelOrUndefined(ca.bpmnXml), modelOrUndefined(cb.bpmnXml)]);
  const sa = stepSummary(ma);
  const sb = stepSummary(mb);
  for (const [k, n] of sb) if (!sa.has(k)) summary.push(msg(`Thêm bước «${n}» (${k})`, `Step added: "${n}" (${k})`));
  for (const [k, n] of sa) if (!sb.has(k)) summary.push(msg(`Bỏ bước «${n}» (${k})`, `Step removed: "${n}" (${k})`));
  for (const [k, n] of sb)
    if (sa.has(k) && sa.get(k) !== n) summary.push(msg(`Đổi tên bước ${k}: «${sa.get(k)}» → «${n}»`, `Step ${k} renamed: "${sa.get(k)}" → "${n}"`));
  if (ca.bpmnXml !== cb.bpmnXml)
    files.push({
      name: `${b.processKey}.bpmn`,
      patch: createTwoFilesPatch(`v${a.version}/${a.processKey}.bpmn`, `v${b.version}/${b.processKey}.bpmn`, ca.bpmnXml, cb.bpmnXml, '', '', { context: 2 }),
    });
  for (const id of [...new Set([...Object.keys(ca.forms), ...Object.keys(cb.forms)])].sort()) {
    const fa = ca.forms[id];
    const fb = cb.forms[id];
    if (!fa) summary.push(msg(`Thêm biểu mẫu ${id}`, `Form added: ${id}`));
    else if (!fb) summary.push(msg(`Bỏ biểu mẫu ${id}`, `Form removed: ${id}`));
    else {
      const ka = new Set(fieldKeys(fa));
      const kb = new Set(fieldKeys(fb));
      for (const k of kb) if (!ka.has(k)) summary.push(msg(`Biểu mẫu ${id}: thêm trường «${k}»`, `Form ${id}: field added "${k}"`));
      for (const k of ka) if (!kb.has(k)) summary.push(msg(`Biểu mẫu ${id}: bỏ trường «${k}»`, `Form ${id}: field removed "${k}"`));
    }
    const ta = fa ? `${JSON.stringify(fa, null, 2)}\n` : '';
    const tb = fb ? `${JSON.stringify(fb, null, 2)}\n` : '';
    if (ta !== tb)
      files.push({
        name: `${id}.form`,
        patch: createTwoFilesPatch(`v${a.version}/${id}.form`, `v${b.version}/${id}.form`, ta, tb, '', '', { context: 2 }),
      });
  }
  const data = (c: VersionContent) =>
    `${JSON.stringify({ procedure: c.procedureData, timeLimit: c.timeLimit, stepAllowances: c.stepAllowances, resultTemplate: c.resultTemplate, applicationFormId: c.applicationFormId }, null, 2)}\n`;
  if (JSON.stringify(ca.timeLimit) !== JSON.stringify(cb.timeLimit)) summary.push(msg('Đổi thời hạn giải quyết', 'Time limit changed'));
  for (const k of new Set([...Object.keys(ca.stepAllowances), ...Object.keys(cb.stepAllowances)])) {
    const x = ca.stepAllowances[k];
    const y = cb.stepAllowances[k];
    const words = (a: Allowance | undefined) => (a ? amountOfTime(a) : msg('—', '—'));
    if (JSON.stringify(x) !== JSON.stringify(y))
      summary.push(msg(`Thời gian bước ${k}: ${words(x).vi} → ${words(y).vi}`, `Allowance of ${k}: ${words(x).en} → ${words(y).en}`));
  }
  if (JSON.stringify(ca.procedureData) !== JSON.stringify(cb.procedureData)) summary.push(msg('Đổi thông tin thủ tục (danh mục)', 'Catalogue data changed'));
  if (JSON.stringify(ca.resultTemplate) !== JSON.stringify(cb.resultTemplate)) summary.push(msg('Đổi mẫu kết quả', 'Result document changed'));
  if (data(ca) !== data(cb))
    files.push({
      name: 'procedure.json',
      patch: createTwoFilesPatch(`v${a.version}/procedure.json`, `v${b.version}/procedure.json`, data(ca), data(cb), '', '', { context: 2 }),
    });
  return { from: { id: a.id, version: a.version }, to: { id: b.id, version: b.version }, summary, files };
}
