import type { CampaignDoc } from '@shared/campaigns';
import { campaignKitSchema, periodRange } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { AbortTx, inTransaction, refuse } from '../../../_kit/orders';
import { defineAction, invalidInput } from '../../../_kit/router';

/** Brand admins at the console or in the app. */
const BRAND = ['admin', CONSOLE] as const;

export const create = defineAction(contracts.campaigns.create, BRAND, async (input, { db, caller, now }) => {
  const { id, ...kit } = input;
  const { startAt, endAt } = periodRange(kit.period);
  const doc: CampaignDoc = {
    ...kit,
    status: 'draft',
    startAt,
    endAt,
    createdAt: now,
    createdBy: caller.actorId,
    updatedAt: now,
    publishedAt: null,
    endedAt: null,
    endReason: null,
  };
  return inTransaction(db, async (tx) => {
    if (await tx.get('campaigns', id)) refuse('CONFLICT', `活动编号 ${id} 已存在，请换一个编号`);
    await tx.set('campaigns', id, doc);
    await audit(tx, { action: 'campaigns.create', target: { coll: 'campaigns', id }, actorId: caller.actorId, at: now, before: null, after: doc });
    return { id, status: doc.status };
  });
});

/** Change a draft: the changes are merged into the stored kit, which must still be a valid kit as a whole. */
export const update = defineAction(contracts.campaigns.update, BRAND, async ({ campaignId, changes }, { db, caller, now }) =>
  inTransaction(db, async (tx) => {
    const c = await tx.get<CampaignDoc>('campaigns', campaignId);
    if (!c) refuse('NOT_FOUND', `没有编号为 ${campaignId} 的活动`);
    if (c.status !== 'draft') refuse('CONFLICT', c.status === 'published' ? '活动已发布，不能再修改；如需调整请结束后新建' : '活动已结束，不能再修改');
    const { title, summary, period, cost, coupon, posters, copyTexts, share, visibility } = c;
    const merged = campaignKitSchema.safeParse({ id: campaignId, title, summary, period, cost, coupon, posters, copyTexts, share, visibility, ...changes });
    if (!merged.success) throw new AbortTx(invalidInput(merged.error, 'changes'));
    const { id: _id, ...kit } = merged.data;
    const { startAt, endAt } = periodRange(kit.period);
    await tx.update('campaigns', campaignId, { ...kit, startAt, endAt, updatedAt: now });
    await audit(tx, { action: 'campaigns.update', target: { coll: 'campaigns', id: campaignId }, actorId: caller.actorId, at: now, before: Object.fromEntries(Object.keys(changes).map((k) => [k, c[k as keyof CampaignDoc]])), after: changes });
    return { id: campaignId, status: 'draft' as const, updatedAt: now };
  }),
);

export const publish = defineAction(contracts.campaigns.publish, BRAND, async ({ campaignId }, { db, caller, now }) =>
  inTransaction(db, async (tx) => {
    const c = await tx.get<CampaignDoc>('campaigns', campaignId);
    if (!c) refuse('NOT_FOUND', `没有编号为 ${campaignId} 的活动`);
    if (c.status === 'published') refuse('CONFLICT', '活动已发布');
    if (c.status === 'ended') refuse('CONFLICT', '活动已结束，不能再发布；请新建一个活动');
    if (c.endAt <= now) refuse('CONFLICT', `活动的最后一天（${c.period.to}）已过，请先修改活动日期`);
    await tx.update('campaigns', campaignId, { status: 'published', publishedAt: now, updatedAt: now });
    await audit(tx, { action: 'campaigns.publish', target: { coll: 'campaigns', id: campaignId }, actorId: caller.actorId, at: now, before: { status: c.status }, after: { status: 'published' } });
    return { id: campaignId, status: 'published' as const, publishedAt: now };
  }),
);

export const end = defineAction(contracts.campaigns.end, BRAND, async ({ campaignId, reason }, { db, caller, now }) =>
  inTransaction(db, async (tx) => {
    const c = await tx.get<CampaignDoc>('campaigns', campaignId);
    if (!c) refuse('NOT_FOUND', `没有编号为 ${campaignId} 的活动`);
    if (c.status === 'ended') refuse('CONFLICT', '活动已经结束');
    await tx.update('campaigns', campaignId, { status: 'ended', endedAt: now, endReason: reason, updatedAt: now });
    await audit(tx, { action: 'campaigns.end', target: { coll: 'campaigns', id: campaignId }, actorId: caller.actorId, at: now, before: { status: c.status }, after: { status: 'ended' }, reason });
    return { id: campaignId, status: 'ended' as const, endedAt: now };
  }),
);
