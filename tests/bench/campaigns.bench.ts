/**
 * npm run bench -- campaigns: 100,000 landing-page visits and 10,000 leads across 200 sharers of
 * one campaign, through the real campaigns function and wx-server-sdk against the local cloud
 * (SQLite on disk), then the campaign's funnel. Each visit is one `landing` call (identity, code,
 * campaign, then one transaction: visitor, visit, counters); each lead is one `lead` call. The
 * funnel reads the per-sharer per-day counters, not the raw events, and must equal a direct count
 * of them. Reports visits/s, leads/s, round trips, conflicts, the funnel's time, and the leads and
 * visits that failed (failed_leads, failed_visits: a consumer who saw an error; both must be 0).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalCloud } from '../../mocks/cloud/bootstrap';
import { seed } from '../../mocks/seed';
import { CAMPAIGN_EXAMPLE } from '../../shared/contracts';

const VISITS = Number(process.env['BENCH_VISITS'] ?? 100_000);
const LEADS = Math.round(VISITS / 10);
const SHARERS = 200;
const CONSUMERS = Math.round(VISITS * 0.6);
const CONCURRENCY = 32;
const FUNNEL_RUNS = 20;

function mulberry32(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2);
}

type Env = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

async function pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
  return performance.now() - started;
}

export async function run(): Promise<void> {
  process.env['LOCAL_CLOUD_QUIET'] = '1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-campaigns-'));
  const cloud = openLocalCloud({ dbFile: path.join(dir, 'db.sqlite'), storageDir: path.join(dir, 'storage') });
  seed(cloud);
  const call = (event: object, openid?: string) => cloud.invoke('campaigns', event, openid ? { openid } : { source: 'wx_devtools' }) as Promise<Env>;

  // 200 sharers: store clerks spread over the active dealers.
  const dealers = cloud.store.all('dealers').filter((d) => d['status'] === 'active');
  const clerks = Array.from({ length: SHARERS }, (_, i) => {
    const dealer = dealers[i % dealers.length]!;
    const openid = `bench-clerk-${String(i).padStart(3, '0')}`;
    return { _id: openid, openid, name: `导购${i}`, role: 'clerk', dealerId: dealer._id, mobile: null, status: 'active', createdAt: 0 };
  });
  cloud.db.handle('database.insertDocument', { collectionName: 'users', data: clerks.map((c) => JSON.stringify(c)) });

  const campaignId = 'bench-campaign';
  const created = await call({ action: 'create', ...CAMPAIGN_EXAMPLE, id: campaignId, period: { from: '2026-01-01', to: '2030-12-31' } });
  const published = await call({ action: 'publish', campaignId });
  if (!created.ok || !published.ok) throw new Error(`bench: campaign setup failed ${JSON.stringify(created.error ?? published.error)}`);
  const codes: string[] = [];
  const codeTime = await pool(clerks, async (c) => {
    const r = await call({ action: 'myCode', campaignId }, c.openid);
    if (!r.ok) throw new Error(`bench: myCode failed ${JSON.stringify(r.error)}`);
    codes.push(r.data!['code'] as string);
  });

  const rnd = mulberry32(7);
  // Popularity is skewed like real sharing: a few sharers bring most visitors.
  const pickCode = () => codes[Math.floor(rnd() ** 2 * codes.length)]!;
  const visits = Array.from({ length: VISITS }, () => ({ openid: `bench-consumer-${Math.floor(rnd() * CONSUMERS)}`, code: pickCode() }));
  const leads = Array.from({ length: LEADS }, (_, i) => visits[Math.floor((i * VISITS) / LEADS)]!);

  const dbBefore = cloud.counters.database;
  const conflictsBefore = cloud.db.conflicts;
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const visitMs = await pool(visits, async (v) => {
    const t0 = performance.now();
    const r = await call({ action: 'landing', scene: v.code }, v.openid);
    latencies.push(performance.now() - t0);
    const key = r.ok ? (r.data!['visitCounted'] ? 'counted' : 'repeat') : r.error!.code;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  });
  const visitTrips = (cloud.counters.database - dbBefore) / VISITS;
  const visitConflicts = cloud.db.conflicts - conflictsBefore;

  const leadOutcomes = new Map<string, number>();
  const leadsBefore = cloud.counters.database;
  const leadMs = await pool(leads, async (v) => {
    const r = await call({ action: 'lead', scene: v.code, name: '压测', mobile: '13800138000', consent: true }, v.openid);
    const key = r.ok ? (r.data!['replayed'] ? 'replayed' : 'new') : r.error!.code;
    leadOutcomes.set(key, (leadOutcomes.get(key) ?? 0) + 1);
  });
  const leadTrips = (cloud.counters.database - leadsBefore) / LEADS;

  // The funnel: one campaign, every sharer, as the brand sees it.
  const funnelTimes: number[] = [];
  let funnel: Env | null = null;
  for (let i = 0; i < FUNNEL_RUNS; i++) {
    const t0 = performance.now();
    funnel = await call({ action: 'funnel', campaignId });
    funnelTimes.push(performance.now() - t0);
  }
  const totals = (funnel?.data?.['funnel'] as { totals: Record<string, number>; bySharer: unknown[] }).totals;
  const rawVisits = cloud.store.all('campaign_visits').filter((d) => d['campaignId'] === campaignId).length;
  const rawVisitors = cloud.store.all('campaign_visitors').filter((d) => d['campaignId'] === campaignId).length;
  const rawLeads = cloud.store.all('campaign_leads').filter((d) => d['campaignId'] === campaignId).length;
  const exact = totals['visits'] === rawVisits && totals['uniqueVisitors'] === rawVisitors && totals['leads'] === rawLeads;

  const visitsPerS = Math.round((VISITS / visitMs) * 1000);
  // A lead or a visit refused for any reason (INTERNAL: a transaction that lost every retry) is a consumer who saw an error.
  const failed = (m: Map<string, number>, ok: string[]) => [...m].filter(([k]) => !ok.includes(k)).reduce((n, [, v]) => n + v, 0);
  const failedLeads = failed(leadOutcomes, ['new', 'replayed']);
  const failedVisits = failed(outcomes, ['counted', 'repeat']);
  const funnelMs = percentile(funnelTimes, 0.5);
  console.log(`setup: ${SHARERS} sharers' codes and mini-program code images in ${(codeTime / 1000).toFixed(1)} s`);
  console.log(`visits ${VISITS} from ${CONSUMERS} consumers, ${CONCURRENCY} in flight: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  console.log(
    `  ${visitsPerS} visits/s  median ${percentile(latencies, 0.5)} ms  p95 ${percentile(latencies, 0.95)} ms  ${visitTrips.toFixed(1)} db round trips/visit  ${visitConflicts} conflicts retried`,
  );
  console.log(
    `leads ${LEADS}: ${JSON.stringify(Object.fromEntries(leadOutcomes))}  ${Math.round((LEADS / leadMs) * 1000)} leads/s  ${leadTrips.toFixed(1)} db round trips/lead`,
  );
  console.log(
    `funnel over ${(funnel?.data?.['funnel'] as { bySharer: unknown[] }).bySharer.length} sharers: median ${funnelMs} ms, p95 ${percentile(funnelTimes, 0.95)} ms`,
  );
  console.log(`funnel = direct count of raw events (visits ${rawVisits}, unique ${rawVisitors}, leads ${rawLeads}): ${exact}`);
  cloud.close();
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(
    JSON.stringify({
      bench: 'campaigns',
      visits_per_s: visitsPerS,
      funnel_ms: funnelMs,
      leads_per_s: Math.round((LEADS / leadMs) * 1000),
      funnel_exact: exact,
      failed_leads: failedLeads,
      failed_visits: failedVisits,
    }),
  );
}
