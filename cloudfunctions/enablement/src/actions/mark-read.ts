import { contracts } from '@shared/contracts';
import { maySee, readId } from '@shared/enablement';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';
import { isDuplicateKey } from '../../../_kit/sdk';
import { readerOf } from '../reader';

/**
 * Record that the caller opened a resource's current version: one reading per user and version
 * (its id says so), added and never overwritten, so a re-open or a retry records nothing new.
 */
export const markRead = defineAction(contracts.enablement.markRead, ['dealer', 'clerk', 'manager'], async ({ resourceId, version }, { db, caller, now }) => {
  const r = await db.getById('enablement_resources', resourceId);
  if (!r || !maySee(r, await readerOf(db, caller))) return new Refusal('NOT_FOUND', '资料不存在或无权查看');
  if (version !== r.version) return new Refusal('CONFLICT', `资料已更新到第 ${r.version} 版，请刷新后重新打开`);
  try {
    await db.add('enablement_reads', {
      _id: readId(resourceId, version, caller.user._id),
      resourceId,
      version,
      userId: caller.user._id,
      dealerId: caller.dealerId,
      at: now,
    });
    return { recorded: true };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    return { recorded: false };
  }
});
