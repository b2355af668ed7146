/**
 * A city's past in both databases: the finished dossiers of a bench run copied until `target` dossiers are
 * stored, each copy with its own ids, code and reference, in every table of the application that holds a
 * dossier's rows, and with its own process instance in every history table of the engine (activities,
 * variables and their bytes, tasks, jobs, external tasks, identity links, operations), its times moved into
 * the past. What the engine would keep under its history time-to-live (ten years for the seeded procedures,
 * so all of it) is there, as production would carry it. A copy is written again as it was (on conflict do
 * nothing), so a run stopped half-way (the two databases commit apart) is completed by the next.
 */
import type { Knex } from 'knex';

/** application tables with a dossier's rows, parents before children; the rest are not per dossier */
const APP_TABLES = [
  'dossiers',
  'dossier_events',
  'dossier_attachments',
  'dossier_documents',
  'dossier_sla_flags',
  'dossier_step_units',
  'dossier_payments',
  'dossier_ratings',
  'result_deliveries',
  'engine_commands',
  'notifications',
  'notification_deliveries',
  'notification_delivery_attempts',
];
/** uuid columns naming a copied row: mapped to the copy's id the same way everywhere */
const APP_COPIED_IDS = new Set(['id', 'dossier_id', 'notification_id', 'delivery_id']);

/** engine columns that name something of the instance (copied with it); the others (definitions, users) are shared */
const ENGINE_INSTANCE_IDS = new Set([
  'id_',
  'parent_act_inst_id_',
  'root_proc_inst_id_',
  'proc_inst_id_',
  'process_instance_id_',
  'execution_id_',
  'task_id_',
  'parent_task_id_',
  'call_proc_inst_id_',
  'act_inst_id_',
  'var_inst_id_',
  'bytearray_id_',
  'ext_task_id_',
  'external_task_id_',
  'error_details_id_',
  'job_id_',
  'job_exception_stack_id_',
  'operation_id_',
  'super_process_instance_id_',
  'cause_incident_id_',
  'root_cause_incident_id_',
  'content_id_',
]);
/** engine tables with a process instance's history, and the column that ties a row to its root instance */
const ENGINE_TABLES: [string, string][] = [
  ['act_hi_procinst', 'id_'],
  ['act_hi_actinst', 'root_proc_inst_id_'],
  ['act_hi_taskinst', 'root_proc_inst_id_'],
  ['act_hi_varinst', 'root_proc_inst_id_'],
  ['act_hi_detail', 'root_proc_inst_id_'],
  ['act_hi_identitylink', 'root_proc_inst_id_'],
  ['act_hi_job_log', 'root_proc_inst_id_'],
  ['act_hi_ext_task_log', 'root_proc_inst_id_'],
  ['act_hi_op_log', 'root_proc_inst_id_'],
  ['act_hi_incident', 'root_proc_inst_id_'],
  ['act_hi_comment', 'root_proc_inst_id_'],
  ['act_ge_bytearray', 'root_proc_inst_id_'],
];

interface Column {
  name: string;
  type: string;
  serial: boolean;
}

async function columnsOf(db: Knex, table: string): Promise<Column[]> {
  const rows = (
    await db.raw(
      `select column_name as name, data_type as type, coalesce(column_default like 'nextval%', false) as serial
       from information_schema.columns where table_schema = current_schema() and table_name = ? order by ordinal_position`,
      [table],
    )
  ).rows as Column[];
  return rows;
}

/** The id of copy `i` of a row: the same everywhere the row is named. */
const copiedUuid = (col: string) => `md5(${col}::text || '-c' || g.i)::uuid`; // (null stays null)

/**
 * Copies the finished dossiers already stored (both databases) until `target` dossiers are stored.
 * @returns how many dossiers were added
 */
