import { contracts } from '@shared/contracts';
import type { CustomerJourneyView } from '@shared/contracts/wecom-journey';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { RELATION_STATUS_LABELS } from '@shared/wecom/customer';
import { buildJourney } from '@shared/wecom/journey';
import { defineAction } from '../../../_kit/router';
import { journeySources } from '../journey/load';
import { relationFor, viewerOf } from '../journey/viewer';

/**
 * One customer's journey (我的客户 → a customer): load the record and what it links to, build the
 * timeline (shared/wecom/journey), answer. Only a customer with a relation the caller may see:
 * anyone else's is NOT_FOUND, so the answer never says whether a customer exists.
 */
export const customerJourney = defineAction(
  contracts.wecom.customerJourney,
  ['clerk', 'dealer', 'admin', CONSOLE],
  async ({ externalUserId }, { db, caller }): Promise<CustomerJourneyView | Refusal> => {
    const [v, c] = await Promise.all([viewerOf(db, caller), db.getById('wecom_customers', externalUserId)]);
    const rel = v && c ? relationFor(c, v) : undefined;
    if (!v || !c || !rel) return new Refusal('NOT_FOUND', '没有找到这位客户，或这位客户不由你跟进');
    const src = await journeySources(db, c);
    const journey = buildJourney(src, v.dealerId);
    return {
      customer: {
        externalUserId,
        name: c.name ?? '新客户（资料同步中）',
        avatar: c.avatar,
        userId: rel.userId,
        clerkName: src.staffNames[rel.userId] ?? null,
        status: rel.status,
        statusLabel: RELATION_STATUS_LABELS[rel.status],
        tags: rel.tags,
        linkedUsers: c.linkedOpenids.length,
      },
      ...journey,
    };
  },
);
