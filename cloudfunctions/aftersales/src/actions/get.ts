import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { mayView, toView } from '../scope';

/** One return request with its lines and timeline; someone else's is NOT_FOUND. */
export const get = defineAction(contracts.aftersales.get, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ requestId }, { db, caller }) => {
  const doc = await db.getById('return_requests', requestId);
  if (!doc || !mayView(caller, doc)) return new Refusal('NOT_FOUND', '退货申请不存在或无权查看');
  return toView(requestId, doc, caller);
});
