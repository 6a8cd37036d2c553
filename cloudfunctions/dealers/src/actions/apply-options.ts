import { contracts } from '@shared/contracts';
import { DEALER_LEVELS } from '@shared/dealer';
import { APPLICANT_TEMPLATES, NOTIFY_TEMPLATE_TITLES } from '@shared/orders/notify';
import { PUBLIC } from '@shared/roles';
import { templateIdOf } from '../../../_capabilities/subscriptions';
import { defineAction } from '../../../_kit/router';

/**
 * The choices of the 申请加盟 form: top-level categories (categories of interest), the levels one
 * may ask for, and the answer's subscription message with its template id: the consent dialog opens
 * within the 提交申请 tap, with no time to ask the server for it then.
 */
export const applyOptions = defineAction(contracts.dealers.applyOptions, [PUBLIC], async (_input, { db }) => {
  const top = await db.find('categories', { parentId: null }, { orderBy: [['sort', 'asc']], limit: 100 });
  return {
    categories: top.map((c) => ({ id: c._id, name: c.name })),
    levels: Object.entries(DEALER_LEVELS).map(([code, name]) => ({ code, name })),
    notifications: APPLICANT_TEMPLATES.map((template) => ({ template, templateId: templateIdOf(template), title: NOTIFY_TEMPLATE_TITLES[template] })),
  };
});
