import { visibleTo } from '@shared/campaigns';
import { Refusal } from '@shared/envelope';
import type { DealerDoc } from '@shared/models';
import { callerDealer } from '../../_kit/caller';
import type { Db, Stored } from '../../_kit/db';
import type { AuthedCaller, Caller, HandlerContext } from '../../_kit/router';
import type { CampaignDocument } from './lib';

export const isBrandStaff = (caller: Caller) => caller.console || caller.user?.role === 'admin' || caller.user?.role === 'manager';

/**
 * A campaign as the caller may see it: brand staff see every campaign (managers not drafts);
 * dealers and clerks only published ones visible to their dealer's level and region.
 */
export async function campaignFor(db: Db, caller: Caller, id: string, dealer: Stored<DealerDoc> | null): Promise<CampaignDocument | Refusal> {
  const c = await db.getById('campaigns', id);
  const missing = new Refusal('NOT_FOUND', '活动不存在或未对你开放');
  if (!c) return missing;
  if (caller.console || caller.user?.role === 'admin') return c;
  if (c.status === 'draft') return missing;
  if (caller.user?.role === 'manager') return c;
  if (!dealer || !visibleTo(c, dealer)) return missing;
  return c;
}

/**
 * The campaign as `get` shows it to this caller: the same visibility for every action that reads
 * one campaign (get, funnel), and whether its cost may be shown (brand staff only).
 */
export async function visibleCampaign(ctx: HandlerContext, campaignId: string): Promise<{ campaign: CampaignDocument; showCost: boolean } | Refusal> {
  const { db, caller } = ctx;
  let dealer: Stored<DealerDoc> | null = null;
  if (!isBrandStaff(caller)) {
    const d = await callerDealer(ctx as HandlerContext<AuthedCaller>);
    if (d instanceof Refusal) return d;
    dealer = d;
  }
  const c = await campaignFor(db, caller, campaignId, dealer);
  if (c instanceof Refusal) return c;
  return { campaign: c, showCost: isBrandStaff(caller) };
}
