/**
 * npm run seed [-- --reset] [--db <file>] [--seed <n>] [--reference-date <ISO date>] [--describe]
 *
 * Writes the demo data set into the local cloud's database once (default .data/local-cloud.sqlite,
 * or $LOCAL_CLOUD_DB); --reset drops the app's collections and starts over; --describe prints the
 * Markdown description of the data set (what the README shows). The reference date is the start
 * of today in Asia/Shanghai unless --reference-date names another.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { LocalCloud, REPO_ROOT } from '../cloud';
import { SEED_MARKER_ID, describeDataSet, generate, referenceDateOn } from './data';
import { UsageError, checkDbPath, optionValue } from '../args';
import type { SeedMarker } from './data';
import { seed } from './index';

interface Args {
  reset: boolean;
  describe: boolean;
  db?: string;
  seed?: number;
  referenceDate?: string;
}

const USAGE = '用法: npm run seed -- [--reset] [--db <file>] [--seed <整数>] [--reference-date <ISO 日期>] [--describe]';

function parseArgs(argv: string[]): Args {
  const args: Args = { reset: false, describe: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      try {
        return optionValue(argv, i++, a ?? '');
      } catch (e) {
        throw new UsageError(`${(e as Error).message}\n${USAGE}`);
      }
    };
    if (a === '--reset') args.reset = true;
    else if (a === '--describe') args.describe = true;
    else if (a === '--db') args.db = value();
    else if (a === '--seed') {
      const n = Number(value());
      if (!Number.isInteger(n)) throw new Error(`--seed 必须是整数\n${USAGE}`);
      args.seed = n;
    } else if (a === '--reference-date') args.referenceDate = value();
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`不认识的参数 ${a}\n${USAGE}`);
  }
  return args;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const chosen = checkDbPath(
    args.db ?? process.env['LOCAL_CLOUD_DB'] ?? path.join(REPO_ROOT, '.data', 'local-cloud.sqlite'),
    args.db ? '--db' : 'LOCAL_CLOUD_DB',
  );
  const dbFile = chosen === ':memory:' ? chosen : path.resolve(chosen);
  const storageDir = path.join(dbFile === ':memory:' ? path.join(REPO_ROOT, '.data') : path.dirname(dbFile), 'storage');
  const options = { reset: args.reset, seed: args.seed, referenceDate: args.referenceDate ?? referenceDateOn(Date.now()) };
  const started = performance.now();
  const cloud = new LocalCloud({ dbFile, storageDir });
  try {
    const result = seed(cloud, options);
    const ms = Math.round(performance.now() - started);
    console.log(`数据库: ${dbFile}`);
    if (result.dropped.length > 0) console.log(`已清空 ${result.dropped.length} 个集合: ${result.dropped.join(', ')}`);
    if (result.created.length > 0) console.log(`已创建 ${result.created.length} 个集合: ${result.created.join(', ')}`);
    const counts = Object.entries(result.counts)
      .map(([name, n]) => `${name} ${n}`)
      .join('，');
    if (result.seeded) console.log(`已写入演示数据（${ms} ms）: ${counts}`);
    else console.log(`演示数据已存在，未写入（npm run seed -- --reset 可重置）: ${counts}`);
    if (args.describe) {
      // Describe what is stored: regenerate from the marker's seed and reference date.
      const marker = cloud.store.get('system', SEED_MARKER_ID)?.doc as Partial<SeedMarker> | undefined;
      console.log(`\n${describeDataSet(generate({ seed: marker?.seed ?? args.seed, referenceDate: marker?.referenceDate ?? options.referenceDate }))}`);
    }
  } finally {
    cloud.close();
  }
}

try {
  main();
} catch (e) {
  console.error(`写入演示数据失败: ${(e as Error).message}`);
  process.exit(1);
}
