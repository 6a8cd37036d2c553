import type { OrderView, ReturnableView, ReturnView, StatementOutput, SubmitOutput } from '../../shared/contracts';
import { shanghaiMonthKey } from '../../shared/time';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Returns (退货) through the aftersales function, from a delivered order placed here: the request's
 * state machine with its roles, the quantities it may take, and the credit — stock, receivable,
 * statement, rebate — moving exactly once. And the dealer's cancellation of an approved order.
 */
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = (p = 'ret') => `${p}-${Date.now()}-${String(++seq).padStart(6, '0')}`;
const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('returns through the aftersales function', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const orders = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const after = <T = ReturnView>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('aftersales', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const doc = (coll: string, id: string) => t.cloud.store.get(coll, id)?.doc as Record<string, unknown> | undefined;
  const stock = (sku: string) => doc('stock', `stock-wh-east-${sku}`) as { onHand: number; reserved: number; returned?: number };
  const receivable = () => (doc('accounts', 'dealer-001') as { receivable: number }).receivable;

  /** An order of dealer A, shipped from wh-east and received: `cases` cases (24 件 each, at least the MOQ of 5) of sku-0001. */
  async function delivered(cases = 5): Promise<OrderView> {
    const { order } = okData(
      await orders<SubmitOutput>(
        'submit',
        { clientOrderId: clientId('ord'), lines: [{ sku: 'sku-0001', qty: cases, unit: '箱' }], address: ADDRESS },
        'demo-dealer-a',
      ),
    );
    const lines = order.reservations.map((r) => ({ sku: r.sku, qty: r.qty }));
    okData(
      await orders('ship', {
        orderId: order.id,
        warehouseId: order.reservations[0]!.warehouseId,
        carrier: '顺丰速运',
        trackingNo: `SF${clientId('t')}`,
        lines,
      }),
    );
    return okData(await orders<OrderView>('confirmReceipt', { orderId: order.id }, 'demo-dealer-a'));
  }
  const ask = (orderId: string, lines: Array<{ sku: string; qty: number }>, id = clientId()) =>
    after('request', { orderId, clientRequestId: id, lines, reason: '外箱破损，无法销售', photos: ['cloud://env/returns/p1.jpg'] }, 'demo-dealer-a');

  it('takes a return from request to credit: stock, receivable, statement and rebate move once', async () => {
    const order = await delivered();
    expect(order.lines[0]!.shippedQty).toBe(120);
    const stockBefore = stock('sku-0001');
    const owedBefore = receivable();
    const aggregate = () => (doc('rebate_aggregates', `dealer-001:${shanghaiMonthKey(order.deliveredAt!)}`) as { total: { amount: number } }).total.amount;
    const basisBefore = aggregate();
    const r = okData(await ask(order.id, [{ sku: 'sku-0001', qty: 5 }]));
    expect(r.status).toBe('requested');
    // Until it is shipped back, the dealer's one command is to withdraw it.
    expect(r.commands).toEqual(['withdraw']);
    expect(okData(await after<ReturnableView>('returnable', { orderId: order.id }, 'demo-dealer-a')).lines[0]).toMatchObject({
      delivered: 120,
      pending: 5,
      left: 115,
    });

    expect(okData(await after('approve', { requestId: r.id }, 'demo-manager')).status).toBe('approved');
    expect(okData(await after('shipBack', { requestId: r.id, carrier: '顺丰速运', trackingNo: 'SF900001' }, 'demo-dealer-a')).status).toBe('shipped_back');
    const done = okData(await after('receive', { requestId: r.id, warehouseId: 'wh-east', lines: [{ sku: 'sku-0001', restockQty: 4, scrapQty: 1 }] }));
    expect(done.status).toBe('credited');
    expect(done.events.map((e) => e.type)).toEqual(['requested', 'approved', 'shipped_back', 'received', 'credited']);
    const line = order.lines[0]!;
    const worth = Math.round((line.payable * 5) / 120);
    expect(done.amount).toBe(worth);

    // Stock: only the restocked units come back on hand; receivable down by the credit.
    expect(stock('sku-0001').onHand).toBe(stockBefore.onHand + 4);
    expect(stock('sku-0001').returned ?? 0).toBe((stockBefore.returned ?? 0) + 4);
    expect(receivable()).toBe(owedBefore - worth);
    // The delivery's rebate month loses what came back.
    expect(aggregate()).toBe(basisBefore - worth);
    // The statement shows it as a credit line under the request's id.
    const month = shanghaiMonthKey(Date.now());
    const { statement } = okData(await orders<StatementOutput>('statement', { month }, 'demo-dealer-a'));
    expect(statement.lines.filter((l) => l.ref === r.id).map((l) => l.credit)).toEqual([worth]);
    // The order remembers what came back and holds nothing any more.
    const stored = doc('orders', order.id) as { returned: Record<string, { qty: number; amount: number }>; returning: Record<string, number> };
    expect(stored.returned['sku-0001']).toMatchObject({ qty: 5, amount: worth });
    expect(stored.returning).toEqual({});
    // Every step audited.
    const audited = t.cloud.store.all('audit_log').filter((a) => (a['target'] as { id: string }).id === r.id);
    expect(audited.map((a) => a['action']).sort()).toEqual([
      'aftersales.approved',
      'aftersales.credited',
      'aftersales.received',
      'aftersales.requested',
      'aftersales.shipped_back',
    ]);

    // Again: nothing moves twice.
    expect(codeOf(await after('receive', { requestId: r.id, warehouseId: 'wh-east', lines: [{ sku: 'sku-0001', restockQty: 5, scrapQty: 0 }] }))).toBe(
      'CONFLICT',
    );
    expect(stock('sku-0001').onHand).toBe(stockBefore.onHand + 4);
    expect(receivable()).toBe(owedBefore - worth);
    expect(aggregate()).toBe(basisBefore - worth);
  });

  it('never lets the returns of a line exceed what was delivered, counting open requests, and frees a rejected request’s units', async () => {
    const order = await delivered();
    const first = okData(await ask(order.id, [{ sku: 'sku-0001', qty: 100 }]));
    const over = await ask(order.id, [{ sku: 'sku-0001', qty: 25 }]);
    expect(over).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!over.ok) expect(over.error.message).toContain('最多还能退 20 件');
    expect(codeOf(await after('reject', { requestId: first.id, reason: '照片看不出破损' }, 'demo-manager'))).toBe('ok');
    expect(codeOf(await ask(order.id, [{ sku: 'sku-0001', qty: 120 }]))).toBe('ok');
    expect(codeOf(await ask(order.id, [{ sku: 'sku-0001', qty: 1 }]))).toBe('INVALID_INPUT');
  });

  it('lets the dealer withdraw a request until the goods are shipped back, freeing its units, and no one else', async () => {
    const order = await delivered();
    const requested = okData(await ask(order.id, [{ sku: 'sku-0001', qty: 100 }]));
    expect(codeOf(await after('withdraw', { requestId: requested.id }, 'demo-manager'))).toBe('FORBIDDEN');
    expect(codeOf(await after('withdraw', { requestId: requested.id }, 'demo-dealer-b'))).toBe('NOT_FOUND');
    const withdrawn = okData(await after('withdraw', { requestId: requested.id }, 'demo-dealer-a'));
    expect(withdrawn).toMatchObject({ status: 'withdrawn', commands: [] });
    expect(withdrawn.events.map((e) => e.type)).toEqual(['requested', 'withdrawn']);
    expect(codeOf(await after('approve', { requestId: requested.id }, 'demo-manager'))).toBe('CONFLICT');
    // Approved, still withdrawable; once shipped back, not.
    const approved = okData(await ask(order.id, [{ sku: 'sku-0001', qty: 120 }]));
    okData(await after('approve', { requestId: approved.id }, 'demo-manager'));
    expect(okData(await after('withdraw', { requestId: approved.id }, 'demo-dealer-a')).status).toBe('withdrawn');
    const shipped = okData(await ask(order.id, [{ sku: 'sku-0001', qty: 120 }]));
    okData(await after('approve', { requestId: shipped.id }, 'demo-manager'));
    okData(await after('shipBack', { requestId: shipped.id, carrier: '顺丰速运', trackingNo: `SF${clientId('w')}` }, 'demo-dealer-a'));
    expect(codeOf(await after('withdraw', { requestId: shipped.id }, 'demo-dealer-a'))).toBe('CONFLICT');
  });

  it('offers whoever receives a return the warehouses to receive into, the order’s shipping warehouse first, and no one else', async () => {
    const order = await delivered();
    const r = okData(await ask(order.id, [{ sku: 'sku-0001', qty: 1 }]));
    okData(await after('approve', { requestId: r.id }, 'demo-manager'));
    okData(await after('shipBack', { requestId: r.id, carrier: '顺丰速运', trackingNo: `SF${clientId('h')}` }, 'demo-dealer-a'));
    const shippedFrom = order.shipments[0]!.warehouseId;
    const forAdmin = okData(await after('get', { requestId: r.id }, 'demo-admin'));
    const warehouses = t.cloud.store.all('warehouses');
    expect(forAdmin.receiveInto?.map((w) => w.id)).toEqual([
      shippedFrom,
      ...warehouses
        .map((w) => String(w['_id']))
        .filter((id) => id !== shippedFrom)
        .sort(),
    ]);
    expect(forAdmin.receiveInto?.[0]?.name).toBe(doc('warehouses', shippedFrom)?.['name']);
    expect(okData(await after('get', { requestId: r.id }, 'demo-dealer-a')).receiveInto).toBeUndefined();
  });

  it('credits partial returns cumulatively: all of a line adds up to its payable to the fen', async () => {
    const order = await delivered();
    const credited: number[] = [];
    for (const qty of [50, 50, 20]) {
      const r = okData(await ask(order.id, [{ sku: 'sku-0001', qty }]));
      okData(await after('approve', { requestId: r.id }));
      okData(await after('shipBack', { requestId: r.id, carrier: '顺丰速运', trackingNo: `SF${clientId('b')}` }, 'demo-dealer-a'));
      credited.push(
        okData(await after('receive', { requestId: r.id, warehouseId: 'wh-east', lines: [{ sku: 'sku-0001', restockQty: 0, scrapQty: qty }] })).amount!,
      );
    }
    expect(credited.reduce((s, a) => s + a, 0)).toBe(order.lines[0]!.payable);
  });

  it('refuses, with a stable code, whoever may not act and steps out of order', async () => {
    const order = await delivered();
    const r = okData(await ask(order.id, [{ sku: 'sku-0001', qty: 1 }]));
    expect(codeOf(await after('approve', { requestId: r.id }, 'demo-dealer-a'))).toBe('FORBIDDEN');
    expect(codeOf(await after('shipBack', { requestId: r.id, carrier: '顺丰', trackingNo: 'SF1' }, 'demo-dealer-a'))).toBe('CONFLICT');
    expect(codeOf(await after('get', { requestId: r.id }, 'demo-dealer-b'))).toBe('NOT_FOUND');
    expect(codeOf(await after('receive', { requestId: r.id, warehouseId: 'wh-east', lines: [{ sku: 'sku-0001', restockQty: 1, scrapQty: 0 }] }))).toBe(
      'CONFLICT',
    );
    expect(codeOf(await ask(order.id, [{ sku: 'sku-0001', qty: 2 }], r.id.replace('rr-dealer-001-', '')))).toBe('CONFLICT');
    const listed = okData(await after<{ items: ReturnView[] }>('list', { status: 'requested' }, 'demo-manager')).items.map((i) => i.id);
    expect(listed).toContain(r.id);
  });

  it('refuses a request after the brand’s return window, and the window is the admin’s to set', async () => {
    const order = await delivered();
    expect(okData(await after('setSettings', { returnWindowDays: 7 }))).toEqual({ returnWindowDays: 7 });
    await t.db
      .collection('orders')
      .doc(order.id)
      .update({ data: { deliveredAt: Date.now() - 8 * 86_400_000 } });
    const late = await ask(order.id, [{ sku: 'sku-0001', qty: 1 }]);
    expect(codeOf(late)).toBe('CONFLICT');
    if (!late.ok) expect(late.error.message).toContain('收货后 7 天内');
    expect(codeOf(await after('setSettings', { returnWindowDays: 7 }, 'demo-dealer-a'))).toBe('FORBIDDEN');
    okData(await after('setSettings', { returnWindowDays: 15 }));
  });

  it('lets the dealer cancel its instantly approved order, releasing stock, credit, rebate and the promotion’s use exactly once', async () => {
    const promo = {
      code: 'order_threshold_amount_off',
      id: 'promo-once-a',
      name: '首单立减 ¥50',
      stackingGroup: 'welcome',
      usageLimitPerDealer: 1,
      dealers: { levels: [], regions: [], dealerIds: ['dealer-001'] },
      args: { threshold: 10_000, amountOff: 5_000, repeatable: false, maxTimes: 1 },
    };
    okData(await t.call('admin', { action: 'upsertRule', rule: promo }, undefined, 'wx_devtools'));
    const wallet = () => (doc('accounts', 'dealer-001') as { rebateBalance: number }).rebateBalance;
    const before = { stock: stock('sku-0001'), credit: (doc('accounts', 'dealer-001') as { creditReserved: number }).creditReserved, wallet: wallet() };
    const rebateToUse = Math.min(500, before.wallet);
    const input = { clientOrderId: clientId('ord'), lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS, rebateToUse };
    const { order } = okData(await orders<SubmitOutput>('submit', input, 'demo-dealer-a'));
    expect(order.status).toBe('approved');
    expect(doc('promotion_usage', 'dealer-001:promo-once-a')?.['count']).toBe(1);

    const cancelled = okData(await orders<OrderView>('cancel', { orderId: order.id, reason: '下错了规格' }, 'demo-dealer-a'));
    expect(cancelled.status).toBe('cancelled');
    expect(stock('sku-0001').reserved).toBe(before.stock.reserved);
    expect((doc('accounts', 'dealer-001') as { creditReserved: number }).creditReserved).toBe(before.credit);
    expect(wallet()).toBe(before.wallet);
    expect(doc('promotion_usage', 'dealer-001:promo-once-a')?.['count']).toBe(0);
    // A second cancel changes nothing.
    expect(codeOf(await orders('cancel', { orderId: order.id, reason: '下错了规格' }, 'demo-dealer-a'))).toBe('CONFLICT');
    expect(doc('promotion_usage', 'dealer-001:promo-once-a')?.['count']).toBe(0);
    expect(wallet()).toBe(before.wallet);
    okData(await t.call('admin', { action: 'disableRule', id: 'promo-once-a', reason: '测试结束' }, undefined, 'wx_devtools'));
  });
});
