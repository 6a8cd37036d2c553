import type { OrderSummary, OrderView, StatementOutput, SubmitOutput } from '../../shared/contracts';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = () => `test-${Date.now()}-${String(++seq).padStart(6, '0')}`;

describe('orders through the local cloud', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const call = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const submit = (lines: unknown, openid = 'demo-dealer-a', id = clientId()) =>
    call<SubmitOutput>('submit', { clientOrderId: id, lines, address: ADDRESS }, openid);
  const stock = (sku: string, wh = 'wh-east') =>
    t.cloud.store.get('stock', `stock-${wh}-${sku}`)!.doc as unknown as { onHand: number; reserved: number; shipped?: number };
  const account = (dealerId: string) =>
    (t.cloud.store.get('accounts', dealerId)?.doc ?? { creditReserved: 0, receivable: 0 }) as unknown as { creditReserved: number; receivable: number };
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);

  beforeAll(async () => {
    // A manager approval above ¥5,000 so both paths (automatic and by hand) are exercised.
    // Through the admin action, as a brand admin would: it bumps the orders-config version the function caches by.
    okData(
      await t.call(
        'admin',
        {
          action: 'upsertApprovalRule',
          rule: {
            code: 'order_amount_over',
            id: 'apr-5k',
            name: '大额订单审批',
            args: { thresholdFen: 300_000 },
            steps: [{ role: 'manager', label: '渠道经理审批' }],
          },
        },
        undefined,
        'wx_devtools',
      ),
    );
  });

  it('places an order that is approved automatically, reserving stock and credit', async () => {
    const before = stock('sku-0001');
    const credit = account('dealer-001').creditReserved;
    const { order, replayed } = okData(await submit([{ sku: 'sku-0001', qty: 10, unit: '箱' }]));
    expect(replayed).toBe(false);
    expect(order.status).toBe('approved');
    expect(order.events.map((e) => e.type)).toEqual(['submitted']);
    expect(stock('sku-0001').reserved).toBe(before.reserved + 240);
    expect(account('dealer-001').creditReserved).toBe(credit + order.payable);
  });

  it('makes one order from 20 concurrent submits of the same client id', async () => {
    const id = clientId();
    const before = stock('sku-0002').reserved;
    const results = await Promise.all(Array.from({ length: 20 }, () => submit([{ sku: 'sku-0002', qty: 5, unit: '箱' }], 'demo-dealer-a', id)));
    const orders = results.map((r) => okData(r).order.id);
    expect(new Set(orders).size).toBe(1);
    expect(results.filter((r) => r.ok && !r.data.replayed)).toHaveLength(1);
    expect(stock('sku-0002').reserved).toBe(before + 120);
    expect(t.cloud.store.all('orders').filter((o) => o['clientOrderId'] === id)).toHaveLength(1);
  });

  it('never oversells: many dealers competing for the last units get all or nothing', async () => {
    const sku = 'sku-0003';
    const wh = t.cloud.store.all('stock').filter((s) => s['sku'] === sku);
    // Leave exactly 10 MOQ-sized lots (240 units each) across the warehouses.
    for (const s of wh)
      await t.db
        .collection('stock')
        .doc(s._id)
        .update({ data: { onHand: s['warehouseId'] === 'wh-east' ? 1440 : 960, reserved: 0 } });
    const dealers = t.cloud.store
      .all('users')
      .filter((u) => u['role'] === 'dealer')
      .slice(0, 25)
      .map((u) => u['openid'] as string);
    const results = await Promise.all(dealers.map((d) => submit([{ sku, qty: 10, unit: '箱' }], d)));
    const accepted = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    const after = t.cloud.store.all('stock').filter((s) => s['sku'] === sku);
    const reserved = after.reduce((n, s) => n + (s['reserved'] as number), 0);
    const onHand = after.reduce((n, s) => n + (s['onHand'] as number), 0);
    expect(reserved).toBeLessThanOrEqual(onHand);
    expect(reserved).toBe(accepted.length * 240);
    expect(accepted.length).toBeGreaterThan(0);
    for (const r of refused) expect(['OUT_OF_STOCK', 'CREDIT_LIMIT_EXCEEDED', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_INPUT']).toContain(codeOf(r));
    expect(refused.some((r) => codeOf(r) === 'OUT_OF_STOCK')).toBe(true);
  });

  it('refuses an order over the credit headroom with the headroom, and changes nothing', async () => {
    // The cloud is shared by the whole file: dealer B's limit goes back to what it was, whatever happens.
    const limit = t.cloud.store.get('dealers', 'dealer-020')!.doc['creditLimit'];
    await t.db
      .collection('dealers')
      .doc('dealer-020')
      .update({ data: { creditLimit: 1000 } });
    try {
      const before = JSON.stringify(t.cloud.store.all('stock'));
      const r = await submit([{ sku: 'sku-0001', qty: 10, unit: '箱' }], 'demo-dealer-b');
      expect(codeOf(r)).toBe('CREDIT_LIMIT_EXCEEDED');
      if (!r.ok) expect(r.error.details?.['headroom']).toBeDefined();
      expect(JSON.stringify(t.cloud.store.all('stock'))).toBe(before);
    } finally {
      await t.db
        .collection('dealers')
        .doc('dealer-020')
        .update({ data: { creditLimit: limit } });
    }
  });

  it('refuses a quantity below the minimum with MOQ_NOT_MET and the message', async () => {
    const r = await submit([{ sku: 'sku-0001', qty: 1, unit: '箱' }]);
    expect(codeOf(r)).toBe('MOQ_NOT_MET');
    if (!r.ok) expect(r.error.message).toContain('最少 5 箱');
  });

  it('follows an order from submit through manager approval, partial and full shipment, receipt and the timeline', async () => {
    // What the manager and the dealer accepted in WeChat's consent dialog (the app records it): one message each.
    const consent = async (openid: string, accepted: string[]) => {
      t.cloud.acceptSubscription(
        openid,
        accepted.map((a) => `local-${a}`),
      );
      okData(await t.call('users', { action: 'recordSubscription', accepted }, openid));
    };
    await consent('demo-manager', ['order_pending_approval']);
    await consent('demo-dealer-a', ['order_approved', 'order_shipped']);
    const sentBefore = t.cloud.subscribeMessages().length;
    const { order } = okData(await submit([{ sku: 'sku-0004', qty: 150, unit: '箱' }]));
    expect(order.status).toBe('pending_approval');
    const pending = okData(await call<{ items: OrderSummary[] }>('pendingApprovals', {}, 'demo-manager'));
    expect(pending.items.map((i) => i.id)).toContain(order.id);
    expect(codeOf(await call('approve', { orderId: order.id }, 'demo-clerk'))).toBe('FORBIDDEN');
    expect(codeOf(await call('approve', { orderId: order.id }, 'demo-dealer-a'))).toBe('FORBIDDEN');
    const approved = okData(await call<OrderView>('approve', { orderId: order.id }, 'demo-manager'));
    expect(approved.status).toBe('approved');
    // Ship what each warehouse holds for the order, in two shipments (partial, then the rest).
    const res = approved.reservations;
    const parts = res.length > 1 ? [res.slice(0, 1), res.slice(1)] : [[{ ...res[0]!, qty: res[0]!.qty / 2 }], [{ ...res[0]!, qty: res[0]!.qty / 2 }]];
    const shipPart = async (part: typeof res, n: number, openid?: string) => {
      let last: OrderView | null = null;
      for (const r of part) {
        last = okData(
          await call<OrderView>(
            'ship',
            {
              orderId: order.id,
              warehouseId: r.warehouseId,
              carrier: '顺丰速运',
              trackingNo: `SF10000${n}${r.warehouseId.length}`,
              lines: [{ sku: r.sku, qty: r.qty }],
            },
            openid,
          ),
        );
      }
      return last!;
    };
    const half = await shipPart(parts[0]!, 1, 'demo-admin');
    expect(half.status).toBe('partially_shipped');
    const full = await shipPart(parts[1]!, 2);
    expect(full.status).toBe('shipped');
    expect(codeOf(await call('cancel', { orderId: order.id, reason: '不要了' }, 'demo-dealer-a'))).toBe('CONFLICT');
    const done = okData(await call<OrderView>('confirmReceipt', { orderId: order.id }, 'demo-dealer-a'));
    expect(done.status).toBe('delivered');
    expect(done.events.map((e) => e.type).filter((e, i, all) => e !== 'shipped' || all[i - 1] !== 'shipped')).toEqual([
      'submitted',
      'approved',
      'shipped',
      'delivered',
    ]);
    expect(done.shipments.length).toBeGreaterThanOrEqual(2);
    expect(done.events.every((e) => typeof e.at === 'number' && e.actor.name)).toBe(true);
    expect(account('dealer-001').receivable).toBeGreaterThanOrEqual(done.payable);
    // Each message opens this order; the second shipment found the dealer's one order_shipped grant used.
    const link = `packages/orders/detail/index?id=${encodeURIComponent(order.id)}`;
    expect(
      t.cloud
        .subscribeMessages()
        .slice(sentBefore)
        .map((m) => [m.touser, m.templateId, m.page]),
    ).toEqual([
      ['demo-manager', 'local-order_pending_approval', link],
      ['demo-dealer-a', 'local-order_approved', link],
      ['demo-dealer-a', 'local-order_shipped', link],
    ]);
  });

  it('releases stock and credit when the manager rejects, with the reason in the timeline', async () => {
    const before = stock('sku-0005');
    const credit = account('dealer-001').creditReserved;
    const { order } = okData(await submit([{ sku: 'sku-0005', qty: 150, unit: '箱' }]));
    expect(order.status).toBe('pending_approval');
    expect(codeOf(await call('reject', { orderId: order.id, reason: '' }, 'demo-manager'))).toBe('INVALID_INPUT');
    const rejected = okData(await call<OrderView>('reject', { orderId: order.id, reason: '超出本月配额，请分批下单' }, 'demo-manager'));
    expect(rejected.status).toBe('rejected');
    expect(rejected.events.at(-1)?.reason).toBe('超出本月配额，请分批下单');
    expect(stock('sku-0005').reserved).toBe(before.reserved);
    expect(account('dealer-001').creditReserved).toBe(credit);
  });

  it('lets the dealer cancel before approval, and only its own orders', async () => {
    const { order } = okData(await submit([{ sku: 'sku-0005', qty: 150, unit: '箱' }]));
    expect(codeOf(await call('cancel', { orderId: order.id, reason: '下错了' }, 'demo-dealer-b'))).toBe('NOT_FOUND');
    expect(codeOf(await call('get', { orderId: order.id }, 'demo-dealer-b'))).toBe('NOT_FOUND');
    const cancelled = okData(await call<OrderView>('cancel', { orderId: order.id, reason: '下错了' }, 'demo-dealer-a'));
    expect(cancelled.status).toBe('cancelled');
    expect(codeOf(await call('cancel', { orderId: order.id, reason: '再取消' }, 'demo-dealer-a'))).toBe('CONFLICT');
  });

  it('lists a dealer’s own orders newest first, page by page, and a manager only its regions', async () => {
    const first = okData(await call<{ items: OrderSummary[]; nextCursor: string | null }>('list', { limit: 5 }, 'demo-dealer-a'));
    expect(first.items).toHaveLength(5);
    expect(first.items.every((o) => o.dealerId === 'dealer-001')).toBe(true);
    const second = okData(await call<{ items: OrderSummary[]; nextCursor: string | null }>('list', { limit: 5, cursor: first.nextCursor }, 'demo-dealer-a'));
    expect(second.items[0]!.createdAt).toBeLessThanOrEqual(first.items[4]!.createdAt);
    expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(10);
    const manager = okData(await call<{ items: OrderSummary[] }>('list', { limit: 50 }, 'demo-manager'));
    const regions = new Set(
      t.cloud.store
        .all('dealers')
        .filter((d) => manager.items.some((i) => i.dealerId === d._id))
        .map((d) => d['region']),
    );
    expect([...regions].every((r) => r === 'east' || r === 'south')).toBe(true);
  });

  it('confirms receipt, then completes, automatically when the timers find orders old enough', async () => {
    const { order } = okData(await submit([{ sku: 'sku-0001', qty: 5, unit: '箱' }]));
    okData(await call('ship', { orderId: order.id, carrier: '德邦物流', trackingNo: 'DB200001', lines: [{ sku: 'sku-0001', qty: 120 }] }));
    await t.db
      .collection('orders')
      .doc(order.id)
      .update({ data: { fullyShippedAt: Date.now() - 11 * 86_400_000 } });
    const res = (await t.cloud.trigger('orders', 'autoConfirm')) as Envelope<{ confirmed: number }>;
    expect(okData(res).confirmed).toBeGreaterThanOrEqual(1);
    const after = okData(await call<OrderView>('get', { orderId: order.id }, 'demo-dealer-a'));
    expect(after.status).toBe('delivered');
    expect(after.events.at(-1)?.actor.role).toBe('system');
    await t.db
      .collection('orders')
      .doc(order.id)
      .update({ data: { deliveredAt: Date.now() - 8 * 86_400_000 } });
    okData((await t.cloud.trigger('orders', 'autoComplete')) as Envelope<{ completed: number }>);
    expect(okData(await call<OrderView>('get', { orderId: order.id }, 'demo-dealer-a')).status).toBe('completed');
    const forged = await call('list', { Type: 'Timer', TriggerName: 'autoConfirm' } as Record<string, unknown>, 'demo-dealer-a');
    expect(codeOf(forged)).toBe('INVALID_INPUT');
  });

  it('gives back a past order’s lines to buy again, and a monthly statement with CSV', async () => {
    const past = t.cloud.store.all('orders').find((o) => o['dealerId'] === 'dealer-001' && o['source'] === 'seed')!;
    const again = okData(await call<{ lines: Array<{ sku: string; qty: number }> }>('buyAgain', { orderId: past._id }, 'demo-dealer-a'));
    expect(again.lines.length).toBeGreaterThan(0);
    const month = new Date((past['createdAt'] as number) + 8 * 3_600_000).toISOString().slice(0, 7);
    const st = okData(await call<StatementOutput>('statement', { month }, 'demo-dealer-a'));
    expect(st.statement.lines.length).toBeGreaterThan(0);
    expect(st.csv.startsWith('\uFEFF')).toBe(true);
    expect(codeOf(await call('statement', { month, dealerId: 'dealer-020' }, 'demo-dealer-a'))).toBe('NOT_FOUND');
  });

  it('counts a dealer’s uses of a once-per-dealer promotion and stops giving it after the first order', async () => {
    const promo = {
      code: 'order_threshold_amount_off',
      id: 'promo-once-b',
      name: '首单立减 ¥50',
      stackingGroup: 'welcome',
      usageLimitPerDealer: 1,
      dealers: { levels: [], regions: [], dealerIds: ['dealer-020'] },
      args: { threshold: 10_000, amountOff: 5_000, repeatable: false, maxTimes: 1 },
    };
    okData(await t.call('admin', { action: 'upsertRule', rule: promo }, undefined, 'wx_devtools'));
    const lines = [{ sku: 'sku-0001', qty: 10, unit: '箱' }];
    const first = okData(await submit(lines, 'demo-dealer-b')).order;
    const second = okData(await submit(lines, 'demo-dealer-b')).order;
    expect(second.payable - first.payable).toBe(5_000);
    expect(t.cloud.store.get('promotion_usage', 'dealer-020:promo-once-b')?.doc['count']).toBe(1);
    okData(await t.call('admin', { action: 'disableRule', id: 'promo-once-b', reason: '测试结束' }, undefined, 'wx_devtools'));
  });

  it('applies an approval rule an admin adds, or switches off, from the very next order', async () => {
    const small = [{ sku: 'sku-0001', qty: 5, unit: '箱' }];
    expect(okData(await submit(small)).order.status).toBe('approved');
    const rule = {
      code: 'dealer_level_in',
      id: 'apr-level-a',
      name: '一级经销商审批',
      args: { levels: ['A'] },
      steps: [{ role: 'manager', label: '渠道经理审批' }],
    };
    okData(await t.call('admin', { action: 'upsertApprovalRule', rule }, undefined, 'wx_devtools'));
    const held = okData(await submit(small)).order;
    expect(held.status).toBe('pending_approval');
    expect(held.approval?.steps.map((s) => s.label)).toEqual(['渠道经理审批']);
    okData(await t.call('admin', { action: 'disableApprovalRule', id: 'apr-level-a', reason: '测试结束' }, undefined, 'wx_devtools'));
    expect(okData(await submit(small)).order.status).toBe('approved');
  });
});
