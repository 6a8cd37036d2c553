/**
 * npm run bench -- orders [--rate N]: order submission through the real orders function and
 * wx-server-sdk against the local cloud (SQLite on disk), from 50 dealers over 20 hot SKUs.
 * One in ten submissions is sent twice with the same client id (a double tap); stock of the hot
 * SKUs is set so that it runs out part way, so the last orders compete for the last units.
 *
 * After 200 unmeasured warm-up submissions (the first calls load collections into the local
 * cloud's cache and get the code compiled), two runs of 1,000 submissions each, on the same
 * data (hot stock refilled before each):
 * - paced: the 50 dealers submit at a steady combined rate (default 250/s, a quarter above the
 *   200/s target), each submission fired on schedule whether or not earlier ones have
 *   answered. Latency is timed from the scheduled moment, so a backlog counts against it.
 *   This is the latency a dealer sees while the system carries that load: median_ms, p95_ms.
 * - saturated: the 50 dealers submit back to back, each waiting only for its previous answer.
 *   This measures capacity (orders_per_s). Latency here is queueing by construction: with 50
 *   callers always waiting, each waits for the 49 ahead of it (Little's law: latency =
 *   50 / throughput), so it is reported as saturated_median_ms / saturated_p95_ms.
 *
 * - modelled: the paced run again, on the same data (hot stock refilled), with the local cloud's
 *   latency model on (MODEL_MS per database request and open-API call, as a network hop in
 *   CloudBase costs): modelled_p50_ms / modelled_p95_ms are what a dealer would wait for there,
 *   where round trips, not CPU, decide it. sequential_round_trips is the longest chain of
 *   requests that waited on each other in a submit that placed an order at the first try (the
 *   recorder of mocks/cloud); modelled_retried_share the share of placed orders that lost to a
 *   parallel submit and tried again: a transaction retried whole, or a hold (a conditional
 *   update of a stock row or the account, orders submit/holds) that found the document moved
 *   and was read and sent again.
 *
 * Where the code runs: in CloudBase each invocation has an instance of its own beside the
 * database service. Here the functions run in WORKERS worker threads (`--workers N`; 0 runs them
 * in the database's thread as the tests and the dev server do, mocks/cloud/workers/pool.ts) and
 * the database in the main thread, which every request of every submission waits for.
 * modelled_cpu_ms_per_order is the CPU of the whole process during the modelled run per
 * submission (every thread), split into modelled_db_thread_cpu_ms_per_order (the database's
 * thread), modelled_workers_cpu_ms_per_order (the function workers together) and
 * modelled_other_threads_cpu_ms_per_order (V8's garbage-collection and compiler threads, libuv's,
 * SQLite's checkpointer) — Linux /proc, null elsewhere; modelled_db_thread_busy is the database
 * thread's share of the run's wall time: near 1, a dealer waits for that thread's queue rather
 * than for round trips. The CPU figures move far less with the machine's load than the
 * latencies do (a loaded machine stretches every invocation, so more of its garbage lives long
 * enough to cost the collector more).
 *
 * Whether the modelled figures are a model at all: the 10 ms hops cost no CPU, but everything
 * else does, and here it all shares the machine's cores — the functions of every invocation,
 * wx-server-sdk building and reading each request on both sides, the simulated database and the
 * garbage collector — where CloudBase gives each invocation an instance and the database servers
 * of their own. When the offered rate times the CPU per submission comes near the cores this
 * process gets, submissions queue for a core and the p95 measures that backlog, not round trips
 * (Little's law: the last of 1,000 submissions offered over 4 s at 250/s and answered at 130/s
 * waits ≈ 1000/130 − 1000/250 ≈ 3.7 s). So the run says whether it was carried:
 * modelled_answered_per_s against offered_per_s (modelled_carried: at least 95 % of it),
 * modelled_max_in_flight (tens when carried, hundreds for a backlog) and
 * modelled_run_queue_ms_per_order, the time the database's thread and the function workers
 * waited for a core while they could run (Linux schedstat), per submission. A p95 of a run not
 * carried is the machine's, not the model's; `--only modelled` runs the modelled run alone.
 *
 * Every run checks: oversold units (must be 0), duplicate orders (must be 0), and that every
 * accepted order is fully reserved (Σ reserved of the hot SKUs = Σ quantities accepted).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalCloud } from '../../mocks/cloud/bootstrap';
import type { InvocationTrace, LocalCloud } from '../../mocks/cloud';
import { threadCpuMs, workersCpuMs } from './thread-cpu';
import { seed } from '../../mocks/seed';
import { Rng } from '../../mocks/seed/rng';

const SUBMISSIONS = 1000;
const DEALERS = 50;
const HOT = 20;
const DEFAULT_RATE = 250;
const WARMUP = 200;
/** The modelled network hop per database request / open-API call, ms. */
const MODEL_MS = 10;
/** Worker threads that run the functions (see above); two, one per core of the 2-core machine the figures are taken on. */
const WORKERS = 2;
/**
 * The database thread's semi-space, MB (Node's default 16): as the function workers' young
 * generation (mocks/cloud/workers/pool.ts), so that requests' short-lived garbage is not
 * scavenged every few ms. A V8 flag is read when the process starts, so the bench starts itself
 * again with it.
 */
