/**
 * A procedure as files: `<name>.procedure.json` (catalogue data, time limit, step allowances, result
 * template, the model and forms it uses) beside its `.bpmn` model in processes/, its forms in forms/. The
 * seeded procedures are published from these files at start; the studio produces the same shape.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config/config.ts';
import type { FormSchema } from '../forms/form-schema.ts';
import type { Allowance, TimeLimit } from '../sla/deadlines.ts';
import { parseProcessModel, type ProcessModel } from './bpmn-model.ts';

export interface ResultTemplate {
  title: string;
  titleEn?: string;
  fields: { label: string; path: string; values?: Record<string, string>; format?: 'date' }[];
}

export interface ProcedurePackage {
  code: string;
  name: string;
  nameEn?: string;
  field: string;
  catalogue: Record<string, unknown>;
  timeLimit: TimeLimit;
  stepAllowances: Record<string, Allowance>;
  resultTemplate: ResultTemplate;
  applicationFormId: string;
  bpmnXml: string;
  bpmnFileName: string;
  forms: Record<string, FormSchema>;
  model: ProcessModel;
}

export const processesDir = path.join(repoRoot, 'processes');
export const formsDir = path.join(repoRoot, 'forms');

interface PackageFile {
  code: string;
  name: string;
  nameEn?: string;
  field: string;
  model: string;
  applicationForm: string;
  forms: string[];
  timeLimit: TimeLimit;
  stepAllowances: Record<string, Allowance>;
  result: ResultTemplate;
  catalogue: Record<string, unknown>;
}

export async function loadProcedurePackage(file: string, dirs = { processes: processesDir, forms: formsDir }): Promise<ProcedurePackage> {
  const spec = JSON.parse(fs.readFileSync(file, 'utf8')) as PackageFile;
  const bpmnXml = fs.readFileSync(path.join(dirs.processes, spec.model), 'utf8');
  const forms: Record<string, FormSchema> = {};
  for (const f of spec.forms) {
    const schema = JSON.parse(fs.readFileSync(path.join(dirs.forms, f), 'utf8')) as FormSchema;
    if (!schema.id) throw new Error(`${f} has no id`);
    forms[schema.id] = schema;
  }
  if (!forms[spec.applicationForm]) throw new Error(`${file}: application form ${spec.applicationForm} is not among its forms`);
  return {
    code: spec.code,
    name: spec.name,
    nameEn: spec.nameEn,
    field: spec.field,
    catalogue: spec.catalogue,
    timeLimit: spec.timeLimit,
    stepAllowances: spec.stepAllowances,
    resultTemplate: spec.result,
    applicationFormId: spec.applicationForm,
    bpmnXml,
    bpmnFileName: spec.model,
    forms,
    model: await parseProcessModel(bpmnXml),
  };
}

/** Every `*.procedure.json` in processes/. */
export async function loadSeededPackages(dir = processesDir): Promise<ProcedurePackage[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.procedure.json'))
    .sort();
  return Promise.all(files.map((f) => loadProcedurePackage(path.join(dir, f))));
}
