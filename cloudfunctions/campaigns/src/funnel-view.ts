import { buildFunnel, campaignPhase, PHASE_LABELS } from '@shared/campaigns';
import type { FunnelView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { Db, Where } from '../../_kit/db';
import type { Caller, HandlerContext } from '../../_kit/router';
import { rowsByCode } from './code-rows';
import { settlePending } from './tally';
import { visibleCampaign } from './visibility';

/**
 * Which counter rows the caller may see: a clerk their own code's, a dealer owner its sharers',
 * a manager the dealers of their regions, admins (and the console) all.
 */
function scopeOf(caller: Caller, db: Db, campaignId: string): { where: Where; scope: FunnelView['scope'] } | null {
  const u = caller.user;
  if (caller.console || u?.role === 'admin') return { where: { campaignId }, scope: 'all' };
  if (!u) return null;
  if (u.role === 'manager') return { where: { campaignId, dealerRegion: db.command['in']!(u.regions ?? []) }, scope: 'regions' };
  if (!u.dealerId) return null;
  if (u.role === 'dealer') return { where: { campaignId, dealerId: u.dealerId }, scope: 'dealer' };
  return { where: { campaignId, clerkId: u._id }, scope: 'own' };
}

/**
 * The funnel of one campaign with the same visibility and field rules as `get`: a campaign the
 * caller cannot see is NOT_FOUND here too, and its cost (hence ROI) only goes to brand staff.
 */
export async function funnelOf(ctx: HandlerContext, campaignId: string): Promise<FunnelView | Refusal> {
  const { db, caller, now } = ctx;
  const scope = scopeOf(caller, db, campaignId);
  if (!scope) return new Refusal('FORBIDDEN', '当前账号未绑定经销商，无法查看活动数据');
  // Leads committed but not yet in the counters are added first (tally.ts), beside the visibility reads.
  const [seen] = await Promise.all([visibleCampaign(ctx, campaignId), settlePending(db, campaignId)]);
  if (seen instanceof Refusal) return seen;
  const c = seen.campaign;
  const rows = await rowsByCode(db, scope.where);
  const phase = campaignPhase(c, now);
  return {
    campaign: { id: campaignId, title: c.title, phase, phaseLabel: PHASE_LABELS[phase], period: c.period },
    scope: scope.scope,
    funnel: buildFunnel(rows, seen.showCost ? c.cost : null, scope.scope === 'all'),
  };
}
