/**
 * `npm run engine:build [-- operaton|camunda|all]`: builds the engine jar(s) with Maven ahead of time.
 * `npm start` and `npm test` build what they need on their own; this is for CI caches and docker images.
 */
import { buildEngine, type EngineFlavor } from './engine-process.ts';

const arg = process.argv[2] ?? 'all';
const flavors: EngineFlavor[] = arg === 'all' ? ['operaton', 'camunda'] : [arg as EngineFlavor];
for (const flavor of flavors) {
  if (flavor !== 'operaton' && flavor !== 'camunda') {
    process.stderr.write(`unknown engine flavour "${flavor}": use operaton, camunda or all\n`);
    process.exit(2);
  }
  const jar = buildEngine(flavor, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`${flavor}: ${jar}\n`);
}
