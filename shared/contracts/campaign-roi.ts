import { z } from 'zod';
import type { CampaignPhase } from '../campaigns/types';
import type { CampaignRoi, OwnRoiRow } from '../campaigns/roi';
import { campaignIdSchema } from '../campaigns/schemas';
import { action } from '../contract';
import { fenWithin } from '../money/fen-schema';

/** Which campaign, as HQ and the sharers see it. */
export interface RoiCampaign {
  id: string;
  title: string;
  phase: CampaignPhase;
  phaseLabel: string;
  period: { from: string; to: string };
  /** The windows of the sell-in baseline, epoch ms: during = [from, to), before = the same length just before. */
  window: { from: number; to: number };
}

/**
 * ROI of a campaign (shared/campaigns/roi states the rules). The brand (admin, console) sees every
 * dealer and clerk with costs, ranked, and where to move budget; a clerk sees only her own code's
 * counts and sales, a dealer owner her store's codes: never a cost, nor an ROI, which would reveal it.
 */
export type RoiView =
  { scope: 'all'; campaign: RoiCampaign; roi: CampaignRoi; rules: string[] } | { scope: 'own' | 'dealer'; campaign: RoiCampaign; rows: OwnRoiRow[] };

export interface DealerBudgetOutput {
  campaignId: string;
  dealerId: string;
  budgetFen: number;
  /** The budget before this change (0 when there was none). */
  previousFen: number;
}

export const campaignRoi = {
  /** ROI per campaign × dealer × clerk, ranked, with suggestions of where to move budget (brand); own numbers only (sharers). */
  roi: action<RoiView>()(z.strictObject({ campaignId: campaignIdSchema }), { campaignId: 'spring-tea-2026' }),
  /** A dealer's own budget for a campaign (陈列、地推…), fen: a cost of that dealer in the ROI. 0 removes it. */
  setDealerBudget: action<DealerBudgetOutput>()(
    z.strictObject({ campaignId: campaignIdSchema, dealerId: z.string().trim().min(1).max(64), budgetFen: fenWithin(0, 100_000_000) }),
    { campaignId: 'spring-tea-2026', dealerId: 'dealer-001', budgetFen: 500_000 },
  ),
};
