import { LEAD_PRIVACY } from '@shared/campaigns';
import { DAY_MS } from '@shared/time';
import type { AuditEntry } from '../../../_kit/audit';
import type { Db } from '../../../_kit/db';

/**
 * Daily: the privacy notice promises that a lead's mobile number is deleted LEAD_PRIVACY.retentionDays
 * after its campaign ends (个人信息保护法 art. 19: kept no longer than the purpose needs). A campaign
 * ends when it is ended (`endedAt`) or when its period runs out (`endAt`), whichever comes first.
 * Each campaign's numbers go in one update with its audit entry (a count, never a number); a
 * second run finds no number left and writes nothing.
 */
export async function purgeLeadMobiles(db: Db, now: number): Promise<{ campaigns: number; purged: number }> {
  const cutoff = now - LEAD_PRIVACY.retentionDays * DAY_MS;
  const [ended, published] = await Promise.all([db.findAll('campaigns', { status: 'ended' }), db.findAll('campaigns', { status: 'published' })]);
  const due = [...ended, ...published].filter((c) => Math.min(c.endedAt ?? Infinity, c.endAt) <= cutoff);
  let purged = 0;
  let campaigns = 0;
  for (const c of due) {
    // One multi-document update (a transaction holds single-document writes only), then its audit
    // entry: the deletion is what the notice promises, and a run that dies between the two leaves
    // the numbers deleted and the next run, finding none, writes nothing more.
    const n = await db.updateWhere('campaign_leads', { campaignId: c._id, mobile: db.command['neq']!(null) }, { mobile: null, mobilePurgedAt: now });
    if (n === 0) continue;
    const entry: AuditEntry = {
      action: 'campaigns.purgeLeadMobiles',
      target: { coll: 'campaigns', id: c._id },
      actorId: 'system',
      at: now,
      before: { mobiles: n },
      after: { mobiles: 0 },
      reason: `活动结束满 ${LEAD_PRIVACY.retentionDays} 天，按个人信息保护说明删除手机号`,
    };
    await db.add('audit_log', entry);
    purged += n;
    campaigns += 1;
  }
  return { campaigns, purged };
}
