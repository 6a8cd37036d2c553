/**
 * The local cloud's own cost per request through the real wx-server-sdk: document reads,
 * filtered queries over the seeded orders, and conflicting transactions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalCloud } from '../../mocks/cloud/bootstrap';
import { seed } from '../../mocks/seed';

function stats(samples: number[]): { median: number; p95: number } {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
  return { median: +at(0.5).toFixed(3), p95: +at(0.95).toFixed(3) };
}

async function timed(n: number, fn: (i: number) => Promise<unknown>, concurrency = 1): Promise<{ perS: number; median: number; p95: number }> {
  const lat: number[] = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        lat.push(performance.now() - t0);
      }
    }),
  );
  const total = performance.now() - started;
  return { perS: Math.round((n / total) * 1000), ...stats(lat) };
}

export async function run(): Promise<void> {
  process.env['LOCAL_CLOUD_QUIET'] = '1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lc-'));
  const cloud = openLocalCloud({ dbFile: path.join(dir, 'db.sqlite'), storageDir: path.join(dir, 'storage') });
  seed(cloud);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk');
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  const db = sdk.database();
  const _ = db.command;
  await db.collection('system').add({ data: { _id: 'bench-counter', n: 0 } });

  const docGet = await timed(2000, (i) =>
    db
      .collection('products')
      .doc(`sku-${String((i % 290) + 1).padStart(4, '0')}`)
      .get(),
  );
  const query = await timed(500, (i) =>
    db
      .collection('orders')
      .where({ dealerId: `dealer-${String((i % 60) + 1).padStart(3, '0')}`, payable: _.gt(100000) })
      .orderBy('createdAt', 'desc')
      .limit(20)
      .get(),
  );
  const tx = await timed(
    300,
    () =>
      db.runTransaction(
        async (t: {
          collection: (n: string) => { doc: (id: string) => { get: () => Promise<{ data: { n: number } }>; update: (o: object) => Promise<unknown> } };
        }) => {
          const c = await t.collection('system').doc('bench-counter').get();
          await t
            .collection('system')
            .doc('bench-counter')
            .update({ data: { n: c.data.n + 1 } });
        },
        50,
      ),
    10,
  );
  const final = (await db.collection('system').doc('bench-counter').get()).data.n as number;
  console.log(`doc get          ${docGet.perS}/s  median ${docGet.median} ms  p95 ${docGet.p95} ms`);
  console.log(`orders query     ${query.perS}/s  median ${query.median} ms  p95 ${query.p95} ms  (3027 orders, filter+sort+limit)`);
  console.log(`tx increments    ${tx.perS}/s  median ${tx.median} ms  p95 ${tx.p95} ms  (10 concurrent on one doc; counter=${final}/300)`);
  cloud.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      bench: 'localcloud',
      doc_get_per_s: docGet.perS,
      query_per_s: query.perS,
      query_p95_ms: query.p95,
      tx_per_s: tx.perS,
      tx_lost: 300 - final,
    }),
  );
}
