import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { buildStatement, statementToCsv } from '@shared/orders';
import { moneyBreakdown } from '@shared/pricing/breakdown';
import { shanghaiMonthRange } from '@shared/time';
import type { OrderDoc, PaymentDoc } from '@shared/models';
import { CONSOLE } from '@shared/roles';
import type { Db, Stored } from '../../../_kit/db';
import { regionsOf } from '../../../_capabilities/region-scope';
import { defineAction } from '../../../_kit/router';

/** A recorded return as the statement reads it (written by rebates.recordReturn). */
interface ReturnEntry {
  orderNo: string;
  amount: number;
  at: number;
  reason: string;
}

/** Every document of a dealer in a collection, however many. */
function allOf<T>(db: Db, coll: 'orders' | 'payments' | 'returns', dealerId: string): Promise<Array<Stored<T>>> {
  return db.findAll<T>(coll, { dealerId });
}

/** What was booked before the month (the opening balance) and each booking within it. */
function bookedIn(
  start: number,
  end: number,
  orders: ReadonlyArray<Stored<OrderDoc>>,
  payments: ReadonlyArray<Stored<PaymentDoc>>,
  returns: ReadonlyArray<Stored<ReturnEntry>>,
) {
  const shipments = orders.flatMap((o) => o.shipments.map((s) => ({ orderNo: s.no > 1 ? `${o.orderNo}-${s.no}` : o.orderNo, payable: s.amount, at: s.at })));
  const before = (at: number) => at < start;
  const within = (at: number) => at >= start && at < end;
  const sum = <T extends { at: number }>(xs: readonly T[], fen: (x: T) => number) => xs.filter((x) => before(x.at)).reduce((n, x) => n + fen(x), 0);
  return {
    openingBalance: sum(shipments, (s) => s.payable) - sum(returns, (r) => r.amount) - sum(payments, (p) => p.amount),
    orders: shipments.filter((s) => within(s.at)),
    payments: payments
      .filter((p) => within(p.at))
      .map((p) => ({ ref: p.ref, amount: p.amount, at: p.at, note: [p.method, p.note].filter(Boolean).join(' · ') })),
    rebates: [],
    returns: returns.filter((r) => within(r.at)).map((r) => ({ ref: r._id, orderNo: r.orderNo, amount: r.amount, at: r.at, note: r.reason })),
  };
}

/**
 * The orders placed in the month and still standing (not cancelled or rejected), as the money
 * breakdown: 原价合计 − 优惠 − 返利抵扣 = 应付. The statement books orders when they ship; this says
 * what was ordered and what the rebate paid, which the booked lines cannot show.
 */
function orderedIn(start: number, end: number, orders: ReadonlyArray<Stored<OrderDoc>>) {
  const placed = orders.filter((o) => o.createdAt >= start && o.createdAt < end && o.status !== 'cancelled' && o.status !== 'rejected');
  const sum = (fen: (o: Stored<OrderDoc>) => number) => placed.reduce((n, o) => n + fen(o), 0);
  return {
    count: placed.length,
    ...moneyBreakdown(
      sum((o) => o.listTotal),
      sum((o) => o.payable),
      sum((o) => o.rebateUsed),
    ),
  };
}

/**
 * 对账单: what the dealer owes over one Asia/Shanghai month. A debit is booked when goods ship
 * (each shipment's amount), a credit when goods come back (the payable the return took off the
 * receivable, when it was recorded) and when a payment arrives; the opening balance is everything
 * booked, returned and paid before the month. So the closing balance of the month in progress is
 * the account's receivable.
 */
export const statement = defineAction(contracts.orders.statement, ['dealer', 'manager', 'admin', CONSOLE], async ({ month, dealerId }, { db, caller }) => {
  const own = caller.user?.role === 'dealer' ? caller.user.dealerId : null;
  if (own && dealerId && dealerId !== own) return new Refusal('NOT_FOUND', '只能查看本经销商的对账单');
  const target = own ?? dealerId;
  if (!target) return new Refusal('INVALID_INPUT', '请指定 dealerId');
  // A channel manager reads the statements of their regions' dealers (from 洞察's dealer page); other dealers do not exist for them.
  const regions = regionsOf(caller);
  if (Array.isArray(regions) && caller.user?.role === 'manager' && !regions.includes((await db.getById('dealers', target))?.region ?? '')) {
    return new Refusal('NOT_FOUND', '经销商不存在或不在您负责的区域');
  }
  const range = shanghaiMonthRange(month);
  if (!range) return new Refusal('INVALID_INPUT', '月份格式为 YYYY-MM');
  const { start, end } = range;
  const [orders, payments, returns] = await Promise.all([
    allOf<OrderDoc>(db, 'orders', target),
    allOf<PaymentDoc>(db, 'payments', target),
    allOf<ReturnEntry>(db, 'returns', target),
  ]);
  const result = buildStatement({ dealerId: target, month, ...bookedIn(start, end, orders, payments, returns) });
  return { statement: result, csv: statementToCsv(result), ordered: orderedIn(start, end, orders) };
});