const SEMI_SPACE_MB = 32;
const ADDRESS = { name: '压测', mobile: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '测试路 1 号' };

interface Planned {
  dealer: string;
  clientOrderId: string;
  lines: Array<{ sku: string; qty: number }>;
  doubleTap: boolean;
}

interface RunResult {
  latencies: number[];
  /** The paced runs' latencies of the submissions sent once, and of those sent twice (a double tap waits for its twin). */
  single: number[];
  doubled: number[];
  elapsed: number;
  outcomes: Map<string, number>;
  /** Paced runs: the most submissions waiting for their answers at once (a backlog shows as hundreds). */
  maxInFlight: number;
}

/**
 * Time one thread of this process spent waiting for a core while it could run, ms (Linux
 * /proc/self/task/<tid>/schedstat: on-CPU ns, run-queue ns, slices); null elsewhere. Summed over
 * the database's thread and the function workers, it tells a wait for the machine's CPU (other
 * processes, or this process's threads outnumbering the cores) from a wait for round trips.
 */
function runQueueMs(tids: number[]): number | null {
  let sum = 0;
  for (const tid of tids) {
    try {
      sum += Number(fs.readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
    } catch {
      return null;
    }
  }
  return sum;
}

function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2);
}

/** The plan of one run: the demo data's seeded generator, so every run asks the same. */
function planOf(run: string, seedNo: number, dealers: string[], products: Array<{ _id: string; moq: number }>): Planned[] {
  const rng = new Rng(seedNo);
  return Array.from({ length: SUBMISSIONS }, (_, i) => {
    const lines = new Map<string, number>();
    const n = 1 + Math.floor(rng.next() * 3);
    while (lines.size < n) {
      const p = products[Math.floor(rng.next() * products.length)]!;
      lines.set(p._id, p.moq * (1 + Math.floor(rng.next() * 2)));
    }
    return {
      dealer: dealers[i % dealers.length]!,
      clientOrderId: `bench-${run}-${String(i).padStart(6, '0')}-xxxxxxxx`,
      lines: [...lines].map(([sku, qty]) => ({ sku, qty })),
      doubleTap: rng.next() < 0.1,
    };
  });
}

