import { campaignPhase } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import type { ScriptItem } from '@shared/contracts';
import { inAudience } from '@shared/targeting';
import { defineAction } from '../../../_kit/router';

/**
 * The 话术 library: standard texts and images of the campaigns the caller may share (running, and
 * visible to their dealer's level and region), most used first. HQ sees every campaign's.
 */
export const scripts = defineAction(contracts.wecom.scripts, ['clerk', 'dealer', 'admin'], async ({ campaignId }, { db, caller, now }) => {
  const where: Record<string, unknown> = { status: 'active' };
  if (campaignId) where['campaignId'] = campaignId;
  const docs = await db.find('wecom_scripts', where, { limit: 500 });
  const campaigns = new Map((await db.getMany('campaigns', [...new Set(docs.map((d) => d.campaignId))])).map((c) => [c._id, c]));
  const dealer = caller.dealerId ? await db.getById('dealers', caller.dealerId) : null;
  const items: ScriptItem[] = [];
  for (const d of docs) {
    const c = campaigns.get(d.campaignId);
    if (!c) continue;
    const shareable = c.status === 'published' && campaignPhase(c, now) !== 'over' && !!dealer && inAudience(c.visibility, dealer);
    if (caller.role !== 'admin' && !shareable) continue;
    items.push({ scriptId: d._id, campaignId: d.campaignId, campaignTitle: c.title, title: d.title, text: d.text, images: d.images, uses: d.uses });
  }
  items.sort((a, b) => b.uses - a.uses || a.scriptId.localeCompare(b.scriptId));
  return { items };
});
