/**
 * Request counters shared by every api process, per limit (login, submission, tracking) and client key.
 */
import type { Db } from '../db/db.ts';
import * as repo from './rate-limits.repository.ts';

export function createRateLimitsService({ db }: { db: Db }) {
  const keyOf = (limit: string, client: string) => `${limit}:${client}`;
  return {
    /** Counts one request of `client` under `limit`. */
    hit: (limit: string, client: string, windowMs: number) => repo.hit({ db, key: keyOf(limit, client), windowMs }),
    current: (limit: string, client: string) => repo.current({ db, key: keyOf(limit, client) }),
    unhit: (limit: string, client: string) => repo.unhit({ db, key: keyOf(limit, client) }),
    reset: (limit: string, client: string) => repo.resetKey({ db, key: keyOf(limit, client) }),
    /** Removes the counters whose window ended (a scheduled job). */
    purgeEnded: () => repo.purgeEnded({ db }),
  };
}

export type RateLimitsService = ReturnType<typeof createRateLimitsService>;
