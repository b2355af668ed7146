/**
 * Fixed-window request counters in PostgreSQL, shared by every api process (one upsert per counted request).
 */
import type { DbOrTx } from '../db/db.ts';

export interface WindowCount {
  hits: number;
  resetAt: Date;
}

/** Counts one request under `key`; a window that has ended starts again at 1. */
export async function hit({ db, key, windowMs }: { db: DbOrTx; key: string; windowMs: number }): Promise<WindowCount> {
  const { rows } = await db.raw(
    `insert into rate_limits as r (key, hits, reset_at) values (?, 1, now() + make_interval(secs => ?))
     on conflict (key) do update set
       hits = case when r.reset_at <= now() then 1 else r.hits + 1 end,
       reset_at = case when r.reset_at <= now() then excluded.reset_at else r.reset_at end
     returning hits, reset_at`,
    [key, windowMs / 1000],
  );
  return { hits: rows[0].hits, resetAt: rows[0].reset_at };
}

/** The current count under `key` (undefined when none or its window ended). */
export async function current({ db, key }: { db: DbOrTx; key: string }): Promise<WindowCount | undefined> {
  const row = await db('rate_limits').where({ key }).andWhere('reset_at', '>', db.fn.now()).first('hits', 'reset_at');
  return row ? { hits: row.hits, resetAt: row.reset_at } : undefined;
}

/** Takes back one counted request (express-rate-limit's skipSuccessfulRequests and the like). */
export async function unhit({ db, key }: { db: DbOrTx; key: string }): Promise<void> {
  await db('rate_limits').where({ key }).andWhere('hits', '>', 0).decrement('hits', 1);
}

export async function resetKey({ db, key }: { db: DbOrTx; key: string }): Promise<void> {
  await db('rate_limits').where({ key }).delete();
}

/** Removes the counters whose window ended. @returns how many */
export async function purgeEnded({ db }: { db: DbOrTx }): Promise<number> {
  return db('rate_limits').where('reset_at', '<=', db.fn.now()).delete();
}
