/** `npm start` keeps its parts running: a child that dies is started again, with a pause that grows. */
import { spawn, type ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { supervise } from '../../platform/src/child-processes.ts';
import { eventually } from '../support/http.ts';

describe('the supervisor of npm start', function () {
  it('starts a child killed with SIGKILL again, and stops it for good on stop()', async () => {
    const started: ChildProcess[] = [];
    const lines: string[] = [];
    const s = supervise({
      name: 'worker',
      log: (l) => lines.push(l),
      firstDelayMs: 50,
      start: () => {
        const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
        started.push(c);
        return c;
      },
    });
    await eventually(async () => started.length === 1 && started[0]!.pid !== undefined, 'the first child');
    started[0]!.kill('SIGKILL');
    await eventually(async () => started.length === 2, 'the child started again', 5000, 20);
    expect(started[1]!.pid).to.not.equal(started[0]!.pid);
    expect(s.restarts()).to.equal(1);
    expect(lines.join('\n')).to.match(/worker exited \(SIGKILL\); starting it again in 0.05 s/);
    await s.stop();
    expect(started[1]!.exitCode !== null || started[1]!.signalCode !== null).to.equal(true);
    await new Promise((r) => setTimeout(r, 200));
    expect(started.length, 'nothing starts after stop').to.equal(2);
  });

  it('waits twice as long after each crash in a row', async () => {
    const started: number[] = [];
    const exited: number[] = [];
    const lines: string[] = [];
    const s = supervise({
      name: 'api',
      log: (l) => lines.push(l),
      firstDelayMs: 100,
      start: () => {
        started.push(Date.now());
        const c = spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
        c.once('exit', () => exited.push(Date.now()));
        return c;
      },
    });
    await eventually(async () => started.length >= 4, 'four starts', 10_000, 20);
    await s.stop();
    expect(lines.slice(0, 3).map((l) => l.replace(/^.*again in /, ''))).to.deep.equal(['0.1 s', '0.2 s', '0.4 s']);
    // the pause from an exit to the next start, not start to start: a child's own life varies with the load
    const pauses = [0, 1, 2].map((i) => started[i + 1]! - exited[i]!);
    expect(pauses[0]!).to.be.within(90, 100 + 250);
    expect(pauses[1]!).to.be.within(190, 200 + 250);
    expect(pauses[2]!).to.be.within(390, 400 + 250);
  });
});
