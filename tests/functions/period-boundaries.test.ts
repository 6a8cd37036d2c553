/**
 * Period boundaries in Asia/Shanghai through the real functions, with the clock pinned to the
 * moments that matter (never left to the day the suite runs): a delivery confirmed in the last
 * millisecond of a month, quarter or year accrues to it; one confirmed at 00:00 of the next day
 * to the next one. 00:00 in Shanghai is 16:00 UTC the day before, so a UTC calendar would get the
 * second half of each pair wrong.
 */
import type { OrderView, RebateProgressOutput, SubmitOutput } from '../../shared/contracts';
import { TEST_NOW, freezeClock, pinClock } from '../helpers/clock';
import { okData, seededCloud } from '../helpers/seeded';

const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
const at = (iso: string) => Date.parse(iso);

describe('period boundaries in Asia/Shanghai', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  let seq = 0;

  /** Submit and ship an order with the clock running, then confirm receipt at exactly `confirmAt`. */
  async function deliverAt(confirmAt: number): Promise<OrderView> {
    pinClock(TEST_NOW);
    const { order } = okData(
      await t.call<SubmitOutput>(
        'orders',
        { action: 'submit', clientOrderId: `boundary-${confirmAt}-${++seq}-xxxxxx`, lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS },
        'demo-dealer-a',
        'wx_client',
      ),
    );
    let current = order;
    if (current.status === 'pending_approval')
      current = okData(await t.call<OrderView>('orders', { action: 'approve', orderId: order.id }, 'demo-manager', 'wx_client'));
    for (const r of current.reservations) {
      current = okData(
        await t.call<OrderView>(
          'orders',
          {
            action: 'ship',
            orderId: order.id,
            warehouseId: r.warehouseId,
            carrier: '顺丰速运',
            trackingNo: `SF8${seq}${confirmAt % 100_000}`,
            lines: [{ sku: r.sku, qty: r.qty }],
          },
          undefined,
          'wx_devtools',
        ),
      );
    }
    freezeClock(confirmAt);
    try {
      return okData(await t.call<OrderView>('orders', { action: 'confirmReceipt', orderId: order.id }, 'demo-dealer-a', 'wx_client'));
    } finally {
      pinClock(TEST_NOW);
    }
  }

  /** The dealer's aggregates: period → total amount delivered, fen. */
  async function aggregates(): Promise<Map<string, number>> {
    const docs = (await t.db.collection('rebate_aggregates').where({ dealerId: 'dealer-001' }).limit(1000).get()).data as Array<{
      period: string;
      total: { amount: number };
    }>;
    return new Map(docs.map((d) => [d.period, d.total.amount]));
  }

  /** The periods whose aggregate grew by exactly the order's payable when it was delivered. */
  async function accruedTo(before: Map<string, number>, order: OrderView): Promise<string[]> {
    const after = await aggregates();
    const grew = [...after].filter(([period, amount]) => amount !== (before.get(period) ?? 0));
    expect(grew.every(([period, amount]) => amount - (before.get(period) ?? 0) === order.payable)).toBe(true);
    return grew.map(([period]) => period).sort();
  }

  it.each([
    ['a month and quarter end', '2027-03-31T23:59:59.999+08:00', ['2027', '2027-03', '2027-Q1']],
    ['the next month and quarter start', '2027-04-01T00:00:00.000+08:00', ['2027', '2027-04', '2027-Q2']],
    ['a year end', '2026-12-31T23:59:59.999+08:00', ['2026', '2026-12', '2026-Q4']],
    ['the next year start', '2027-01-01T00:00:00.000+08:00', ['2027', '2027-01', '2027-Q1']],
  ])('a delivery confirmed at %s (%s) accrues to exactly its month, quarter and year', async (_what, iso, periods) => {
    const before = await aggregates();
    const delivered = await deliverAt(at(iso));
    expect(delivered.status).toBe('delivered');
    expect(delivered.deliveredAt).toBe(at(iso));
    expect(await accruedTo(before, delivered)).toEqual(periods);
  });

  it.each([
    ['2027-03-31T23:59:59.999+08:00', '2027-03', '2027-Q1'],
    ['2027-04-01T00:00:00.000+08:00', '2027-04', '2027-Q2'],
    ['2026-12-31T23:59:59.999+08:00', '2026-12', '2026-Q4'],
    ['2027-01-01T00:00:00.000+08:00', '2027-01', '2027-Q1'],
  ])("at %s the dealer's progress runs in %s and %s", async (iso, month, quarter) => {
    freezeClock(at(iso));
    try {
      const p = okData(await t.call<RebateProgressOutput>('rebates', { action: 'progress' }, 'demo-dealer-a', 'wx_client'));
      const periods = new Set(p.evaluations.map((e) => e.period));
      expect(periods).toEqual(new Set([month, quarter]));
    } finally {
      pinClock(TEST_NOW);
    }
  });
});
