import type { OrderView, RebateProgressOutput, SettlementView, SubmitOutput } from '../../shared/contracts';
import type { QuoteResult } from '../../shared/pricing';
import type { WalletEntry } from '../../shared/rebates';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = () => `rebate-${Date.now()}-${String(++seq).padStart(6, '0')}`;

describe('rebates through the local cloud', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const rebates = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('rebates', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const orders = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  const quarterly = async () =>
    okData(await rebates<RebateProgressOutput>('progress', {}, 'demo-dealer-a')).evaluations.find((e) => e.policyId === 'rb-quarter-volume')!;

  /** Place, ship and confirm an order: the delivery that rebates count. */
  async function deliver(lines: unknown, rebateToUse = 0): Promise<OrderView> {
    const { order } = okData(await orders<SubmitOutput>('submit', { clientOrderId: clientId(), lines, address: ADDRESS, rebateToUse }, 'demo-dealer-a'));
    let current = order;
    if (current.status === 'pending_approval') current = okData(await orders<OrderView>('approve', { orderId: order.id }, 'demo-manager'));
    for (const r of current.reservations) {
      current = okData(
        await orders<OrderView>('ship', {
          orderId: order.id,
          warehouseId: r.warehouseId,
          carrier: '顺丰速运',
          trackingNo: `SF9${++seq}0000`,
          lines: [{ sku: r.sku, qty: r.qty }],
        }),
      );
    }
    return okData(await orders<OrderView>('confirmReceipt', { orderId: order.id }, 'demo-dealer-a'));
  }

  it('shows the dealer its policies with progress, next tier, projection and a trace', async () => {
    const p = okData(await rebates<RebateProgressOutput>('progress', {}, 'demo-dealer-a'));
    const q = p.evaluations.find((e) => e.policyId === 'rb-quarter-volume')!;
    expect(q.basis).toBeGreaterThan(0);
    expect(q.trace.length).toBeGreaterThan(2);
    expect(q.projectedEarned).toBeGreaterThanOrEqual(q.earned);
    if (q.nextTier) expect(q.hint).toMatch(/再进货 ¥[\d,.]+ 可达下一档，多得 ¥[\d,.]+/);
    expect(p.wallet.balance).toBeGreaterThan(0);
  });

  it('moves progress by exactly the delivered amount when an order is delivered', async () => {
    const before = await quarterly();
    const delivered = await deliver([{ sku: 'sku-0001', qty: 10, unit: '箱' }]);
    expect(delivered.status).toBe('delivered');
    const after = await quarterly();
    expect(after.basis - before.basis).toBe(delivered.payable);
    expect(after.projectedBasis).toBeGreaterThan(before.projectedBasis);
  });

  it('lets checkout spend the wallet up to 10% of the order, lowering payable and balance, and gives it back on cancel', async () => {
    const lines = [{ sku: 'sku-0001', qty: 20, unit: '箱' }];
    const plain = okData(await t.call<QuoteResult>('pricing', { action: 'quote', lines }, 'demo-dealer-a'));
    const max = Math.floor(plain.totals.payable / 10);
    const tooMuch = await t.call('pricing', { action: 'quote', lines, rebateToUse: max + 1 }, 'demo-dealer-a');
    expect(codeOf(tooMuch)).toBe('INVALID_INPUT');
    const before = okData(await rebates<{ balance: number }>('wallet', {}, 'demo-dealer-a')).balance;
    const { order } = okData(await orders<SubmitOutput>('submit', { clientOrderId: clientId(), lines, address: ADDRESS, rebateToUse: max }, 'demo-dealer-a'));
    expect(order.rebateUsed).toBe(max);
    expect(order.payable).toBe(plain.totals.payable - max);
    const during = okData(await rebates<{ balance: number; entries: WalletEntry[] }>('wallet', {}, 'demo-dealer-a'));
    expect(during.balance).toBe(before - max);
    expect(during.entries[0]).toEqual(expect.objectContaining({ type: 'order_spend', amount: -max }));
    okData(await orders('cancel', { orderId: order.id, reason: '客户改期，取消订单' }));
    expect(okData(await rebates<{ balance: number }>('wallet', {}, 'demo-dealer-a')).balance).toBe(before);
  });

  it('settles a closed period once, credits the wallet, and explains each settlement', async () => {
    const first = okData(await rebates<{ created: number; total: number }>('closePeriod', { period: '2026-10' }));
    expect(first.created).toBeGreaterThan(0);
    const again = okData(await rebates<{ created: number; existing: number }>('closePeriod', { period: '2026-10' }));
    expect(again.created).toBe(0);
    expect(again.existing).toBe(first.total);
    const before = okData(await rebates<{ balance: number }>('wallet', {}, 'demo-dealer-a')).balance;
    const approved = okData(await rebates<{ credited: number; amount: number }>('approveSettlements', { period: '2026-10', dealerId: 'dealer-001' }));
    const after = okData(await rebates<{ balance: number }>('wallet', {}, 'demo-dealer-a')).balance;
    expect(after - before).toBe(approved.amount);
    const mine = okData(await rebates<{ items: SettlementView[] }>('settlements', { period: '2026-10' }, 'demo-dealer-a'));
    expect(mine.items.every((s) => s.dealerId === 'dealer-001' && s.status === 'credited')).toBe(true);
    expect(mine.items[0]!.explanation.join('')).toContain('2026年10月');
    expect(codeOf(await rebates('closePeriod', { period: '2099-01' }))).toBe('CONFLICT');
  });

  it('claws back rebate in the current period when goods of a settled period come back', async () => {
    const settled = t.cloud.store.all('rebate_settlements').find((s) => s._id === 'rb-quarter-volume:dealer-001:2026-Q3')!;
    const order = t.cloud.store
      .all('orders')
      .find(
        (o) => o['dealerId'] === 'dealer-001' && (o['deliveredAt'] as number) >= Date.UTC(2026, 6, 1) && (o['deliveredAt'] as number) < Date.UTC(2026, 8, 30),
      )!;
    const line = (order['lines'] as Array<{ sku: string; qty: number }>)[0]!;
    const before = okData(await rebates<{ balance: number }>('wallet', {}, 'demo-dealer-a')).balance;
    const r = okData(
      await rebates<{ amount: number; clawbacks: Array<{ settlementId: string; amount: number }> }>('recordReturn', {
        orderId: order._id,
        returnId: `RT-${Date.now()}`,
        lines: [{ sku: line.sku, qty: line.qty }],
        reason: '破损退货',
      }),
    );
    expect(r.amount).toBeGreaterThan(0);
    expect(r.clawbacks.map((c) => c.settlementId)).toContain(settled._id);
    const claw = r.clawbacks.find((c) => c.settlementId === settled._id)!;
    expect(claw.amount).toBeLessThan(0);
    expect(okData(await rebates<{ balance: number }>('wallet', {}, 'demo-dealer-a')).balance).toBe(before + r.clawbacks.reduce((n, c) => n + c.amount, 0));
    // The closed settlement itself is never changed.
    expect((t.cloud.store.get('rebate_settlements', settled._id)!.doc['record'] as { amount: number }).amount).toBe(
      (settled['record'] as { amount: number }).amount,
    );
  });

  it('keeps the month aggregates equal to a recomputation from the delivered orders and returns', async () => {
    const check = okData(await rebates<{ checked: number; mismatches: unknown[] }>('checkAggregates', {}));
    expect(check.checked).toBeGreaterThan(100);
    expect(check.mismatches).toEqual([]);
  });

  it('shows each dealer only its own rebates', async () => {
    expect(codeOf(await rebates('settlements', { dealerId: 'dealer-020' }, 'demo-dealer-a'))).toBe('NOT_FOUND');
    expect(codeOf(await rebates('progress', {}, 'demo-clerk'))).toBe('FORBIDDEN');
    expect(codeOf(await rebates('closePeriod', { period: '2026-10' }, 'demo-dealer-a'))).toBe('FORBIDDEN');
    const b = okData(await rebates<RebateProgressOutput>('progress', {}, 'demo-dealer-b'));
    expect(b.evaluations.every((e) => e.dealerId === 'dealer-020')).toBe(true);
  });

  it('checks every delivered order of a dealer, past the 1,000 that one read returns', async () => {
    const template = t.cloud.store.all('orders').find((o) => o['dealerId'] === 'dealer-020' && o['deliveredAt'] != null)!;
    const { _id: _ignored, ...body } = template as unknown as Record<string, unknown> & { lines: Array<{ kind: string; payable: number }> };
    const each = body.lines.filter((l) => l.kind === 'item').reduce((n, l) => n + l.payable, 0);
    const copies = Array.from({ length: 1100 }, (_, i) => ({
      ...body,
      _id: `bulk-${String(i).padStart(5, '0')}`,
      orderNo: `BULK${String(i).padStart(8, '0')}`,
    }));
    // Written behind the rebate engine's back, so the aggregates miss exactly these deliveries.
    for (let i = 0; i < copies.length; i += 100) await t.db.collection('orders').add({ data: copies.slice(i, i + 100) });
    const check = okData(await rebates<{ mismatches: Array<{ id: string; stored: number; recomputed: number }> }>('checkAggregates', {}));
    const month = new Date((template['deliveredAt'] as number) + 8 * 3_600_000).toISOString().slice(0, 7);
    const off = check.mismatches.find((m) => m.id.endsWith(month) && m.id.includes('dealer-020'));
    expect(off).toBeDefined();
    expect(off!.recomputed - off!.stored).toBe(1100 * each);
  });
});
