import { inAudience } from '../targeting';
import type { CampaignPhase, CampaignStatus } from './types';

export const PHASE_LABELS: Record<CampaignPhase, string> = {
  draft: '草稿',
  scheduled: '未开始',
  running: '进行中',
  over: '已结束',
};

/** Where a campaign stands at `now`: ended by hand or past its last day is over. */
export function campaignPhase(c: { status: CampaignStatus; startAt: number; endAt: number }, now: number): CampaignPhase {
  if (c.status === 'draft') return 'draft';
  if (c.status === 'ended' || now >= c.endAt) return 'over';
  return now < c.startAt ? 'scheduled' : 'running';
}

/** Whether a dealer of this level and region may share the campaign (an empty list means everyone; shared/targeting's reading). */
export function visibleTo(c: { visibility: { levels: string[]; regions: string[] } }, dealer: { level: string; region: string }): boolean {
  return inAudience(c.visibility, dealer);
}
