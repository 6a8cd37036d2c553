import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { OrderView, SubmitOutput } from '../../shared/contracts';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Orders whose money must add up whatever callers try: rebate spends keyed by the order (not its
 * number), promotion limits under parallel submits, idempotency keys reused for another cart,
 * the dealer's order count across shipments and cancellations, and over-limit orders sent to
 * approval by a credit_overdraw rule. Expectations come from the data read, never the clock.
 */
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = (tag = 'trust') => `${tag}-${Date.now()}-${String(++seq).padStart(6, '0')}`;
const ACTIVE = ['submitted', 'pending_approval', 'approved', 'partially_shipped'];

/** The order number the submit used to derive from the order id: Shanghai date + sha256(id) mod 10⁶. */
const oldStyleDigits = (orderId: string) => parseInt(createHash('sha256').update(orderId).digest('hex').slice(0, 10), 16) % 1_000_000;

/** Two client ids of one dealer whose orders the old scheme numbered alike (a birthday search: ~1,200 hashes). */
function collidingClientIds(dealerId: string, tag: string): [string, string] {
  const seen = new Map<number, string>();
  for (let i = 0; ; i++) {
    const id = `${tag}-${String(i).padStart(10, '0')}`;
    const n = oldStyleDigits(`o-${dealerId}-${id}`);
    const other = seen.get(n);
    if (other !== undefined) return [other, id];
    seen.set(n, id);
  }
}

