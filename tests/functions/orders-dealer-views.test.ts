/**
 * What the dealer and the approver read, through the local cloud: stock beside a quote, 再来一单
 * saying what it left out or reduced, the approver's view of the dealer and comment, and the
 * statement's breakdown of the month's orders adding up.
 */
import type { DealerContext, OrderSummary, OrderView, StatementOutput, SubmitOutput } from '../../shared/contracts';
import type { PricedCart } from '../../shared/contracts/pricing';
import type { BuyAgainPlan } from '../../shared/orders/buy-again';
import { dealerHealth } from '../../shared/insights/health';
import type { SalesOrder } from '../../shared/insights/sales';
import { freezeClock, pinClock } from '../helpers/clock';
import { okData, seededCloud } from '../helpers/seeded';

const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = () => `dealer-views-${String(++seq).padStart(4, '0')}`;

describe('what dealers and approvers read', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const orders = <T>(action: string, input: Record<string, unknown>, openid: string) => t.call<T>('orders', { action, ...input }, openid, 'wx_client');
  const submit = async (lines: unknown) =>
    okData(await orders<SubmitOutput>('submit', { clientOrderId: clientId(), lines, address: ADDRESS }, 'demo-dealer-a')).order;
  const availableOf = (sku: string) =>
    t.cloud.store
      .all('stock')
      .filter((s) => s['sku'] === sku)
      .reduce((n, s) => n + Math.max(0, Number(s['onHand']) - Number(s['reserved'])), 0);
  const setStock = async (sku: string, available: number) => {
    const docs = t.cloud.store.all('stock').filter((s) => s['sku'] === sku);
    for (const [i, s] of docs.entries()) {
      await t.db
        .collection('stock')
        .doc(String(s['_id']))
        .update({ data: { onHand: Number(s['reserved']) + (i === 0 ? available : 0) } });
    }
  };

  it('a quote carries the stock available for each SKU sent, summed over warehouses', async () => {
    const lines = [
      { sku: 'sku-0001', qty: 2, unit: '箱' },
      { sku: 'sku-0002', qty: 5, unit: '箱' },
    ];
    const quote = okData(await t.call<PricedCart>('pricing', { action: 'quote', lines }, 'demo-dealer-a'));
    expect(quote.available).toEqual({ 'sku-0001': availableOf('sku-0001'), 'sku-0002': availableOf('sku-0002') });
  });

  it('buy-again reduces a line the stock no longer covers and leaves out one out of stock, saying why by name', async () => {
    const order = await submit([
      { sku: 'sku-0003', qty: 20, unit: '箱' },
      { sku: 'sku-0004', qty: 10, unit: '箱' },
      { sku: 'sku-0005', qty: 5, unit: '箱' },
    ]);
    const qtyOf = (sku: string) => order.lines.find((l) => l.sku === sku && l.kind === 'item')!.qty;
    const nameOf = (sku: string) => order.lines.find((l) => l.sku === sku)!.name;
    const product = t.cloud.store.get('products', 'sku-0003')!.doc as unknown as { multiple: number; moq: number };
    const left = qtyOf('sku-0003') - 3 * Math.max(1, product.multiple);
    await setStock('sku-0003', left);
    await setStock('sku-0004', 0);

    const plan = okData(await orders<BuyAgainPlan>('buyAgain', { orderId: order.id }, 'demo-dealer-a'));
    const fit = Math.floor(left / Math.max(1, product.multiple)) * Math.max(1, product.multiple);
    expect(plan.lines).toEqual([
      { sku: 'sku-0003', name: nameOf('sku-0003'), qty: fit },
      { sku: 'sku-0005', name: nameOf('sku-0005'), qty: qtyOf('sku-0005') },
    ]);
    expect(plan.reduced).toEqual([expect.objectContaining({ sku: 'sku-0003', from: qtyOf('sku-0003'), to: fit })]);
    expect(plan.reduced[0]!.reason).toContain(nameOf('sku-0003'));
    expect(plan.reduced[0]!.reason).toContain(`仅剩 ${left}`);
    expect(plan.skipped).toEqual([{ sku: 'sku-0004', name: nameOf('sku-0004'), reason: `${nameOf('sku-0004')} 缺货` }]);
  });

  it('pending approvals come with each dealer’s credit, receivables and latest orders, in the same call', async () => {
    const order = await submit([{ sku: 'sku-0275', qty: 40, unit: '箱' }]);
    expect(order.status).toBe('pending_approval');
    const { items, dealers } = okData(await orders<{ items: OrderSummary[]; dealers: Record<string, DealerContext> }>('pendingApprovals', {}, 'demo-manager'));
    expect(items.map((o) => o.id)).toContain(order.id);
    const dealer = t.cloud.store.get('dealers', 'dealer-001')!.doc;
    const account = t.cloud.store.get('accounts', 'dealer-001')!.doc;
    const used = Number(account['receivable']) + Number(account['creditReserved']);
    expect(dealers['dealer-001']).toMatchObject({
      name: dealer['name'],
      creditLimit: dealer['creditLimit'],
      receivable: account['receivable'],
      creditUsed: used,
      headroom: Number(dealer['creditLimit']) - used,
    });
    const recent = dealers['dealer-001']!.recentOrders;
    expect(recent.length).toBeLessThanOrEqual(5);
    expect(recent[0]).toMatchObject({ id: order.id, orderNo: order.orderNo, payable: order.payable, statusLabel: '待审批' });
    expect(new Set(items.map((o) => o.dealerId))).toEqual(new Set(Object.keys(dealers)));
  });

  it('pending approvals carry each dealer’s health, 0–100 with its weakest factor in words, scored against its region’s last 180 days', async () => {
    await submit([{ sku: 'sku-0275', qty: 40, unit: '箱' }]);
    // Frozen for the call, so the expected score is computed at the same instant.
    const at = Date.now();
    freezeClock(at);
    try {
      const { dealers } = okData(await orders<{ dealers: Record<string, DealerContext> }>('pendingApprovals', {}, 'demo-manager'));
      const health = dealers['dealer-001']!.health!;
      const region = String(t.cloud.store.get('dealers', 'dealer-001')!.doc['region']);
      const regionOrders = (t.cloud.store.all('orders') as unknown as SalesOrder[]).filter(
        (o) => o.dealerRegion === region && o.createdAt >= at - 180 * 86_400_000,
      );
      const regionDealers = [...new Set(regionOrders.map((o) => o.dealerId))].map((id) => {
        const d = t.cloud.store.get('dealers', id)!.doc;
        return { _id: id, name: String(d['name']), region, level: String(d['level']) };
      });
      const expected = dealerHealth(regionOrders, regionDealers, at + 1).find((h) => h.dealerId === 'dealer-001')!;
      expect(health).toEqual({ score: expected.score, reason: expected.reasons[0]!.reason, churnRisk: expected.churnRisk });
      expect(Number.isInteger(health.score) && health.score >= 0 && health.score <= 100).toBe(true);
      expect(health.reason).toMatch(/天|单|%/);
      // Against its region, not alone: with the region's season the same dealer scores otherwise.
      const alone = dealerHealth(
        regionOrders.filter((o) => o.dealerId === 'dealer-001'),
        regionDealers.filter((d) => d._id === 'dealer-001'),
        at + 1,
      )[0]!;
      expect(alone.reasons.map((r) => r.reason)).not.toEqual(expected.reasons.map((r) => r.reason));
    } finally {
      pinClock(at);
    }
  });

  it('a dealer’s health the insights night stored is used while fresh, with its payment signal; a stale one is scored afresh', async () => {
    await submit([{ sku: 'sku-0275', qty: 40, unit: '箱' }]);
    const ask = async () =>
      okData(await orders<{ dealers: Record<string, DealerContext> }>('pendingApprovals', {}, 'demo-manager')).dealers['dealer-001']!.health;
    const scored = await ask();
    const night = (asOf: number) => ({
      dealerId: 'dealer-001',
      score: 31,
      churnRisk: true,
      reasons: [{ factor: 'payment', score: 0.1, weight: 0.15, reason: '应收款逾期 54 天' }],
      asOf,
      computedAt: asOf,
    });
    await t.db
      .collection('insight_health')
      .doc('dealer-001')
      .set({ data: night(Date.now() - 86_400_000) });
    try {
      expect(await ask()).toEqual({ score: 31, reason: '应收款逾期 54 天', churnRisk: true });
      await t.db
        .collection('insight_health')
        .doc('dealer-001')
        .set({ data: night(Date.now() - 3 * 86_400_000) });
      expect(await ask()).toEqual(scored);
    } finally {
      await t.db.collection('insight_health').doc('dealer-001').remove();
    }
  });

  it('an approval comment goes on the order’s timeline', async () => {
    const order = await submit([{ sku: 'sku-0275', qty: 40, unit: '箱' }]);
    okData(await orders<OrderView>('approve', { orderId: order.id, reason: '老客户，额度内，同意' }, 'demo-manager'));
    const seen = okData(await orders<OrderView>('get', { orderId: order.id }, 'demo-dealer-a'));
    const approval = seen.events.find((e) => e.type === 'approved' || e.type === 'step_approved')!;
    expect(approval.reason).toBe('老客户，额度内，同意');
    expect(approval.actor.name).not.toMatch(/demo-/);
  });

  it('the statement breaks the month’s orders down as 原价合计 − 优惠 − 返利抵扣 = 应付, adding up to the orders', async () => {
    const order = await submit([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    const month = new Date(order.createdAt + 8 * 3_600_000).toISOString().slice(0, 7);
    const { ordered } = okData(await orders<StatementOutput>('statement', { month }, 'demo-dealer-a'));
    const placed = t.cloud.store
      .all('orders')
      .filter((o) => o['dealerId'] === 'dealer-001' && !['cancelled', 'rejected'].includes(String(o['status'])))
      .filter((o) => new Date(Number(o['createdAt']) + 8 * 3_600_000).toISOString().slice(0, 7) === month);
    const sum = (key: string) => placed.reduce((n, o) => n + Number(o[key]), 0);
    expect(ordered).toEqual({
      count: placed.length,
      listTotal: sum('listTotal'),
      rebate: sum('rebateUsed'),
      payable: sum('payable'),
      discount: sum('listTotal') - sum('rebateUsed') - sum('payable'),
    });
    expect(ordered.listTotal - ordered.discount - ordered.rebate).toBe(ordered.payable);
  });
});
