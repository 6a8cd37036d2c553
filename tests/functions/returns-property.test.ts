import fc from 'fast-check';
import type { OrderView, ReturnView } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Random sequences of submit, cancel, ship, confirm receipt, return (request → approve → ship back →
 * receive with a random restock / scrap split, or a rejected request) and pay (admin.recordPayment)
 * through the real functions, for dealer A. After every step:
 * - per stock row: the starting on-hand = available + reserved + shipped − returned-restocked, and
 *   its reserved units are exactly the open orders' reservations;
 * - the receivable = what the demo data left + Σ delivered (booked by shipments) − Σ credited returns − Σ paid;
 * - reserved credit = what the demo data held + Σ the open orders' reservations;
 * - the rebate wallet = its start − Σ the rebate spent by orders not cancelled;
 * - no line has more returned (or held by open requests) than it delivered, nor more credited than its payable.
 */
const ADDRESS = { name: '测试', mobile: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '测试路 1 号' };
const SKUS = ['sku-0001', 'sku-0005'];
const START = 5_000;
const OPEN = new Set(['submitted', 'pending_approval', 'approved', 'partially_shipped']);

type Step =
  | { kind: 'submit'; sku: number; lots: number; rebate: boolean }
  | { kind: 'cancel' | 'ship' | 'confirm'; pick: number }
  | { kind: 'return'; pick: number; share: number; restock: number; reject: boolean }
  | { kind: 'pay'; amount: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('submit' as const), sku: fc.nat(1), lots: fc.integer({ min: 1, max: 3 }), rebate: fc.boolean() }),
  fc.record({ kind: fc.constantFrom('cancel' as const, 'ship' as const, 'confirm' as const), pick: fc.nat(20) }),
  fc.record({
    kind: fc.constant('return' as const),
    pick: fc.nat(20),
    share: fc.double({ min: 0.01, max: 1, noNaN: true }),
    restock: fc.double({ min: 0, max: 1, noNaN: true }),
    reject: fc.boolean(),
  }),
  fc.record({ kind: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 50_000 }) }),
);

