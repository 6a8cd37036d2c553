/**
 * npm run bench -- latency: what a caller waits for in CloudBase, where each database request and
 * open-API call is a network hop of several ms, modelled by the local cloud at MODEL_MS per
 * request (LOCAL_CLOUD_DB_LATENCY_MS). One call at a time, so the figure is round trips and CPU,
 * not queueing: for each call, the median and p95 time and its chain of round trips (requests
 * that waited on each other, the recorder of mocks/cloud), over RUNS calls after a warm-up, and
 * the requests of the last call round by round (what each round in sequence waited for).
 *
 * - orders.submit: a dealer places a one- to three-line order (auto-approved; no contention).
 * - catalog.list: the catalog page's first page (no filter, 20 items).
 * - rebates.progress: the dealer's rebate progress page.
 * - campaigns.landing: a consumer's first visit after scanning a sharer's code.
 * Targets under the model: submit ≤ 120 ms p95 and ≤ 8 in sequence; the others ≤ 60 ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalCloud } from '../../mocks/cloud/bootstrap';
import type { InvocationTrace } from '../../mocks/cloud';
import { seed } from '../../mocks/seed';
import { CAMPAIGN_EXAMPLE } from '../../shared/contracts';

const MODEL_MS = 10;
const RUNS = Number(process.env['BENCH_RUNS'] ?? 40);
const WARMUP = 5;
const ADDRESS = { name: '压测', mobile: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '测试路 1 号' };

type Env = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2);
}

/** The requests of one call by round: `1: get users | 2: get dealers, query products | …`. */
function roundsOf(trace: InvocationTrace | undefined): string {
  const rounds = new Map<number, string[]>();
  for (const r of trace?.requests ?? []) rounds.set(r.depth, [...(rounds.get(r.depth) ?? []), r.what]);
  return [...rounds]
    .sort(([a], [b]) => a - b)
    .map(([depth, what]) => `${depth}: ${what.join(', ')}`)
    .join(' | ');
}

