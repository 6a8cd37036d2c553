import { generate } from '../../../mocks/seed/data';
import type { SeedDataSet } from '../../../mocks/seed/data';
import { regionSkuOutliers } from '../../../shared/insights/anomalies';
import { HEALTH_THRESHOLDS, dealerHealth, healthRates } from '../../../shared/insights/health';
import { backtestCases } from '../../../scripts/insights/health-backtest';
import { runNight } from '../../../shared/insights/nightly';
import { type OutlookOrder, outlook } from '../../../shared/insights/outlook';
import { paymentFactsOf } from '../../../shared/insights/payments';
import { type MonthlySalesRow, type SalesOrder, type WeeklySalesRow, mergeDay, weekOf } from '../../../shared/insights/sales';

const DAY_MS = 86_400_000;

describe('insight alerts on the demo data', () => {
  let data: SeedDataSet;
  let raised: ReturnType<typeof runNight>;
  let asOf: number;

  beforeAll(() => {
    data = generate();
    asOf = data.system[0]!.referenceDate;
    // Ninety nights up to the reference date, each seeing only the orders placed before its end.
    const lastRaised = new Map<string, number>();
    const managers = data.users.filter((u) => u.role === 'manager') as unknown as Array<{ _id: string; regions: string[] }>;
    const inactiveDealers = new Set(data.dealers.filter((d) => d.status !== 'active').map((d) => d._id));
    const sorted = [...data.orders].sort((a, b) => a.createdAt - b.createdAt);
    // Receivables as the accounts stand at the reference date; each night ages them as of its end.
    const since = asOf - 420 * DAY_MS;
    const payments = paymentFactsOf({
      dealers: data.dealers,
      orders: data.orders,
      payments: data.payments,
      returns: [],
      accounts: data.accounts,
      now: asOf,
      since,
    });
    raised = [];
    for (let day = asOf - 90 * DAY_MS; day < asOf; day += DAY_MS) {
      const orders = sorted.filter((o) => o.createdAt < day + DAY_MS);
      const tonight = runNight({ orders, dayStart: day, lastRaised, managers, inactiveDealers, regionSku: false, payments });
      for (const a of tonight) lastRaised.set(a.key, day);
      raised.push(...tonight);
    }
  });

  it('alerts the planted order spike once, to the manager of its region, with the numbers', () => {
    const { spike } = data.system[0]!.anomalies;
    const spikes = raised.filter((a) => a.kind === 'order_spike');
    expect(spikes.map((a) => a.orderNos)).toEqual([[spike.orderNo]]);
    expect(spikes[0]!.managerId).toBe('demo-manager');
    expect(spikes[0]!.message).toMatch(/倍/);
  });

  it('alerts the planted churning dealer once, and no active dealer that kept its rhythm', () => {
    const { churn, churners } = data.system[0]!.anomalies;
    const alerted = raised.filter((a) => a.kind === 'dealer_churn').map((a) => a.dealerId);
    // The dealers planted to fade out earlier in the year are still silent: the first of these
    // nights (which remembers no earlier raising) may tell of them too, once each.
    expect(alerted.filter((id) => id === churn.dealerId)).toEqual([churn.dealerId]);
    expect(new Set(alerted).size).toBe(alerted.length);
    for (const id of alerted) expect([churn.dealerId, ...churners.map((c) => c.dealerId)]).toContain(id);
  });

  it('alerts the planted out-of-region SKU once, naming its orders', () => {
    const { offMix } = data.system[0]!.anomalies;
    const off = raised.filter((a) => a.kind === 'off_region');
    expect(off.map((a) => [a.dealerId, a.sku])).toEqual([[offMix.dealerId, offMix.sku]]);
    expect(off[0]!.message).toContain(offMix.orderNos[0]!);
  });

  it('alerts the planted late payers once each — the slow payer near its limit and the suspended dealer that stopped paying — and no one else', () => {
    const { credit } = data.system[0]!;
    const late = raised.filter((a) => a.kind === 'payment_delay');
    expect(late.map((a) => a.dealerId).sort()).toEqual([credit.nearLimit[0]!.dealerId, credit.overdue[0]!.dealerId].sort());
    const slow = late.find((a) => a.dealerId === credit.nearLimit[0]!.dealerId)!;
    expect(slow.message).toMatch(/已超过 30 天账期.*已逾期 \d+ 天/);
    expect(slow.actual).toBeGreaterThan(slow.expected);
  });

  it('sends every alert to the manager whose regions include the alert region', () => {
    const managers = data.users.filter((u) => u.role === 'manager') as unknown as Array<{ _id: string; regions: string[] }>;
    for (const a of raised) expect(managers.find((m) => m._id === a.managerId)?.regions).toContain(a.region);
  });

  it('flags the planted churners in the back-test before they stop, with more hits than false alarms', () => {
    // As the bench's back-test: four past months, each against its next 92 days, pooled.
    const rates = healthRates(backtestCases(data), HEALTH_THRESHOLDS).churn;
    // Chance churn (a small dealer that happens to order little for three months) no model foresees.
    expect(rates.recall).toBeGreaterThanOrEqual(0.4);
    expect(rates.precision).toBeGreaterThanOrEqual(0.5);
  });

  it('scores the churning dealer as a churn risk, with its silence as the first reason', () => {
    const { churn } = data.system[0]!.anomalies;
    const health = dealerHealth(data.orders, data.dealers, asOf).find((h) => h.dealerId === churn.dealerId)!;
    expect(health.churnRisk).toBe(true);
    expect(health.reasons[0]!.factor).toBe('recency');
    expect(health.score).toBeLessThan(40);
  });
});

