/**
 * Work started after an answer, carried out `concurrency` at a time in the order it came; `settle` waits for
 * all of it (a process stopping, a test ending). Held in memory only: what must not be lost is written down
 * before it is queued here (the engine-command outbox), and found again by the relay if the process stops.
 */
export function boundedQueue(concurrency: number) {
  const waiting: (() => Promise<unknown>)[] = [];
  const running = new Set<Promise<unknown>>();
  function pump(): void {
    while (running.size < concurrency && waiting.length) {
      const run: Promise<unknown> = waiting.shift()!()
        .catch(() => undefined)
        .finally(() => {
          running.delete(run);
          pump();
        });
      running.add(run);
    }
  }
  return {
    /** queues `work` (which handles its own errors: one thrown here is dropped) */
    push(work: () => Promise<unknown>): void {
      waiting.push(work);
      pump();
    },
    async settle(): Promise<void> {
      while (running.size || waiting.length) await Promise.allSettled([...running]);
    },
  };
}
