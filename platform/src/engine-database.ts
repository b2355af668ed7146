/**
 * One guarantee motcua adds to the engine's own schema: at most one running process instance per business
 * key (a dossier has one process). A start sent again after an unknown outcome (a timeout while the engine
 * still works on the first, a node dying mid-request) can then never make a second instance: PostgreSQL
 * refuses it, the engine rolls the start back, and the outbox finds the first instance by its business key.
 * Made after the engine created its schema; safe to run from several processes and again.
 */
import pg from 'pg';

const INDEX = 'motcua_one_instance_per_business_key';

/** @returns false when running duplicates already exist (the index is then not made; they are logged) */
export async function ensureOneInstancePerBusinessKey(engineDatabaseUrl: string, log: (line: string) => void): Promise<boolean> {
  const client = new pg.Client({ connectionString: engineDatabaseUrl, application_name: 'motcua setup' });
  await client.connect();
  try {
    await client.query(
      `create unique index if not exists ${INDEX} on act_ru_execution (business_key_) where id_ = proc_inst_id_ and business_key_ is not null`,
    );
    return true;
  } catch (e) {
    const code = (e as { code?: string }).code;
    // another process made it at the same moment
    if (code === '42P07') return true;
    if (code === '23505') {
      const { rows } = await client.query(
        `select business_key_, count(*)::int as n from act_ru_execution where id_ = proc_inst_id_ and business_key_ is not null group by business_key_ having count(*) > 1 limit 20`,
      );
      log(
        `running process instances share a business key (${rows.map((r: { business_key_: string; n: number }) => `${r.business_key_} ×${r.n}`).join(', ')}): the one-instance guarantee is not in place until they are resolved`,
      );
      return false;
    }
    throw e;
  } finally {
    await client.end();
  }
}
