import type { DealerHealthView, DealerInsightView, ForecastView, TrendsView } from '../../shared/contracts';
import { type MonthlySalesRow, type SalesOrder, mergeDay } from '../../shared/insights/sales';
import { stringifyEJSON } from '../../mocks/cloud/db/ejson';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * The 洞察 pages' read actions on the demo data: trends, forecasts, dealer health and a dealer's
 * page, each scoped to the manager's regions (the demo manager looks after 华东 and 华南).
 */
describe('insights read actions through the local cloud', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const insights = <T>(action: string, input: Record<string, unknown>, openid: string) => t.call<T>('insights', { action, ...input }, openid, 'wx_client');
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  const MINE = ['east', 'south'];
  const orders = t.cloud.store.all('orders') as unknown as SalesOrder[];
  const { churn } = (t.cloud.store.all('system').find((d) => d['anomalies']) as unknown as { anomalies: { churn: { dealerId: string } } }).anomalies;

  beforeAll(() => {
    // The monthly aggregates as the nightly job leaves them after every day of the history: the same pure merge, stored in one go.
    const rows = mergeDay(new Map<string, MonthlySalesRow>(), orders);
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500).map((r) => stringifyEJSON(r));
      t.cloud.db.handle('database.insertDocument', { collectionName: 'insight_sales_monthly', data: batch });
    }
  });

  it('shows a manager the trends of their own regions only, with 环比 and 同比 that match the months', async () => {
    const view = okData(await insights<TrendsView>('trends', { by: 'region' }, 'demo-manager'));
    expect(view.months).toHaveLength(13);
    expect(view.months[12]).toBe(view.month);
    expect(view.items.map((i) => i.key).sort()).toEqual(MINE);
    expect(view.items.map((i) => i.label)).toEqual(expect.arrayContaining(['华东大区', '华南大区']));
    for (const line of view.items) {
      expect(line.amount).toBe(line.amounts[12]);
      expect(line.mom).toBeCloseTo(line.amounts[12]! / line.amounts[11]! - 1, 9);
      // The demo's history may start less than a year before the month: then there is no 同比 to give.
      if (line.amounts[0]) expect(line.yoy).toBeCloseTo(line.amounts[12]! / line.amounts[0]! - 1, 9);
      else expect(line.yoy).toBeNull();
    }
    expect(view.total.amount).toBe(view.items.reduce((s, i) => s + i.amount, 0));
    const all = okData(await insights<TrendsView>('trends', { by: 'region' }, 'demo-admin'));
    expect(all.items.length).toBeGreaterThan(2);
  });

  it('names categories and products in the trends, and shows nothing of a region the manager does not look after', async () => {
    const byCategory = okData(await insights<TrendsView>('trends', { by: 'category', region: 'east' }, 'demo-manager'));
    expect(byCategory.items.length).toBeGreaterThan(0);
    expect(byCategory.items.every((i) => i.label !== i.key)).toBe(true);
    const bySku = okData(await insights<TrendsView>('trends', { by: 'sku', categoryId: byCategory.items[0]!.key }, 'demo-manager'));
    expect(bySku.items.length).toBeGreaterThan(0);
    const north = okData(await insights<TrendsView>('trends', { by: 'category', region: 'north' }, 'demo-manager'));
    expect(north.items).toEqual([]);
    expect(north.total.amount).toBe(0);
  });

  it('forecasts 3 months ahead per region and category with nested 80 % and 95 % intervals', async () => {
    const { items } = okData(await insights<{ asOf: string; items: ForecastView[] }>('forecasts', { level: 'category' }, 'demo-manager'));
    expect(items.length).toBeGreaterThan(0);
    for (const f of items) {
      expect(MINE).toContain(f.region);
      expect(f.ahead).toHaveLength(3);
      expect(f.history).toHaveLength(12);
      f.mean.forEach((m, i) => {
        expect(f.lower95[i]!).toBeLessThanOrEqual(f.lower80[i]! + 1e-9);
        expect(f.lower80[i]!).toBeLessThanOrEqual(m + 1e-9);
        expect(m).toBeLessThanOrEqual(f.upper80[i]! + 1e-9);
        expect(f.upper80[i]!).toBeLessThanOrEqual(f.upper95[i]! + 1e-9);
      });
    }
    const skus = okData(await insights<{ items: ForecastView[] }>('forecasts', { level: 'sku', region: 'south' }, 'demo-manager')).items;
    expect(skus.length).toBeGreaterThan(0);
    expect(skus.every((f) => f.region === 'south')).toBe(true);
  });

  it('lists dealer health weakest first with reasons, and flags the planted churning dealer for the admin', async () => {
    const mine = okData(await insights<{ items: DealerHealthView[] }>('health', {}, 'demo-manager')).items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((h) => MINE.includes(h.region))).toBe(true);
    expect(mine.map((h) => h.score)).toEqual([...mine.map((h) => h.score)].sort((a, b) => a - b));
    expect(mine[0]!.reasons[0]!.reason).toMatch(/\d/);
    const risks = okData(await insights<{ items: DealerHealthView[] }>('health', { flag: 'churn' }, 'demo-admin')).items;
    expect(risks.every((h) => h.churnRisk)).toBe(true);
    expect(risks.map((h) => h.dealerId)).toContain(churn.dealerId);
  });

  it('opens a dealer’s page for its region’s manager only, with its months, top products and latest orders', async () => {
    const own = orders.find((o) => o.dealerRegion === 'east')!.dealerId;
    const view = okData(await insights<DealerInsightView>('dealerInsight', { dealerId: own }, 'demo-manager'));
    expect(view.dealer).toMatchObject({ id: own, region: 'east', regionName: '华东大区' });
    expect(view.amounts).toHaveLength(12);
    expect(view.topSkus.length).toBeGreaterThan(0);
    expect(view.recentOrders.length).toBeGreaterThan(0);
    expect(view.health?.dealerId).toBe(own);
    expect(codeOf(await insights('dealerInsight', { dealerId: churn.dealerId }, 'demo-manager'))).toBe('NOT_FOUND');
    expect(codeOf(await insights('dealerInsight', { dealerId: churn.dealerId }, 'demo-admin'))).toBe('ok');
  });

  it('lets the manager follow the dealer page’s links to the statement and the rebate settlements of their own regions’ dealers only', async () => {
    const own = orders.find((o) => o.dealerRegion === 'east')!.dealerId;
    const month = okData(await insights<DealerInsightView>('dealerInsight', { dealerId: own }, 'demo-manager')).months[10]!;
    expect(codeOf(await t.call('orders', { action: 'statement', month, dealerId: own }, 'demo-manager', 'wx_client'))).toBe('ok');
    expect(codeOf(await t.call('rebates', { action: 'settlements', dealerId: own }, 'demo-manager', 'wx_client'))).toBe('ok');
    expect(codeOf(await t.call('orders', { action: 'statement', month, dealerId: churn.dealerId }, 'demo-manager', 'wx_client'))).toBe('NOT_FOUND');
    expect(codeOf(await t.call('rebates', { action: 'settlements', dealerId: churn.dealerId }, 'demo-manager', 'wx_client'))).toBe('NOT_FOUND');
  });

  it('keeps dealers and clerks out, and refuses a malformed month', async () => {
    expect(codeOf(await insights('trends', { by: 'region' }, 'demo-dealer-a'))).toBe('FORBIDDEN');
    expect(codeOf(await insights('health', {}, 'demo-clerk'))).toBe('FORBIDDEN');
    expect(codeOf(await insights('trends', { by: 'region', month: '2026-13' }, 'demo-manager'))).toBe('INVALID_INPUT');
  });
});