describe('orders: money that must add up', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const call = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const admin = <T>(input: Record<string, unknown>) => t.call<T>('admin', input, undefined, 'wx_devtools');
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  type Account = { receivable: number; creditReserved: number; rebateBalance: number; orderCount?: number };
  const account = (dealerId: string) => t.cloud.store.get('accounts', dealerId)!.doc as unknown as Account;
  const orderOf = (id: string) => t.cloud.store.get('orders', id)!.doc as unknown as OrderView;
  const stockRows = () => JSON.stringify(t.cloud.store.all('stock').map((s) => [s._id, s['reserved']]));

  /** Active dealers of the demo data with one active user each, other than the demo personas' dealers. */
  function otherDealers(): Array<{ openid: string; dealerId: string }> {
    const active = new Set(
      t.cloud.store
        .all('dealers')
        .filter((d) => d['status'] === 'active')
        .map((d) => d._id),
    );
    const out = new Map<string, string>();
    for (const u of t.cloud.store.all('users')) {
      const dealerId = u['dealerId'] as string | null;
      if (u['role'] !== 'dealer' || u['status'] !== 'active' || !dealerId || !active.has(dealerId) || String(u['openid']).startsWith('demo-')) continue;
      if (!out.has(dealerId)) out.set(dealerId, u['openid'] as string);
    }
    return [...out].map(([dealerId, openid]) => ({ dealerId, openid })).filter((d) => d.dealerId !== 'dealer-001' && d.dealerId !== 'dealer-020');
  }
  const dealers = () => otherDealers();

  /** Per dealer: reserved credit on the account minus what its open orders hold (whatever the demo data starts with). */
  function creditGap(): Record<string, number> {
    const gap: Record<string, number> = {};
    for (const a of t.cloud.store.all('accounts')) gap[a._id] = a['creditReserved'] as number;
    for (const o of t.cloud.store.all('orders')) {
      if (ACTIVE.includes(o['status'] as string)) gap[o['dealerId'] as string] = (gap[o['dealerId'] as string] ?? 0) - (o['creditReserved'] as number);
    }
    return gap;
  }
  let gapAtStart: Record<string, number> = {};
  beforeAll(() => {
    gapAtStart = creditGap();
  });

  /** Approve every step of an order, each by someone of the step's role. */
  async function approveAll(orderId: string): Promise<OrderView> {
    let order = orderOf(orderId);
    while (order.status === 'pending_approval') {
      const step = order.approval!.steps[order.approval!.currentStep]!;
      order = okData(await call<OrderView>('approve', { orderId }, step.role === 'manager' ? 'demo-manager' : undefined));
    }
    return order;
  }

  describe('rebate spends (item 1)', () => {
    const balance = async () => okData(await t.call<{ balance: number }>('rebates', { action: 'wallet', limit: 1 }, 'demo-dealer-a', 'wx_client')).balance;
    const ledgerSum = () =>
      t.cloud.store
        .all('wallet_entries')
        .filter((e) => e['dealerId'] === 'dealer-001')
        .reduce((n, e) => n + (e['amount'] as number), 0);

    it('lowers the wallet by exactly the rebate of every order placed, and gives back exactly what cancelled orders spent, even when the old order numbers of two orders collide', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.record({ rebate: fc.integer({ min: 1, max: 900 }), lots: fc.integer({ min: 1, max: 3 }), cancel: fc.boolean() }), {
            minLength: 2,
            maxLength: 5,
          }),
          async (specs) => {
            // The first two orders of every run are numbered alike by the old scheme.
            const [a, b] = collidingClientIds('dealer-001', `trust-collide-${Date.now()}-${++run}`);
            const ids = specs.map((_, i) => (i === 0 ? a : i === 1 ? b : clientId('trust-spend')));
            const before = await balance();
            const placed: OrderView[] = [];
            for (const [i, s] of specs.entries()) {
              const r = await call<SubmitOutput>(
                'submit',
                { clientOrderId: ids[i], lines: [{ sku: 'sku-0001', qty: 120 * s.lots }], address: ADDRESS, rebateToUse: s.rebate },
                'demo-dealer-a',
              );
              placed.push(okData(r).order);
            }
            expect(placed.map((o) => o.rebateUsed)).toEqual(specs.map((s) => s.rebate));
            const spent = placed.reduce((n, o) => n + o.rebateUsed, 0);
            expect(await balance()).toBe(before - spent);
            expect(new Set(placed.map((o) => o.orderNo)).size).toBe(placed.length);

            let kept = spent;
            for (const [i, s] of specs.entries()) {
              if (!s.cancel) continue;
              // Approved orders: the brand cancels them (the console).
              okData(await call<OrderView>('cancel', { orderId: placed[i]!.id, reason: '测试取消' }));
              kept -= placed[i]!.rebateUsed;
            }
            expect(await balance()).toBe(before - kept);
            expect(ledgerSum()).toBe(account('dealer-001').rebateBalance);
          },
        ),
        { numRuns: 4 },
      );
    });
  });

  describe('once-per-dealer promotions (item 2)', () => {
    it('gives a once-per-dealer promotion to exactly one of 10 parallel submits and refuses the others with CONFLICT, reserving nothing for them', async () => {
      const { openid, dealerId } = dealers()[0]!;
      const promo = {
        code: 'order_threshold_amount_off',
        id: 'promo-once-parallel',
        name: '首单立减 ¥50',
        stackingGroup: 'welcome-parallel',
        usageLimitPerDealer: 1,
        dealers: { levels: [], regions: [], dealerIds: [dealerId] },
        args: { threshold: 10_000, amountOff: 5_000, repeatable: false, maxTimes: 1 },
      };
      okData(await admin({ action: 'upsertRule', rule: promo }));
      try {
        const lines = [{ sku: 'sku-0001', qty: 10, unit: '箱' }];
        const credit = account(dealerId).creditReserved;
        const results = await Promise.all(
          Array.from({ length: 10 }, () => call<SubmitOutput>('submit', { clientOrderId: clientId('trust-promo'), lines, address: ADDRESS }, openid)),
        );
        const placed = results.filter((r): r is { ok: true; data: SubmitOutput } => r.ok).map((r) => r.data.order);
        const refused = results.filter((r) => !r.ok);
        expect(results.map(codeOf).sort()).toEqual([...Array.from({ length: 9 }, () => 'CONFLICT'), 'ok']);
        for (const r of refused) if (!r.ok) expect(r.error.details?.['reason']).toBe('promotion_used_up');
        expect(t.cloud.store.get('promotion_usage', `${dealerId}:promo-once-parallel`)?.doc['count']).toBe(1);
        expect(account(dealerId).creditReserved).toBe(credit + placed[0]!.payable);
        // The next order is priced without it.
        const next = okData(await call<SubmitOutput>('submit', { clientOrderId: clientId('trust-promo'), lines, address: ADDRESS }, openid)).order;
        expect(next.payable - placed[0]!.payable).toBe(5_000);
      } finally {
        okData(await admin({ action: 'disableRule', id: 'promo-once-parallel', reason: '测试结束' }));
      }
    });
  });

  describe('idempotency keys (item 6)', () => {
    it('replays the same request, and refuses the same clientOrderId with a different cart or address with CONFLICT and changes nothing', async () => {
      const id = clientId('trust-replay');
      const cart = [{ sku: 'sku-0001', qty: 5, unit: '箱' }];
      const first = okData(await call<SubmitOutput>('submit', { clientOrderId: id, lines: cart, address: ADDRESS }, 'demo-dealer-b'));
      expect(first.replayed).toBe(false);
      const again = okData(await call<SubmitOutput>('submit', { clientOrderId: id, lines: cart, address: ADDRESS }, 'demo-dealer-b'));
      expect(again).toMatchObject({ replayed: true, order: { id: first.order.id, orderNo: first.order.orderNo } });

      const stock = stockRows();
      const credit = account('dealer-020').creditReserved;
      const orders = t.cloud.store.all('orders').length;
      for (const other of [
        { lines: [{ sku: 'sku-0001', qty: 6, unit: '箱' }], address: ADDRESS },
        { lines: [{ sku: 'sku-0002', qty: 5, unit: '箱' }], address: ADDRESS },
        { lines: cart, address: { ...ADDRESS, detail: '文三路 2 号' } },
      ]) {
        const r = await call<SubmitOutput>('submit', { clientOrderId: id, ...other }, 'demo-dealer-b');
        expect(codeOf(r)).toBe('CONFLICT');
        if (!r.ok) expect(r.error.details).toMatchObject({ reason: 'client_order_id_reused', orderNo: first.order.orderNo });
      }
      expect(stockRows()).toBe(stock);
      expect(account('dealer-020').creditReserved).toBe(credit);
      expect(t.cloud.store.all('orders')).toHaveLength(orders);
      expect(orderOf(first.order.id).lines).toEqual(first.order.lines);
    });
  });

  describe('the dealer’s order count (item 9)', () => {
    it('keeps the dealer’s order count when an order ships, is received, or is cancelled with its rebate given back', async () => {
      const count = () => account('dealer-001').orderCount;
      const before = count();
      expect(before).toEqual(expect.any(Number));
      const shipped = okData(
        await call<SubmitOutput>(
          'submit',
          { clientOrderId: clientId('trust-count'), lines: [{ sku: 'sku-0001', qty: 5, unit: '箱' }], address: ADDRESS },
          'demo-dealer-a',
        ),
      ).order;
      const ready = await approveAll(shipped.id);
      expect(count()).toBe(before! + 1);
      const r = ready.reservations[0]!;
      okData(
        await call<OrderView>('ship', {
          orderId: shipped.id,
          warehouseId: r.warehouseId,
          carrier: '顺丰速运',
          trackingNo: `SF-COUNT-${seq}`,
          lines: [{ sku: r.sku, qty: r.qty }],
        }),
      );
      expect(count()).toBe(before! + 1);
      okData(await call<OrderView>('confirmReceipt', { orderId: shipped.id }, 'demo-dealer-a'));
      expect(count()).toBe(before! + 1);

      const cancelled = okData(
        await call<SubmitOutput>(
          'submit',
          { clientOrderId: clientId('trust-count'), lines: [{ sku: 'sku-0001', qty: 5, unit: '箱' }], address: ADDRESS, rebateToUse: 100 },
          'demo-dealer-a',
        ),
      ).order;
      expect(count()).toBe(before! + 2);
      okData(await call<OrderView>('cancel', { orderId: cancelled.id, reason: '测试取消' }));
      expect(count()).toBe(before! + 2);
    });
  });

  describe('credit_overdraw approval rule (item 11)', () => {
    const rule = (toleranceFen: number, enabled = true) => ({
      code: 'credit_overdraw',
      id: 'apr-credit-trust',
      name: '超额度审批',
      args: { toleranceFen },
      enabled,
      steps: [{ role: 'admin', label: '财务审批' }],
    });
    /** Give the dealer `headroom` fen of credit left, from its account as it stands. */
    async function leaveHeadroom(dealerId: string, headroom: number): Promise<void> {
      const a = account(dealerId);
      await t.db
        .collection('dealers')
        .doc(dealerId)
        .update({ data: { creditLimit: a.receivable + a.creditReserved + headroom } });
    }

    it('sends an order over the credit headroom to the approver instead of refusing it, and reserves its credit only once approved', async () => {
      const { openid, dealerId } = dealers()[1]!;
      const lines = [{ sku: 'sku-0001', qty: 5, unit: '箱' }];
      await leaveHeadroom(dealerId, 1_000);
      // Without the rule: the hard stop.
      expect(codeOf(await call('submit', { clientOrderId: clientId('trust-credit'), lines, address: ADDRESS }, openid))).toBe('CREDIT_LIMIT_EXCEEDED');

      okData(await admin({ action: 'upsertApprovalRule', rule: rule(0) }));
      try {
        const before = account(dealerId).creditReserved;
        const held = okData(await call<SubmitOutput>('submit', { clientOrderId: clientId('trust-credit'), lines, address: ADDRESS }, openid)).order;
        expect(held.status).toBe('pending_approval');
        expect(held.approval?.matched.map((m) => m.ruleId)).toContain('apr-credit-trust');
        expect(held.approval?.steps.map((s) => s.label)).toContain('财务审批');
        expect(held.creditReserved).toBe(0);
        expect(account(dealerId).creditReserved).toBe(before);

        const approved = await approveAll(held.id);
        expect(approved.status).toBe('approved');
        expect(approved.creditReserved).toBe(held.payable);
        expect(account(dealerId).creditReserved).toBe(before + held.payable);

        // Rejected or cancelled while it waits: nothing was held, nothing is released.
        const other = okData(await call<SubmitOutput>('submit', { clientOrderId: clientId('trust-credit'), lines, address: ADDRESS }, openid)).order;
        expect(other.status).toBe('pending_approval');
        const reserved = account(dealerId).creditReserved;
        okData(await call<OrderView>('cancel', { orderId: other.id, reason: '测试取消' }, openid));
        expect(account(dealerId).creditReserved).toBe(reserved);
      } finally {
        okData(await admin({ action: 'disableApprovalRule', id: 'apr-credit-trust', reason: '测试结束' }));
      }
    });

    it('lets an order overdraw by no more than the rule’s tolerance through without the rule’s approval, its credit reserved at once', async () => {
      const { openid, dealerId } = dealers()[2]!;
      const lines = [{ sku: 'sku-0001', qty: 5, unit: '箱' }];
      await leaveHeadroom(dealerId, 1_000);
      const quoted = okData(await t.call<{ totals: { payable: number } }>('pricing', { action: 'quote', lines }, openid, 'wx_client')).totals.payable;
      okData(await admin({ action: 'upsertApprovalRule', rule: rule(quoted - 1_000) }));
      try {
        const before = account(dealerId).creditReserved;
        const order = okData(await call<SubmitOutput>('submit', { clientOrderId: clientId('trust-credit'), lines, address: ADDRESS }, openid)).order;
        expect(order.approval?.matched.map((m) => m.ruleId) ?? []).not.toContain('apr-credit-trust');
        expect(order.creditReserved).toBe(order.payable);
        expect(account(dealerId).creditReserved).toBe(before + order.payable);
      } finally {
        okData(await admin({ action: 'disableApprovalRule', id: 'apr-credit-trust', reason: '测试结束' }));
      }
    });
  });

  describe('after all of the above', () => {
    it('moved each dealer’s reserved credit by exactly what its open orders hold', () => {
      expect(creditGap()).toEqual(gapAtStart);
    });
  });
});
