/**
 * Refreshes tests/helpers/test-timings.json, the per-file durations jest's sequencer
 * (tests/helpers/sequencer.js) orders a clean clone's run by, from a jest JSON report:
 * `npm test` writes one to dist/jest-results.json ($DIST_DIR when set), so after a CI run (or its rehearsal)
 *   npx tsx scripts/test-timings.ts dist/jest-results.json
 * and commit the file. Files the report does not have keep their old figure; deleted files go.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'tests', 'helpers', 'test-timings.json');

interface JestReport {
  testResults: { name: string; startTime: number; endTime: number }[];
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npx tsx scripts/test-timings.ts <jest --json report>');
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as JestReport;
  const timings = JSON.parse(fs.readFileSync(OUT, 'utf8')) as Record<string, number>;
  for (const r of report.testResults) timings[path.relative(ROOT, r.name).split(path.sep).join('/')] = Math.round((r.endTime - r.startTime) / 100) / 10;
  const kept = Object.entries(timings)
    .filter(([rel]) => fs.existsSync(path.join(ROOT, rel)))
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  fs.writeFileSync(OUT, `${JSON.stringify(Object.fromEntries(kept), null, 2)}\n`);
  console.log(`${kept.length} files timed in ${path.relative(ROOT, OUT)}; ${report.testResults.length} from ${file}`);
}

main();
