/**
 * npm run bench -- rebates: settle a quarter over 1,000,000 delivered order lines, 10,000 dealers
 * and 50 policies. Lines are accrued into per-dealer month aggregates as deliveries arrive (what
 * the orders function does in the delivery transaction); closing the quarter merges each
 * dealer's three months and settles every policy with its trace. For scale, the same run times
 * SQLite summing the same lines by dealer.
 */
import Database from 'better-sqlite3';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Rng } from '../../mocks/seed/rng';
import type { DeliveryAggregate, RebatePolicy, RebateFacts } from '../../shared/rebates';
import { accrue, emptyAggregate, periodRange, rebatePolicySchema, settle } from '../../shared/rebates';

const DEALERS = 10_000;
const LINES = 1_000_000;
const LINES_PER_ORDER = 10;
const POLICIES = 50;
const SKUS = 300;
const QUARTER = '2026-Q3';
const MONTHS = ['2026-07', '2026-08', '2026-09'];
const LEVELS = ['A', 'B', 'C'] as const;
const REGIONS = ['east', 'south', 'north', 'west', 'central'] as const;

function policies(): RebatePolicy[] {
  const out: unknown[] = [];
  for (let i = 0; i < POLICIES; i++) {
    const scope = i % 5 === 0 ? {} : { includeCategories: [`cat-${i % 16}`] };
    const dealers = i % 7 === 0 ? { levels: [LEVELS[i % 3]] } : {};
    if (i % 10 === 9) {
      out.push({
        code: 'target_attainment',
        id: `p-target-${i}`,
        name: `目标达成 ${i}`,
        periodKind: 'quarter',
        dealers,
        scope,
        args: {
          tiers: [
            { minAttainmentBp: 8000, rateBp: 100 },
            { minAttainmentBp: 10000, rateBp: 200 },
          ],
        },
      });
    } else {
      out.push({
        code: 'volume_tiers',
        id: `p-volume-${i}`,
        name: `季度阶梯 ${i}`,
        periodKind: 'quarter',
        dealers,
        scope,
        capFen: i % 4 === 0 ? 500_000 : null,
        args: {
          basis: 'amount',
          mode: i % 2 === 0 ? 'retroactive' : 'progressive',
          tiers: [
            { from: 100_000, rateBp: 50 },
            { from: 1_000_000, rateBp: 100 },
            { from: 5_000_000, rateBp: 200 },
          ],
        },
      });
    }
  }
  return out.map((p) => rebatePolicySchema.parse(p));
}