export async function run(): Promise<void> {
  process.env['LOCAL_CLOUD_QUIET'] = '1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-latency-'));
  const cloud = openLocalCloud({ dbFile: path.join(dir, 'db.sqlite'), storageDir: path.join(dir, 'storage') });
  seed(cloud);
  const invoke = (fn: string, event: object, openid?: string) => cloud.invoke(fn, event, openid ? { openid } : { source: 'wx_devtools' }) as Promise<Env>;

  const active = new Set(
    cloud.store
      .all('dealers')
      .filter((d) => d['status'] === 'active')
      .map((d) => d._id),
  );
  const dealer = cloud.store.all('users').find((u) => u['role'] === 'dealer' && active.has(u['dealerId'] as string))!['openid'] as string;
  const products = cloud.store
    .all('products')
    .filter(
      (p) =>
        p['status'] === 'on_sale' &&
        (p['visibility'] as { levels: string[]; regions: string[] }).levels.length === 0 &&
        (p['visibility'] as { regions: string[] }).regions.length === 0,
    )
    .slice(0, 30) as unknown as Array<{ _id: string; moq: number }>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  const db = sdk.database();
  // Enough stock and credit that every order is placed.
  for (const s of cloud.store.all('stock').filter((s) => products.some((p) => p._id === s['sku'])))
    await db
      .collection('stock')
      .doc(s._id)
      .update({ data: { onHand: 1e7, reserved: 0 } });
  const dealerId = cloud.store.all('users').find((u) => u['openid'] === dealer)!['dealerId'] as string;
  await db
    .collection('dealers')
    .doc(dealerId)
    .update({ data: { creditLimit: 1e11 } });

  const created = await invoke('campaigns', { action: 'create', ...CAMPAIGN_EXAMPLE, id: 'bench-latency', period: { from: '2026-01-01', to: '2030-12-31' } });
  const published = await invoke('campaigns', { action: 'publish', campaignId: 'bench-latency' });
  const clerk = cloud.store.all('users').find((u) => u['role'] === 'clerk' && active.has(u['dealerId'] as string));
  const code = clerk ? await invoke('campaigns', { action: 'myCode', campaignId: 'bench-latency' }, clerk['openid'] as string) : null;
  if (!created.ok || !published.ok || !code?.ok)
    throw new Error(`bench: campaign setup failed ${JSON.stringify(created.error ?? published.error ?? code?.error ?? 'no clerk')}`);
  const scene = code.data!['code'] as string;

  let n = 0;
  const cases: Array<{ name: string; target: number; call: () => Promise<Env> }> = [
    {
      name: 'orders.submit',
      target: 120,
      call: () => {
        const i = n++;
        const lines = [0, 1, 2]
          .slice(0, 1 + (i % 3))
          .map((k) => products[(i * 3 + k) % products.length]!)
          .map((p) => ({ sku: p._id, qty: p.moq }));
        return invoke('orders', { action: 'submit', clientOrderId: `bench-latency-${String(i).padStart(6, '0')}-xxxx`, lines, address: ADDRESS }, dealer);
      },
    },
    { name: 'catalog.list', target: 60, call: () => invoke('catalog', { action: 'list', limit: 20 }, dealer) },
    { name: 'rebates.progress', target: 60, call: () => invoke('rebates', { action: 'progress' }, dealer) },
    { name: 'campaigns.landing', target: 60, call: () => invoke('campaigns', { action: 'landing', scene }, `bench-latency-consumer-${n++}`) },
  ];

  const out: Record<string, number> = {};
  const actions: Record<string, { p95_ms: number; max_ms: number }> = {};
  for (const c of cases) {
    for (let i = 0; i < WARMUP; i++) await c.call();
    const ms: number[] = [];
    const traces: InvocationTrace[] = [];
    const stop = cloud.recordRoundTrips((t) => traces.push(t), { requests: true });
    cloud.latencyMs = MODEL_MS;
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const r = await c.call();
      ms.push(performance.now() - t0);
      if (!r.ok) throw new Error(`bench: ${c.name} failed ${JSON.stringify(r.error)}`);
    }
    cloud.latencyMs = 0;
    stop();
    const chain = percentile(
      traces.map((t) => t.sequential),
      0.5,
    );
    const requests = percentile(
      traces.map((t) => t.database + t.openapi),
      0.5,
    );
    const p95 = percentile(ms, 0.95);
    console.log(
      `${c.name.padEnd(18)} median ${percentile(ms, 0.5)} ms  p95 ${p95} ms (target ≤ ${c.target})  ${chain} round trips in sequence, ${requests} requests`,
    );
    console.log(`${''.padEnd(18)} ${roundsOf(traces[traces.length - 1])}`);
    const key = c.name.replace('.', '_');
    out[`${key}_p50_ms`] = percentile(ms, 0.5);
    out[`${key}_p95_ms`] = p95;
    out[`${key}_sequential`] = chain;
    actions[c.name] = { p95_ms: p95, max_ms: +Math.max(...ms).toFixed(2) };
  }
  cloud.close();
  fs.rmSync(dir, { recursive: true, force: true });
  // The figures `npm run deploy` checks each function's timeout against (scripts/deploy/inputs.ts readBench).
  const benchFile = path.join(__dirname, '..', '..', 'dist', 'bench.json');
  fs.mkdirSync(path.dirname(benchFile), { recursive: true });
  fs.writeFileSync(benchFile, JSON.stringify({ bench: 'latency', model_ms: MODEL_MS, measuredAt: new Date().toISOString(), actions }, null, 2));
  console.log(`slowest calls under the model written to ${path.relative(process.cwd(), benchFile)} (npm run deploy checks timeouts against them)`);
  console.log(JSON.stringify({ bench: 'latency', model_ms: MODEL_MS, runs: RUNS, ...out }));
}
