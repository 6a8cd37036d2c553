/**
 * npm run bench -- lifecycle: the dealer lifecycle's figures (issue 14).
 *
 * - screening_ms (dealers, target ≤ 50 ms per application): the p95 of dealers.apply through the
 *   local cloud over the seeded demo data — loading the facts (blacklist, the credit code's
 *   history, the region's and the district's dealers), screening with every admission rule and
 *   saving the application in its transaction — one applicant after another. Also the pure rule
 *   set alone (screening_pure_us, shared/admission/screen).
 * - scorecards_per_s (rating, target: a month's scorecards for 10,000 dealers in ≤ 10 s): measured
 *   by the rating's own part (tests/bench/lifecycle-rating.ts: lifecycle.computeScorecards through the local cloud).
 *
 * Prints the figures, then one JSON object as the last line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openLocalCloud } from '../../mocks/cloud/bootstrap';
import { seed } from '../../mocks/seed';
import { DEFAULT_ADMISSION_RULES, creditCodeCheckChar, screen } from '../../shared/admission';
import type { AdmissionFacts } from '../../shared/admission';
import { measureScorecards } from './lifecycle-rating';

const APPLICATIONS = Number(process.env['BENCH_APPLICATIONS'] ?? 200);
const PURE_RUNS = 20_000;

type Env = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string } };

function percentile(samples: number[], q: number): number {
  const s = [...samples].sort((a, b) => a - b);
  return +(s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0).toFixed(2);
}

/** A valid 统一社会信用代码 per n: a fixed body and a counter, with its computed check character. */
function creditCode(n: number): string {
  const body = `91330100799${String(n).padStart(6, '0')}`;
  return body + creditCodeCheckChar(body)!;
}

const DISTRICTS = [
  { province: { code: '33', name: '浙江省' }, city: { code: '3301', name: '杭州市' }, district: { code: '330106', name: '西湖区' } },
  { province: { code: '44', name: '广东省' }, city: { code: '4403', name: '深圳市' }, district: { code: '440305', name: '南山区' } },
  { province: { code: '11', name: '北京市' }, city: { code: '1101', name: '市辖区' }, district: { code: '110108', name: '海淀区' } },
];

function form(n: number) {
  return {
    company: `基准测试商贸有限公司 ${n}`,
    creditCode: creditCode(n),
    legalRep: '张三',
    contactName: '李四',
    mobile: '13900000011',
    ...DISTRICTS[n % DISTRICTS.length]!,
    categoryIds: [],
    stores: 1 + (n % 7),
    annualSalesFen: 50_000_000 + (n % 13) * 100_000_000,
    desiredLevel: (['A', 'B', 'C'] as const)[n % 3]!,
    licenceFileId: n % 10 === 0 ? null : `cloud://bench/licence-${n}.jpg`,
  };
}

async function measureScreening(): Promise<{ screening_ms: number; screening_p50_ms: number; screening_pure_us: number; applications: number }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-lifecycle-'));
  const cloud = openLocalCloud({ dbFile: path.join(dir, 'db.sqlite'), storageDir: path.join(dir, 'storage') });
  seed(cloud);
  const apply = (n: number) => cloud.invoke('dealers', { action: 'apply', form: form(n) }, { openid: `bench-applicant-${n}` }) as Promise<Env>;
  await apply(1_000_000 - 1); // warm: the function's first load is not an application
  const samples: number[] = [];
  for (let n = 0; n < APPLICATIONS; n++) {
    const started = performance.now();
    const r = await apply(n);
    samples.push(performance.now() - started);
    if (!r.ok) throw new Error(`apply ${n}: ${r.error?.code} ${r.error?.message}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const facts: AdmissionFacts = {
    creditCode: creditCode(1),
    desiredLevel: 'B',
    region: 'east',
    districtCode: '330106',
    stores: 3,
    annualSalesFen: 200_000_000,
    documents: { licence: 'x' },
    blacklisted: null,
    dealersWithCode: [],
    earlierApplications: 1,
    regionDealersByLevel: { B: 12 },
    districtDealersAtLevel: ['x'],
  };
  const started = performance.now();
  for (let i = 0; i < PURE_RUNS; i++) screen(DEFAULT_ADMISSION_RULES, facts);
  const pureUs = ((performance.now() - started) * 1000) / PURE_RUNS;
  return {
    screening_ms: percentile(samples, 0.95),
    screening_p50_ms: percentile(samples, 0.5),
    screening_pure_us: +pureUs.toFixed(2),
    applications: APPLICATIONS,
  };
}

export async function run(): Promise<void> {
  const screening = await measureScreening();
  console.log(
    `screening: ${screening.applications} applications through dealers.apply, p50 ${screening.screening_p50_ms} ms, p95 ${screening.screening_ms} ms (target ≤ 50 ms); rules alone ${screening.screening_pure_us} µs`,
  );
  const scorecards = await measureScorecards();
  console.log(JSON.stringify({ ...screening, ...scorecards }));
}
