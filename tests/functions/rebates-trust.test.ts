import type { RebateProgressOutput, SettlementView, StatementOutput } from '../../shared/contracts';
import type { OrderDoc, StockDoc } from '../../shared/models';
import { periodAt, periodKey, periodRange } from '../../shared/rebates';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Trust in the rebate and return figures (issue 12, items 3, 4, 5, 7, 8, 13): a return recorded
 * after a period closed, returns that restock and show on the statement, returnId replays,
 * honest counts under concurrent calls, period bounds and the next-tier sentence. Every
 * expectation is derived from the data read; months are taken relative to the (pinned) clock
 * the functions run with.
 */
type Doc = Record<string, unknown> & { _id: string };
type Order = OrderDoc & { _id: string; returned?: Record<string, { qty: number; amount: number }> };
type ReturnAnswer = { returnId: string; amount: number; clawbacks: Array<{ settlementId: string; amount: number }> };

describe('rebates and returns the numbers can be trusted on', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const rebates = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('rebates', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  const doc = <T = Doc>(coll: string, id: string) => (t.cloud.store.get(coll, id)?.doc ?? null) as (T & { _id: string }) | null;
  const all = <T = Doc>(coll: string) => t.cloud.store.all(coll) as unknown as Array<T & { _id: string }>;
  const receivableOf = (dealerId: string) => doc<{ receivable: number }>('accounts', dealerId)!.receivable;
  const balanceOf = (dealerId: string) => doc<{ rebateBalance: number }>('accounts', dealerId)?.rebateBalance ?? 0;
  const onHand = (warehouseId: string, sku: string) => doc<StockDoc>('stock', `stock-${warehouseId}-${sku}`)?.onHand ?? 0;

  // The last two months that have ended, by the clock the functions run with.
  const thisMonth = periodAt('month', Date.now());
  const lastMonth = periodKey('month', thisMonth.start - 1);
  const monthBefore = periodKey('month', periodRange(lastMonth).start - 1);

  let seq = 0;
  const returnId = () => `RT-TRUST-${String(++seq).padStart(4, '0')}`;
  const used = new Set<string>();
  /** A delivered order not used by another test (optionally in a period), and its dearest item line. */
  function deliveredOrder(where: (o: Order) => boolean = () => true): { order: Order; line: OrderDoc['lines'][number] } {
    const order = all<Order>('orders').find(
      (o) =>
        (o.status === 'delivered' || o.status === 'completed') &&
        !o.returned &&
        !used.has(o._id) &&
        o.lines.some((l) => l.kind === 'item' && l.payable > 0) &&
        where(o),
    );
    if (!order) throw new Error('the demo data has no such delivered order');
    used.add(order._id);
    const line = [...order.lines].filter((l) => l.kind === 'item').sort((a, b) => b.payable - a.payable)[0]!;
    return { order, line };
  }
  const inMonth = (key: string) => (o: Order) => o.deliveredAt !== null && o.deliveredAt >= periodRange(key).start && o.deliveredAt < periodRange(key).end;
  const shippedFrom = (o: Order, sku: string) => [...new Set(o.shipments.filter((s) => s.lines.some((l) => l.sku === sku)).map((s) => s.warehouseId))];

  describe('counts that tell what this call did, under concurrency (item 7)', () => {
    it('reports each settlement created once between three closePeriod calls running at the same time', async () => {
      const answers = await Promise.all(
        [0, 1, 2].map(() => rebates<{ created: number; existing: number; total: number }>('closePeriod', { period: lastMonth })),
      );
      const data = answers.map(okData);
      const total = data[0]!.total;
      expect(total).toBeGreaterThan(0);
      for (const d of data) expect(d.created + d.existing).toBe(total);
      expect(data.reduce((n, d) => n + d.created, 0)).toBe(total);
      expect(all<{ period: string }>('rebate_settlements').filter((s) => s.period === lastMonth)).toHaveLength(total);
    });

    it('reports the fen it moved: ten approveSettlements at once credit each settlement once and add up to the wallets’ change', async () => {
      const pending = all<{ period: string; status: string }>('rebate_settlements').filter((s) => s.period === lastMonth && s.status === 'pending');
      expect(pending.length).toBeGreaterThan(0);
      const dealers = all<{ dealerId: string }>('accounts').map((a) => a._id);
      const before = dealers.reduce((n, d) => n + balanceOf(d), 0);
      const answers = (
        await Promise.all(
          Array.from({ length: 10 }, () => rebates<{ credited: number; amount: number; adjusted: number }>('approveSettlements', { period: lastMonth })),
        )
      ).map(okData);
      const moved = dealers.reduce((n, d) => n + balanceOf(d), 0) - before;
      expect(answers.reduce((n, a) => n + a.credited, 0)).toBe(pending.length);
      expect(answers.reduce((n, a) => n + a.amount, 0)).toBe(moved);
      // Nothing came back since the close: every settlement is credited as it was settled.
      expect(answers.reduce((n, a) => n + a.adjusted, 0)).toBe(0);
      expect(all<{ period: string; status: string }>('rebate_settlements').filter((s) => s.period === lastMonth && s.status === 'pending')).toEqual([]);
    });
  });

  describe('a return recorded after its period closed (item 3)', () => {
    const policyId = 'rb-trust-month';
    beforeAll(async () => {
      // 2 % of every fen delivered in the month, so any return changes what the month pays.
      okData(
        await rebates('upsertPolicy', {
          policy: {
            code: 'volume_tiers',
            id: policyId,
            name: '月度全品返利（测试）',
            periodKind: 'month',
            args: { basis: 'amount', mode: 'retroactive', tiers: [{ from: 0, rateBp: 200 }] },
          },
        }),
      );
      okData(await rebates('closePeriod', { period: monthBefore }));
    });
    const settlementOf = (dealerId: string) =>
      doc<{ record: { amount: number; basis: number }; status: string }>('rebate_settlements', `${policyId}:${dealerId}:${monthBefore}`);
    /** 2 % rounded half up, as the policy says. */
    const twoPercent = (basis: number) => Math.floor((basis * 200 + 5_000) / 10_000);

    it('credits what the period pays after the return, not the stale pending amount', async () => {
      const { order, line } = deliveredOrder((o) => inMonth(monthBefore)(o) && settlementOf(o.dealerId)?.status === 'pending');
      const pending = settlementOf(order.dealerId)!;
      expect(pending.record.amount).toBe(twoPercent(pending.record.basis));
      const back = okData(
        await rebates<ReturnAnswer>('recordReturn', {
          orderId: order._id,
          returnId: returnId(),
          lines: [{ sku: line.sku, qty: line.qty }],
          reason: '整件破损退货',
        }),
      );
      expect(back.amount).toBe(line.payable);
      const owed = twoPercent(pending.record.basis - back.amount);
      expect(owed).toBeLessThan(pending.record.amount);

      const before = balanceOf(order.dealerId);
      const approved = okData(
        await rebates<{ credited: number; amount: number; adjusted: number }>('approveSettlements', {
          period: monthBefore,
          policyId,
          dealerId: order.dealerId,
        }),
      );
      expect(approved).toEqual({ credited: 1, amount: owed, adjusted: 1 });
      expect(balanceOf(order.dealerId) - before).toBe(owed);
      expect(settlementOf(order.dealerId)).toMatchObject({ status: 'credited', record: { amount: owed, basis: pending.record.basis - back.amount } });

      // The dealer reads the amount credited and why it differs from the close.
      const mine = okData(await rebates<{ items: SettlementView[] }>('settlements', { dealerId: order.dealerId, period: monthBefore }));
      const view = mine.items.find((s) => s.policyId === policyId)!;
      expect(view.amount).toBe(owed);
      expect(view.explanation.at(-1)).toContain('审批时按退货后的实际重算');
    });

    it('credits what the period pays however a return and the approval interleave', async () => {
      const { order, line } = deliveredOrder((o) => inMonth(monthBefore)(o) && settlementOf(o.dealerId)?.status === 'pending');
      const pending = settlementOf(order.dealerId)!;
      const before = balanceOf(order.dealerId);
      const [back] = await Promise.all([
        rebates<ReturnAnswer>('recordReturn', { orderId: order._id, returnId: returnId(), lines: [{ sku: line.sku, qty: line.qty }], reason: '整件破损退货' }),
        rebates('approveSettlements', { period: monthBefore, policyId, dealerId: order.dealerId }),
      ]);
      const owed = twoPercent(pending.record.basis - okData(back).amount);
      // Credited at the new amount, or credited first and the difference clawed back: the wallet ends the same.
      const settlementId = `${policyId}:${order.dealerId}:${monthBefore}`;
      const booked = all<{ ref: string; dealerId: string; amount: number }>('wallet_entries')
        .filter((e) => e.ref === settlementId)
        .reduce((n, e) => n + e.amount, 0);
      expect(booked).toBe(owed);
      expect(settlementOf(order.dealerId)?.status).toBe('credited');
      // Besides: claw-backs of settlements credited before (the quarter the month lies in).
      const others = okData(back)
        .clawbacks.filter((c) => c.settlementId !== settlementId)
        .reduce((n, c) => n + c.amount, 0);
      expect(balanceOf(order.dealerId) - before).toBe(owed + others);
    });
  });

  describe('returns reach the stock and the statement (item 4)', () => {
    it('puts returned goods back on hand in the warehouse that shipped them', async () => {
      const { order, line } = deliveredOrder((o) => o.lines.some((l) => l.kind === 'item' && l.payable > 0 && shippedFrom(o, l.sku).length === 1));
      const [warehouseId] = shippedFrom(order, line.sku) as [string];
      const before = onHand(warehouseId, line.sku);
      okData(await rebates('recordReturn', { orderId: order._id, returnId: returnId(), lines: [{ sku: line.sku, qty: 1 }], reason: '临期退货' }));
      expect(onHand(warehouseId, line.sku)).toBe(before + 1);
    });

    it('puts them back in the warehouse the return names, and only there', async () => {
      const { order, line } = deliveredOrder((o) => o.lines.some((l) => l.kind === 'item' && shippedFrom(o, l.sku).length === 1));
      const [shipping] = shippedFrom(order, line.sku) as [string];
      const other = all('warehouses').find((w) => w._id !== shipping)!._id;
      const [atShipping, atOther] = [onHand(shipping, line.sku), onHand(other, line.sku)];
      okData(
        await rebates('recordReturn', {
          orderId: order._id,
          returnId: returnId(),
          lines: [{ sku: line.sku, qty: line.qty }],
          reason: '退回就近仓库',
          warehouseId: other,
        }),
      );
      expect(onHand(other, line.sku)).toBe(atOther + line.qty);
      expect(onHand(shipping, line.sku)).toBe(atShipping);
    });

    it('refuses a warehouse that does not exist, and changes nothing', async () => {
      const { order, line } = deliveredOrder();
      const receivable = receivableOf(order.dealerId);
      const res = await rebates('recordReturn', {
        orderId: order._id,
        returnId: returnId(),
        lines: [{ sku: line.sku, qty: 1 }],
        reason: '退回仓库',
        warehouseId: 'wh-nowhere',
      });
      expect(codeOf(res)).toBe('NOT_FOUND');
      expect(receivableOf(order.dealerId)).toBe(receivable);
      expect(doc<Order>('orders', order._id)!.returned).toBeUndefined();
      expect(doc('stock', `stock-wh-nowhere-${line.sku}`)).toBeNull();
    });

    it('shows a return as a line of the month’s statement, which closes at the account’s receivable', async () => {
      const { order, line } = deliveredOrder();
      const id = returnId();
      const back = okData(
        await rebates<ReturnAnswer>('recordReturn', { orderId: order._id, returnId: id, lines: [{ sku: line.sku, qty: line.qty }], reason: '质量问题退货' }),
      );
      const month = periodKey('month', doc<{ at: number }>('returns', id)!.at);
      const { statement, csv } = okData(
        await t.call<StatementOutput>('orders', { action: 'statement', month, dealerId: order.dealerId }, undefined, 'wx_devtools'),
      );
      const lineOf = statement.lines.find((l) => l.ref === id);
      expect(lineOf).toMatchObject({ kind: 'return', credit: back.amount, debit: 0 });
      expect(lineOf!.description).toContain(order.orderNo);
      expect(statement.totals.returns).toBeGreaterThanOrEqual(back.amount);
      expect(statement.closingBalance).toBe(receivableOf(order.dealerId));
      expect(csv).toContain(`,退货,${id},`);
    });
  });

  describe('returnId is the idempotency key of a return (item 5)', () => {
    it('answers CONFLICT for a returnId reused on another order, and records nothing on it', async () => {
      const first = deliveredOrder();
      const second = deliveredOrder((o) => o.dealerId !== first.order.dealerId);
      const id = returnId();
      okData(await rebates('recordReturn', { orderId: first.order._id, returnId: id, lines: [{ sku: first.line.sku, qty: 1 }], reason: '破损退货' }));
      const receivable = receivableOf(second.order.dealerId);
      const res = await rebates('recordReturn', { orderId: second.order._id, returnId: id, lines: [{ sku: second.line.sku, qty: 1 }], reason: '破损退货' });
      expect(codeOf(res)).toBe('CONFLICT');
      expect(doc<Order>('orders', second.order._id)!.returned).toBeUndefined();
      expect(receivableOf(second.order.dealerId)).toBe(receivable);
      expect(doc<{ orderId: string }>('returns', id)!.orderId).toBe(first.order._id);
    });

    it('answers CONFLICT for the same returnId with other lines on the same order', async () => {
      const { order } = deliveredOrder((o) => o.lines.some((l) => l.kind === 'item' && l.qty >= 2));
      const sku = order.lines.find((l) => l.kind === 'item' && l.qty >= 2)!.sku;
      const id = returnId();
      okData(await rebates('recordReturn', { orderId: order._id, returnId: id, lines: [{ sku, qty: 1 }], reason: '破损退货' }));
      const returned = doc<Order>('orders', order._id)!.returned;
      expect(codeOf(await rebates('recordReturn', { orderId: order._id, returnId: id, lines: [{ sku, qty: 2 }], reason: '破损退货' }))).toBe('CONFLICT');
      expect(doc<Order>('orders', order._id)!.returned).toEqual(returned);
    });

    it('replays the same request: the same answer, nothing booked or restocked twice', async () => {
      const { order, line } = deliveredOrder((o) => o.lines.some((l) => l.kind === 'item' && l.payable > 0 && shippedFrom(o, l.sku).length === 1));
      const [warehouseId] = shippedFrom(order, line.sku) as [string];
      const request = { orderId: order._id, returnId: returnId(), lines: [{ sku: line.sku, qty: 1 }], reason: '破损退货' };
      const first = okData(await rebates<ReturnAnswer>('recordReturn', request));
      const state = () => [receivableOf(order.dealerId), onHand(warehouseId, line.sku), balanceOf(order.dealerId), doc<Order>('orders', order._id)!.returned];
      const after = state();
      expect(okData(await rebates<ReturnAnswer>('recordReturn', request))).toEqual(first);
      expect(state()).toEqual(after);
    });
  });

  describe('periods the engine settles (item 8)', () => {
    it.each(['1970-01', '0001-01', '1999-12', '0099-Q1', '1969'])('refuses to close %s with INVALID_INPUT and settles nothing', async (period) => {
      const count = all('rebate_settlements').length;
      const res = await rebates('closePeriod', { period });
      expect(codeOf(res)).toBe('INVALID_INPUT');
      expect(!res.ok && res.error.issues?.[0]?.path).toBe('period');
      expect(all('rebate_settlements')).toHaveLength(count);
      expect(codeOf(await rebates('approveSettlements', { period }))).toBe('INVALID_INPUT');
    });
  });

  describe('the next-tier sentence (item 13)', () => {
    it('never blames a cap on a policy that has none', async () => {
      // Progressive with no cap, first bracket far ahead: reaching it exactly pays nothing yet.
      okData(
        await rebates('upsertPolicy', {
          policy: {
            code: 'volume_tiers',
            id: 'rb-trust-far',
            name: '远档位返利（测试）',
            periodKind: 'month',
            args: { basis: 'qty', mode: 'progressive', tiers: [{ from: 100_000_000, perUnitFen: 2 }] },
          },
        }),
      );
      const p = okData(await rebates<RebateProgressOutput>('progress', {}, 'demo-dealer-a'));
      const e = p.evaluations.find((x) => x.policyId === 'rb-trust-far')!;
      const next = e.trace.find((s) => s.step === 'next_tier')!;
      expect(next.text).not.toContain('上限');
      expect(next.text).toContain('超出部分每件返 ¥0.02');
    });
  });
});
