/**
 * The demo data is seeded relative to the day it is seeded on (`npm run seed`, `npm start`), so a
 * newcomer on any day finds it alive: last month's statement has lines, this month's rebate
 * progress is under way and the channel manager has approvals waiting. Checked here for several
 * days, each seeded as `npm run seed` would on that day, with the clock pinned to that morning.
 */
import { seed } from '../../mocks/seed';
import { referenceDateOn } from '../../mocks/seed/data';
import type { RebateProgressOutput, StatementOutput } from '../../shared/contracts';
import { pinClock } from '../helpers/clock';
import { createTestCloud } from '../helpers/local-cloud';
import type { Envelope } from '../helpers/seeded';
import { okData } from '../helpers/seeded';

jest.setTimeout(60_000);

/** 'YYYY-MM' of the month `by` months from the one `at` falls in, Asia/Shanghai. */
function monthOf(at: number, by = 0): string {
  const d = new Date(at + 8 * 3_600_000);
  const i = d.getUTCFullYear() * 12 + d.getUTCMonth() + by;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

describe.each([
  ['the day this was written', '2026-12-02T09:30:00+08:00'],
  ['the last day of a quarter', '2027-03-31T09:30:00+08:00'],
  ['the second day of a year', '2027-01-02T09:30:00+08:00'],
  ['a leap day', '2028-02-29T09:30:00+08:00'],
])('the demo seeded on %s (%s)', (_what, iso) => {
  const now = Date.parse(iso);
  // One local cloud at a time: installing one routes the SDK of the whole process to it.
  let t: ReturnType<typeof createTestCloud>;
  beforeAll(() => {
    pinClock(now);
    t = createTestCloud({ standardCollections: false });
    seed(t.cloud, { referenceDate: referenceDateOn(now) });
  });
  afterAll(() => t.cleanup());
  const call = <T>(fn: string, event: Record<string, unknown>, openid: string) =>
    t.cloud.invoke(fn, event, { openid, source: 'wx_client' }) as Promise<Envelope<T>>;
  beforeEach(() => pinClock(now));

  it("shows dealer A last month's statement with lines", async () => {
    const s = okData(await call<StatementOutput>('orders', { action: 'statement', month: monthOf(now, -1) }, 'demo-dealer-a'));
    expect(s.statement.lines.length).toBeGreaterThan(0);
  });

  it("shows dealer A rebate progress under way in this month's and this quarter's policies", async () => {
    const p = okData(await call<RebateProgressOutput>('rebates', { action: 'progress' }, 'demo-dealer-a'));
    const month = monthOf(now);
    const current = p.evaluations.filter((e) => e.period === month);
    expect(current.length).toBeGreaterThan(0);
    expect(current.some((e) => e.basis > 0)).toBe(true);
    expect(p.evaluations.filter((e) => /Q\d$/.test(e.period)).every((e) => e.basis > 0)).toBe(true);
  });

  it('gives the channel manager approvals waiting', async () => {
    const waiting = okData(await call<{ items: unknown[] }>('orders', { action: 'pendingApprovals' }, 'demo-manager'));
    expect(waiting.items.length).toBeGreaterThan(0);
  });
});
