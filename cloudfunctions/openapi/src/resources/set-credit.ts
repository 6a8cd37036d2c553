import type { z } from 'zod';
import { DEFAULT_PAYMENT_TERM_DAYS } from '@shared/insights/payments';
import type { creditBody, dealerPath } from '@shared/openapi/operations';
import { changeDealerInTx } from '../../../_capabilities/dealer-master';
import type { ResourceContext } from '../routes';

/**
 * Credit limit and payment terms from the partner's finance system, through the same audited
 * change as dealers.setCredit (orders.submit judges the next order by the new limit). Absolute
 * values: sending the same pair again changes nothing and writes no second audit entry or event.
 */
export async function setCredit({ transaction, now, partner, params, body }: ResourceContext): Promise<unknown> {
  const { dealerId } = params as z.output<typeof dealerPath>;
  const c = body as z.output<typeof creditBody>;
  return transaction(async (tx) => {
    const [dealer, account] = await Promise.all([tx.get('dealers', dealerId), tx.get('accounts', dealerId)]);
    const same = dealer && dealer.creditLimit === c.creditLimit && (dealer.paymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS) === c.paymentTermDays;
    const next = same
      ? dealer
      : await changeDealerInTx(tx, { dealerId, actorId: `openapi:${partner}`, now, reason: c.reason, action: 'openapi.setCredit' }, () => ({
          creditLimit: c.creditLimit,
          paymentTermDays: c.paymentTermDays,
        }));
    const receivable = account?.receivable ?? 0;
    const headroom = next.creditLimit - receivable - (account?.creditReserved ?? 0);
    return {
      dealerId,
      creditLimit: next.creditLimit,
      paymentTermDays: next.paymentTermDays ?? DEFAULT_PAYMENT_TERM_DAYS,
      receivable,
      headroom,
      changed: !same,
    };
  });
}
