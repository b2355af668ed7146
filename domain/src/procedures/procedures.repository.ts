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

/** What a procedure is called and where it belongs, with its catalogue entry (DOMAIN.md §2). */
export interface ProcedureData {
  name: string;
  nameEn?: string | null;
  field: string;
  catalogue: Record<string, unknown>;
}

export type VersionStatus = 'draft' | 'published' | 'retired';
export type VersionSource = 'seed' | 'studio';

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
  /** the catalogue entry as this version states it */
  procedureData: ProcedureData | null;
  source: VersionSource;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date | null;
  retiredAt: Date | null;
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
  procedure_data: ProcedureData | null;
  source: VersionSource;
  created_by: string | null;
  created_at: Date;
  updated_at: Date | null;
  retired_at: Date | null;
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
  procedureData: r.procedure_data,
  source: r.source,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  retiredAt: r.retired_at,
});

export async function upsertProcedure({ db, procedure }: { db: DbOrTx; procedure: Omit<Procedure, 'id'> }): Promise<Procedure> {
  const [row] = await db<DbProcedureRow>('procedures')
    .insert({
      code: procedure.code,
      name: procedure.name,
      name_en: procedure.nameEn,
      field: procedure.field,
      catalogue: JSON.stringify(procedure.catalogue) as unknown as Record<string, unknown>,
    })
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

/** The id of the version of a procedure (by code) in force, alone: its model and forms are read once per process, by id. */
export async function publishedVersionId({ db, code }: { db: DbOrTx; code: string }): Promise<string | undefined> {
  const row = await db('procedure_versions as v')
    .join('procedures as p', 'p.id', 'v.procedure_id')
    .where({ 'p.code': code, 'v.status': 'published' })
    .first('v.id');
  return row?.id as string | undefined;
}

export async function findVersion({ db, id }: { db: DbOrTx; id: string }): Promise<ProcedureVersion | undefined> {
  const row = await db<DbVersionRow>('procedure_versions').where({ id }).first();
  return row && toVersion(row);
}

type NewVersion = Omit<ProcedureVersion, 'id' | 'status' | 'publishedAt' | 'createdAt' | 'updatedAt' | 'retiredAt'>;

function versionRow(v: NewVersion) {
  return {
    procedure_id: v.procedureId,
    version: v.version,
    process_key: v.processKey,
    bpmn_xml: v.bpmnXml,
    application_form_id: v.applicationFormId,
    forms: JSON.stringify(v.forms),
    time_limit: JSON.stringify(v.timeLimit),
    step_allowances: JSON.stringify(v.stepAllowances),
    result_template: JSON.stringify(v.resultTemplate),
    content_hash: v.contentHash,
    engine_deployment_id: v.engineDeploymentId,
    engine_process_definition_id: v.engineProcessDefinitionId,
    procedure_data: v.procedureData ? JSON.stringify(v.procedureData) : null,
    source: v.source,
    created_by: v.createdBy,
  };
}

/** Retires the published version of a procedure, if any. */
async function retirePublished(db: DbOrTx, procedureId: string): Promise<void> {
  await db('procedure_versions').where({ procedure_id: procedureId, status: 'published' }).update({ status: 'retired', retired_at: db.fn.now() });
}

/** Inserts a new published version and retires the one published before it. */
export async function insertPublishedVersion({ db, version }: { db: DbOrTx; version: NewVersion }): Promise<ProcedureVersion> {
  await retirePublished(db, version.procedureId);
  const [row] = await db('procedure_versions')
    .insert({ ...versionRow(version), status: 'published', published_at: db.fn.now() })
    .returning('*');
  return toVersion(row as DbVersionRow);
}

/** Inserts a draft (at most one per procedure: the unique index refuses a second). */
export async function insertDraft({ db, version }: { db: DbOrTx; version: NewVersion }): Promise<ProcedureVersion> {
  const [row] = await db('procedure_versions')
    .insert({ ...versionRow(version), status: 'draft', updated_at: db.fn.now() })
    .returning('*');
  return toVersion(row as DbVersionRow);
}

export type DraftPatch = Partial<
  Pick<
    ProcedureVersion,
    'processKey' | 'bpmnXml' | 'applicationFormId' | 'forms' | 'timeLimit' | 'stepAllowances' | 'resultTemplate' | 'contentHash' | 'procedureData'
  >
>;

/** Changes a draft; undefined when the version is no longer a draft. */
export async function updateDraft({ db, id, patch }: { db: DbOrTx; id: string; patch: DraftPatch }): Promise<ProcedureVersion | undefined> {
  const cols: Record<string, unknown> = { updated_at: db.fn.now() };
  if (patch.processKey !== undefined) cols.process_key = patch.processKey;
  if (patch.bpmnXml !== undefined) cols.bpmn_xml = patch.bpmnXml;
  if (patch.applicationFormId !== undefined) cols.application_form_id = patch.applicationFormId;
  if (patch.forms !== undefined) cols.forms = JSON.stringify(patch.forms);
  if (patch.timeLimit !== undefined) cols.time_limit = JSON.stringify(patch.timeLimit);
  if (patch.stepAllowances !== undefined) cols.step_allowances = JSON.stringify(patch.stepAllowances);
  if (patch.resultTemplate !== undefined) cols.result_template = JSON.stringify(patch.resultTemplate);
  if (patch.contentHash !== undefined) cols.content_hash = patch.contentHash;
  if (patch.procedureData !== undefined) cols.procedure_data = JSON.stringify(patch.procedureData);
  const [row] = await db('procedure_versions').where({ id, status: 'draft' }).update(cols).returning('*');
  return row && toVersion(row as DbVersionRow);
}

/** Turns a draft into the published version (retiring the one before); undefined when it is no draft. */
export async function markPublished({
  db,
  id,
  procedureId,
  engineDeploymentId,
  engineProcessDefinitionId,
}: {
  db: DbOrTx;
  id: string;
  procedureId: string;
  engineDeploymentId: string;
  engineProcessDefinitionId: string;
}): Promise<ProcedureVersion | undefined> {
  await retirePublished(db, procedureId);
  const [row] = await db('procedure_versions')
    .where({ id, status: 'draft' })
    .update({
      status: 'published',
      published_at: db.fn.now(),
      engine_deployment_id: engineDeploymentId,
      engine_process_definition_id: engineProcessDefinitionId,
    })
    .returning('*');
  return row && toVersion(row as DbVersionRow);
}

/** Retires a published version (the procedure leaves the catalogue); undefined when it was not published. */
export async function retireVersion({ db, id }: { db: DbOrTx; id: string }): Promise<ProcedureVersion | undefined> {
  const [row] = await db('procedure_versions').where({ id, status: 'published' }).update({ status: 'retired', retired_at: db.fn.now() }).returning('*');
  return row && toVersion(row as DbVersionRow);
}

export async function deleteDraft({ db, id }: { db: DbOrTx; id: string }): Promise<boolean> {
  return (await db('procedure_versions').where({ id, status: 'draft' }).delete()) > 0;
}

export async function draftOf({ db, procedureId }: { db: DbOrTx; procedureId: string }): Promise<ProcedureVersion | undefined> {
  const row = await db<DbVersionRow>('procedure_versions').where({ procedure_id: procedureId, status: 'draft' }).first();
  return row && toVersion(row);
}

export async function listVersions({ db, procedureId }: { db: DbOrTx; procedureId: string }): Promise<ProcedureVersion[]> {
  const rows = await db<DbVersionRow>('procedure_versions').where({ procedure_id: procedureId }).orderBy('version', 'desc');
  return rows.map(toVersion);
}

/** Latest version that came from a seeded file. */
export async function latestSeeded({ db, procedureId }: { db: DbOrTx; procedureId: string }): Promise<ProcedureVersion | undefined> {
  const row = await db<DbVersionRow>('procedure_versions')
    .where({ procedure_id: procedureId, source: 'seed' })
    .whereNot({ status: 'draft' })
    .orderBy('version', 'desc')
    .first();
  return row && toVersion(row);
}

/** Every procedure with the number, status and dates of each of its versions, newest first. */
/** Procedures (all, or the one with this id) with a summary of each of their versions, newest first. */
export async function listProcedures({
  db,
  id,
}: {
  db: DbOrTx;
  id?: string;
}): Promise<(Procedure & { versions: Pick<ProcedureVersion, 'id' | 'version' | 'status' | 'source' | 'publishedAt' | 'updatedAt' | 'retiredAt'>[] })[]> {
  const rows: DbProcedureRow[] = await db<DbProcedureRow>('procedures')
    .modify((q) => void (id && q.where({ id })))
    .orderBy('code');
  const procedures = rows.map(toProcedure);
  const versions = await db('procedure_versions')
    .modify((q) => void (id && q.where({ procedure_id: id })))
    .select('id', 'procedure_id', 'version', 'status', 'source', 'published_at', 'updated_at', 'retired_at')
    .orderBy('version', 'desc');
  return procedures.map((p) => ({
    ...p,
    versions: versions
      .filter((v: { procedure_id: string }) => v.procedure_id === p.id)
      .map((v: DbVersionRow) => ({
        id: v.id,
        version: v.version,
        status: v.status,
        source: v.source,
        publishedAt: v.published_at,
        updatedAt: v.updated_at,
        retiredAt: v.retired_at,
      })),
  }));
}

export async function insertProcedure({ db, procedure }: { db: DbOrTx; procedure: Omit<Procedure, 'id'> }): Promise<Procedure | undefined> {
  const [row] = await db<DbProcedureRow>('procedures')
    .insert({
      code: procedure.code,
      name: procedure.name,
      name_en: procedure.nameEn,
      field: procedure.field,
      catalogue: JSON.stringify(procedure.catalogue) as unknown as Record<string, unknown>,
    })
    .onConflict('code')
    .ignore()
    .returning('*');
  return row && toProcedure(row as DbProcedureRow);
}

export async function listPublished({ db }: { db: DbOrTx }): Promise<{ procedure: Procedure; version: ProcedureVersion }[]> {
  const rows = await db('procedures as p')
    .join('procedure_versions as v', 'v.procedure_id', 'p.id')
    .where('v.status', 'published')
    .orderBy('p.code')
    .select('p.*', db.raw('row_to_json(v.*) as v'));
  return rows.map((r: DbProcedureRow & { v: DbVersionRow }) => ({ procedure: toProcedure(r), version: toVersion(r.v) }));
}

/** How a published procedure matches a search: how many of its words, and how well. */
export interface CatalogueMatch {
  procedureId: string;
  /** the query's words found (all of them when the query, its spaces removed, occurs in the name run together) */
  matched: number;
  score: number;
}

/**
 * The published procedures matching a query's words (folded as `motcua_fold` folds), in PostgreSQL: a word
 * matches where it occurs in the procedure's code, names or result, or nearly occurs (pg_trgm's word similarity,
 * words of four letters or more: a slip of the keyboard), and counts half in its field, agencies or papers.
 */
export async function searchPublished({ db, words }: { db: DbOrTx; words: string[] }): Promise<CatalogueMatch[]> {
  if (!words.length) return [];
  const { rows } = (await db.raw(
    `with docs as (
       select p.id,
         motcua_fold(concat_ws(' ', p.code, p.name, p.name_en, p.catalogue->>'result')) as main,
         motcua_fold(concat_ws(' ', p.field, p.catalogue->>'implementingAgency', p.catalogue->>'competentAgency',
           (select string_agg(x->>'name', ' ') from jsonb_array_elements(
              case when jsonb_typeof(p.catalogue->'documents') = 'array' then p.catalogue->'documents' else '[]'::jsonb end) x))) as more
       from procedures p
       where exists (select 1 from procedure_versions v where v.procedure_id = p.id and v.status = 'published')
     ),
     scored as (
       select d.id, strpos(replace(d.main, ' ', ''), :whole) > 0 as whole,
         case when strpos(d.main, w.word) > 0 then 1.0
              when length(w.word) >= 4 and word_similarity(w.word, d.main) >= 0.5 then word_similarity(w.word, d.main)
              when strpos(d.more, w.word) > 0 then 0.5
              when length(w.word) >= 4 and word_similarity(w.word, d.more) >= 0.5 then 0.5 * word_similarity(w.word, d.more)
              else 0 end as hit
       from docs d cross join unnest(:words::text[]) as w(word)
     )
     select id, case when bool_or(whole) then :n else count(*) filter (where hit > 0) end as matched, sum(hit) as score
     from scored group by id`,
    { words, whole: words.join(''), n: words.length },
  )) as { rows: { id: string; matched: string | number; score: string | number }[] };
  return rows.map((r) => ({ procedureId: r.id, matched: Number(r.matched), score: Number(r.score) }));
}

/** The published procedures whose name is nearest a query that matched none (trigram similarity), nearest first. */
export async function nearestPublished({ db, text, limit }: { db: DbOrTx; text: string; limit: number }): Promise<string[]> {
  const { rows } = (await db.raw(
    `select p.id from procedures p
     where exists (select 1 from procedure_versions v where v.procedure_id = p.id and v.status = 'published')
       and word_similarity(:text, motcua_fold(concat_ws(' ', p.name, p.catalogue->>'result'))) >= 0.3
     order by word_similarity(:text, motcua_fold(concat_ws(' ', p.name, p.catalogue->>'result'))) desc, p.code
     limit :limit`,
    { text, limit },
  )) as { rows: { id: string }[] };
  return rows.map((r) => r.id);
}
