import type { OrderView, RebateProgressOutput, SubmitOutput } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Issue 17: a rebate policy with basis 'sell_through' counts, for the demo's enabled first-tier,
 * its two-tier orders delivered to its children (分销出货) — once per order, a retried confirm adds
 * nothing — and never its own brand orders; a sell_in policy never counts the two-tier orders.
 */
const ADDRESS = { name: '陈立', mobile: '13900000003', province: '浙江省', city: '宁波市', district: '海曙区', detail: '中山路 2 号' };
let seq = 0;
const clientId = () => `rebate-st-test-${String(++seq).padStart(6, '0')}`;
const VOLUME = { code: 'volume_tiers', periodKind: 'month', args: { basis: 'amount', mode: 'retroactive', tiers: [{ from: 0, rateBp: 100 }] } };

describe('sell-through rebates (分销出货返利)', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const all = (coll: string) => t.cloud.store.all(coll);
  const first = all('dealers').find((d) => (d['twoTier'] as { enabled?: boolean } | undefined)?.enabled)!;
  const FIRST = first['_id'] as string;
  const ownerOf = (id: string) => all('users').find((u) => u['dealerId'] === id && u['role'] === 'dealer' && u['status'] === 'active')!['openid'] as string;
  const SELLER = ownerOf(FIRST);
  const CHILD = ownerOf(all('dealers').find((d) => d['parentDealerId'] === FIRST && d['status'] === 'active' && ownerOf(d['_id'] as string))!['_id'] as string);
  /** An SKU the first-tier prices and stocks (seeded), which the brand also sells to it. */
  const stocked = all('tier_prices').find((p) => p['dealerId'] === FIRST)!;
  const SKU = stocked['sku'] as string;
  const Q = all('products').find((p) => p['sku'] === SKU)!['moq'] as number;
  const fn = <T>(name: string, action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>(name, { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const progressOf = async (policyId: string) => {
    const p = okData(await fn<RebateProgressOutput>('rebates', 'progress', {}, SELLER));
    return p.evaluations.find((e) => e.policyId === policyId)!;
  };

  beforeAll(async () => {
    okData(await fn('rebates', 'upsertPolicy', { policy: { ...VOLUME, id: 'rb-st-month', name: '月度分销返利（测试）', basis: 'sell_through' } }));
    okData(await fn('rebates', 'upsertPolicy', { policy: { ...VOLUME, id: 'rb-in-month', name: '月度进货返利（测试）' } }));
  });

  test('a child’s delivered order moves the sell_through policy once, also after a retried confirm, and leaves the sell_in one as it was', async () => {
    const [st0, in0] = [await progressOf('rb-st-month'), await progressOf('rb-in-month')];
    expect(st0.basis).toBe(0);
    expect(st0.trace[0]!.text).toContain('分销出货');
    expect([st0.sellThrough, in0.sellThrough]).toEqual([true, undefined]);
    expect(in0.trace[0]!.text).not.toContain('分销出货');

    const { order } = okData(await fn<SubmitOutput>('orders', 'submit', { clientOrderId: clientId(), lines: [{ sku: SKU, qty: Q }], address: ADDRESS }, CHILD));
    expect(order.supplierDealerId).toBe(FIRST);
    okData(await fn<OrderView>('orders', 'accept', { orderId: order.id }, SELLER));
    okData(
      await fn<OrderView>('orders', 'ship', { orderId: order.id, carrier: '顺丰速运', trackingNo: 'SF20261203101', lines: [{ sku: SKU, qty: Q }] }, SELLER),
    );
    const confirm = () => fn<OrderView>('orders', 'confirmReceipt', { orderId: order.id }, CHILD);
    expect(okData(await confirm()).status).toBe('delivered');
    await confirm();

    const [st1, in1] = [await progressOf('rb-st-month'), await progressOf('rb-in-month')];
    expect(st1.basis).toBe(order.payable);
    expect(st1.earned).toBe(Math.floor((order.payable * 100 + 5_000) / 10_000));
    expect(in1.basis).toBe(in0.basis);
  });

  test('the first-tier’s own brand order moves the sell_in policy, never the sell_through one', async () => {
    const [st0, in0] = [await progressOf('rb-st-month'), await progressOf('rb-in-month')];
    const { order } = okData(
      await fn<SubmitOutput>('orders', 'submit', { clientOrderId: clientId(), lines: [{ sku: SKU, qty: Q }], address: ADDRESS }, SELLER),
    );
    expect(order.supplierDealerId ?? null).toBeNull();
    let current = order;
    if (current.status === 'pending_approval') current = okData(await fn<OrderView>('orders', 'approve', { orderId: order.id }));
    for (const r of current.reservations) {
      current = okData(
        await fn<OrderView>('orders', 'ship', {
          orderId: order.id,
          warehouseId: r.warehouseId,
          carrier: '顺丰速运',
          trackingNo: `SF9${++seq}0001`,
          lines: [{ sku: r.sku, qty: r.qty }],
        }),
      );
    }
    const delivered = okData(await fn<OrderView>('orders', 'confirmReceipt', { orderId: order.id }, SELLER));
    expect(delivered.status).toBe('delivered');

    const [st1, in1] = [await progressOf('rb-st-month'), await progressOf('rb-in-month')];
    expect(in1.basis).toBeGreaterThan(in0.basis);
    expect(st1.basis).toBe(st0.basis);
  });
});
