/**
 * npm run bench -- orders: 1,000 order submissions from 50 concurrent dealers over 20 hot SKUs,
 * through the real orders function and wx-server-sdk against the local cloud (SQLite on disk).
 * One in ten submissions is sent twice with the same client id (a double tap); stock of the hot
 * SKUs is set so that it runs out part way. Reports throughput, latency, database round trips
 * per order, oversold units (must be 0) and duplicate orders (must be 0).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalCloud } from '../../mocks/cloud/bootstrap';
import { seed } from '../../mocks/seed';
import { Rng } from '../../mocks/seed/rng';

/** The seeded generator of the demo data: the same numbers every run. */
const seeded = (n: number): (() => number) => {
  const rng = new Rng(n);
  return () => rng.next();
};

const SUBMISSIONS = 1000;
const DEALERS = 50;
const HOT = 20;
const ADDRESS = { name: '压测', mobile: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '测试路 1 号' };


function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2);
}

export async function run(): Promise<void> {
  process.env['LOCAL_CLOUD_QUIET'] = '1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-orders-'));
  const cloud = openLocalCloud({ dbFile: path.join(dir, 'db.sqlite'), storageDir: path.join(dir, 'storage') });
  seed(cloud);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  const db = sdk.database();

  const products = cloud.store
    .all('products')
    .filter((p) => p['status'] === 'on_sale' && (p['visibility'] as { levels: string[]; regions: string[] }).levels.length === 0 && (p['visibility'] as { regions: string[] }).regions.length === 0)
    .slice(0, HOT) as unknown as Array<{ _id: string; moq: number }>;
  // Enough stock for about 70% of what will be asked, so the last orders compete for the last units.
  for (const s of cloud.store.all('stock').filter((s) => products.some((p) => p._id === s['sku']))) {
    const moq = products.find((p) => p._id === s['sku'])!.moq;
    await db.collection('stock').doc(s._id).update({ data: { onHand: moq * 40, reserved: 0 } });
  }
  const active = new Set(cloud.store.all('dealers').filter((d) => d['status'] === 'active').map((d) => d._id));
  const dealerUsers = cloud.store.all('users').filter((u) => u['role'] === 'dealer' && active.has(u['dealerId'] as string)).slice(0, DEALERS) as unknown as Array<{ openid: string; dealerId: string }>;
  for (const u of dealerUsers) await db.collection('dealers').doc(u.dealerId).update({ data: { creditLimit: 1e11 } });
  const before = cloud.counters.database;

  const rnd = seeded(42);
  const plan = Array.from({ length: SUBMISSIONS }, (_, i) => {
    const lines = new Map<string, number>();
    const n = 1 + Math.floor(rnd() * 3);
    while (lines.size < n) {
      const p = products[Math.floor(rnd() * products.length)]!;
      lines.set(p._id, p.moq * (1 + Math.floor(rnd() * 2)));
    }
    return { dealer: dealerUsers[i % DEALERS]!.openid, clientOrderId: `bench-${String(i).padStart(8, '0')}-xxxxxxxx`, lines: [...lines].map(([sku, qty]) => ({ sku, qty })), doubleTap: rnd() < 0.1 };
  });

  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: DEALERS }, async () => {
      while (next < plan.length) {
        const p = plan[next++]!;
        const event = { action: 'submit', clientOrderId: p.clientOrderId, lines: p.lines, address: ADDRESS };
        const t0 = performance.now();
        const calls = [cloud.invoke('orders', event, { openid: p.dealer })];
        if (p.doubleTap) calls.push(cloud.invoke('orders', event, { openid: p.dealer }));
        const results = (await Promise.all(calls)) as Array<{ ok: boolean; error?: { code: string } }>;
        latencies.push(performance.now() - t0);
        const key = results[0]!.ok ? 'ok' : results[0]!.error!.code;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    }),
  );
  const elapsed = performance.now() - started;
  const requests = cloud.counters.database - before;

  const orders = cloud.store.all('orders').filter((o) => String(o['clientOrderId'] ?? '').startsWith('bench-'));
  const duplicates = orders.length - new Set(orders.map((o) => o['clientOrderId'])).size;
  let oversold = 0;
  for (const s of cloud.store.all('stock').filter((s) => products.some((p) => p._id === s['sku']))) {
    oversold += Math.max(0, (s['reserved'] as number) - (s['onHand'] as number));
  }
  // Every accepted order is fully reserved: Σ reserved of the hot SKUs = Σ ordered quantities of accepted orders.
  const reserved = cloud.store.all('stock').filter((s) => products.some((p) => p._id === s['sku'])).reduce((n, s) => n + (s['reserved'] as number), 0);
  const ordered = orders.reduce((n, o) => n + (o['lines'] as Array<{ qty: number }>).reduce((m, l) => m + l.qty, 0), 0);

  const perS = Math.round((SUBMISSIONS / elapsed) * 1000);
  console.log(`submissions ${SUBMISSIONS} (${plan.filter((p) => p.doubleTap).length} sent twice) from ${DEALERS} concurrent dealers over ${HOT} hot SKUs`);
  console.log(`outcomes ${JSON.stringify(Object.fromEntries(outcomes))}`);
  console.log(`throughput ${perS} orders/s  median ${percentile(latencies, 0.5)} ms  p95 ${percentile(latencies, 0.95)} ms`);
  console.log(`transaction conflicts (retried) ${cloud.db.conflicts}`);
  console.log(`database round trips per submission ${(requests / SUBMISSIONS).toFixed(1)}  oversold ${oversold}  duplicates ${duplicates}  reserved ${reserved} = ordered ${ordered}: ${reserved === ordered}`);
  cloud.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      bench: 'orders',
      orders_per_s: perS,
      median_ms: percentile(latencies, 0.5),
      p95_ms: percentile(latencies, 0.95),
      db_requests_per_order: +(requests / SUBMISSIONS).toFixed(1),
      oversold_units: oversold,
      duplicates,
    }),
  );
}
