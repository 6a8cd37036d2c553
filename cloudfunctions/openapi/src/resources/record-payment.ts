import type { z } from 'zod';
import type { paymentBody } from '@shared/openapi/operations';
import { recordPayment as record } from '../../../_capabilities/payments';
import type { ResourceContext } from '../routes';

/**
 * A payment (回款) the partner's finance system received: lowers the receivable, shows on the
 * statement and frees credit (recordPayment). Idempotent by (source 'openapi', partner:paymentRef),
 * so one partner's reference cannot collide with another's.
 */
export async function recordPayment({ transaction, now, partner, body }: ResourceContext): Promise<unknown> {
  const p = body as z.output<typeof paymentBody>;
  // The answer is made inside the transaction: it is kept under the Idempotency-Key there.
  return transaction(async (tx) => {
    const out = await record(
      tx,
      { dealerId: p.dealerId, amount: p.amount, at: p.at, method: p.method, source: 'openapi', sourceRef: `${partner}:${p.paymentRef}`, note: p.note },
      now,
    );
    return 'payment' in out ? { paymentId: out.payment._id, duplicate: out.duplicate, receivable: out.receivable } : out;
  });
}
