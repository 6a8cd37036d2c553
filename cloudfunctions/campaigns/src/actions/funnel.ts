import type { CampaignDoc, CampaignStatsDoc } from '@shared/campaigns';
import { buildFunnel, campaignPhase, funnelToCsv, PHASE_LABELS, shanghaiDayKey } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import type { FunnelView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import type { Db, Where } from '../../../_kit/db';
import type { Caller } from '../../../_kit/router';
import { defineAction } from '../../../_kit/router';

/** get()'s cap per request. */
const PAGE = 1000;

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

/** Every counter row of the scope, page by page (a campaign has one per sharer per active day). */
async function statsRows(db: Db, where: Where): Promise<CampaignStatsDoc[]> {
  const rows: CampaignStatsDoc[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await db.find<CampaignStatsDoc>('campaign_stats', where, { orderBy: [['_id', 'asc']], skip, limit: PAGE });
    rows.push(...page);
    if (page.length < PAGE) return rows;
  }
}

async function funnelOf(db: Db, caller: Caller, campaignId: string, now: number): Promise<FunnelView | Refusal> {
  const scope = scopeOf(caller, db, campaignId);
  if (!scope) return new Refusal('FORBIDDEN', '当前账号未绑定经销商，无法查看活动数据');
  const c = await db.getById<CampaignDoc>('campaigns', campaignId);
  if (!c || (c.status === 'draft' && scope.scope !== 'all')) return new Refusal('NOT_FOUND', '活动不存在或未对你开放');
  const rows = await statsRows(db, scope.where);
  const phase = campaignPhase(c, now);
  return {
    campaign: { id: campaignId, title: c.title, phase, phaseLabel: PHASE_LABELS[phase], period: c.period },
    scope: scope.scope,
    funnel: buildFunnel(rows, c.cost, scope.scope === 'all'),
  };
}

export const funnel = defineAction(contracts.campaigns.funnel, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ campaignId }, { db, caller, now }) =>
  funnelOf(db, caller, campaignId, now),
);

export const funnelCsv = defineAction(contracts.campaigns.funnelCsv, ['admin', CONSOLE], async ({ campaignId }, { db, caller, now }) => {
  const view = await funnelOf(db, caller, campaignId, now);
  if (view instanceof Refusal) return view;
  return { filename: `funnel-${campaignId}-${shanghaiDayKey(now)}.csv`, csv: funnelToCsv(view.funnel) };
});
