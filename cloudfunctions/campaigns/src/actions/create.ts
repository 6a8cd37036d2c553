import type { CampaignDoc } from '@shared/campaigns';
import { periodRange } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { BRAND } from '../lib';

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
  return db.transaction(async (tx) => {
    if (await tx.get('campaigns', id)) refuse('CONFLICT', `活动编号 ${id} 已存在，请换一个编号`);
    await tx.set('campaigns', id, doc);
    await audit(tx, { action: 'campaigns.create', target: { coll: 'campaigns', id }, actorId: caller.actorId, at: now, before: null, after: doc });
    return { id, status: doc.status };
  });
});