function collectGarbage(): void {
  if (global.gc) return global.gc();
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

export async function run(): Promise<void> {
  const rng = new Rng(7);
  const range = periodRange(QUARTER)!;
  const monthRanges = MONTHS.map((m) => periodRange(m)!);
  const dealers = Array.from({ length: DEALERS }, (_, i) => ({ id: `d${i}`, level: LEVELS[i % 3]!, region: REGIONS[i % 5]! }));

  // Deliveries: 100,000 orders of 10 lines, spread over the quarter.
  const aggregates = new Map<string, DeliveryAggregate>();
  const sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE lines (dealer TEXT, sku TEXT, category TEXT, qty INTEGER, amount INTEGER, at INTEGER)');
  const insert = sqlite.prepare('INSERT INTO lines VALUES (?, ?, ?, ?, ?, ?)');
  const insertMany = sqlite.transaction((rows: Array<[string, string, string, number, number, number]>) => {
    for (const r of rows) insert.run(...r);
  });
  let accrualMs = 0;
  const orders = LINES / LINES_PER_ORDER;
  const batch: Array<[string, string, string, number, number, number]> = [];
  for (let o = 0; o < orders; o++) {
    const dealer = dealers[rng.int(0, DEALERS - 1)]!;
    const at = range.start + Math.floor(rng.next() * (range.end - range.start));
    const month = monthRanges.findIndex((m) => at >= m.start && at < m.end);
    const lines = Array.from({ length: LINES_PER_ORDER }, () => {
      const s = rng.int(0, SKUS - 1);
      const qty = rng.int(1, 50);
      return { sku: `sku-${s}`, categoryId: `cat-${s % 16}`, qty, payable: qty * (100 + (s % 40) * 25) };
    });
    for (const l of lines) batch.push([dealer.id, l.sku, l.categoryId, l.qty, l.payable, at]);
    // As the delivery transaction does: the month, quarter and year aggregates of the delivery.
    const t0 = performance.now();
    for (const period of [MONTHS[month]!, QUARTER, '2026']) {
      const key = `${dealer.id}:${period}`;
      const agg = aggregates.get(key) ?? emptyAggregate(dealer.id, period);
      aggregates.set(key, accrue(agg, { ref: `o${o}`, dealerId: dealer.id, at, lines }));
    }
    accrualMs += performance.now() - t0;
    if (batch.length >= 50_000) insertMany(batch.splice(0));
  }
  insertMany(batch.splice(0));

  const all = policies();
  // Start the timed part with a clean heap: the simulated quarter of deliveries above leaves
  // garbage that, in production, lives in other function instances, not in the one that closes
  // the period. (global.gc exists only under --expose-gc; this works without the flag.)
  collectGarbage();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const factsByDealer: Record<string, RebateFacts> = {};
  // Every dealer's target for each target-attainment policy (one table here; per dealer in the function).
  const targets = Object.fromEntries(all.filter((p) => p.code === 'target_attainment').map((p) => [p.id, 2_000_000]));
  for (const d of dealers) {
    factsByDealer[d.id] = {
      dealer: { id: d.id, level: d.level, region: d.region },
      period: QUARTER,
      current: aggregates.get(`${d.id}:${QUARTER}`) ?? emptyAggregate(d.id, QUARTER),
      targets,
    };
  }
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const merged = performance.now();
  const result = settle(all, factsByDealer, QUARTER, range.end + 3_600_000);
  const settleMs = performance.now() - started;
  const mergeMs = merged - started;
  const cpu = process.cpuUsage(cpu0);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (!result.ok) throw new Error(result.message);
  const total = result.records.reduce((n, r) => n + r.amount, 0);

  const q0 = performance.now();
  const grouped = sqlite.prepare('SELECT dealer, SUM(amount) AS amount, SUM(qty) AS qty FROM lines GROUP BY dealer').all() as Array<{ amount: number }>;
  const groupByMs = performance.now() - q0;
  const sqlTotal = grouped.reduce((n, r) => n + r.amount, 0);
  const aggTotal = Object.values(factsByDealer).reduce((n, f) => n + f.current.total.amount, 0);
  if (sqlTotal !== aggTotal) throw new Error(`aggregates (${aggTotal}) and SQLite (${sqlTotal}) disagree`);

  const ratio = +(settleMs / groupByMs).toFixed(2);
  console.log(
    `${LINES.toLocaleString()} lines, ${DEALERS.toLocaleString()} dealers, ${all.length} policies, ${result.records.length.toLocaleString()} settlement records, ¥${(total / 100).toFixed(2)} in all`,
  );
  console.log(`accrual ${((accrualMs * 1000) / orders).toFixed(1)} µs per order (${LINES_PER_ORDER} lines)`);
  console.log(
    `settle ${settleMs.toFixed(0)} ms (reading the quarter aggregates into facts ${mergeMs.toFixed(0)} ms, settle() ${(settleMs - mergeMs).toFixed(0)} ms; CPU ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms in all threads)   SQLite GROUP BY dealer over the same lines ${groupByMs.toFixed(0)} ms   ratio ${ratio}   peak RSS ${Math.round(peakRss / 1048576)} MB`,
  );
  console.log(`(targets: settle ≤ 3,000 ms, ratio ≤ 2)`);
  sqlite.close();
  console.log(
    JSON.stringify({
      bench: 'rebates',
      lines: LINES,
      settle_ms: Math.round(settleMs),
      peak_rss_mb: Math.round(peakRss / 1048576),
      sqlite_groupby_ms: Math.round(groupByMs),
      ratio,
      accrual_us_per_order: +((accrualMs * 1000) / orders).toFixed(1),
    }),
  );
}
