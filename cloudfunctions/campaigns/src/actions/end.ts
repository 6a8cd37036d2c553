import { contracts } from '@shared/contracts';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { BRAND } from '../lib';

export const end = defineAction(contracts.campaigns.end, BRAND, async ({ campaignId, reason }, { db, caller, now }) =>
  db.transaction(async (tx) => {
    const c = await tx.get('campaigns', campaignId);
    if (!c) refuse('NOT_FOUND', `没有编号为 ${campaignId} 的活动`);
    if (c.status === 'ended') refuse('CONFLICT', '活动已经结束');
    await tx.update('campaigns', campaignId, { status: 'ended', endedAt: now, endReason: reason, updatedAt: now });
    await audit(tx, {
      action: 'campaigns.end',
      target: { coll: 'campaigns', id: campaignId },
      actorId: caller.actorId,
      at: now,
      before: { status: c.status },
      after: { status: 'ended' },
      reason,
    });
    return { id: campaignId, status: 'ended' as const, endedAt: now };
  }),
);
