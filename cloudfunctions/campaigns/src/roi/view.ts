import { campaignPhase, PHASE_LABELS } from '@shared/campaigns';
import type { OwnRoiRow, RoiCode } from '@shared/campaigns/roi';
import type { FunnelCounts } from '@shared/campaigns';
import type { RoiCampaign } from '@shared/contracts/campaign-roi';
import type { Window } from '@shared/campaigns/roi';
import type { CampaignDocument } from '../lib';

/** The rules the figures follow, for the people who read them (shared/campaigns/roi states them for the code). */
export const ROI_RULES = [
  '成本 = 物料与媒介费用（按活动码平均分摊到每位分享人，经销商取其名下各码之和）+ 已核销券面额 + 经销商专项预算',
  '收益 = 归因核销销售额 + 经销商进货增量',
  '进货增量 = 活动期内进货额 − 基线；基线 = 活动前同等时长的进货额 × 去年同期季节系数（去年活动期 ÷ 去年活动前，缺数据时为 1）',
  '投资回报率 = (收益 − 成本) ÷ 成本；各经销商、各导购相加等于活动合计',
];

export function roiCampaign(c: CampaignDocument, window: Window, now: number): RoiCampaign {
  const phase = campaignPhase(c, now);
  return { id: c._id, title: c.title, phase, phaseLabel: PHASE_LABELS[phase], period: c.period, window };
}

/** A sharer's row: her counts and sales, nothing of the brand's costs. */
export function ownRows(codes: readonly RoiCode[], counts: Readonly<Record<string, FunnelCounts>>): OwnRoiRow[] {
  const zero = { visits: 0, uniqueVisitors: 0, leads: 0, redemptions: 0, sales: 0 };
  return codes.map((c) => ({ code: c.code, clerkId: c.clerkId, clerkName: c.clerkName, ...(counts[c.code] ?? zero) })).sort((a, b) => b.sales - a.sales);
}
