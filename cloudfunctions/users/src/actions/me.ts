import { contracts } from '@shared/contracts';
import type { MeOutput } from '@shared/contracts';
import { levelName, regionName } from '@shared/dealer';
import { NOTIFY_TEMPLATE_TITLES, notifyTemplatesFor } from '@shared/orders/notify';
import { PUBLIC } from '@shared/roles';
import { templateIdOf } from '../../../_capabilities/subscriptions';
import { defineAction } from '../../../_kit/router';

/**
 * The caller's profile; an openid nobody registered is a consumer or a prospective dealer. It
 * carries the subscription-message templates the caller's role receives, with their ids: the
 * consent dialog must open within a tap, with no time to ask the server for them then.
 */
export const me = defineAction(contracts.users.me, [PUBLIC], async (_input, { caller, db }): Promise<MeOutput> => {
  const openid = caller.openid ?? '';
  const user = caller.user;
  if (!user) return { registered: false, openid };
  const dealer = user.dealerId ? await db.getById('dealers', user.dealerId) : null;
  return {
    registered: true,
    openid,
    userId: user._id,
    name: user.name,
    role: user.role,
    mobile: user.mobile,
    dealer: dealer
      ? {
          id: dealer._id,
          name: dealer.name,
          level: dealer.level,
          levelName: levelName(dealer.level),
          region: dealer.region,
          regionName: regionName(dealer.region),
          parentDealerId: dealer.parentDealerId,
        }
      : null,
    notifications: notifyTemplatesFor(user.role).map((template) => ({ template, templateId: templateIdOf(template), title: NOTIFY_TEMPLATE_TITLES[template] })),
  };
});
