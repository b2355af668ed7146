/** Procedures and their versions in the application database. */
import type { DbOrTx } from '../db/db.ts';
import type { FormSchema } from '../forms/form-schema.ts';
import type { Allowance, TimeLimit } from '../sla/deadlines.ts';
import type { ResultTemplate } from './procedure-package.ts';

export interface Procedure {
  id: string;
  code: string;
  name: string;
  nameEn: string | null;
  field: string;
  catalogue: Record<string, unknown>;
}

export type VersionStatus = 'draft' | 'published' | 'retired';

export interface ProcedureVersion {
  id: string;
  procedureId: string;
  version: number;
  status: VersionStatus;
  processKey: string;
  bpmnXml: string;
  applicationFormId: string;
  forms: Record<string, FormSchema>;
  timeLimit: TimeLimit;
  stepAllowances: Record<string, Allowance>;
  resultTemplate: ResultTemplate;
  contentHash: string;
  engineDeploymentId: string | null;
  engineProcessDefinitionId: string | null;
  publishedAt: Date | null;
}

interface DbProcedureRow {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  field: string;
  catalogue: Record<string, unknown>;
}

interface DbVersionRow {
  id: string;
  procedure_id: string;
  version: number;
  status: VersionStatus;
  process_key: string;
  bpmn_xml: string;
  application_form_id: string;
  forms: Record<string, FormSchema>;
  time_limit: TimeLimit;
  step_allowances: Record<string, Allowance>;
  result_template: ResultTemplate;
  content_hash: string;
  engine_deployment_id: string | null;
  engine_process_definition_id: string | null;
  published_at: Date | null;
}

const toProcedure = (r: DbProcedureRow): Procedure => ({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en, field: r.field, catalogue: r.catalogue });
const toVersion = (r: DbVersionRow): ProcedureVersion => ({
  id: r.id,
  procedureId: r.procedure_id,
  version: r.version,
  status: r.status,
  processKey: r.process_key,
  bpmnXml: r.bpmn_xml,
  applicationFormId: r.application_form_id,
  forms: r.forms,
  timeLimit: r.time_limit,
  stepAllowances: r.step_allowances,
  resultTemplate: r.result_template,
  contentHash: r.content_hash,
  engineDeploymentId: r.engine_deployment_id,
  engineProcessDefinitionId: r.engine_process_definition_id,
  publishedAt: r.published_at,
});

export async function upsertProcedure({ db, procedure }: { db: DbOrTx; procedure: Omit<Procedure, 'id'> }): Promise<Procedure> {
  const [row] = await db<DbProcedureRow>('procedures')
    .insert({ code: procedure.code, name: procedure.name, name_en: procedure.nameEn, field: procedure.field, catalogue: JSON.stringify(procedure.catalogue) as unknown as Record<string, unknown> })
    .onConflict('code')
    .merge(['name', 'name_en', 'field', 'catalogue'])
    .returning('*');
  return toProcedure(row as DbProcedureRow);
}

export async function findProcedureByCode({ db, code }: { db: DbOrTx; code: string }): Promise<Procedure | undefined> {
  const row = await db<DbProcedureRow>('procedures').where({ code }).first();
  return row && toProcedure(row);
}

export async function findProcedureById({ db, id }: { db: DbOrTx; id: string }): Promise<Procedure | undefined> {
  const row = await db<DbProcedureRow>('procedures').where({ id }).first();
  return row && toProcedure(row);
}

export async function latestVersion({ db, procedureId }: { db: DbOrTx; procedureId: string }): Promise<ProcedureVersion | undefined> {
  const row = await db<DbVersionRow>('procedure_versions').where({ procedure_id: procedureId }).orderBy('version', 'desc').first();
  return row && toVersion(row);
}

export async function publishedVersion({ db, procedureId }: { db: DbOrTx; procedureId: string }): Promise<ProcedureVersion | undefined> {
  const row = await db<DbVersionRow>('procedure_versions').where({ procedure_id: procedureId, status: 'published' }).first();
  return row && toVersion(row);
}

export async function findVersion({ db, id }: { db: DbOrTx; id: string }): Promise<ProcedureVersion | undefined> {
  const row = await db<DbVersionRow>('procedure_versions').where({ id }).first();
  return row && toVersion(row);
}

/** Inserts a new published version and retires the one published before it. */
export async function insertPublishedVersion({ db, version }: { db: DbOrTx; version: Omit<ProcedureVersion, 'id' | 'status' | 'publishedAt'> }): Promise<ProcedureVersion> {
  await db('procedure_versions').where({ procedure_id: version.procedureId, status: 'published' }).update({ status: 'retired' });
  const [row] = await db('procedure_versions')
    .insert({
      procedure_id: version.procedureId,
      version: version.version,
      status: 'published',
      process_key: version.processKey,
      bpmn_xml: version.bpmnXml,
      application_form_id: version.applicationFormId,
      forms: JSON.stringify(version.forms),
      time_limit: JSON.stringify(version.timeLimit),
      step_allowances: JSON.stringify(version.stepAllowances),
      result_template: JSON.stringify(version.resultTemplate),
      content_hash: version.contentHash,
      engine_deployment_id: version.engineDeploymentId,
      engine_process_definition_id: version.engineProcessDefinitionId,
      published_at: db.fn.now(),
    })
    .returning('*');
  return toVersion(row as DbVersionRow);
}

export async function listPublished({ db }: { db: DbOrTx }): Promise<{ procedure: Procedure; version: ProcedureVersion }[]> {
  const rows = await db('procedures as p').join('procedure_versions as v', 'v.procedure_id', 'p.id').where('v.status', 'published').orderBy('p.code').select('p.*', db.raw('row_to_json(v.*) as v'));
  return rows.map((r: DbProcedureRow & { v: DbVersionRow }) => ({ procedure: toProcedure(r), version: toVersion(r.v) }));
}
