/**
 * The operating-system tools the tests use beside Node and Java: `pdfsig` (poppler-utils) checks our PDF
 * signatures independently of our code, `chromium` drives the browser tests. `npm test` runs this first
 * (the `pretest` script): what is missing is installed from Debian's packages when we may (root with
 * apt-get), otherwise the run stops with the command to type.
 */
import { spawnSync } from 'node:child_process';
import os from 'node:os';

/** command → Debian package that provides it */
export const systemTools: Record<string, string> = {
  pdfsig: 'poppler-utils',
  chromium: 'chromium',
};

function has(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function run(command: string, args: string[]): void {
  const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with code ${r.status}`);
}

export function ensureSystemTools(tools: Record<string, string> = systemTools): void {
  const missing = [
    ...new Set(
      Object.entries(tools)
        .filter(([cmd]) => !has(cmd))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (!missing.length) return;
  const canInstall = os.platform() === 'linux' && has('apt-get') && os.userInfo().uid === 0;
  if (!canInstall) {
    throw new Error(
      `the tests need these packages: ${missing.join(' ')}. Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) and run again.`,
    );
  }
  process.stdout.write(`installing ${missing.join(', ')} from Debian's packages for the tests...\n`);
  run('apt-get', ['update', '-qq']);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureSystemTools();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
}
