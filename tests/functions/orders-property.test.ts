import fc from 'fast-check';
import type { OrderView } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Random sequences of submit / approve / reject / cancel / ship / confirm through the real orders
 * function. After every step: for each stock row, the starting on-hand = available + reserved +
 * shipped and nothing is oversold; each row's reserved units are exactly the open orders'
 * reservations; each dealer's reserved credit is exactly what the demo data's orders held plus
 * the sum over the open orders placed here.
 */
const ADDRESS = { name: '测试', mobile: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '测试路 1 号' };
const DEALERS = ['demo-dealer-a', 'demo-dealer-b'];
const SKUS = ['sku-0001', 'sku-0005', 'sku-0010'];
const OPEN = new Set(['submitted', 'pending_approval', 'approved', 'partially_shipped']);

type Step =
  | { kind: 'submit'; dealer: number; sku: number; lots: number }
  | { kind: 'approve' | 'reject' | 'cancel' | 'ship' | 'confirm'; pick: number; byAdmin: boolean; anyState: boolean };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('submit' as const), dealer: fc.nat(1), sku: fc.nat(2), lots: fc.integer({ min: 1, max: 30 }) }),
  fc.record({
    kind: fc.constantFrom('approve' as const, 'reject' as const, 'cancel' as const, 'ship' as const, 'confirm' as const),
    pick: fc.nat(50),
    byAdmin: fc.boolean(),
    anyState: fc.boolean(),
  }),
);

describe('order invariants over random command sequences', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  let seq = 0;
  const seededReserve: Record<string, number> = {};

  beforeAll(async () => {
    // Through the admin action, as a brand admin would: it bumps the orders-config version the function caches by.
    okData(
      await t.call(
        'admin',
        {
          action: 'upsertApprovalRule',
          rule: {
            code: 'order_amount_over',
            id: 'apr-prop',
            name: '大额订单审批',
            args: { thresholdFen: 200_000 },
            steps: [{ role: 'manager', label: '渠道经理审批' }],
          },
        },
        undefined,
        'wx_devtools',
      ),
    );
    // Little stock, so sequences run into OUT_OF_STOCK as well.
    for (const s of t.cloud.store.all('stock').filter((s) => SKUS.includes(s['sku'] as string))) {
      await t.db
        .collection('stock')
        .doc(s._id)
        .update({ data: { onHand: 2400, reserved: 0, shipped: 0 } });
    }
    // What the demo data's own open orders hold; the sequences only command the orders they place.
    for (const dealerId of ['dealer-001', 'dealer-020'])
      seededReserve[dealerId] = (t.cloud.store.get('accounts', dealerId)?.doc['creditReserved'] as number | undefined) ?? 0;
  });

  const stockRows = () =>
    t.cloud.store.all('stock').filter((s) => SKUS.includes(s['sku'] as string)) as unknown as Array<{
      _id: string;
      sku: string;
      warehouseId: string;
      onHand: number;
      reserved: number;
      shipped?: number;
    }>;
  const appOrders = () => t.cloud.store.all('orders').filter((o) => o['source'] === 'app') as unknown as Array<OrderView & { _id: string }>;

  function checkInvariants(): void {
    const open = appOrders().filter((o) => OPEN.has(o.status));
    for (const s of stockRows()) {
      expect(s.onHand + (s.shipped ?? 0)).toBe(2400);
      expect(s.reserved).toBeGreaterThanOrEqual(0);
      expect(s.reserved).toBeLessThanOrEqual(s.onHand);
      const held = open
        .flatMap((o) => o.reservations)
        .filter((r) => r.sku === s.sku && r.warehouseId === s.warehouseId)
        .reduce((n, r) => n + r.qty, 0);
      expect(s.reserved).toBe(held);
    }
    for (const dealerId of ['dealer-001', 'dealer-020']) {
      const account = t.cloud.store.get('accounts', dealerId)?.doc as { creditReserved?: number } | undefined;
      const sum = appOrders()
        .filter((o) => o.dealerId === dealerId)
        .reduce((n, o) => n + o.creditReserved, 0);
      expect(account?.creditReserved ?? 0).toBe(seededReserve[dealerId]! + sum);
    }
  }

  async function apply(s: Step): Promise<void> {
    const call = (action: string, input: Record<string, unknown>, openid?: string) =>
      t.cloud.invoke('orders', { action, ...input }, openid ? { openid } : { source: 'wx_devtools' });
    if (s.kind === 'submit') {
      const product = t.cloud.store.get('products', SKUS[s.sku]!)!.doc as unknown as { moq: number };
      await call(
        'submit',
        { clientOrderId: `prop-${Date.now()}-${++seq}-xxxxxxxx`, lines: [{ sku: SKUS[s.sku]!, qty: product.moq * s.lots }], address: ADDRESS },
        DEALERS[s.dealer],
      );
      return;
    }
    // Mostly an order the command fits, sometimes any order (invalid transitions must change nothing).
    const fits: Record<string, string[]> = {
      approve: ['pending_approval'],
      reject: ['pending_approval'],
      cancel: ['submitted', 'pending_approval', 'approved'],
      ship: ['approved', 'partially_shipped'],
      confirm: ['shipped'],
    };
    const all = appOrders();
    const orders = s.anyState ? all : all.filter((o) => fits[s.kind]!.includes(o.status));
    if (orders.length === 0) return;
    const o = orders[s.pick % orders.length]!;
    const owner = o.dealerId === 'dealer-001' ? 'demo-dealer-a' : 'demo-dealer-b';
    switch (s.kind) {
      case 'approve':
        await call('approve', { orderId: o._id }, s.byAdmin ? undefined : 'demo-manager');
        break;
      case 'reject':
        await call('reject', { orderId: o._id, reason: '随机驳回' }, s.byAdmin ? undefined : 'demo-manager');
        break;
      case 'cancel':
        await call('cancel', { orderId: o._id, reason: '随机取消' }, s.byAdmin ? undefined : owner);
        break;
      case 'ship': {
        const r = o.reservations[0];
        if (r)
          await call('ship', {
            orderId: o._id,
            warehouseId: r.warehouseId,
            carrier: '顺丰速运',
            trackingNo: `SF${++seq}0000`,
            lines: [{ sku: r.sku, qty: r.qty }],
          });
        break;
      }
      case 'confirm':
        await call('confirmReceipt', { orderId: o._id }, owner);
        break;
    }
  }

  it('keeps stock and credit exactly accounted for after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 25 }), async (steps) => {
        for (const s of steps) {
          await apply(s);
          checkInvariants();
        }
      }),
      { numRuns: 12, seed: 20261127 },
    );
    // The runs must have reached the interesting states, or the property tested little.
    const seen = new Set(appOrders().map((o) => o.status));
    for (const status of ['pending_approval', 'approved', 'shipped', 'rejected', 'cancelled']) expect(seen).toContain(status);
  }, 120_000);
});
