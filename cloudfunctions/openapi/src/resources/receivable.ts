import type { z } from 'zod';
import { DEFAULT_PAYMENT_TERM_DAYS, paymentFactsOf } from '@shared/insights/payments';
import type { dealerPath } from '@shared/openapi/operations';
import { receivableAgeing } from '@shared/openapi/receivable';
import { ApiError } from '../http';
import type { ResourceContext } from '../routes';

/**
 * A dealer's open receivable and its ageing, from what the statement reads (orders.statement: the
 * dealer's orders' shipments, payments and returns, all of them) and the account's receivable,
 * which is the statement's closing balance.
 */
export async function getReceivable({ db, now, params }: ResourceContext): Promise<unknown> {
  const { dealerId } = params as z.output<typeof dealerPath>;
  const [dealer, account, orders, payments, returns] = await Promise.all([
    db.getById('dealers', dealerId),
    db.getById('accounts', dealerId),
    db.findAll('orders', { dealerId }),
    db.findAll('payments', { dealerId }),
    db.findAll('returns', { dealerId }),
  ]);
  if (!dealer) return new ApiError('NOT_FOUND', `没有编号为 ${dealerId} 的经销商`);
  const receivable = account?.receivable ?? 0;
  const termDays = dealer.paymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS;
  const facts = paymentFactsOf({ dealers: [dealer], orders, payments, returns, accounts: [{ _id: dealerId, receivable }], now, since: 0 });
  return {
    dealerId,
    asOf: now,
    termDays,
    ...receivableAgeing(facts.charges, receivable, termDays, now),
    creditLimit: dealer.creditLimit,
    headroom: dealer.creditLimit - receivable - (account?.creditReserved ?? 0),
  };
}
