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
    const at: number[] = [];
    const s = supervise({
      name: 'api',
      log: () => {},
      firstDelayMs: 100,
      start: () => {
        at.push(Date.now());
        return spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
      },
    });
    await eventually(async () => at.length >= 4, 'four starts', 10_000, 20);
    await s.stop();
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    // 100, 200, 400 ms of pause (plus the child's own life)
    expect(gaps[1]!).to.be.greaterThan(gaps[0]! + 50);
    expect(gaps[2]!).to.be.greaterThan(gaps[1]! + 100);
  });
});