export async function storeFinishedDossiers(opts: {
  app: Knex;
  engine: Knex;
  target: number;
  /** how many of them keep their history in the engine (the newest: the older ones as cleaned by a history time-to-live) */
  withHistory: number;
  say: (line: string) => void;
}): Promise<number> {
  const { app, engine, target, withHistory, say } = opts;
  const have = Number((await app('dossiers').count({ n: '*' }).first())!.n);
  if (have >= target) return 0;
  // the dossiers run, not earlier copies (a copy's instance id is an md5, an engine's a UUID)
  const templates = await app('dossiers')
    .whereIn('status', [9, 10])
    .where('process_instance_id', 'like', '%-%')
    .whereNotNull('code')
    .orderBy('submitted_at')
    .limit(500)
    .select('id', 'process_instance_id');
  if (!templates.length) throw new Error('no finished dossier to copy: run the bench once first');
  const T = templates.length;
  // copies already made by an earlier call (from the same dossiers run) are kept; the next ones follow them
  const copied = Number((await app('dossiers').whereNot('process_instance_id', 'like', '%-%').count({ n: '*' }).first())!.n);
  const first = Math.floor(copied / T) + 1;
  const copies = Math.floor(copied / T) + Math.ceil((target - have) / T);
  const started = Date.now();
  // (a table of its own, not a temporary one: the pool's next query may come on another connection)
  await app.raw('drop table if exists bench_templates; create table bench_templates (id uuid primary key, rank int not null)');
  await app('bench_templates').insert(templates.map((t, k) => ({ id: t.id, rank: k })));
  await engine.raw('drop table if exists bench_templates; create table bench_templates (id text primary key, rank int not null)');
  await engine('bench_templates').insert(templates.map((t, k) => ({ id: t.process_instance_id, rank: k })));

  const appColumns = new Map<string, Column[]>();
  for (const table of APP_TABLES) appColumns.set(table, await columnsOf(app, table));
  const engineColumns = new Map<string, Column[]>();
  for (const [table] of ENGINE_TABLES) engineColumns.set(table, await columnsOf(engine, table));

  // a copy's place among all copies, behind its code and reference: n = (i - 1) * T + rank
  const appValue = (table: string, c: Column): string => {
    const col = `s.${c.name}`;
    if (table === 'dossiers') {
      if (c.name === 'code')
        return `split_part(${col}, '-', 1) || '-' || to_char(current_date - 1 - ((g.i - 1) * ${T} + t.rank) / 9000, 'YYMMDD') || '-' || lpad((((g.i - 1) * ${T} + t.rank) % 9000 + 1)::text, 4, '0')`;
      if (c.name === 'reference')
        return `'TN' || to_char(current_date - 1 - ((g.i - 1) * ${T} + t.rank) / 9000, 'YYMMDD') || '-' || upper(lpad(to_hex((g.i - 1) * ${T} + t.rank), 8, '0'))`;
      if (c.name === 'process_instance_id') return `md5(${col} || '-c' || g.i)`;
      if (c.name === 'idempotency_key') return 'null';
    }
    if (c.name === 'dedupe_key' || c.name === 'receipt_no') return `${col} || '-c' || g.i`;
    // the engine task a command or a decision names is the copy's task, as the engine's copy names it
    if ((table === 'engine_commands' && c.name === 'payload') || (table === 'dossier_events' && c.name === 'data'))
      return `case when jsonb_exists(${col}, 'taskId') then jsonb_set(${col}, '{taskId}', to_jsonb(md5((${col}->>'taskId') || '-c' || g.i))) else ${col} end`;
    if (c.type === 'uuid' && APP_COPIED_IDS.has(c.name)) return copiedUuid(col);
    // spread evenly, 9,000 a day (an integer division stacked each day's copies onto the templates' few minutes)
    if (c.type === 'timestamp with time zone') return `${col} - ((g.i - 1) * ${T} + t.rank) * interval '1 day' / 9000`;
    return col;
  };
  const engineValue = (c: Column): string => {
    // (md5: an activity instance's id is already long, a suffix would not fit its 64 characters)
    if (ENGINE_INSTANCE_IDS.has(c.name)) return `md5(${c.name} || '-c' || g.i)`;
    if (c.name === 'business_key_') return `case when business_key_ is null then null else ${copiedUuid('business_key_')}::text end`;
    // moved back as the copy's rows in the platform's database are: a city's 9,000 dossiers a day
    if (c.type.startsWith('timestamp')) return `${c.name} - ((g.i - 1) * ${T} + t.rank) * interval '1 day' / 9000`;
    return c.name;
  };

  const BATCH = Math.max(1, Math.floor(20_000 / T));
  for (let from = first; from <= copies; from += BATCH) {
    const to = Math.min(copies, from + BATCH - 1);
    // the first copies are the newest (their times moved back least): they keep their history
    const historyTo = Math.min(to, Math.ceil(withHistory / T));
    if (from <= historyTo)
      await engine.transaction(async (tx) => {
        for (const [table, root] of ENGINE_TABLES) {
          const cols = engineColumns.get(table)!;
          await tx.raw(
            `insert into ${table} (${cols.map((c) => c.name).join(', ')})
           select ${cols.map((c) => engineValue(c)).join(', ')}
           from ${table} join bench_templates t on t.id = ${table}.${root} cross join generate_series(?::int, ?::int) as g(i)
           on conflict do nothing`,
            [from, historyTo],
          );
        }
      });
    await app.transaction(async (tx) => {
      for (const table of APP_TABLES) {
        const cols = appColumns.get(table)!.filter((c) => !c.serial);
        const key = table === 'dossiers' ? 'id' : 'dossier_id';
        await tx.raw(
          `insert into ${table} (${cols.map((c) => c.name).join(', ')})
           select ${cols.map((c) => appValue(table, c)).join(', ')}
           from ${table} s join bench_templates t on t.id = s.${key} cross join generate_series(?::int, ?::int) as g(i)
           on conflict do nothing`,
          [from, to],
        );
      }
    });
    say(`  ${(have + (to - first + 1) * T).toLocaleString('en')} dossiers stored (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
  await app.raw('drop table bench_templates');
  await engine.raw('drop table bench_templates');
  for (const table of APP_TABLES) await app.raw(`analyze ${table}`);
  for (const [table] of ENGINE_TABLES) await engine.raw(`analyze ${table}`);
  return (copies - first + 1) * T;
}
