import type { CatalogListOutput, OrderView, PricedCart, SubmitOutput } from '../../shared/contracts';
import type {
  SellThroughOutput,
  SetTwoTierOutput,
  TierOrderList,
  TierPaymentOutput,
  TierPriceItem,
  TierPricesOutput,
  TierStockItem,
} from '../../shared/contracts/tier';
import { formatShanghai } from '../../shared/time';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * 二级分销 through the real functions on the seeded demo (docs/two-tier.md): the brand enables a
 * first-tier, which prices within bounds and stocks; its child's orders.submit goes to it, is
 * accepted, shipped from its stock once, received, paid once, and shows in the brand's
 * sell-through. Stock cannot be oversold by two submits at once; a child of a parent the brand
 * did not enable still orders from the brand.
 */
const ADDRESS = { name: '陈立', mobile: '13900000002', province: '浙江省', city: '宁波市', district: '海曙区', detail: '中山路 1 号' };
let seq = 0;
const clientId = () => `two-tier-test-${String(++seq).padStart(6, '0')}`;
const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('two-tier dealers (二级分销)', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const all = (coll: string) => t.cloud.store.all(coll);
  const ownerOf = (dealerId: string) =>
    all('users').find((u) => u['dealerId'] === dealerId && u['role'] === 'dealer' && u['status'] === 'active')?.['openid'] as string | undefined;
  const active = (d: Record<string, unknown>) => d['status'] === 'active' && ownerOf(d['_id'] as string);
  const childrenOf = (id: string) => all('dealers').filter((d) => d['parentDealerId'] === id && active(d));
  // Two first-tiers with children, neither the pinned demo dealer A nor the demo's own two-tier dealer: one enabled here, one left as it is.
  const [first, other] = all('dealers').filter(
    (d) => d['level'] === 'A' && d['_id'] !== 'dealer-001' && !d['twoTier'] && active(d) && childrenOf(d['_id'] as string).length >= 2,
  );
  const FIRST = first!['_id'] as string;
  const [child, child2] = childrenOf(FIRST).map((d) => ({ id: d['_id'] as string, openid: ownerOf(d['_id'] as string)! }));
  const SELLER = ownerOf(FIRST)!;
  const product = all('products').find(
    (p) => p['status'] === 'on_sale' && Object.values(p['visibility'] as Record<string, unknown[]>).every((v) => v.length === 0),
  )!;
  const SKU = product['sku'] as string;
  const LIST = product['listPrice'] as number;
  /** The smallest orderable quantity, base units (the seed's MOQ is a whole number of its order multiple). */
  const Q = product['moq'] as number;
  const fn = <T>(name: string, action: string, input: Record<string, unknown>, openid?: string) => t.call<T>(name, { action, ...input }, openid);
  const submit = (openid: string, qty: number) =>
    fn<SubmitOutput>('orders', 'submit', { clientOrderId: clientId(), lines: [{ sku: SKU, qty }], address: ADDRESS }, openid);
  const dealerStock = () => t.cloud.store.get('dealer_stock', `${FIRST}:${SKU}`)?.doc as { onHand: number; reserved: number } | undefined;
  /** The child taps 允许 for a template, as the mini-program reports it; answers the template's id. */
  const consent = async (openid: string, template: string): Promise<string> => {
    const me = okData(await fn<{ notifications: Array<{ template: string; templateId: string }> }>('users', 'me', {}, openid));
    const id = me.notifications.find((n) => n.template === template)!.templateId;
    t.cloud.acceptSubscription(openid, [id]);
    okData(await fn('users', 'recordSubscription', { accepted: [template] }, openid));
    return id;
  };
  /** Another on-sale SKU anyone may order, which the first-tier never prices. */
  const UNPRICED = all('products').find(
    (p) => p['status'] === 'on_sale' && p['sku'] !== SKU && Object.values(p['visibility'] as Record<string, unknown[]>).every((v) => v.length === 0),
  )!['sku'] as string;
  const brandFree = () =>
    all('stock')
      .filter((s) => s['sku'] === SKU)
      .reduce((n, s) => n + Math.max(0, (s['onHand'] as number) - (s['reserved'] as number)), 0);
  const brandReserved = () =>
    all('stock')
      .filter((s) => s['sku'] === SKU)
      .reduce((n, s) => n + (s['reserved'] as number), 0);

  beforeAll(async () => {
    const set = okData(await fn<SetTwoTierOutput>('dealers', 'setTwoTier', { dealerId: FIRST, enabled: true, floorBp: 10000, ceilBp: 13000 }, 'demo-admin'));
    expect(set.children).toBeGreaterThanOrEqual(2);
  });

  test('a child’s order goes to its first-tier: priced from its list, held from its stock, accepted, shipped once, received, paid once, and in the brand’s sell-through', async () => {
    const tooHigh = await fn('tier', 'setPrice', { sku: SKU, unitPrice: Math.floor(LIST * 1.3) + 1 }, SELLER);
    expect(codeOf(tooHigh)).toBe('PRICE_OUT_OF_BOUNDS');
    expect(t.cloud.store.get('tier_prices', `${FIRST}:${SKU}`)).toBeNull();
    const price = Math.floor(LIST * 1.1);
    expect(okData(await fn<TierPriceItem>('tier', 'setPrice', { sku: SKU, unitPrice: price }, SELLER)).unitPrice).toBe(price);
    okData(await fn<TierStockItem>('tier', 'adjustStock', { sku: SKU, delta: 3 * Q, reason: '期初库存', requestId: 'two-tier-opening-0001' }, SELLER));
    const brand = brandReserved();

    const { order } = okData(await submit(child!.openid, Q));
    expect(order).toMatchObject({ status: 'submitted', supplierDealerId: FIRST, payable: price * Q });
    expect(order.lines[0]).toMatchObject({ sku: SKU, qty: Q, unitPrice: price });
    expect(dealerStock()).toMatchObject({ onHand: 3 * Q, reserved: Q });
    expect(brandReserved()).toBe(brand);
    const todo = okData(await fn<TierOrderList>('tier', 'incoming', { status: 'to_accept' }, SELLER));
    expect(todo.items.map((o) => o.id)).toContain(order.id);

    expect(okData(await fn<OrderView>('orders', 'accept', { orderId: order.id }, SELLER)).status).toBe('approved');
    const ship = { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF20261203001', lines: [{ sku: SKU, qty: Q }] };
    expect(codeOf(await fn('orders', 'ship', ship, child!.openid))).toBe('FORBIDDEN');
    const shippedTemplate = await consent(child!.openid, 'order_shipped');
    const sent = t.cloud.subscribeMessages().length;
    expect(okData(await fn<OrderView>('orders', 'ship', ship, SELLER)).status).toBe('shipped');
    expect(
      t.cloud
        .subscribeMessages()
        .slice(sent)
        .map((m) => [m.touser, m.templateId]),
    ).toEqual([[child!.openid, shippedTemplate]]);
    expect(dealerStock()).toMatchObject({ onHand: 2 * Q, reserved: 0 });
    expect(codeOf(await fn('orders', 'ship', ship, SELLER))).toBe('CONFLICT');
    expect(dealerStock()).toMatchObject({ onHand: 2 * Q, reserved: 0 });

    const delivered = okData(await fn<OrderView>('orders', 'confirmReceipt', { orderId: order.id }, child!.openid));
    expect(delivered.status).toBe('delivered');
    const paid = okData(await fn<TierPaymentOutput>('tier', 'recordPayment', { orderNo: order.orderNo, amount: order.payable }, SELLER));
    expect(paid.paid).toBe(order.payable);
    expect(codeOf(await fn('tier', 'recordPayment', { orderNo: order.orderNo, amount: 1 }, SELLER))).toBe('CONFLICT');

    const day = formatShanghai(delivered.deliveredAt!, 'date');
    const view = okData(await fn<SellThroughOutput>('tier', 'sellThrough', { from: day, to: day, firstTierId: FIRST }, 'demo-admin'));
    expect(view.rows).toEqual([
      expect.objectContaining({ firstTierId: FIRST, childDealerId: child!.id, sku: SKU, qty: Q, amount: price * Q, avgUnitPrice: price }),
    ]);
  });

  test('a child is shown what it will be charged: its catalog and quote carry the first-tier’s price and stock, unpriced SKUs are left out, and a brand dealer still sees the brand’s', async () => {
    const price = t.cloud.store.get('tier_prices', `${FIRST}:${SKU}`)!.doc['unitPrice'] as number;
    const free = dealerStock()!.onHand - dealerStock()!.reserved;
    const shown = (openid: string, keyword: string) => fn<CatalogListOutput>('catalog', 'list', { keyword, limit: 50 }, openid).then(okData);
    expect((await shown(child!.openid, SKU)).items.find((i) => i.sku === SKU)).toMatchObject({ price, priceLabel: '上级经销商供货价', available: free });
    expect((await shown(child!.openid, UNPRICED)).items.map((i) => i.sku)).not.toContain(UNPRICED);

    const quoted = okData(await fn<PricedCart>('pricing', 'quote', { lines: [{ sku: SKU, qty: Q }] }, child!.openid));
    expect(quoted.lines[0]!.steps.map((s) => s.label)).toEqual(['目录价', '上级经销商供货价']);
    expect(quoted.available[SKU]).toBe(free);
    const { order } = okData(await submit(child!.openid, Q));
    expect(order.payable).toBe(quoted.totals.payable);
    okData(await fn('orders', 'cancel', { orderId: order.id, reason: '核对价格' }, child!.openid));
    const refused = okData(await fn<PricedCart>('pricing', 'quote', { lines: [{ sku: UNPRICED, qty: Q }] }, child!.openid));
    expect(refused.errors.map((e) => e.code)).toEqual(['NOT_SUPPLIED']);

    const kid = childrenOf(other!['_id'] as string)[0]!;
    const brandItem = (await shown(ownerOf(kid['_id'] as string)!, SKU)).items.find((i) => i.sku === SKU)!;
    expect(brandItem.priceLabel).not.toBe('上级经销商供货价');
    expect(brandItem.available).toBe(brandFree());
  });

  test('the first-tier’s price list shows every on-sale SKU with its bounds, priced or not, a page at a time', async () => {
    const page = okData(await fn<TierPricesOutput>('tier', 'prices', { limit: 2 }, SELLER));
    const unpriced = page.items.find((i) => i.sku !== SKU)!;
    expect(unpriced).toMatchObject({ unitPrice: null, floor: unpriced.listPrice, ceil: Math.floor((unpriced.listPrice * 13000) / 10000) });
    const next = okData(await fn<TierPricesOutput>('tier', 'prices', { limit: 2, cursor: page.nextCursor! }, SELLER));
    expect(next.items[0]!.sku > page.items[1]!.sku).toBe(true);
  });

  test('two children submitting at once cannot oversell the first-tier’s stock, and a cancel gives the hold back once', async () => {
    const free = dealerStock()!.onHand - dealerStock()!.reserved;
    const results = await Promise.all([submit(child!.openid, free), submit(child2!.openid, free)]);
    expect(results.map(codeOf).sort()).toEqual(['OUT_OF_STOCK', 'ok']);
    expect(dealerStock()).toMatchObject({ reserved: free });
    const won = results.find((r) => r.ok)! as { ok: true; data: SubmitOutput };
    const buyer = won.data.order.dealerId === child!.id ? child! : child2!;
    okData(await fn('orders', 'cancel', { orderId: won.data.order.id, reason: '不要了' }, buyer.openid));
    expect(codeOf(await fn('orders', 'cancel', { orderId: won.data.order.id, reason: '不要了' }, buyer.openid))).toBe('CONFLICT');
    expect(dealerStock()).toMatchObject({ reserved: 0 });
  });

  test('the first-tier’s own brand order, once received, goes on its hand exactly once', async () => {
    const shipped = all('orders').find((o) => o['dealerId'] === FIRST && o['status'] === 'shipped')!;
    expect(shipped).toBeDefined();
    const lines = shipped['lines'] as Array<{ sku: string; qty: number }>;
    const before = (sku: string) => (t.cloud.store.get('dealer_stock', `${FIRST}:${sku}`)?.doc['onHand'] as number | undefined) ?? 0;
    const expected = new Map(lines.map((l) => [l.sku, before(l.sku)]));
    for (const l of lines) expected.set(l.sku, expected.get(l.sku)! + l.qty);
    okData(await fn('orders', 'confirmReceipt', { orderId: shipped['_id'] }, SELLER));
    expect(codeOf(await fn('orders', 'confirmReceipt', { orderId: shipped['_id'] }, SELLER))).toBe('CONFLICT');
    for (const [sku, qty] of expected) expect(before(sku)).toBe(qty);
  });

  test('a child of a first-tier the brand did not enable still orders from the brand', async () => {
    const kid = childrenOf(other!['_id'] as string)[0]!;
    const res = await submit(ownerOf(kid['_id'] as string)!, Q);
    const order = okData(res).order;
    expect(order.id.startsWith('o-')).toBe(true);
    expect(order.supplierDealerId).toBeUndefined();
  });

  test('once the brand turns 二级分销 off, its children order from the brand again and the first-tier still sees the orders it had', async () => {
    okData(await fn('dealers', 'setTwoTier', { dealerId: FIRST, enabled: false, floorBp: 10000, ceilBp: 13000 }, 'demo-admin'));
    expect(okData(await submit(child!.openid, Q)).order.id.startsWith('o-')).toBe(true);
    expect(okData(await fn<TierOrderList>('tier', 'incoming', {}, SELLER)).items.length).toBeGreaterThan(0);
    expect(codeOf(await fn('tier', 'setPrice', { sku: SKU, unitPrice: LIST }, SELLER))).toBe('FORBIDDEN');
  });
});
