import type { CampaignDoc } from '@shared/campaigns';
import { campaignKitSchema, periodRange } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction, invalidInput } from '../../../_kit/router';
import { BRAND } from '../lib';

/** Change a draft: the changes are merged into the stored kit, which must still be a valid kit as a whole. */
export const update = defineAction(contracts.campaigns.update, BRAND, async ({ campaignId, changes }, { db, caller, now }) =>
  db.transaction(async (tx) => {
    const c = await tx.get('campaigns', campaignId);
    if (!c) refuse('NOT_FOUND', `没有编号为 ${campaignId} 的活动`);
    if (c.status !== 'draft') refuse('CONFLICT', c.status === 'published' ? '活动已发布，不能再修改；如需调整请结束后新建' : '活动已结束，不能再修改');
    const { title, summary, period, cost, coupon, posters, copyTexts, share, visibility } = c;
    const merged = campaignKitSchema.safeParse({ id: campaignId, title, summary, period, cost, coupon, posters, copyTexts, share, visibility, ...changes });
    if (!merged.success) {
      const invalid = invalidInput(merged.error, 'changes');
      refuse(invalid.code, invalid.message, invalid.details);
    }
    const { id: _id, ...kit } = merged.data;
    const { startAt, endAt } = periodRange(kit.period);
    await tx.update('campaigns', campaignId, { ...kit, startAt, endAt, updatedAt: now });
    await audit(tx, {
      action: 'campaigns.update',
      target: { coll: 'campaigns', id: campaignId },
      actorId: caller.actorId,
      at: now,
      before: Object.fromEntries(Object.keys(changes).map((k) => [k, c[k as keyof CampaignDoc]])),
      after: changes,
    });
    return { id: campaignId, status: 'draft' as const, updatedAt: now };
  }),
);