/** One submission (twice at once for a double tap); the latency ends when every answer is in. */
async function submit(cloud: LocalCloud, p: Planned, outcomes: Map<string, number>): Promise<void> {
  const event = { action: 'submit', clientOrderId: p.clientOrderId, lines: p.lines, address: ADDRESS };
  const calls = [cloud.invoke('orders', event, { openid: p.dealer })];
  if (p.doubleTap) calls.push(cloud.invoke('orders', event, { openid: p.dealer }));
  const results = (await Promise.all(calls)) as Array<{ ok: boolean; error?: { code: string } }>;
  const key = results[0]!.ok ? 'ok' : results[0]!.error!.code;
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
}

async function paced(cloud: LocalCloud, plan: Planned[], rate: number): Promise<RunResult> {
  const latencies: number[] = [];
  const single: number[] = [];
  const doubled: number[] = [];
  const outcomes = new Map<string, number>();
  const interval = 1000 / rate;
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  let open = 0;
  let maxInFlight = 0;
  for (let i = 0; i < plan.length; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const p = plan[i]!;
    maxInFlight = Math.max(maxInFlight, ++open);
    inFlight.push(
      submit(cloud, p, outcomes).then(() => {
        open--;
        const ms = performance.now() - due;
        latencies.push(ms);
        (p.doubleTap ? doubled : single).push(ms);
      }),
    );
  }
  await Promise.all(inFlight);
  return { latencies, single, doubled, elapsed: performance.now() - started, outcomes, maxInFlight };
}

async function saturated(cloud: LocalCloud, plan: Planned[]): Promise<RunResult> {
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: DEALERS }, async () => {
      while (next < plan.length) {
        const p = plan[next++]!;
        const t0 = performance.now();
        await submit(cloud, p, outcomes);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies, single: [], doubled: [], elapsed: performance.now() - started, outcomes, maxInFlight: DEALERS };
}

