import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { toDetail } from '../lib';
import { visibleCampaign } from '../visibility';

export const get = defineAction(contracts.campaigns.get, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ campaignId }, ctx) => {
  const seen = await visibleCampaign(ctx, campaignId);
  if (seen instanceof Refusal) return seen;
  return toDetail(seen.campaign, ctx.now, seen.showCost);
});