describe('stock, credit, receivable and wallet over random orders, cancellations, returns and payments', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  let seq = 0;
  let paid = 0;
  const start = { receivable: 0, creditReserved: 0, wallet: 0 };
  const account = () => t.cloud.store.get('accounts', 'dealer-001')!.doc as unknown as { receivable: number; creditReserved: number; rebateBalance: number };
  const orders = (action: string, input: Record<string, unknown>, openid?: string) =>
    t.call('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const after = (action: string, input: Record<string, unknown>, openid?: string) =>
    t.call('aftersales', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const mine = () =>
    t.cloud.store.all('orders').filter((o) => o['source'] === 'app' && o['dealerId'] === 'dealer-001') as unknown as Array<
      OrderView & { _id: string; returned?: Record<string, { qty: number; amount: number }>; returning?: Record<string, number> }
    >;
  const stockRows = () =>
    t.cloud.store.all('stock').filter((s) => SKUS.includes(s['sku'] as string)) as unknown as Array<{
      sku: string;
      warehouseId: string;
      onHand: number;
      reserved: number;
      shipped?: number;
      returned?: number;
    }>;

  beforeAll(async () => {
    for (const s of t.cloud.store.all('stock').filter((s) => SKUS.includes(s['sku'] as string))) {
      await t.db
        .collection('stock')
        .doc(s._id)
        .update({ data: { onHand: START, reserved: 0, shipped: 0, returned: 0 } });
    }
    const a = account();
    Object.assign(start, { receivable: a.receivable, creditReserved: a.creditReserved, wallet: a.rebateBalance });
  });

  async function apply(s: Step): Promise<void> {
    const all = mine();
    const pick = (statuses: string[], n: number) => {
      const fits = all.filter((o) => statuses.includes(o.status));
      return fits.length === 0 ? null : fits[n % fits.length]!;
    };
    switch (s.kind) {
      case 'submit': {
        const lines = [{ sku: SKUS[s.sku]!, qty: 5 * s.lots, unit: '箱' }];
        await orders(
          'submit',
          { clientOrderId: `prop-${Date.now()}-${++seq}-xxxxxxxx`, lines, address: ADDRESS, rebateToUse: s.rebate ? 300 : 0 },
          'demo-dealer-a',
        );
        return;
      }
      case 'cancel': {
        const o = pick(['submitted', 'pending_approval', 'approved', 'partially_shipped', 'shipped'], s.pick);
        if (o) await orders('cancel', { orderId: o._id, reason: '随机取消' }, 'demo-dealer-a');
        return;
      }
      case 'ship': {
        const o = pick(['approved'], s.pick);
        const r = o?.reservations[0];
        if (o && r) {
          const lines = o.reservations.map((x) => ({ sku: x.sku, qty: x.qty }));
          await orders('ship', { orderId: o._id, warehouseId: r.warehouseId, carrier: '顺丰速运', trackingNo: `SF${++seq}0000`, lines });
        }
        return;
      }
      case 'confirm': {
        const o = pick(['shipped'], s.pick);
        if (o) await orders('confirmReceipt', { orderId: o._id }, 'demo-dealer-a');
        return;
      }
      case 'pay':
        if (
          (
            await t.call(
              'admin',
              { action: 'recordPayment', dealerId: 'dealer-001', amount: s.amount, method: '银行转账', ref: `HK${++seq}` },
              undefined,
              'wx_devtools',
            )
          ).ok
        )
          paid += s.amount;
        return;
      case 'return':
        return returnOne(s, pick(['delivered'], s.pick));
    }
  }

  async function returnOne(s: Extract<Step, { kind: 'return' }>, o: ReturnType<typeof mine>[number] | null): Promise<void> {
    const line = o?.lines.find((l) => l.kind === 'item');
    if (!o || !line) return;
    const left = line.shippedQty - (o.returned?.[line.sku]?.qty ?? 0) - (o.returning?.[line.sku] ?? 0);
    const qty = Math.max(1, Math.ceil(left * s.share));
    const asked = await after(
      'request',
      { orderId: o._id, clientRequestId: `prop-rr-${++seq}-xxxxxxxxxx`, lines: [{ sku: line.sku, qty }], reason: '随机退货' },
      'demo-dealer-a',
    );
    if (!asked.ok) return;
    const id = (asked.data as unknown as ReturnView).id;
    if (s.reject) {
      okData(await after('reject', { requestId: id, reason: '随机驳回' }, 'demo-manager'));
      return;
    }
    okData(await after('approve', { requestId: id }, 'demo-manager'));
    okData(await after('shipBack', { requestId: id, carrier: '顺丰速运', trackingNo: `SF${++seq}` }, 'demo-dealer-a'));
    const restockQty = Math.floor(qty * s.restock);
    okData(
      await after('receive', {
        requestId: id,
        warehouseId: o.reservations[0]?.warehouseId ?? 'wh-east',
        lines: [{ sku: line.sku, restockQty, scrapQty: qty - restockQty }],
      }),
    );
  }

  function checkInvariants(): void {
    const all = mine();
    const open = all.filter((o) => OPEN.has(o.status));
    for (const s of stockRows()) {
      expect(s.onHand - s.reserved + s.reserved + (s.shipped ?? 0) - (s.returned ?? 0)).toBe(START);
      const held = open.flatMap((o) => o.reservations).filter((r) => r.sku === s.sku && r.warehouseId === s.warehouseId);
      expect(s.reserved).toBe(held.reduce((n, r) => n + r.qty, 0));
      expect(s.reserved).toBeLessThanOrEqual(s.onHand);
    }
    const credited = t.cloud.store
      .all('returns')
      .filter((r) => all.some((o) => o._id === r['orderId']))
      .reduce((n, r) => n + (r['amount'] as number), 0);
    const a = account();
    expect(a.receivable).toBe(start.receivable + all.reduce((n, o) => n + o.receivableBooked, 0) - credited - paid);
    expect(a.creditReserved).toBe(start.creditReserved + all.reduce((n, o) => n + o.creditReserved, 0));
    expect(a.rebateBalance).toBe(start.wallet - all.filter((o) => o.status !== 'cancelled').reduce((n, o) => n + o.rebateUsed, 0));
    for (const o of all) {
      for (const l of o.lines.filter((x) => x.kind === 'item')) {
        const back = o.returned?.[l.sku] ?? { qty: 0, amount: 0 };
        expect(back.qty + (o.returning?.[l.sku] ?? 0)).toBeLessThanOrEqual(l.shippedQty);
        expect(back.amount).toBeLessThanOrEqual(l.payable);
      }
    }
  }

  it('keeps every ledger exactly accounted for after every step', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 18 }), async (steps) => {
        for (const s of steps) {
          await apply(s);
          checkInvariants();
        }
      }),
      { numRuns: 6, seed: 20261203 },
    );
    // The runs must have reached the interesting states, or the property tested little.
    expect(t.cloud.store.all('return_requests').map((r) => r['status'])).toEqual(expect.arrayContaining(['credited', 'rejected']));
    expect(mine().map((o) => o.status)).toEqual(expect.arrayContaining(['cancelled', 'delivered']));
    expect(paid).toBeGreaterThan(0);
  }, 120_000);
});