export async function run(args: string[]): Promise<void> {
  if (!process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))) {
    const again = spawn(process.execPath, [...process.execArgv, `--max-semi-space-size=${SEMI_SPACE_MB}`, process.argv[1]!, 'orders', ...args], {
      stdio: 'inherit',
    });
    // Stopped (a timeout, ^C): the run stops too, rather than going on alone.
    const stop = (signal: NodeJS.Signals) => again.kill(signal);
    process.once('SIGTERM', stop).once('SIGINT', stop);
    const [code, signal] = (await new Promise((resolve) => again.once('exit', (...r) => resolve(r)))) as [number | null, NodeJS.Signals | null];
    if (code !== 0) throw new Error(`bench orders: the run with --max-semi-space-size ended with ${code ?? signal}`);
    return;
  }
  const rateArg = args.indexOf('--rate');
  const rate = rateArg >= 0 ? Number(args[rateArg + 1]) : DEFAULT_RATE;
  if (!Number.isFinite(rate) || rate <= 0) throw new Error('--rate 需要一个正数（每秒提交数）');
  const workersArg = args.indexOf('--workers');
  const workers = workersArg >= 0 ? Number(args[workersArg + 1]) : WORKERS;
  if (!Number.isInteger(workers) || workers < 0) throw new Error('--workers 需要一个非负整数（运行云函数的线程数，0 为与数据库同一线程）');
  process.env['LOCAL_CLOUD_QUIET'] = '1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-orders-'));
  const cloud = openLocalCloud({ dbFile: path.join(dir, 'db.sqlite'), storageDir: path.join(dir, 'storage'), workers });
  seed(cloud);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  const db = sdk.database();

  const products = cloud.store
    .all('products')
    .filter(
      (p) =>
        p['status'] === 'on_sale' &&
        (p['visibility'] as { levels: string[]; regions: string[] }).levels.length === 0 &&
        (p['visibility'] as { regions: string[] }).regions.length === 0,
    )
    .slice(0, HOT) as unknown as Array<{ _id: string; moq: number }>;
  const hotStock = () => cloud.store.all('stock').filter((s) => products.some((p) => p._id === s['sku']));
  /** Enough stock for about 70% of what a run asks for. */
  const refill = async () => {
    for (const s of hotStock()) {
      const moq = products.find((p) => p._id === s['sku'])!.moq;
      await db
        .collection('stock')
        .doc(s._id)
        .update({ data: { onHand: moq * 40, reserved: 0 } });
    }
  };
  // Dealers that order from the brand: a child of a first-tier the brand enabled (二级分销, the demo
  // has one) orders from that first-tier's own prices and stock instead, not what this bench measures.
  const firstTiers = new Set(
    cloud.store
      .all('dealers')
      .filter((d) => (d['twoTier'] as { enabled?: boolean } | undefined)?.enabled)
      .map((d) => d._id),
  );
  const active = new Set(
    cloud.store
      .all('dealers')
      .filter((d) => d['status'] === 'active' && !firstTiers.has(d['parentDealerId'] as string))
      .map((d) => d._id),
  );
  const dealerUsers = cloud.store
    .all('users')
    .filter((u) => u['role'] === 'dealer' && active.has(u['dealerId'] as string))
    .slice(0, DEALERS) as unknown as Array<{ openid: string; dealerId: string }>;
  for (const u of dealerUsers)
    await db
      .collection('dealers')
      .doc(u.dealerId)
      .update({ data: { creditLimit: 1e11 } });
  const dealers = dealerUsers.map((u) => u.openid);

  const check = (run: string, plan: Planned[]) => {
    const orders = cloud.store.all('orders').filter((o) => String(o['clientOrderId'] ?? '').startsWith(`bench-${run}-`));
    const duplicates = orders.length - new Set(orders.map((o) => o['clientOrderId'])).size;
    let oversold = 0;
    for (const s of hotStock()) oversold += Math.max(0, (s['reserved'] as number) - (s['onHand'] as number));
    const reserved = hotStock().reduce((n, s) => n + (s['reserved'] as number), 0);
    const ordered = orders.reduce((n, o) => n + (o['lines'] as Array<{ qty: number }>).reduce((m, l) => m + l.qty, 0), 0);
    const taps = plan.filter((p) => p.doubleTap).length;
    return {
      duplicates,
      oversold,
      fullyReserved: reserved === ordered,
      line: `${orders.length} orders (${taps} submissions sent twice), oversold ${oversold}, duplicates ${duplicates}, reserved ${reserved} = ordered ${ordered}: ${reserved === ordered}`,
    };
  };

  const report = (name: string, r: RunResult, plan: Planned[]) => {
    const c = check(name, plan);
    console.log(
      `${name}: ${Math.round((SUBMISSIONS / r.elapsed) * 1000)} orders/s, median ${percentile(r.latencies, 0.5)} ms, p95 ${percentile(r.latencies, 0.95)} ms, p99 ${percentile(r.latencies, 0.99)} ms`,
    );
    console.log(`  outcomes ${JSON.stringify(Object.fromEntries(r.outcomes))}; ${c.line}`);
    return c;
  };

  // Warm up first, unmeasured: the first calls load collections from disk into the cache and
  // get the code compiled, which a running cloud has long done.
  await refill();
  await saturated(cloud, planOf('warmup', 41, dealers, products).slice(0, WARMUP));

  // --only modelled: the modelled run alone (after the warm-up), to study it; the other runs' figures are then null.
  const onlyArg = args.indexOf('--only');
  const onlyModelled = onlyArg >= 0 && args[onlyArg + 1] === 'modelled';
  const none = { oversold: 0, duplicates: 0, fullyReserved: true };
  let a: RunResult | null = null;
  let b: RunResult | null = null;
  let ca = none;
  let cb = none;
  let roundTrips = NaN;
  if (!onlyModelled) {
    const before = cloud.counters.database;
    const conflictsBefore = cloud.db.conflicts;
    await refill();
    const planA = planOf('paced', 42, dealers, products);
    const requestsA = cloud.counters.database;
    a = await paced(cloud, planA, rate);
    roundTrips = cloud.counters.database - requestsA;
    console.log(`paced at ${rate} submissions/s from ${DEALERS} dealers over ${HOT} hot SKUs`);
    ca = report('paced', a, planA);

    await refill();
    const planB = planOf('saturated', 43, dealers, products);
    b = await saturated(cloud, planB);
    console.log(`saturated: ${DEALERS} dealers submitting back to back`);
    cb = report('saturated', b, planB);
    console.log(`transaction conflicts (retried) ${cloud.db.conflicts - conflictsBefore}; database round trips ${cloud.counters.database - before} in all`);
    console.log(`database round trips per submission ${(roundTrips / SUBMISSIONS).toFixed(1)} (paced run; double taps included)`);
  }

  await refill();
  const planC = planOf('modelled', 44, dealers, products);
  const traces: InvocationTrace[] = [];
  const stop = cloud.recordRoundTrips((t) => {
    // Successful submits that placed an order (a double tap's replay is shorter by nature).
    if (t.fn === 'orders' && t.action === 'submit' && t.ok && (t.answer as { data?: { replayed?: boolean } }).data?.replayed === false) traces.push(t);
  });
  const conflictsC = cloud.db.conflicts;
  cloud.latencyMs = MODEL_MS;
  const cpuC = process.cpuUsage();
  const dbCpuC = threadCpuMs();
  const workersCpuC = workersCpuMs(cloud);
  const threads = [process.pid, ...cloud.workerThreadIds()];
  const queuedC = runQueueMs(threads);
  // For profiles (node --cpu-prof): the run's window on the monotonic clock the profiles' timestamps use, µs.
  if (process.env['BENCH_WINDOW']) console.log(`window ${process.hrtime.bigint() / 1000n}`);
  const c = await paced(cloud, planC, rate);
  const cpuMsC = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpuC));
  if (process.env['BENCH_WINDOW']) console.log(`window ${process.hrtime.bigint() / 1000n}`);
  const dbCpuMsC = dbCpuC === null ? null : threadCpuMs()! - dbCpuC;
  const workersCpuMsC = workersCpuC === null ? null : workersCpuMs(cloud)! - workersCpuC;
  const queuedMsC = queuedC === null ? null : runQueueMs(threads)! - queuedC;
  // The rest: V8's helper threads (garbage collection, compilation), libuv's, SQLite's checkpointer.
  const otherCpuMsC = dbCpuMsC === null || workersCpuMsC === null ? null : cpuMsC - dbCpuMsC - workersCpuMsC;
  const perOrder = (ms: number | null) => (ms === null ? null : +(ms / SUBMISSIONS).toFixed(2));
  cloud.latencyMs = 0;
  stop();
  console.log(`modelled: the paced run with ${MODEL_MS} ms per database request and open-API call (transaction conflicts ${cloud.db.conflicts - conflictsC})`);
  console.log(`  conflicts by collection since the start ${JSON.stringify(Object.fromEntries(cloud.db.conflictsByCollection))}`);
  const cc = report('modelled', c, planC);
  console.log(
    `  answered ${Math.round((SUBMISSIONS / c.elapsed) * 1000)} submissions/s of ${rate}/s offered, at most ${c.maxInFlight} waiting at once; the database's thread and the workers waited ${perOrder(queuedMsC) ?? '?'} ms per submission for a core (run queue)`,
  );
  console.log(
    `  sent once: p50 ${percentile(c.single, 0.5)} ms, p95 ${percentile(c.single, 0.95)} ms; sent twice (a double tap, ${c.doubled.length}): p50 ${percentile(c.doubled, 0.5)} ms, p95 ${percentile(c.doubled, 0.95)} ms`,
  );
  // A transaction lost to a parallel submit is retried whole (start, reads, writes, commit again),
  // so the chain of the code is that of an order placed at the first try; the retried ones beside it.
  const firstTry = traces.filter((t) => t.transactions === 1 && t.missedUpdates === 0).map((t) => t.sequential);
  const sequential = firstTry.length ? Math.max(...firstTry) : 0;
  const chains = traces.map((t) => t.sequential);
  const requests = traces.map((t) => t.database + t.openapi);
  console.log(
    `  CPU of this process ${(cpuMsC / SUBMISSIONS).toFixed(2)} ms per submission (${workers} function worker threads), of the database's thread ${perOrder(dbCpuMsC) ?? '?'} ms, of the function workers ${perOrder(workersCpuMsC) ?? '?'} ms, of other threads ${perOrder(otherCpuMsC) ?? '?'} ms; the database's thread busy ${dbCpuMsC === null ? '?' : ((dbCpuMsC / c.elapsed) * 100).toFixed(0)} % of the run (load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${os.cpus().length} CPUs)`,
  );
  console.log(
    `  ${traces.length} orders placed, ${traces.length - firstTry.length} after a retried transaction or hold: longest chain of round trips in sequence ${sequential} at the first try (median ${percentile(firstTry, 0.5)}), ${chains.length ? Math.max(...chains) : 0} with retries; requests per order median ${percentile(requests, 0.5)}`,
  );
  cloud.close();
  fs.rmSync(dir, { recursive: true, force: true });
  if (!ca.fullyReserved || !cb.fullyReserved || !cc.fullyReserved) console.log('NOT FULLY RESERVED: an accepted order is missing stock');
  console.log(
    JSON.stringify({
      bench: 'orders',
      orders_per_s: b && Math.round((SUBMISSIONS / b.elapsed) * 1000),
      median_ms: a && percentile(a.latencies, 0.5),
      p95_ms: a && percentile(a.latencies, 0.95),
      db_requests_per_order: a && +(roundTrips / SUBMISSIONS).toFixed(1),
      oversold_units: ca.oversold + cb.oversold + cc.oversold,
      duplicates: ca.duplicates + cb.duplicates + cc.duplicates,
      offered_per_s: rate,
      saturated_median_ms: b && percentile(b.latencies, 0.5),
      saturated_p95_ms: b && percentile(b.latencies, 0.95),
      model_ms: MODEL_MS,
      modelled_p50_ms: percentile(c.latencies, 0.5),
      modelled_p95_ms: percentile(c.latencies, 0.95),
      modelled_single_p95_ms: percentile(c.single, 0.95),
      modelled_double_tap_p50_ms: percentile(c.doubled, 0.5),
      sequential_round_trips: sequential,
      // The longest chain is one order's; under CPU starvation answers delayed past a hop arrive together and a side
      // chain counts as waited for (README, orders), so the median of the first-try orders beside it.
      sequential_round_trips_median: percentile(firstTry, 0.5),
      modelled_retried_share: +((traces.length - firstTry.length) / Math.max(1, traces.length)).toFixed(2),
      modelled_cpu_ms_per_order: +(cpuMsC / SUBMISSIONS).toFixed(2),
      modelled_cpu_busy: +(cpuMsC / c.elapsed).toFixed(2),
      modelled_requests_per_order: percentile(requests, 0.5),
      workers,
      modelled_db_thread_cpu_ms_per_order: perOrder(dbCpuMsC),
      modelled_workers_cpu_ms_per_order: perOrder(workersCpuMsC),
      modelled_other_threads_cpu_ms_per_order: perOrder(otherCpuMsC),
      modelled_db_thread_busy: dbCpuMsC === null ? null : +(dbCpuMsC / c.elapsed).toFixed(2),
      modelled_answered_per_s: Math.round((SUBMISSIONS / c.elapsed) * 1000),
      modelled_carried: SUBMISSIONS / c.elapsed >= (0.95 * rate) / 1000,
      modelled_max_in_flight: c.maxInFlight,
      modelled_run_queue_ms_per_order: perOrder(queuedMsC),
      load_average: +os.loadavg()[0]!.toFixed(1),
    }),
  );
}
