import { contracts } from '@shared/contracts';
import { DEALER_LEVELS } from '@shared/dealer';
import { PUBLIC } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/** The choices of the 申请加盟 form: top-level categories (categories of interest) and the levels one may ask for. */
export const applyOptions = defineAction(contracts.dealers.applyOptions, [PUBLIC], async (_input, { db }) => {
  const top = await db.find('categories', { parentId: null }, { orderBy: [['sort', 'asc']], limit: 100 });
  return {
    categories: top.map((c) => ({ id: c._id, name: c.name })),
    levels: Object.entries(DEALER_LEVELS).map(([code, name]) => ({ code, name })),
  };
});
