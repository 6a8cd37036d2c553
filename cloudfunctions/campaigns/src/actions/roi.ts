import { campaignRoi } from '@shared/campaigns/roi';
import { sellInWindows } from '@shared/campaigns/roi';
import { contracts } from '@shared/contracts';
import type { RoiView } from '@shared/contracts/campaign-roi';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { codesOf, countsOf, roiInput } from '../roi/load';
import { ownRows, ROI_RULES, roiCampaign } from '../roi/view';
import { visibleCampaign } from '../visibility';

/**
 * ROI of a campaign per dealer and clerk. The brand: load everything, compute (shared/campaigns/roi),
 * answer ranked with the suggestions. A sharer: only her own code's counts (a dealer owner: her
 * store's codes), under the same visibility as the campaign itself; never a cost.
 */
export const roi = defineAction(contracts.campaigns.roi, ['dealer', 'clerk', 'admin', CONSOLE], async ({ campaignId }, ctx): Promise<RoiView | Refusal> => {
  const { db, caller, now } = ctx;
  const seen = await visibleCampaign(ctx, campaignId);
  if (seen instanceof Refusal) return seen;
  const c = seen.campaign;
  if (caller.console || caller.user?.role === 'admin') {
    const { input, window } = await roiInput(db, c, now);
    return { scope: 'all', campaign: roiCampaign(c, window, now), roi: campaignRoi(input), rules: ROI_RULES };
  }
  const u = caller.user!;
  const scope = u.role === 'dealer' ? ('dealer' as const) : ('own' as const);
  const mine = (await codesOf(db, campaignId)).filter((x) => (scope === 'dealer' ? x.dealerId === u.dealerId : x.clerkId === u._id));
  const counts = await countsOf(db, campaignId, scope === 'dealer' ? { dealerId: u.dealerId } : { clerkId: u._id });
  return { scope, campaign: roiCampaign(c, sellInWindows(c.startAt, c.endAt, now).during, now), rows: ownRows(mine, counts) };
});
