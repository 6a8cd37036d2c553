import fc from 'fast-check';
import type { OrderView, PayOutput, ReturnView } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Issue 17's property test. Random sequences of submit, cancel, ship, confirm receipt, return
 * (request → approve → ship back → receive with a random restock / scrap split, or a rejected
 * request), a payment through the brand (admin.recordPayment) and a WeChat Pay pay-in of an order
 * (payOrder, its callback delivered once or twice) — through the real functions and the local
 * cloud's cloudPay, for dealer A. After every step:
 * - per stock row: the starting on-hand = available + reserved + shipped − returned-restocked, and
 *   its reserved units are exactly the open orders' reservations;
 * - the receivable = what the demo data left + Σ delivered (booked by shipments) − Σ credited
 *   returns − Σ paid (brand and WeChat Pay) + Σ refunded;
 * - reserved credit = what the demo data held + Σ the open orders' reservations, and credit used
 *   (receivable + reserved) never exceeds the limit;
 * - the rebate wallet = its start − Σ the rebate spent by orders not cancelled;
 * - WeChat Pay: each pay-in's refunds are what WeChat Pay itself refunded and never more than it
 *   brought in; a cancelled order's pay-ins are refunded in full, a credited return's up to its credit;
 *   each refund is one payment.refunded outbox event;
 * - no line has more returned (or held by open requests) than it delivered, nor more credited than
 *   its payable; no stock, reservation, credit or wallet figure is negative.
 * A failure names the seed and the path: ORDERING_SEED=<seed> replays it (fast-check's `path`
 * shrinks straight to the counterexample when passed as well).
 */
const ADDRESS = { name: '测试', mobile: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '测试路 1 号' };
const SKUS = ['sku-0001', 'sku-0005'];
const START = 5_000;
const OPEN = new Set(['submitted', 'pending_approval', 'approved', 'partially_shipped']);
const SEED = Number(process.env['ORDERING_SEED'] ?? 20261203);

type Step =
  | { kind: 'submit'; sku: number; lots: number; rebate: boolean }
  | { kind: 'cancel' | 'ship' | 'confirm'; pick: number }
  | { kind: 'return'; pick: number; share: number; restock: number; reject: boolean }
  | { kind: 'pay'; amount: number }
  | { kind: 'payOnline'; pick: number; deliveries: number };

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
  fc.record({ kind: fc.constant('payOnline' as const), pick: fc.nat(20), deliveries: fc.integer({ min: 1, max: 2 }) }),
);

interface PayIn {
  _id: string;
  orderId: string | null;
  dealerId: string;
  amount: number;
  status: 'pending' | 'paid';
  refunded: number;
  refunds: Record<string, { amount: number }>;
}

