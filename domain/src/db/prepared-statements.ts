/**
 * Statements a process runs again and again are prepared on each connection, as the engine's JDBC driver does
 * with its own (pgjdbc: a statement is prepared on the server from its fifth execution, at most 256 per
 * connection). PostgreSQL then parses and analyses such a statement once per connection, and plans it once
 * when a generic plan costs no more than the ones it made for the first executions. Profiled under the bench
 * (`perf` on the platform database's backends, issue 17), parsing, analysis and planning of statements sent
 * unnamed took about a quarter of their CPU, more than executing them.
 *
 * What is left unnamed: a statement without parameters (the simple protocol, several commands in one text),
 * a long one (a report's query, whose best plan depends on its parameters), one with many parameters (a long
 * `in (...)` list: its text changes with the list's length), and any once 256 are prepared.
 *
 * A statement prepared before a migration changed its table may fail on that connection for good ("cached plan
 * must not change result type"): the connection is then dropped from the pool, and the statement is prepared
 * anew on the next one. Behind a pooler in transaction mode that does not keep prepared statements, turn this
 * off (DB_PREPARED_STATEMENTS=false).
 */
import { createHash } from 'node:crypto';
import type { Knex } from 'knex';

/** as pgjdbc: prepared from the fifth execution, at most 256; longer texts and more parameters stay unnamed */
const LIMITS = { threshold: 5, max: 256, maxLength: 2000, maxParameters: 32 };

/** texts counted before they are prepared; the count starts again when this many are waiting */
const COUNTED_MAX = 5000;

interface QueryObject {
  sql: string;
  bindings?: readonly unknown[];
  options?: Record<string, unknown>;
}

interface KnexPgClient {
  _query(connection: { __knex__disposed?: unknown }, obj: QueryObject): Promise<unknown>;
}

/** Errors a prepared statement gives on a connection where it can no longer serve. */
function isStale(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    (e.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '')) ||
    e.code === '26000' || // the server lost it (a pooler, DISCARD ALL)
    e.code === '42P05' // the server has it and the client did not know
  );
}

/** Makes the knex instance name its repeated statements (node-postgres then prepares them once per connection). */
export function prepareRepeatedStatements(db: Knex): void {
  const counted = new Map<string, number>();
  const names = new Map<string, string>();

  function nameOf(obj: QueryObject): string | undefined {
    const n = obj.bindings?.length ?? 0;
    if (!n || n > LIMITS.maxParameters || obj.sql.length > LIMITS.maxLength || obj.options?.name) return undefined;
    const known = names.get(obj.sql);
    if (known || names.size >= LIMITS.max) return known;
    const seen = (counted.get(obj.sql) ?? 0) + 1;
    if (seen < LIMITS.threshold) {
      if (counted.size >= COUNTED_MAX) counted.clear();
      counted.set(obj.sql, seen);
      return undefined;
    }
    counted.delete(obj.sql);
    const name = `motcua_${createHash('sha1').update(obj.sql).digest('hex').slice(0, 32)}`;
    names.set(obj.sql, name);
    return name;
  }

  const client = db.client as unknown as KnexPgClient;
  const query = client._query.bind(client);
  client._query = async (connection, obj) => {
    const name = nameOf(obj);
    if (!name) return query(connection, obj);
    obj.options = { ...obj.options, name };
    try {
      return await query(connection, obj);
    } catch (err) {
      // the pool drops the connection when it is given back (knex's own mark of a broken connection)
      if (isStale(err)) connection.__knex__disposed = err;
      throw err;
    }
  };
}
