import { FakeWecom } from '../../mocks/wecom/server';
import { randomAesKey } from '../../mocks/wecom/callbacks';
import type { OffboardingView, OrderView, PayOutput, SubmitOutput } from '../../shared/contracts';
import type { CustomerRecord } from '../../shared/wecom';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Offboarding a seeded dealer through the lifecycle function: dealer-001 has open orders, a
 * rebate wallet, WeCom customers with its clerks and a second-tier dealer; dealer-002 takes over.
 * The WeCom hand-over runs through the wecom function's queue against the fake WeCom server.
 */
jest.setTimeout(60_000);
const fake = new FakeWecom({ corpId: 'wwtest00000000corp01', token: 'TestToken2026', aesKey: randomAesKey(), secret: 'test-secret' });
const saved = { ...process.env };
let t: ReturnType<typeof seededCloud>;
let seq = 0;
let paidOnline = { outTradeNo: '', amount: 0 };
const LEAVING = 'dealer-001';
const SUCCESSOR = 'dealer-002';
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

type Doc = Record<string, unknown> & { _id: string };
const all = (c: string) => t.cloud.store.all(c) as unknown as Doc[];
const start = (openid: string | undefined, input: Record<string, unknown> = {}) =>
  t.call<OffboardingView>(
    'lifecycle',
    {
      action: 'startOffboarding',
      dealerId: LEAVING,
      successor: { kind: 'dealer', dealerId: SUCCESSOR },
      walletPolicy: 'offset_receivable',
      reason: '合作到期不再续约',
      ...input,
    },
    openid,
    openid ? 'wx_client' : 'wx_devtools',
  );
const rerun = () => t.call<OffboardingView>('lifecycle', { action: 'runOffboarding', dealerId: LEAVING }, undefined, 'wx_devtools');
const members = () =>
  all('wecom_staff')
    .filter((s) => s['dealerId'] === LEAVING)
    .map((s) => s._id);
const customersOfLeaving = () =>
  (all('wecom_customers') as unknown as Array<CustomerRecord & { _id: string }>).filter((c) => c.relations.some((r) => members().includes(r.userId)));
const openOrders = () => all('orders').filter((o) => o['dealerId'] === LEAVING && !['completed', 'cancelled', 'rejected'].includes(String(o['status'])));
const snapshot = () =>
  ['orders', 'accounts', 'wallet_entries', 'payments', 'dealers', 'stock', 'wecom_customers', 'wecom_jobs', 'offboardings', 'audit_log']
    .map((c) => JSON.stringify(all(c)))
    .join('\n');

async function drainWecom(): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await t.cloud.trigger('wecom', 'processQueue');
    if (!all('wecom_jobs').some((j) => j['status'] === 'pending' || j['status'] === 'running')) return;
  }
}

beforeAll(async () => {
  await fake.start();
  Object.assign(process.env, fake.env(), { WECOM_PROCESS_AFTER_ANSWER: '0', WECOM_RETRY_BASE_MS: '1', WECOM_RETRY_CAP_MS: '5', LOCAL_CLOUD_QUIET: '1' });
  t = seededCloud();
  // WeCom knows the members and the customers the seed says they have; the leaving dealer's members leave the company.
  for (const s of all('wecom_staff')) fake.addMember(s._id, String(s['name']));
  for (const c of customersOfLeaving()) for (const r of c.relations) fake.addContact({ userId: r.userId, name: c.name ?? '客户', externalUserId: c._id });
  for (const m of members()) fake.resign(m);
  // Besides the seeded orders waiting for approval: one approved, one shipped.
  const submit = async () =>
    okData(
      await t.call<SubmitOutput>(
        'orders',
        { action: 'submit', clientOrderId: `offboard-test-${++seq}-0000000000`, lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS },
        'demo-dealer-a',
        'wx_client',
      ),
    ).order;
  // Paid online (WeChat Pay) before the offboarding: cancelling it must send the money back.
  const paid = await submit();
  const pay = okData(await t.call<PayOutput>('orders', { action: 'payOrder', orderId: paid.id }, 'demo-dealer-a', 'wx_client'));
  await t.cloud.pay(pay.outTradeNo, 'demo-dealer-a');
  paidOnline = { outTradeNo: pay.outTradeNo, amount: pay.amount };
  // And a proxy order (代客下单) the manager placed, still waiting for the dealer's confirmation: it holds stock and credit too.
  okData(
    await t.call<SubmitOutput>(
      'orders',
      {
        action: 'submitForDealer',
        dealerId: LEAVING,
        clientOrderId: `offboard-test-proxy-0000000000`,
        lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }],
        address: ADDRESS,
      },
      'demo-manager',
      'wx_client',
    ),
  );
  const toShip = await submit();
  const line = toShip.lines[0]!;
  okData(
    await t.call<OrderView>(
      'orders',
      { action: 'ship', orderId: toShip.id, carrier: '顺丰速运', trackingNo: 'SF0000000001', lines: [{ sku: line.sku, qty: line.qty }] },
      undefined,
      'wx_devtools',
    ),
  );
});
afterAll(async () => {
  t.cleanup();
  await fake.stop();
  process.env = saved;
});

