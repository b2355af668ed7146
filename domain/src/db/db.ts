/** The application database: one knex instance per process, migrations from /migrations. */
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { repoRoot } from '../config/config.ts';

export type Db = Knex;
export type Tx = Knex.Transaction;
/** Repository functions take either, so that they compose inside a caller's transaction. */
export type DbOrTx = Knex | Knex.Transaction;

// bigint counts come back as strings by default; everything we count fits in a JS number
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
// dates (no time) stay ISO strings: a calendar date has no time zone
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export function createDb(connectionString: string, poolMax = 10): Db {
  return knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: 'motcua' },
    pool: { min: 0, max: poolMax },
  });
}

export const migrationsDir = path.join(repoRoot, 'migrations');

/** Brings the schema to the newest migration. Safe to run from several processes at once (knex locks). */
export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ directory: migrationsDir, loadExtensions: ['.ts'] })) as [number, string[]];
  return applied;
}
