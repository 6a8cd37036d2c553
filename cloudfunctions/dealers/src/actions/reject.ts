import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { decideApplication, openApplication, releaseCreditCode } from '../decide';
import { notifyApplicant } from '../notify';
import { canActIn } from '../scope';
import { applicationView } from '../views';

/** Reject an open application with a reason the applicant sees; its credit code is free for a new one. */
export const reject = defineAction(contracts.dealers.reject, ['manager', 'admin', CONSOLE], async ({ applicationId, reason }, { caller, db, now }) => {
  const saved = await db.transaction(async (tx) => {
    const app = await openApplication(tx, applicationId, ['submitted', 'needs_info']);
    if (!canActIn(caller, app.region)) refuse('NOT_FOUND', '申请不存在或不在您负责的区域');
    await releaseCreditCode(tx, app.creditCode, app._id, true, now);
    const decision = { by: caller.actorId, at: now, reason, dealerId: null };
    return decideApplication(tx, app, { status: 'rejected', decision }, { action: 'dealers.reject', actorId: caller.actorId, now, reason });
  });
  if (saved instanceof Refusal) return saved;
  await notifyApplicant(db, saved, now);
  return { application: applicationView(saved) };
});
