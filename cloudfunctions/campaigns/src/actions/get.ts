import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { withImageUrls } from '../../../_capabilities/product-images';
import { storeView, toDetail } from '../lib';
import { visibleCampaign } from '../visibility';

export const get = defineAction(contracts.campaigns.get, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ campaignId }, ctx) => {
  const seen = await visibleCampaign(ctx, campaignId);
  if (seen instanceof Refusal) return seen;
  const c = seen.campaign;
  // The poster's product and the sharer's store, read together.
  const [product, dealer] = await Promise.all([
    c.productSku ? ctx.db.getById('products', c.productSku) : null,
    ctx.caller.user?.dealerId ? ctx.db.getById('dealers', ctx.caller.user.dealerId) : null,
  ]);
  const [shown] = product ? await withImageUrls([{ sku: product._id, name: product.name, image: product.image }]) : [];
  return { ...toDetail(c, ctx.now, seen.showCost), product: shown ?? null, store: dealer ? storeView(dealer.name, dealer) : null };
});
