/** pino everywhere: one root logger per process, one child per module, structured fields. */
import { pino, type Logger } from 'pino';

export type { Logger };

let root: Logger | undefined;

/** The process's root logger; `name` is the process role (api, worker, platform). */
export function createRootLogger(name: string, level: string): Logger {
  root = pino({
    name,
    level,
    base: { pid: process.pid },
    redact: { paths: ['password', '*.password', 'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  });
  return root;
}

/** A module's logger. Before a root exists (tests, scripts) a quiet default is created. */
export function moduleLogger(module: string): Logger {
  root ??= pino({ level: process.env.LOG_LEVEL ?? 'warn' });
  return root.child({ module });
}
