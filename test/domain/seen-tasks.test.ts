/**
 * The free tasks an officer was just shown (seen-tasks.ts): a claim trusts them only for a short time, once,
 * for the same candidate group, and never for a task somebody held when it was listed.
 */
import { expect } from 'chai';
import { createSeenTasks } from '@motcua/domain/tasks/seen-tasks.ts';
import type { Task } from '@motcua/domain/engine/engine-types.ts';

const task = (id: string, assignee: string | null = null) => ({ id, assignee, processInstanceId: 'pi', taskDefinitionKey: 'reception' }) as unknown as Task;

describe('the tasks an officer was just shown', () => {
  let t = 0;
  const now = () => t;
  beforeEach(() => (t = 1_000_000));

  it('gives a listed free task back once, to the same candidate group, within the time kept', () => {
    const seen = createSeenTasks({ keepMs: 30_000, now });
    seen.remember('reception:u1', [task('a'), task('b'), task('c')]);
    expect(seen.take('reviewer:u1', 'a'), 'another group').to.equal(undefined);
    expect(seen.take('reception:u1', 'a')?.id).to.equal('a');
    expect(seen.take('reception:u1', 'a'), 'used once').to.equal(undefined);
    t += 30_000;
    expect(seen.take('reception:u1', 'b')?.id).to.equal('b');
    t += 1;
    expect(seen.take('reception:u1', 'c'), 'kept too long').to.equal(undefined);
  });

  it('keeps no task somebody held, and forgets a free one listed later as held', () => {
    const seen = createSeenTasks({ now });
    seen.remember('reception:u1', [task('a', 'officer-1'), task('b')]);
    expect(seen.take('reception:u1', 'a')).to.equal(undefined);
    seen.remember('reception:u1', [task('b', 'officer-2')]);
    expect(seen.take('reception:u1', 'b')).to.equal(undefined);
  });

  it('keeps at most so many, the oldest going first', () => {
    const seen = createSeenTasks({ max: 2, now });
    seen.remember('g', [task('a'), task('b')]);
    seen.remember('g', [task('c')]);
    expect(seen.take('g', 'a')).to.equal(undefined);
    expect(seen.take('g', 'b')?.id).to.equal('b');
    expect(seen.take('g', 'c')?.id).to.equal('c');
  });
});
