import type { TrendsView } from '../../shared/contracts';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/** A new installation's first night: the history it already has becomes the 洞察 sales rows. */
jest.setTimeout(60_000);

describe('the insights backfill through the local cloud', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  const monthly = () => t.cloud.store.all('insight_sales_monthly') as unknown as Array<{ month: string; qty: number; amount: number }>;
  const total = (rows: Array<{ qty: number }>) => rows.reduce((s, r) => s + r.qty, 0);

  it('counts every past month on the first nightly timer, so the trends a manager opens show the months before that night', async () => {
    expect(monthly()).toHaveLength(0);
    const night = (await t.cloud.trigger('insights', 'nightly')) as Envelope<{ backfilled: { ordersMerged: number } | null }>;
    expect(okData(night).backfilled!.ordersMerged).toBeGreaterThan(1000);
    expect(new Set(monthly().map((r) => r.month)).size).toBeGreaterThanOrEqual(13);
    const trends = okData(await t.call<TrendsView>('insights', { action: 'trends', by: 'region' }, 'demo-manager', 'wx_client'));
    // The demo holds twelve months of orders (mocks/seed/history): all twelve before the chosen month are there.
    expect(trends.total.amounts.slice(1).every((a) => a > 0)).toBe(true);
  });

  it('counts nothing twice when run again, by the timer or the console', async () => {
    const before = total(monthly());
    const again = (await t.cloud.trigger('insights', 'nightly')) as Envelope<{ backfilled: unknown }>;
    expect(okData(again).backfilled).toBeNull();
    // The console's backfill over the first months again (a whole year again only costs time).
    const again2 = okData(
      await t.call<{ ordersMerged: number; rowsWritten: number }>('insights', { action: 'backfill', until: '2026-02-01' }, undefined, 'wx_devtools'),
    );
    expect(again2.ordersMerged).toBeGreaterThan(0);
    expect(again2.rowsWritten).toBe(0);
    expect(total(monthly())).toBe(before);
  });

  it('is refused to a manager and to a malformed day, changing nothing', async () => {
    const before = total(monthly());
    expect(codeOf(await t.call('insights', { action: 'backfill', until: '2026-11-30' }, 'demo-manager', 'wx_client'))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('insights', { action: 'backfill', until: '2026-02-30x' }, undefined, 'wx_devtools'))).toBe('INVALID_INPUT');
    expect(total(monthly())).toBe(before);
  });
});
