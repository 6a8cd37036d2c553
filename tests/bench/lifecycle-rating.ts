/**
 * The rating's part of `npm run bench -- lifecycle`: a month's scorecards for 10,000 dealers with
 * 12 months of orders behind them, through the local cloud — lifecycle.computeScorecards as the
 * brand admin runs it (and the monthly timer does): the facts read by its indexed aggregations
 * and reads by id, every card scored and saved, level proposals written.
 *
 * The data is written straight into the local cloud's store (as the seed does), shaped as the
 * functions store it, only with the fields the rating reads: orders (≈ 2.5 per dealer per month),
 * month aggregates, accounts, targets, campaign codes and WeCom customers of the scored month.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalCloud } from '../../mocks/cloud/bootstrap';
import type { LocalCloud } from '../../mocks/cloud';
import { Rng } from '../../mocks/seed/rng';
import type { MonthFacts } from '../../shared/rating';
import { buildScorecard } from '../../shared/rating';
import { shanghaiMonthRange, shiftMonthKey } from '../../shared/time';

const DEALERS = Number(process.env['BENCH_DEALERS'] ?? 10_000);
const MONTHS = 12;
const MONTH = '2026-10';
const REGIONS = ['east', 'south', 'north', 'west', 'central'];

type Doc = Record<string, unknown> & { _id: string };

function put(cloud: LocalCloud, coll: string, docs: Doc[]): void {
  for (let i = 0; i < docs.length; i += 20_000) {
    const chunk = docs.slice(i, i + 20_000);
    cloud.store.write(() => ({ writes: chunk.map((doc) => ({ kind: 'put' as const, coll, doc })), result: null }));
  }
}

/** 10,000 dealers and a year of their business, ending with the scored month. */
function fill(cloud: LocalCloud): number {
  const rng = new Rng(20261031);
  const dealers: Doc[] = [];
  const orders: Doc[] = [];
  const aggregates: Doc[] = [];
  const months = Array.from({ length: MONTHS }, (_, i) => shiftMonthKey(MONTH, i - MONTHS + 1));
  for (let d = 0; d < DEALERS; d++) {
    const id = `bd-${String(d).padStart(5, '0')}`;
    dealers.push({
      _id: id,
      name: `经销商 ${d}`,
      code: id,
      level: ['A', 'B', 'C'][d % 3]!,
      region: REGIONS[d % 5]!,
      city: '',
      parentDealerId: null,
      contactName: '',
      contactMobile: '',
      creditLimit: 10_000_000,
      status: 'active',
      joinedAt: 0,
    });
    for (const m of months) {
      const { start, end } = shanghaiMonthRange(m)!;
      let total = 0;
      const n = rng.int(0, 5);
      for (let k = 0; k < n; k++) {
        const payable = rng.int(50_000, 2_000_000);
        total += payable;
        orders.push({ _id: `bo-${id}-${m}-${k}`, dealerId: id, status: 'completed', createdAt: start + rng.int(0, end - start - 1), payable });
      }
      aggregates.push({ _id: `${id}:${m}`, dealerId: id, period: m, start, end, bySku: {}, byCategory: {}, total: { amount: total, qty: n * 24 } });
    }
  }
  const { start } = shanghaiMonthRange(MONTH)!;
  put(cloud, 'dealers', dealers);
  put(cloud, 'orders', orders);
  put(cloud, 'rebate_aggregates', aggregates);
  put(
    cloud,
    'accounts',
    dealers.map((d) => ({ _id: d._id, dealerId: d._id, receivable: rng.int(0, 5_000_000), creditReserved: 0, rebateBalance: 0, updatedAt: start })),
  );
  put(
    cloud,
    'rebate_targets',
    dealers
      .filter((_, i) => i % 2 === 0)
      .map((d) => ({
        _id: `p-target:${d._id}:${MONTH}`,
        policyId: 'p-target',
        dealerId: d._id,
        period: MONTH,
        amount: 3_000_000,
        updatedAt: start,
        updatedBy: 'bench',
      })),
  );
  put(
    cloud,
    'campaign_codes',
    dealers.filter((_, i) => i % 3 === 0).map((d, i) => ({ _id: `bc-${i}`, campaignId: 'c1', dealerId: d._id, clerkId: 'x', createdAt: start + i })),
  );
  put(
    cloud,
    'wecom_customers',
    dealers
      .filter((_, i) => i % 2 === 1)
      .map((d, i) => ({
        _id: `wm-${i}`,
        createdAt: start + i,
        relations: [{ userId: 'u', dealerId: d._id, addedAt: start + i, status: 'active', transferredFrom: null }],
      })),
  );
  return orders.length;
}

