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
