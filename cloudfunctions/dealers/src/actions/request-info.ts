import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { decideApplication, openApplication } from '../decide';
import { notifyApplicant } from '../notify';
import { canActIn } from '../scope';
import { applicationView } from '../views';

/** Ask the applicant for more: the application waits as 需补充资料 (still holding its credit code) until they resend it. */
export const requestInfo = defineAction(contracts.dealers.requestInfo, ['manager', 'admin', CONSOLE], async ({ applicationId, what }, { caller, db, now }) => {
  const saved = await db.transaction(async (tx) => {
    const app = await openApplication(tx, applicationId, ['submitted']);
    if (!canActIn(caller, app.region)) refuse('NOT_FOUND', '申请不存在或不在您负责的区域');
    return decideApplication(tx, app, { status: 'needs_info', requested: what }, { action: 'dealers.requestInfo', actorId: caller.actorId, now, reason: what });
  });
  if (saved instanceof Refusal) return saved;
  await notifyApplicant(db, saved, now);
  return { application: applicationView(saved) };
});
