import { contracts } from '@shared/contracts';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { BRAND } from '../lib';

export const publish = defineAction(contracts.campaigns.publish, BRAND, async ({ campaignId }, { db, caller, now }) =>
  db.transaction(async (tx) => {
    const c = await tx.get('campaigns', campaignId);
    if (!c) refuse('NOT_FOUND', `没有编号为 ${campaignId} 的活动`);
    if (c.status === 'published') refuse('CONFLICT', '活动已发布');
    if (c.status === 'ended') refuse('CONFLICT', '活动已结束，不能再发布；请新建一个活动');
    if (c.endAt <= now) refuse('CONFLICT', `活动的最后一天（${c.period.to}）已过，请先修改活动日期`);
    await tx.update('campaigns', campaignId, { status: 'published', publishedAt: now, updatedAt: now });
    await audit(tx, {
      action: 'campaigns.publish',
      target: { coll: 'campaigns', id: campaignId },
      actorId: caller.actorId,
      at: now,
      before: { status: c.status },
      after: { status: 'published' },
    });
    return { id: campaignId, status: 'published' as const, publishedAt: now };
  }),
);
