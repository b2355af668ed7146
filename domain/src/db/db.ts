/** The application database: one knex instance per process, migrations from /migrations. */
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import pg from 'pg';
import { repoRoot } from '../config/config.ts';
import { installJobQueue } from '../jobs/job-queue.ts';
import { prepareRepeatedStatements } from './prepared-statements.ts';
import { migrations, type Migration } from '../../../migrations/index.ts';

export type Db = Knex;
export type Tx = Knex.Transaction;
/** Repository functions take either, so that they compose inside a caller's transaction. */
export type DbOrTx = Knex | Knex.Transaction;

// bigint counts come back as strings by default; everything we count fits in a JS number
pg.types.setTypeParser(pg.types.builtins.INT8, (v: string) => Number(v));
// dates (no time) stay ISO strings: a calendar date has no time zone
pg.types.setTypeParser(pg.types.builtins.DATE, (v: string) => v);

export function createDb(connectionString: string, poolMax = 10, preparedStatements = true): Db {
  const db = knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: 'motcua' },
    pool: { min: 0, max: poolMax },
  });
  if (preparedStatements) prepareRepeatedStatements(db);
  return db;
}

export const migrationsDir = path.join(repoRoot, 'migrations');

/** The migrations from their static list (migrations/index.ts), named as knex has always recorded them. */
const migrationSource: Knex.MigrationSource<[string, Migration]> = {
  getMigrations: async () => migrations,
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};

/** The connection string a knex instance was created with. */
export function connectionStringOf(db: Db): string {
  return (db.client.config.connection as { connectionString: string }).connectionString;
}

/**
 * Brings the schema to the newest migration, and the job queue's schema with it. Safe to run from several
 * processes at once (both lock).
 */
export async function migrateLatest(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource })) as [number, string[]];
  await installJobQueue(connectionStringOf(db));
  return applied;
}
