/**
 * Rate limits counted in PostgreSQL (express-rate-limit with a store of ours), so that every api process
 * behind a balancer counts the same client's requests together. The client is its address as the trusted
 * proxies report it (`TRUST_PROXY`), or what `keyGenerator` says.
 */
import type { Request, RequestHandler } from 'express';
import { rateLimit, type ClientRateLimitInfo, type IncrementResponse, type Options, type Store } from 'express-rate-limit';
import type { Message } from '@motcua/domain/errors/errors.ts';
import type { RateLimitsService } from '@motcua/domain/rate-limits/rate-limits.service.ts';
import { sendProblem } from './problems.ts';

class PostgresStore implements Store {
  private windowMs = 60_000;
  /** counters are shared: not this process's alone */
  readonly localKeys = false;
  private readonly counters: RateLimitsService;
  readonly prefix: string;
  constructor(counters: RateLimitsService, prefix: string) {
    this.counters = counters;
    this.prefix = prefix;
  }
  init(options: Options): void {
    this.windowMs = options.windowMs;
  }
  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const c = await this.counters.current(this.prefix, key);
    return c && { totalHits: c.hits, resetTime: c.resetAt };
  }
  async increment(key: string): Promise<IncrementResponse> {
    const c = await this.counters.hit(this.prefix, key, this.windowMs);
    return { totalHits: c.hits, resetTime: c.resetAt };
  }
  async decrement(key: string): Promise<void> {
    await this.counters.unhit(this.prefix, key);
  }
  async resetKey(key: string): Promise<void> {
    await this.counters.reset(this.prefix, key);
  }
}

export interface LimitOptions {
  /** the limit's name, the prefix of its counters */
  name: string;
  windowMs: number;
  limit: number;
  /** default: the client's address */
  keyGenerator?: (req: Request) => string;
  /** count only the requests that failed (wrong codes, not the right ones) */
  skipSuccessfulRequests?: boolean;
  /** the problem answered over the limit */
  code: string;
  message: Message;
}

export function sharedRateLimit(counters: RateLimitsService, o: LimitOptions): RequestHandler {
  return rateLimit({
    windowMs: o.windowMs,
    limit: o.limit,
    store: new PostgresStore(counters, o.name),
    ...(o.keyGenerator ? { keyGenerator: o.keyGenerator } : {}),
    ...(o.skipSuccessfulRequests ? { skipSuccessfulRequests: true } : {}),
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    // a counter the database cannot reach lets the request through rather than lock everyone out
    passOnStoreError: true,
    handler: (_req, res) => sendProblem(res, 429, o.code, o.message),
  });
}
