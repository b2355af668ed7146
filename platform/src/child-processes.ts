/** Child processes of `npm start`, the tests and the bench. */
import type { ChildProcess } from 'node:child_process';

/** Last resort when the parent dies without its orderly stop (an uncaught error): no orphaned children. */
export function killOnExit(child: ChildProcess): void {
  const kill = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  child.once('exit', () => process.removeListener('exit', kill));
}

export interface Supervisor {
  /** how many times the child was started again */
  restarts(): number;
  /** stops supervising and the child (SIGTERM, then SIGKILL) */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  name: string;
  /** starts the child; resolves once it runs (an engine: once it answers) */
  start: () => Promise<ChildProcess> | ChildProcess;
  log: (line: string) => void;
  /** first pause before a restart; it doubles with each crash in a row, up to `maxDelayMs` */
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** a child that ran this long counts as healthy again: the next crash waits `firstDelayMs` */
  healthyAfterMs?: number;
}

/**
 * Keeps a child process running: one that exits (a crash, an out-of-memory kill) is started again after a
 * pause that doubles with each crash in a row, so one dead worker no longer stops the whole platform.
 */
export function supervise(o: SuperviseOptions): Supervisor {
  const first = o.firstDelayMs ?? 1000;
  const max = o.maxDelayMs ?? 30_000;
  const healthyAfter = o.healthyAfterMs ?? 60_000;
  let child: ChildProcess | undefined;
  let stopped = false;
  let restarts = 0;
  let delay = first;
  let timer: NodeJS.Timeout | undefined;

  const launch = async (): Promise<void> => {
    if (stopped) return;
    let started: ChildProcess;
    try {
      started = await o.start();
    } catch (e) {
      o.log(`${o.name} did not start: ${(e as Error).message}; trying again in ${delay / 1000} s`);
      schedule();
      return;
    }
    child = started;
    const since = Date.now();
    started.once('exit', (code, signal) => {
      if (stopped) return;
      if (Date.now() - since >= healthyAfter) delay = first;
      o.log(`${o.name} exited (${signal ?? `code ${code}`}); starting it again in ${delay / 1000} s`);
      schedule();
    });
  };
  const schedule = () => {
    timer = setTimeout(() => {
      restarts++;
      void launch();
    }, delay);
    delay = Math.min(delay * 2, max);
  };

  const ready = launch();
  return {
    restarts: () => restarts,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await ready;
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve());
        c.kill('SIGTERM');
        setTimeout(() => c.kill('SIGKILL'), 25_000).unref();
      });
    },
  };
}
