/**
 * npm run bench -- <name>: runs tests/bench/<name>.bench.ts, which prints its figures and, as
 * its last line, one JSON object. Benchmarks measure; they never fail a build on timing.
 */
import fs from 'node:fs';
import path from 'node:path';

const available = fs
  .readdirSync(__dirname)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();

const name = process.argv[2];
if (!name || !available.includes(name)) {
  console.error(`用法: npm run bench -- <name>，可用: ${available.join(', ') || '(none)'}`);
  process.exit(2);
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const mod = require(path.join(__dirname, `${name}.bench.ts`)) as { run: (args: string[]) => Promise<void> };
mod.run(process.argv.slice(3)).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
