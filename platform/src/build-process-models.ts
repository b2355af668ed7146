/**
 * Rebuilds the BPMN models of the seeded procedures in processes/ from the one-stop template, each with the
 * steps its current model has (reception, then its handling steps in flow order). Run it after changing the
 * template: `npm run processes:build` (`-- --check` only reports which models differ, exit 1 if any).
 * A procedure whose model is drawn by hand (not from the template) should not be listed here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseProcessModel } from '@motcua/domain/procedures/bpmn-model.ts';
import { oneStopModel, type TemplateStep } from '@motcua/domain/procedures/one-stop-template.ts';
import { processesDir } from '@motcua/domain/procedures/procedure-package.ts';
import { unitRuleText } from '@motcua/domain/procedures/bpmn-steps.ts';

const check = process.argv.includes('--check');
let differing = 0;
for (const file of fs.readdirSync(processesDir).filter((f) => f.endsWith('.procedure.json'))) {
  const pkg = JSON.parse(fs.readFileSync(path.join(processesDir, file), 'utf8')) as { model: string; applicationForm: string };
  const modelFile = path.join(processesDir, pkg.model);
  const current = fs.readFileSync(modelFile, 'utf8');
  const model = await parseProcessModel(current);
  const steps = model.steps.map((s): TemplateStep => ({
    key: s.key,
    name: s.name,
    kind: s.kind!,
    role: s.role as TemplateStep['role'],
    formId: s.formId!,
    ...(s.unitRule && s.unitRule.kind !== 'receiving' ? { unitRule: unitRuleText(s.unitRule) } : {}),
  }));
  const rebuilt = await oneStopModel({
    processId: model.processId,
    name: model.processName ?? model.processId,
    applicationFormId: pkg.applicationForm,
    historyTimeToLive: model.historyTimeToLive,
    reception: steps[0],
    handling: steps.slice(1),
  });
  if (rebuilt === current) continue;
  differing++;
  if (!check) fs.writeFileSync(modelFile, rebuilt);
  console.log(`${pkg.model}: ${check ? 'differs from the template' : 'rebuilt'}`);
}
if (check && differing) process.exit(1);
