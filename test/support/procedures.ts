/** Procedures a test publishes for itself, built from the one-stop template on the birth registration's forms. */
import path from 'node:path';
import type { Allowance, TimeLimit } from '@motcua/domain/sla/deadlines.ts';
import { loadProcedurePackage, processesDir } from '@motcua/domain/procedures/procedure-package.ts';
import { parseProcessModel } from '@motcua/domain/procedures/bpmn-model.ts';
import { oneStopModel, type TemplateStep } from '@motcua/domain/procedures/one-stop-template.ts';
import { platform } from './platform.ts';

/** A cooperating agency's opinion on fire safety, from a unit the officer of the step before picks (liên thông). */
export const OPINION: TemplateStep = {
  key: 'opinion',
  name: 'Lấy ý kiến cơ quan phối hợp',
  kind: 'review',
  role: 'specialist',
  formId: 'motcua-review',
  unitRule: 'picked:Phòng cháy, chữa cháy',
};

/** Publishes (once per platform) a procedure with these handling steps; every step gets `allowance`. */
export async function publishTemplateProcedure(o: {
  code: string;
  name: string;
  handling: TemplateStep[];
  timeLimit?: TimeLimit;
  allowance?: Allowance;
  allowances?: Record<string, Allowance>;
  /** catalogue entries of its own (a fee schedule, say) over the birth registration's */
  catalogue?: Record<string, unknown>;
}): Promise<void> {
  const p = platform();
  if (await p.db('procedures').where({ code: o.code }).first('id')) return;
  const birth = await loadProcedurePackage(path.join(processesDir, 'birth-registration.procedure.json'));
  const processId = `test_${o.code.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`;
  const bpmnXml = await oneStopModel({ processId, name: o.name, applicationFormId: birth.applicationFormId, handling: o.handling });
  const allowance = o.allowance ?? { value: 2, unit: 'working_days' };
  await p.services.procedures.publishPackage({
    ...birth,
    code: o.code,
    name: o.name,
    catalogue: { ...birth.catalogue, ...o.catalogue },
    timeLimit: o.timeLimit ?? { value: 10, unit: 'working_days' },
    stepAllowances: Object.fromEntries(['reception', ...o.handling.map((s) => s.key)].map((k) => [k, o.allowances?.[k] ?? allowance])),
    bpmnXml,
    bpmnFileName: `${processId}.bpmn`,
    model: await parseProcessModel(bpmnXml),
  });
}
