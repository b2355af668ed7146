/**
 * The server as the production image runs it: plain JavaScript, no TypeScript loader and no development
 * dependency at run time. esbuild bundles motcua's own code (domain, api, workers, the setup step and the
 * migrations) into one file per entry point under dist/server/bin/; the npm packages stay imports, resolved
 * from the image's production install. The bundles sit three folders deep, so the repository root that the
 * code finds from its own location (processes/, forms/, modeler-ui/dist) is the same as in the sources.
 *   npm run build:server    then    node dist/server/bin/api.mjs | worker.mjs | setup.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { repoRoot } from '@motcua/domain/config/config.ts';

export const serverDist = path.join(repoRoot, 'dist', 'server', 'bin');

export const serverEntries = {
  api: 'api/src/server.ts',
  worker: 'engine-workers/src/main.ts',
  setup: 'platform/src/setup.ts',
};

/** The npm packages the server may import at run time: the dependencies of the workspaces it is built from. */
export function runtimeDependencies(): string[] {
  const deps = new Set<string>();
  for (const w of ['domain', 'api', 'engine-workers']) {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, w, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const d of Object.keys(pkg.dependencies ?? {})) if (!d.startsWith('@motcua/')) deps.add(d);
  }
  return [...deps].sort();
}

/** Builds the bundles. @returns the npm packages they import (each must be a runtime dependency) */
export async function buildServer(log: (line: string) => void = () => {}): Promise<{ imports: string[]; metafile: Metafile }> {
  // a package npm could not hoist to the root (a version another workspace needs differently) sits under its
  // workspace, out of the bundle's reach: it is bundled instead
  const external = runtimeDependencies().filter((d) => fs.existsSync(path.join(repoRoot, 'node_modules', d)));
  const result = await build({
    absWorkingDir: repoRoot,
    entryPoints: Object.fromEntries(Object.entries(serverEntries).map(([name, entry]) => [name, path.join(repoRoot, entry)])),
    outdir: serverDist,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // the packages, and their subpaths, stay imports; everything of motcua's own is bundled
    external: external.flatMap((d) => [d, `${d}/*`]),
    // bundled CommonJS helpers need a require of their own in an ES module
    banner: { js: "import { createRequire as __motcuaCreateRequire } from 'node:module'; const require = __motcuaCreateRequire(import.meta.url);" },
    metafile: true,
    logLevel: 'warning',
  });
  const imports = new Set<string>();
  for (const output of Object.values(result.metafile.outputs)) {
    for (const i of output.imports)
      if (i.external && !i.path.startsWith('node:')) imports.add(i.path.startsWith('@') ? i.path.split('/').slice(0, 2).join('/') : i.path.split('/')[0]!);
  }
  log(`server built into ${path.relative(repoRoot, serverDist)}: ${Object.keys(serverEntries).join(', ')}`);
  return { imports: [...imports].sort(), metafile: result.metafile };
}

// run as a script (no top-level await: the tests import this module from CommonJS)
if (import.meta.url === `file://${process.argv[1]}`) {
  buildServer((l) => process.stdout.write(`${l}\n`)).catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