describe('stock, credit, receivable and wallets over random orders, cancellations, returns and payments', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  let seq = 0;
  let paid = 0;
  const start = { receivable: 0, creditReserved: 0, wallet: 0 };
  const account = () => t.cloud.store.get('accounts', 'dealer-001')!.doc as unknown as { receivable: number; creditReserved: number; rebateBalance: number };
  const limit = () => (t.cloud.store.get('dealers', 'dealer-001')!.doc as unknown as { creditLimit: number }).creditLimit;
  const orders = (action: string, input: Record<string, unknown>, openid?: string) =>
    t.call('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const after = (action: string, input: Record<string, unknown>, openid?: string) =>
    t.call('aftersales', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const mine = () =>
    t.cloud.store.all('orders').filter((o) => o['source'] === 'app' && o['dealerId'] === 'dealer-001') as unknown as Array<
      OrderView & { _id: string; returned?: Record<string, { qty: number; amount: number }>; returning?: Record<string, number> }
    >;
  const payIns = () => t.cloud.store.all('wxpay_orders') as unknown as PayIn[];
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
    // The property's credit bound only means something when the demo data starts within it.
    expect(a.receivable + a.creditReserved).toBeLessThanOrEqual(limit());
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
      case 'payOnline': {
        const o = pick(['submitted', 'pending_approval', 'approved', 'shipped', 'delivered'], s.pick);
        if (!o) return;
        const res = await orders('payOrder', { orderId: o._id }, 'demo-dealer-a');
        // The callback delivered once or twice records the pay-in once.
        if (res.ok) await t.cloud.pay((res.data as unknown as PayOutput).outTradeNo, 'demo-dealer-a', s.deliveries);
        return;
      }
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

  function checkWeChatPay(all: ReturnType<typeof mine>, credits: ReadonlyArray<{ orderId: string; amount: number }>): number {
    let net = 0;
    const events = t.cloud.store.all('outbox').filter((e) => e['type'] === 'payment.refunded');
    const refundNos = new Set<string>();
    for (const p of payIns()) {
      // Each refund tells the ERP once: one payment.refunded event per refund number, with its amount.
      for (const [no, r] of Object.entries(p.refunds)) {
        refundNos.add(no);
        expect(events.filter((e) => (e['data'] as { refundNo: string }).refundNo === no).map((e) => (e['data'] as { amount: number }).amount)).toEqual([
          r.amount,
        ]);
      }
      const trade = t.cloud.wxpay.trade(p._id)!;
      // What the books say was refunded is what WeChat Pay refunded, and at most what came in.
      expect(Object.values(p.refunds).reduce((n, r) => n + r.amount, 0)).toBe(p.refunded);
      expect(trade.refunds.reduce((n, r) => n + r.refundFee, 0)).toBe(p.refunded);
      expect(p.refunded).toBeGreaterThanOrEqual(0);
      expect(p.refunded).toBeLessThanOrEqual(p.status === 'paid' ? p.amount : 0);
      if (p.status === 'paid') net += p.amount - p.refunded;
    }
    for (const o of all) {
      const ins = payIns().filter((p) => p.orderId === o._id && p.status === 'paid');
      const inCame = ins.reduce((n, p) => n + p.amount, 0);
      const back = ins.reduce((n, p) => n + p.refunded, 0);
      const credited = credits.filter((c) => c.orderId === o._id).reduce((n, c) => n + c.amount, 0);
      if (o.status === 'cancelled') {
        // A cancelled order gives back all it was paid online.
        expect(back).toBe(inCame);
      } else {
        // Otherwise refunds follow credited returns, and what stays paid is at most what the order is still worth.
        expect(back).toBeLessThanOrEqual(credited);
        expect(inCame - back).toBeLessThanOrEqual(o.payable - credited);
      }
    }
    expect(events.filter((e) => refundNos.has((e['data'] as { refundNo: string }).refundNo))).toHaveLength(events.length);
    // The statement's WeChat Pay lines (payments, refunds negative) are the pay-ins net of refunds.
    const booked = t.cloud.store
      .all('payments')
      .filter((x) => x['source'] === 'wechatpay' && x['dealerId'] === 'dealer-001')
      .reduce((n, x) => n + (x['amount'] as number), 0);
    expect(booked).toBe(net);
    return net;
  }

  function checkInvariants(): void {
    const all = mine();
    const open = all.filter((o) => OPEN.has(o.status));
    for (const s of stockRows()) {
      expect(s.onHand - s.reserved + s.reserved + (s.shipped ?? 0) - (s.returned ?? 0)).toBe(START);
      const held = open.flatMap((o) => o.reservations).filter((r) => r.sku === s.sku && r.warehouseId === s.warehouseId);
      expect(s.reserved).toBe(held.reduce((n, r) => n + r.qty, 0));
      expect(s.reserved).toBeLessThanOrEqual(s.onHand);
      for (const n of [s.onHand, s.reserved, s.shipped ?? 0, s.returned ?? 0]) expect(n).toBeGreaterThanOrEqual(0);
    }
    const credits = t.cloud.store
      .all('returns')
      .filter((r) => all.some((o) => o._id === r['orderId']))
      .map((r) => ({ orderId: r['orderId'] as string, amount: r['amount'] as number }));
    const credited = credits.reduce((n, r) => n + r.amount, 0);
    const online = checkWeChatPay(all, credits);
    const a = account();
    // Receivable may go below zero (prepaid) by design; the rest may not.
    expect(a.receivable).toBe(start.receivable + all.reduce((n, o) => n + o.receivableBooked, 0) - credited - paid - online);
    expect(a.creditReserved).toBe(start.creditReserved + all.reduce((n, o) => n + o.creditReserved, 0));
    expect(a.creditReserved).toBeGreaterThanOrEqual(0);
    expect(a.receivable + a.creditReserved).toBeLessThanOrEqual(limit());
    expect(a.rebateBalance).toBe(start.wallet - all.filter((o) => o.status !== 'cancelled').reduce((n, o) => n + o.rebateUsed, 0));
    expect(a.rebateBalance).toBeGreaterThanOrEqual(0);
    for (const o of all) {
      for (const l of o.lines.filter((x) => x.kind === 'item')) {
        const back = o.returned?.[l.sku] ?? { qty: 0, amount: 0 };
        expect(back.qty + (o.returning?.[l.sku] ?? 0)).toBeLessThanOrEqual(l.shippedQty);
        expect(back.amount).toBeLessThanOrEqual(l.payable);
      }
    }
  }

  it('keeps every ledger exactly accounted for after every step', async () => {
    const outcome = await fc.check(
      fc.asyncProperty(fc.array(step, { minLength: 6, maxLength: 18 }), async (steps) => {
        for (const s of steps) {
          await apply(s);
          checkInvariants();
        }
      }),
      { numRuns: 6, seed: SEED, endOnFailure: true },
    );
    if (outcome.failed) {
      // Print the replay handle before the failure itself: ORDERING_SEED=<seed> runs the same sequences again.
      console.error(`ordering property failed: replay with ORDERING_SEED=${outcome.seed} (path ${outcome.counterexamplePath ?? '?'})`);
      throw new Error(
        `ordering property failed with seed ${outcome.seed} (ORDERING_SEED=${outcome.seed}); steps: ${JSON.stringify(outcome.counterexample)}\n${(outcome.errorInstance as Error | undefined)?.stack ?? String(outcome.errorInstance)}`,
      );
    }
    // The runs must have reached the interesting states, or the property tested little.
    expect(t.cloud.store.all('return_requests').map((r) => r['status'])).toEqual(expect.arrayContaining(['credited', 'rejected']));
    expect(mine().map((o) => o.status)).toEqual(expect.arrayContaining(['cancelled', 'delivered']));
    expect(paid).toBeGreaterThan(0);
    const refundedCancel = payIns().some((p) => p.refunded > 0 && mine().some((o) => o._id === p.orderId && o.status === 'cancelled'));
    const refundedReturn = payIns().some((p) => p.refunded > 0 && mine().some((o) => o._id === p.orderId && o.status !== 'cancelled'));
    expect({ refundedCancel, refundedReturn }).toEqual({ refundedCancel: true, refundedReturn: true });
  }, 120_000);
});
