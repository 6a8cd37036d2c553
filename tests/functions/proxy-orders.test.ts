import type { MeOutput, OrderView, PricedCart, SubmitOutput } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * 代客下单 through the real functions on the seeded demo: the region's channel manager prices and
 * submits dealer A's phoned-in order exactly as dealer A's own cart, stock and credit are held at
 * once, and dealer A confirms (approval then starts, and the placer may not approve it) or
 * refuses (everything held is released once). A dealer may authorise such orders to take effect.
 */
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
/** Over the demo's ¥10,000 manager approval. */
const BIG = [{ sku: 'sku-0275', qty: 40, unit: '箱' }];
/** Well under it: approved at once. */
const SMALL = [{ sku: 'sku-0001', qty: 5, unit: '箱' }];
const DEALER_A = 'dealer-001';
let seq = 0;
const clientId = () => `proxy-test-${String(++seq).padStart(8, '0')}`;

describe('orders on a dealer’s behalf (代客下单)', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const orders = <T>(action: string, input: Record<string, unknown>, openid: string) => t.call<T>('orders', { action, ...input }, openid);
  const proxy = (lines: typeof BIG, dealerId = DEALER_A, openid = 'demo-manager') =>
    orders<SubmitOutput>('submitForDealer', { dealerId, clientOrderId: clientId(), lines, address: ADDRESS }, openid);
  const account = () => t.cloud.store.get('accounts', DEALER_A)!.doc as unknown as { creditReserved: number };
  const reservedOf = (sku: string) =>
    t.cloud.store
      .all('stock')
      .filter((s) => s['sku'] === sku)
      .reduce((n, s) => n + (s['reserved'] as number), 0);

  test('the manager’s quote and proxy order are priced exactly as dealer A’s own cart, placed by the manager, and wait for dealer A with stock and credit held', async () => {
    const own = okData(await t.call<PricedCart>('pricing', { action: 'quote', lines: BIG }, 'demo-dealer-a'));
    const forA = okData(await t.call<PricedCart>('pricing', { action: 'quote', lines: BIG, forDealerId: DEALER_A }, 'demo-manager'));
    expect(forA).toEqual(own);
    const reserved = reservedOf('sku-0275');
    const credit = account().creditReserved;
    const { order } = okData(await proxy(BIG));
    expect(order.status).toBe('awaiting_dealer_confirmation');
    expect(order.placedBy).toEqual({ role: 'manager', id: 'demo-manager' });
    expect(order.payable).toBe(own.totals.payable);
    expect(order.lines.map((l) => [l.sku, l.qty, l.unitPrice, l.payable])).toEqual(own.lines.map((l) => [l.sku, l.qty, l.unitPrice, l.payable]));
    expect(reservedOf('sku-0275')).toBe(reserved + order.lines.reduce((n, l) => n + (l.sku === 'sku-0275' ? l.qty : 0), 0));
    expect(account().creditReserved).toBe(credit + order.payable);
    // Dealer A sees it among its orders waiting for it.
    const list = okData(await orders<{ items: Array<{ id: string; status: string }> }>('list', { group: 'pending' }, 'demo-dealer-a'));
    expect(list.items.find((o) => o.id === order.id)?.status).toBe('awaiting_dealer_confirmation');
  });

  test('a dealer outside the manager’s regions is not found, and a dealer cannot price or order for another', async () => {
    const regions = (t.cloud.store.all('users').find((u) => u['openid'] === 'demo-manager')!['regions'] as string[]) ?? [];
    const outside = t.cloud.store.all('dealers').find((d) => !regions.includes(d['region'] as string))!;
    const res = await proxy(SMALL, outside._id);
    expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND');
    const quote = await t.call('pricing', { action: 'quote', lines: SMALL, forDealerId: 'dealer-002' }, 'demo-dealer-a');
    expect(quote.ok ? 'ok' : quote.error.code).toBe('FORBIDDEN');
    const submit = await proxy(SMALL, 'dealer-002', 'demo-dealer-a');
    expect(submit.ok ? 'ok' : submit.error.code).toBe('FORBIDDEN');
  });

  test('dealer A confirms: approval starts as for its own order, the manager who placed it may not approve it, another approver may', async () => {
    const { order } = okData(await proxy(BIG));
    const confirmed = okData(await orders<OrderView>('confirmProxy', { orderId: order.id }, 'demo-dealer-a'));
    expect(confirmed.status).toBe('pending_approval');
    const own = await orders<OrderView>('approve', { orderId: order.id }, 'demo-manager');
    expect(own.ok ? 'ok' : own.error.code).toBe('FORBIDDEN');
    if (!own.ok) expect(own.error.message).toContain('代客下单');
    expect(okData(await orders<OrderView>('approve', { orderId: order.id }, 'demo-admin')).status).toBe('approved');
  });

  test('dealer A refuses: the stock and credit held are released exactly once', async () => {
    const reserved = reservedOf('sku-0001');
    const credit = account().creditReserved;
    const { order } = okData(await proxy(SMALL));
    expect(reservedOf('sku-0001')).toBeGreaterThan(reserved);
    const refused = okData(await orders<OrderView>('refuseProxy', { orderId: order.id, reason: '数量不对' }, 'demo-dealer-a'));
    expect(refused.status).toBe('cancelled');
    expect(reservedOf('sku-0001')).toBe(reserved);
    expect(account().creditReserved).toBe(credit);
    const again = await orders('refuseProxy', { orderId: order.id, reason: '数量不对' }, 'demo-dealer-a');
    expect(again.ok ? 'ok' : again.error.code).toBe('CONFLICT');
    expect(reservedOf('sku-0001')).toBe(reserved);
  });

  /** The manager taps 允许 for order_cancelled at 提交代客订单 (one grant), as the proxy page asks. */
  async function managerConsents(): Promise<string> {
    const me = okData(await t.call<MeOutput>('users', { action: 'me' }, 'demo-manager')) as Extract<MeOutput, { notifications: unknown }>;
    const templateId = me.notifications.find((n) => n.template === 'order_cancelled')!.templateId;
    t.cloud.acceptSubscription('demo-manager', [templateId]);
    okData(await t.call('users', { action: 'recordSubscription', accepted: ['order_cancelled'] }, 'demo-manager'));
    return templateId;
  }
  const toManager = (templateId: string) => t.cloud.subscribeMessages().filter((m) => m.touser === 'demo-manager' && m.templateId === templateId);

  test('the manager who placed it hears when dealer A refuses it', async () => {
    const templateId = await managerConsents();
    const before = toManager(templateId).length;
    const { order } = okData(await proxy(SMALL));
    okData(await orders('refuseProxy', { orderId: order.id, reason: '不需要了' }, 'demo-dealer-a'));
    expect(toManager(templateId).slice(before)).toEqual([expect.objectContaining({ page: expect.stringContaining(order.id) })]);
  });

  test('a proxy order dealer A leaves unconfirmed for 3 days lapses on the hourly timer, releasing what it held once; a newer one waits', async () => {
    const reserved = reservedOf('sku-0001');
    const credit = account().creditReserved;
    const { order: old } = okData(await proxy(SMALL));
    const { order: fresh } = okData(await proxy(SMALL));
    await t.db
      .collection('orders')
      .doc(old.id)
      .update({ data: { createdAt: Date.now() - 3 * 86_400_000 - 1 } });
    const templateId = await managerConsents();
    const before = toManager(templateId).length;
    await t.cloud.trigger('orders', 'expireProxy');
    await t.cloud.trigger('orders', 'expireProxy');
    const status = async (id: string) => okData(await orders<OrderView>('get', { orderId: id }, 'demo-dealer-a')).status;
    expect([await status(old.id), await status(fresh.id)]).toEqual(['cancelled', 'awaiting_dealer_confirmation']);
    expect(reservedOf('sku-0001')).toBe(reserved + fresh.reservations.reduce((n, r) => n + r.qty, 0));
    expect(account().creditReserved).toBe(credit + fresh.payable);
    expect(toManager(templateId).length - before).toBe(1);
    okData(await orders('refuseProxy', { orderId: fresh.id, reason: '不需要了' }, 'demo-dealer-a'));
  });

  test('the manager lists the proxy orders they placed, with their status, a page at a time; a dealer may not ask', async () => {
    type Page = { items: Array<{ id: string; status: string }>; nextCursor: string | null };
    const { order } = okData(await proxy(SMALL));
    const first = okData(await orders<Page>('list', { placedByMe: true, limit: 2 }, 'demo-manager'));
    expect(first.items[0]).toMatchObject({ id: order.id, status: 'awaiting_dealer_confirmation' });
    const rest = okData(await orders<Page>('list', { placedByMe: true, cursor: first.nextCursor!, limit: 50 }, 'demo-manager'));
    const mine = t.cloud.store.all('orders').filter((o) => (o['placedBy'] as { id?: string } | undefined)?.id === 'demo-manager');
    expect([...first.items, ...rest.items].map((o) => o.id).sort()).toEqual(mine.map((o) => o._id).sort());
    expect(okData(await orders<Page>('list', { placedByMe: true }, 'demo-admin')).items).toEqual([]);
    const dealer = await orders('list', { placedByMe: true }, 'demo-dealer-a');
    expect(dealer.ok ? 'ok' : dealer.error.code).toBe('FORBIDDEN');
    okData(await orders('refuseProxy', { orderId: order.id, reason: '不需要了' }, 'demo-dealer-a'));
  });

  test('once dealer A’s owner authorises proxy orders (代客下单无需确认) they take effect at once', async () => {
    expect(okData(await orders('proxyConsent', {}, 'demo-dealer-a'))).toEqual({ authorised: false });
    expect(okData(await orders('proxyConsent', { authorised: true }, 'demo-dealer-a'))).toEqual({ authorised: true });
    const { order } = okData(await proxy(SMALL));
    expect(order.status).toBe('approved');
    expect(order.placedBy?.id).toBe('demo-manager');
    okData(await orders('proxyConsent', { authorised: false }, 'demo-dealer-a'));
  });
});
