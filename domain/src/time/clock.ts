/**
 * The platform's "now", for every rule that reads the time: deadlines planned from it, a step's SLA state
 * (on time, nearly late, late), the moment a decision, a supplement or a stop is recorded.
 *
 * Production reads the system clock. A test moves its own clock past a deadline and fires the engine's timer
 * job itself (`EngineClient.executeJob`) instead of waiting for the wall clock: the way Camunda's own tests
 * set `ClockUtil` and execute jobs.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that runs with the system clock, shifted by what a test moved it. */
export class ShiftedClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** moves the clock forward (or back) by `ms` */
  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** moves the clock to `at` (it runs on from there) */
  setTo(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }

  /** back to the system clock */
  reset(): void {
    this.offsetMs = 0;
  }
}
