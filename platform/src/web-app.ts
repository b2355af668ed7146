/**
 * The web app (modeler-ui/) built with Vite into modeler-ui/dist, which the api serves. Built when missing
 * or older than its sources, by `npm start`, the browser tests and the benches alike.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '@motcua/domain/config/config.ts';

export const webAppDir = path.join(repoRoot, 'modeler-ui');
export const webAppDist = path.join(webAppDir, 'dist');

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** The sources the app is built from: its own, and the pure domain rules it imports. */
function sourcesMtime(): number {
  const files = ['index.html', 'vite.config.ts', 'package.json'].map((f) => fs.statSync(path.join(webAppDir, f)).mtimeMs);
  return Math.max(newest(path.join(webAppDir, 'src')), ...files);
}

export function buildWebApp(log: (line: string) => void = () => {}): string {
  const index = path.join(webAppDist, 'index.html');
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sourcesMtime()) return webAppDist;
  log('building the web app (modeler-ui) with Vite...');
  const vite = path.join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: webAppDir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !fs.existsSync(index)) throw new Error('the web app build failed (vite build in modeler-ui/)');
  return webAppDist;
}
