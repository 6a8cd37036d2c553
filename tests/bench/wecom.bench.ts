/**
 * npm run bench -- wecom: 10,000 signed, encrypted add_external_contact callbacks through the wecom
 * function's HTTP-access handler (signature, freshness, AES, receiver id, XML, replay and
 * de-duplication records) on the local cloud with SQLite on disk. One in ten events is delivered
 * a second time (WeCom's retry: same event, new signature) and one in fifty requests is replayed
 * byte for byte. Then every queued event is applied to its customer record, and the records are
 * counted: duplicates_processed is how many deliveries were applied beyond one per event (must be 0).
 * Requests are encrypted and signed before timing starts (that is WeCom's work, not ours).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalCloud } from '../../mocks/cloud/bootstrap';
import type { SignedRequest } from '../../mocks/wecom/callbacks';
import { contactEventXml, httpAccessEvent, signedRequest } from '../../mocks/wecom/callbacks';
import { Db } from '../../cloudfunctions/_kit/db';
import { WecomApi } from '../../cloudfunctions/wecom/src/api';
import { wecomConfig } from '../../cloudfunctions/wecom/src/config';
import { runOne } from '../../cloudfunctions/wecom/src/work/runner';

const EVENTS = 10_000;
/** One callback at a time, as one function instance serves them (BENCH_CONCURRENCY=8 shows queueing in one Node thread). */
const CONCURRENCY = Number(process.env['BENCH_CONCURRENCY'] ?? 1);
const SETTINGS = { corpId: 'wwbench000000corp01', token: 'BenchToken2026', aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG' };

function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2);
}

export async function run(): Promise<void> {
  process.env['LOCAL_CLOUD_QUIET'] = '1';
  Object.assign(process.env, {
    WECOM_CORP_ID: SETTINGS.corpId,
    WECOM_CALLBACK_TOKEN: SETTINGS.token,
    WECOM_CALLBACK_AES_KEY: SETTINGS.aesKey,
    WECOM_CONTACT_SECRET: 'bench',
    // Nothing leaves the machine: apply_event needs no API, and follow-ups are not run here.
    WECOM_API_BASE: 'http://127.0.0.1:9',
    WECOM_PROCESS_AFTER_ANSWER: '0',
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wecom-'));
  const cloud = openLocalCloud({ dbFile: path.join(dir, 'db.sqlite'), storageDir: path.join(dir, 'storage') });

  // Build the deliveries: every event once, 10 % again with a fresh signature, 2 % replayed verbatim.
  const nowS = Math.floor(Date.now() / 1000);
  const deliveries: Array<{ req: SignedRequest; kind: 'first' | 'redelivery' | 'replay' }> = [];
  const firsts: SignedRequest[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const xml = contactEventXml(
      SETTINGS.corpId,
      { changeType: 'add_external_contact', userId: `clerk${i % 50}`, externalUserId: `wmBench${String(i).padStart(6, '0')}`, createTime: nowS },
      nowS,
    );
    const req = signedRequest(SETTINGS, xml, { timestamp: nowS, nonce: String(1e9 + i) });
    firsts.push(req);
    deliveries.push({ req, kind: 'first' });
    if (i % 10 === 5) deliveries.push({ req: signedRequest(SETTINGS, xml, { timestamp: nowS, nonce: String(2e9 + i) }), kind: 'redelivery' });
    if (i % 50 === 7) deliveries.push({ req, kind: 'replay' });
  }
  const events = deliveries.map((d) => httpAccessEvent('POST', d.req.query, d.req.body));
  // Warm up the function's module (first load compiles it).
  await cloud.invoke('wecom', httpAccessEvent('GET', {}, null), { source: 'wx_http' });

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (;;) {
        const i = next++;
        if (i >= events.length) return;
        const t0 = process.hrtime.bigint();
        const res = (await cloud.invoke('wecom', events[i], { source: 'wx_http' })) as { statusCode: number; body: string };
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        const key = `${deliveries[i]!.kind}:${res.statusCode}`;
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;

  // Apply every queued event (as the timer would), twice over, to show a second run applies nothing.
  const cfg = wecomConfig();
  if (!cfg.ok) throw new Error('config');
  const db = new Db();
  const ctx = { db, config: cfg.config, api: new WecomApi(cfg.config, db) };
  const applyIds = cloud.store
    .all('wecom_jobs')
    .filter((j) => j['kind'] === 'apply_event')
    .map((j) => j._id);
  const stats = { ran: 0, done: 0, retrying: 0, dead: 0 };
  const applyStarted = Date.now();
  if (process.env['BENCH_SKIP_APPLY'] !== '1') for (let round = 0; round < 2; round++) for (const id of applyIds) await runOne(id, ctx, Date.now, stats);
  const applySeconds = (Date.now() - applyStarted) / 1000;

  const customers = cloud.store.all('wecom_customers');
  const relations = customers.reduce((n, c) => n + (c['relations'] as unknown[]).length, 0);
  const duplicatesProcessed = Math.max(0, stats.done - EVENTS) + Math.max(0, relations - EVENTS);

  console.log(
    `deliveries: ${deliveries.length} (${EVENTS} events, ${deliveries.filter((d) => d.kind === 'redelivery').length} redeliveries, ${deliveries.filter((d) => d.kind === 'replay').length} replays), concurrency ${CONCURRENCY}`,
  );
  console.log(`answers: ${JSON.stringify(statuses)}`);
  console.log(
    `handler: ${(deliveries.length / seconds).toFixed(0)} callbacks/s, median ${percentile(latencies, 0.5)} ms, p95 ${percentile(latencies, 0.95)} ms, p99 ${percentile(latencies, 0.99)} ms, max ${percentile(latencies, 1)} ms`,
  );
  console.log(
    `applied: ${stats.done} of ${applyIds.length} queued events in ${applySeconds.toFixed(1)} s (second pass applied ${stats.done - applyIds.length}); customers ${customers.length}, relations ${relations}`,
  );
  cloud.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      bench: 'wecom',
      events_per_s: Math.round(deliveries.length / seconds),
      p95_ms: percentile(latencies, 0.95),
      duplicates_processed: duplicatesProcessed,
    }),
  );
}
