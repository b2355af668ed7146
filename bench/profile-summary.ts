/**
 * Where a Node process's CPU went, from the `.cpuprofile` files `--cpu-prof` writes (BENCH_NODE_ARGS of the
 * e2e bench): time per area of work (a sample counts for the first area found walking its stack from the leaf
 * up), and the functions with the most time of their own.
 *   tsx bench/profile-summary.ts <dir or files> [--per <n>] [--ours <n>]
 * (--per: divide by n, e.g. dossiers, to print ms each; --ours: how many of our functions to list by inclusive time)
 */
import fs from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Areas of work, tried from the sample's own frame outwards; the first whose test matches a frame wins. */
const AREAS: [string, (url: string, fn: string) => boolean][] = [
  ['gc', (_u, f) => f === '(garbage collector)'],
  ['pdf fonts (fontkit)', (u) => u.includes('fontkit')],
  ['pdf rendering (pdfkit)', (u) => u.includes('/pdfkit/')],
  ['pdf signing (signpdf, forge, pkijs)', (u) => /signpdf|node-forge|pkijs|asn1js/.test(u)],
  ['zlib / crypto', (_u, f) => /deflate|inflate|createHash|digest|update/.test(f) && _u.startsWith('node:')],
  ['logging (pino)', (u) => u.includes('/pino')],
  ['validation (ajv)', (u) => u.includes('/ajv/')],
  ['sql builder (knex)', (u) => u.includes('/knex/')],
  ['postgres driver (pg)', (u) => /\/pg(-protocol|-types)?\//.test(u)],
  ['engine client (camunda-external-task-client)', (u) => u.includes('camunda-external-task-client')],
  ['http client (undici, fetch)', (u) => u.includes('undici') || u.includes('node:internal/deps/undici')],
  ['http server (express, body parsing, multer)', (u) => /\/(express|router|body-parser|multer|busboy|raw-body|compression|helmet)\//.test(u)],
  ['tsx loader', (u) => u.includes('/tsx/')],
  ['our code', (u) => /\/(api|domain|engine-workers)\/src\//.test(u)],
  ['json', (_u, f) => f === 'parse' || f === 'stringify'],
  ['node internals', (u) => u.startsWith('node:')],
  ['(program, idle)', (_u, f) => f === '(program)' || f === '(idle)' || f === '(root)'],
];

function summarise(file: string) {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const area = new Map<string, number>();
  const self = new Map<string, number>();
  /** time under each of our functions (inclusive: everything it called), to see which request or handler costs */
  const ours = new Map<string, number>();
  let total = 0;
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0;
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)') return;
    total += us;
    const key = `${leaf.callFrame.functionName || '(anonymous)'} ${leaf.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(api|domain|engine-workers)\//, '$1/')}:${leaf.callFrame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + us);
    let name = 'other';
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const hit = AREAS.find(([, test]) => test(n!.callFrame.url, n!.callFrame.functionName));
      if (hit && hit[0] !== 'node internals' && hit[0] !== 'json') {
        name = hit[0];
        break;
      }
      if (hit && name === 'other') name = hit[0];
    }
    area.set(name, (area.get(name) ?? 0) + us);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const m = /\/(api|domain|engine-workers)\/src\/(.*)$/.exec(n.callFrame.url);
      if (!m) continue;
      const k = `${n.callFrame.functionName || '(anonymous)'} ${m[1]}/${m[2]}:${n.callFrame.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      ours.set(k, (ours.get(k) ?? 0) + us);
    }
  });
  return { total, area, self, ours };
}

const args = process.argv.slice(2);
const perAt = args.indexOf('--per');
const per = perAt >= 0 ? Number(args.splice(perAt, 2)[1]) : 1;
const oursAt = args.indexOf('--ours');
const OURS = oursAt >= 0 ? Number(args.splice(oursAt, 2)[1]) : 25;
const files = args
  .flatMap((a) => (fs.statSync(a).isDirectory() ? fs.readdirSync(a).map((f) => path.join(a, f)) : [a]))
  .filter((f) => f.endsWith('.cpuprofile'));
const unit = per === 1 ? 'ms' : 'ms each';
for (const file of files) {
  const { total, area, self, ours } = summarise(file);
  console.log(`\n${path.basename(file)}: ${(total / 1000 / per).toFixed(1)} ${unit} busy`);
  for (const [k, v] of [...area].sort((a, b) => b[1] - a[1]).slice(0, 14))
    console.log(`  ${(v / 1000 / per).toFixed(2).padStart(8)} ${((100 * v) / total).toFixed(1).padStart(5)}%  ${k}`);
  console.log('  top functions (self):');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${(v / 1000 / per).toFixed(2).padStart(8)}  ${k}`);
  console.log('  our functions (inclusive):');
  for (const [k, v] of [...ours].sort((a, b) => b[1] - a[1]).slice(0, OURS)) console.log(`  ${(v / 1000 / per).toFixed(2).padStart(8)}  ${k}`);
}
