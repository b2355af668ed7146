/** pino everywhere: one root logger per process, one child per module, structured fields. */
import { pino, type Logger } from 'pino';

export type { Logger };

let root: Logger | undefined;

/** The process's root logger; `name` is the process role (api, worker, platform). Logs go to stdout or a file. */
export function createRootLogger(name: string, level: string, file?: string): Logger {
  const options = {
    name,
    level,
    base: { pid: process.pid },
    redact: { paths: ['password', '*.password', 'req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'], censor: '[redacted]' },
  };
  root = file ? pino(options, pino.destination({ dest: file, mkdir: true, sync: false })) : pino(options);
  return root;
}

function currentRoot(): Logger {
  root ??= pino({ level: 'warn' });
  return root;
}

/**
 * A module's logger. Modules create theirs at import, before the process has made its root logger, so this
 * is a handle that follows whatever root is current when it logs.
 */
export function moduleLogger(module: string): Logger {
  let parent: Logger | undefined;
  let child: Logger | undefined;
  const current = () => {
    const r = currentRoot();
    if (r !== parent) {
      parent = r;
      child = r.child({ module });
    }
    return child!;
  };
  return new Proxy({} as Logger, {
    get(_target, prop) {
      const l = current();
      const v = (l as unknown as Record<string | symbol, unknown>)[prop];
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(l) : v;
    },
  });
}
