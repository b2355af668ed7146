/** Small things the benchmarks need: a free port, an api's readiness, a bounded pool of async work, a pause, a line out, a browser. */
import net from 'node:net';
import { chromium, type Browser } from 'playwright-core';

export const say = (s: string) => process.stdout.write(`${s}\n`);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Waits until the api at `base` answers its health check (at most a minute). */
export async function untilHealthy(base: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if (
      await fetch(`${base}/api/health`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      return;
    await sleep(500);
  }
}

/** Runs `task` for 0..n-1 with at most `limit` at once. */
export async function pool(n: number, limit: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, n) }, async () => {
      while (next < n) await task(next++);
    }),
  );
}

/** Runs `task` n times, started at a steady rate (an open load: each start waits for its time, not for the one before). */
export async function paced(n: number, perS: number, task: (i: number) => Promise<void>): Promise<void> {
  const started = performance.now();
  const runs: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const wait = started + (i * 1000) / perS - performance.now();
    if (wait > 0) await sleep(wait);
    runs.push(task(i));
  }
  await Promise.all(runs);
}

/** Debian's Chromium, headless, with nothing reaching beyond this machine. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  });
}