describe('insight aggregates and region × SKU outliers', () => {
  const order = (id: string, at: number, qty: number, region = 'east'): SalesOrder => ({
    _id: id,
    orderNo: `SO-${id}`,
    dealerId: `d-${id.length % 3}`,
    dealerName: '测试经销商',
    dealerRegion: region,
    status: 'completed',
    createdAt: at,
    payable: qty * 100,
    lines: [{ sku: 'sku-1', name: '测试饮料', categoryId: 'cat-1', kind: 'item', qty, payable: qty * 100 }],
  });
  const month = (i: number) => Date.UTC(2025, i, 10);

  it('merges a day twice without counting any order twice', () => {
    const day = [order('a', month(0), 5), order('b', month(0), 7)];
    const first = mergeDay(new Map(), day);
    const again = mergeDay(new Map(first.map((r): [string, MonthlySalesRow] => [r._id, r])), day);
    expect(again).toEqual([]);
    expect(first.reduce((s, r) => s + r.qty, 0)).toBe(12);
  });

  it('takes a return off the month and the week its order was placed in, once', () => {
    const placed = Date.parse('2025-03-05T10:00:00+08:00'); // a Wednesday
    const o = order('r1', placed, 10);
    const back = { _id: 'RT-1', lines: [{ sku: 'sku-1', qty: 4, amount: 400 }], order: o };
    const [month] = mergeDay(new Map(), [o]);
    const [afterReturn] = mergeDay(new Map([[month!._id, month!]]), [], [back]);
    expect(afterReturn).toMatchObject({ month: '2025-03', qty: 6, amount: 600, returnedQty: 4, returnedAmount: 400, returnIds: ['RT-1'] });
    expect(mergeDay(new Map([[afterReturn!._id, afterReturn!]]), [o], [back])).toEqual([]);
    const [week] = mergeDay(new Map<string, WeeklySalesRow>(), [o], [back], 'week');
    expect(week).toMatchObject({ week: '2025-03-03', qty: 6, returnedQty: 4 });
    expect(weekOf(Date.parse('2025-03-09T23:59:00+08:00'))).toBe('2025-03-03');
    expect(weekOf(Date.parse('2025-03-10T00:00:00+08:00'))).toBe('2025-03-10');
  });

  it('forecasts each region × category and region × SKU 3 months ahead with nested bands and a backtest, net of returns, leaving out SKUs that barely sell', () => {
    const qty = (i: number) => 100 + 10 * (i % 4) + ((i * 7) % 5);
    const orders: OutlookOrder[] = Array.from({ length: 24 }, (_, i) => ({
      ...order(`m${i}`, month(i), qty(i)),
      returned: i === 23 ? { 'sku-1': { qty: 30 } } : undefined,
    }));
    orders.push({ ...order('rare', month(5), 3), lines: [{ sku: 'sku-2', name: '冷门饮料', categoryId: 'cat-1', kind: 'item', qty: 3, payable: 300 }] });
    const docs = outlook(orders, '2026-12', { categoryNames: new Map([['cat-1', '茶饮料']]) });
    expect(docs.map((d) => d._id).sort()).toEqual(['category|east|cat-1', 'sku|east|sku-1']);
    const sku = docs.find((d) => d.level === 'sku')!;
    expect(sku).toMatchObject({ asOfMonth: '2026-12', months: ['2027-01', '2027-02', '2027-03'], name: '测试饮料' });
    expect(docs.find((d) => d.level === 'category')!.name).toBe('茶饮料');
    expect(sku.history.values.at(-1)).toBe(qty(23) - 30);
    for (let i = 0; i < 3; i++) {
      expect(sku.lower95[i]!).toBeLessThanOrEqual(sku.lower80[i]!);
      expect(sku.lower80[i]!).toBeLessThanOrEqual(sku.mean[i]!);
      expect(sku.mean[i]!).toBeLessThanOrEqual(sku.upper80[i]!);
      expect(sku.upper80[i]!).toBeLessThanOrEqual(sku.upper95[i]!);
    }
    expect(sku.mase).toEqual(expect.any(Number));
  });

  it('tells the manager to restock when a region sells far above the forecast while the country does not', () => {
    const orders: SalesOrder[] = [];
    for (let i = 0; i < 12; i++) {
      orders.push(
        order(`e${i}`, month(i), 100 + (i % 3) * 5, 'east'),
        order(`s${i}`, month(i), 2000 + (i % 2) * 100, 'south'),
        order(`n${i}`, month(i), 1500, 'north'),
      );
    }
    orders.push(order('boom', month(12), 600, 'east'), order('s12', month(12), 2050, 'south'), order('n12', month(12), 1500, 'north'));
    const alerts = regionSkuOutliers(orders, '2026-01');
    expect(alerts.map((a) => [a.kind, a.region])).toEqual([['region_sku_spike', 'east']]);
    expect(alerts[0]!.message).toContain('补充');
    // The same month net of returns: when the extra units came back, nothing sold above the forecast.
    const boom = orders.find((o) => o._id === 'boom')!;
    const back = { ...boom, returned: { [boom.lines[0]!.sku]: { qty: 500 } } };
    expect(regionSkuOutliers([...orders.filter((o) => o !== boom), back], '2026-01')).toEqual([]);
  });
});
