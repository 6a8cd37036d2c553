import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { buildStatement, shanghaiMonthRange, statementToCsv } from '@shared/orders';
import type { PaymentDoc } from '@shared/models';
import { CONSOLE } from '@shared/roles';
import type { Db, Stored } from '../../../_kit/db';
import type { OrderDocument } from '../../../_kit/orders';
import { defineAction } from '../../../_kit/router';


/** Every document of a dealer in a collection, however many. */
function allOf<T>(db: Db, coll: 'orders' | 'payments', dealerId: string): Promise<Array<Stored<T>>> {
  return db.findAll<T>(coll, { dealerId });
}

/**
 * 对账单: what the dealer owes over one Asia/Shanghai month. A debit is booked when goods ship
 * (each shipment's amount), a credit when a payment arrives; the opening balance is everything
 * booked and paid before the month.
 */
export const statement = defineAction(contracts.orders.statement, ['dealer', 'admin', CONSOLE], async ({ month, dealerId }, { db, caller }) => {
  const own = caller.user?.role === 'dealer' ? caller.user.dealerId : null;
  if (own && dealerId && dealerId !== own) return new Refusal('NOT_FOUND', '只能查看本经销商的对账单');
  const target = own ?? dealerId;
  if (!target) return new Refusal('INVALID_INPUT', '请指定 dealerId');
  const range = shanghaiMonthRange(month);
  if (!range) return new Refusal('INVALID_INPUT', '月份格式为 YYYY-MM');
  const { start, end } = range;
  const [orders, payments] = await Promise.all([allOf<OrderDocument>(db, 'orders', target), allOf<PaymentDoc>(db, 'payments', target)]);
  const shipments = orders.flatMap((o) => o.shipments.map((s) => ({ orderNo: s.no > 1 ? `${o.orderNo}-${s.no}` : o.orderNo, payable: s.amount, at: s.at })));
  const before = (at: number) => at < start;
  const within = (at: number) => at >= start && at < end;
  const openingBalance = shipments.filter((s) => before(s.at)).reduce((n, s) => n + s.payable, 0) - payments.filter((p) => before(p.at)).reduce((n, p) => n + p.amount, 0);
  const result = buildStatement({
    dealerId: target,
    month,
    openingBalance,
    orders: shipments.filter((s) => within(s.at)),
    payments: payments.filter((p) => within(p.at)).map((p) => ({ ref: p.ref, amount: p.amount, at: p.at, note: [p.method, p.note].filter(Boolean).join(' · ') })),
    rebates: [],
  });
  return { statement: result, csv: statementToCsv(result) };
});