/** The scoring alone (shared/rating: metrics, weights, hysteresis, reasons) for the same number of dealers, from facts in memory. */
function pureScoring(): number {
  const rng = new Rng(7);
  const facts: MonthFacts[] = Array.from({ length: DEALERS }, (_, i) => ({
    dealerId: `bd-${i}`,
    delivered: rng.int(0, 9_000_000),
    deliveredYearAgo: i % 4 === 0 ? null : rng.int(0, 9_000_000),
    deliveredPrevMonth: rng.int(0, 9_000_000),
    target: i % 2 === 0 ? 3_000_000 : null,
    receivable: rng.int(0, 5_000_000),
    days: 31,
    orderWeeks: rng.int(0, 5),
    orders: rng.int(0, 8),
    campaignCodes: rng.int(0, 4),
    customersAdded: rng.int(0, 30),
  }));
  const started = performance.now();
  for (const f of facts) buildScorecard({ id: f.dealerId, name: f.dealerId, region: 'east', level: 'B' }, MONTH, f, 'B', 0);
  return performance.now() - started;
}

export async function measureScorecards(): Promise<Record<string, number | null>> {
  const pureMs = pureScoring();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-rating-'));
  const cloud = openLocalCloud({ dbFile: path.join(dir, 'db.sqlite'), storageDir: path.join(dir, 'storage') });
  try {
    const filled = performance.now();
    const orders = fill(cloud);
    console.log(`rating: ${DEALERS} dealers, ${orders} orders over ${MONTHS} months written in ${Math.round(performance.now() - filled)} ms`);
    // Warm: the function's first load (the SDK, the function's modules) is not part of a month's
    // scoring, nor is the local cloud's first parse of the rows written straight into SQLite above
    // (a running local cloud, like the cloud's database, has its working set in memory).
    await cloud.invoke('lifecycle', { action: 'levelProposals' }, { source: 'wx_devtools' });
    for (const coll of ['dealers', 'orders', 'rebate_aggregates', 'accounts', 'rebate_targets', 'campaign_codes', 'wecom_customers']) cloud.store.size(coll);
    let calls = 0;
    let requests = 0;
    const stop = cloud.recordRoundTrips((trace) => (requests += trace.database));
    // A month larger than one call's time budget answers done: false; the next call goes on (as the timer does).
    const compute = async () => {
      for (;;) {
        calls++;
        const r = (await cloud.invoke('lifecycle', { action: 'computeScorecards', month: MONTH }, { source: 'wx_devtools' })) as {
          ok: boolean;
          data?: { dealers: number; done: boolean };
        };
        if (!r.ok) throw new Error(`computeScorecards: ${JSON.stringify(r).slice(0, 300)}`);
        if (r.data!.done) return r.data!;
      }
    };
    const load = os.loadavg()[0]!;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const r = await compute();
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    if (r.dealers !== DEALERS) throw new Error(`computeScorecards scored ${r.dealers} dealers, expected ${DEALERS}`);
    const firstCalls = calls;
    const firstRequests = requests;
    const again = performance.now();
    await compute();
    const recomputeMs = performance.now() - again;
    stop();
    console.log(
      `rating: ${MONTH} scored for ${DEALERS} dealers in ${Math.round(ms)} ms (target ≤ 10,000 ms; ${firstCalls} call(s), ${firstRequests} database requests), ` +
        `${cpuMs.toFixed(0)} ms of CPU (${(cpuMs / DEALERS).toFixed(3)} ms a dealer) at load average ${load.toFixed(2)} on ${os.cpus().length} cores; recomputed in ${Math.round(recomputeMs)} ms`,
    );
    console.log(`rating: scoring alone (shared/rating) ${DEALERS} dealers in ${Math.round(pureMs)} ms`);
    return {
      scorecards_per_s: Math.round(DEALERS / (ms / 1000)),
      scorecards_month_ms: Math.round(ms),
      scorecards_cpu_ms_per_dealer: +(cpuMs / DEALERS).toFixed(3),
      scorecards_load_avg: +load.toFixed(2),
      scorecards_db_requests: firstRequests,
      scorecards_pure_per_s: Math.round(DEALERS / (pureMs / 1000)),
      scorecards_recompute_ms: Math.round(recomputeMs),
      scorecards_dealers: DEALERS,
      scorecards_orders: orders,
    };
  } finally {
    cloud.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** `BENCH_DEALERS=1000 npx tsx tests/bench/lifecycle-rating.ts`: the rating's figure alone. */
if (require.main === module) void measureScorecards().then((r) => console.log(JSON.stringify(r)));
