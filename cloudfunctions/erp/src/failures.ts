import type { PulledForm } from '@shared/erp';
import type { Db } from '../../_kit/db';

/** A Kingdee bill that could not be applied, with why (shown to admins by erp.issues); never over an applied one. */
export async function recordFailure(db: Db, form: PulledForm, billNo: string, message: string, now: number): Promise<void> {
  const id = `${form}:${billNo}`;
  const seen = await db.getById('erp_applied', id);
  if (seen?.status === 'applied') return;
  await db.set('erp_applied', id, {
    form,
    billNo,
    status: 'failed',
    orderId: null,
    dealerId: null,
    message,
    attempts: (seen?.attempts ?? 0) + 1,
    updatedAt: now,
  });
}