describe('offboarding a dealer with open orders, a wallet, WeCom customers and second-tier dealers', () => {
  it('starts with everything the offboarding has to move', () => {
    expect(
      openOrders()
        .map((o) => o['status'])
        .sort(),
    ).toEqual(['approved', 'awaiting_dealer_confirmation', 'pending_approval', 'pending_approval', 'shipped']);
    expect((t.cloud.store.get('accounts', LEAVING)!.doc as unknown as { rebateBalance: number }).rebateBalance).toBeGreaterThan(0);
    expect(customersOfLeaving().length).toBeGreaterThan(0);
    expect(all('dealers').filter((d) => d['parentDealerId'] === LEAVING).length).toBeGreaterThan(0);
  });

  it('is refused to a manager of another region, changing nothing', async () => {
    const before = snapshot();
    const r = await start('seed-user-088');
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_FOUND');
    expect(snapshot()).toBe(before);
  });

  it('freezes ordering and cancels what was not shipped (a proxy order waiting for the dealer included), and waits for the goods on their way to be received', async () => {
    const view = okData(await start('demo-manager'));
    expect(view.status).toBe('blocked');
    expect(view.nextStep).toBe('orders');
    expect(view.steps.orders.reason).toContain('已发货待收货');
    expect(openOrders().map((o) => o['status'])).toEqual(['shipped']);
    expect(t.cloud.wxpay.trade(paidOnline.outTradeNo)!.refunds.map((r) => r.refundFee)).toEqual([paidOnline.amount]);
    expect((t.cloud.store.get('dealers', LEAVING)!.doc as unknown as { status: string }).status).toBe('suspended');
    const refused = (await t.call(
      'orders',
      { action: 'submit', clientOrderId: 'offboard-test-after-000000', lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS },
      'demo-dealer-a',
      'wx_client',
    )) as Envelope;
    expect(refused.ok).toBe(false);
  });

  it('after the receipt, completes the order and settles the rebate periods still running, once, by the rules of a period close', async () => {
    const shipped = openOrders()[0]!;
    okData(await t.call('orders', { action: 'confirmReceipt', orderId: shipped._id }, 'demo-dealer-a', 'wx_client'));
    const view = okData(await rerun());
    expect(view.nextStep).toBe('rebates');
    // The reason is read on the phone (清退交接): what to do, with period labels, never ids or keys.
    expect(view.steps.rebates.reason).toContain('待审核入账');
    expect(view.steps.rebates.reason).not.toMatch(/dealer-|\d{4}-(Q[1-4]|\d{2})\b|rebates\./);
    const periods = view.steps.rebates.result!['periods'] as string[];
    const settlements = () => all('rebate_settlements').filter((d) => d['dealerId'] === LEAVING && periods.includes(String(d['period'])));
    // The periods running at the offboarding, settled under the ids a period close gives them.
    expect(periods.length).toBeGreaterThan(0);
    const ids = settlements().map((d) => d._id);
    expect(ids.every((id) => id.endsWith(`:${LEAVING}:${String(all('rebate_settlements').find((d) => d._id === id)!['period'])}`))).toBe(true);
    okData(await rerun());
    expect(settlements().map((d) => d._id)).toEqual(ids);
    for (const period of periods) okData(await t.call('rebates', { action: 'approveSettlements', period, dealerId: LEAVING }, undefined, 'wx_devtools'));
    expect(settlements().every((d) => d['status'] !== 'pending')).toBe(true);
  });

  it('then empties the wallet and waits for WeCom to move the customers', async () => {
    const walletBefore = (t.cloud.store.get('accounts', LEAVING)!.doc as unknown as { rebateBalance: number }).rebateBalance;
    const view = okData(await rerun());
    expect(view.status).toBe('blocked');
    expect(view.nextStep).toBe('customers');
    expect(view.steps.customers.reason).toContain('企业微信');
    expect(view.steps.orders.result).toEqual({ cancelled: 4, completed: 1 });
    expect(view.steps.wallet.result).toEqual(expect.objectContaining({ before: walletBefore }));
    expect(openOrders()).toEqual([]);
    const account = t.cloud.store.get('accounts', LEAVING)!.doc as unknown as { rebateBalance: number; creditReserved: number };
    expect(account.rebateBalance).toBe(0);
    expect(account.creditReserved).toBe(0);
  });

  it('counts no customer as moved while WeCom has not reported the takeover, and says what it waits for', async () => {
    await drainWecom();
    const view = okData(await rerun());
    expect(view.status).toBe('blocked');
    expect(view.nextStep).toBe('customers');
    expect(view.steps.customers.reason).toContain('等待企业微信的接替结果');
    expect(view.steps.customers.result).toEqual({ moved: 0, waiting: customersOfLeaving().length, staying: 0 });
    expect(view.statement).toBeNull();
  });

  it('finishes once WeCom has taken the customers over: every customer and child moved, and a final statement', async () => {
    // 24 hours on, WeCom has completed the takeovers; the wecom queue's transfer check asks for the result.
    await fake.completeTransfers(1, false);
    for (const j of all('wecom_jobs').filter((j) => j['kind'] === 'transfer_check')) {
      await t.db
        .collection('wecom_jobs')
        .doc(j._id)
        .update({ data: { nextAt: 0 } });
    }
    await drainWecom();
    const view = okData(await rerun());
    expect(view.status).toBe('done');
    const successorMembers = all('wecom_staff')
      .filter((s) => s['dealerId'] === SUCCESSOR)
      .map((s) => s._id);
    for (const c of customersOfLeaving()) {
      expect(c.relations.filter((r) => members().includes(r.userId) && r.status === 'active')).toEqual([]);
      expect(c.relations.some((r) => successorMembers.includes(r.userId) && r.status === 'active')).toBe(true);
    }
    expect(all('dealers').filter((d) => d['parentDealerId'] === LEAVING)).toEqual([]);
    expect(view.statement).toEqual(
      expect.objectContaining({ dealerId: LEAVING, ordersCancelled: 4, ordersCompleted: 1, customersMoved: customersOfLeaving().length, childrenMoved: 1 }),
    );
    expect(view.statement!.walletPaidOut + view.statement!.walletOffset).toBe(view.statement!.walletBefore);
    expect(view.statement!.rebatesSettled).toBeGreaterThan(0);
    expect(all('audit_log').filter((a) => String(a['action']).startsWith('lifecycle.offboarding.')).length).toBeGreaterThanOrEqual(7);
  });

  it('changes nothing when run again, or started again with the same successor', async () => {
    const before = snapshot();
    expect(okData(await rerun()).status).toBe('done');
    expect(okData(await start(undefined)).status).toBe('done');
    expect(snapshot()).toBe(before);
  });

  it('refuses a second start with another successor (CONFLICT), changing nothing', async () => {
    const before = snapshot();
    const r = await start(undefined, { successor: { kind: 'brand' } });
    expect(r.ok ? 'ok' : r.error.code).toBe('CONFLICT');
    expect(snapshot()).toBe(before);
  });
});
