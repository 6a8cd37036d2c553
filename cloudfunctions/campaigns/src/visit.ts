import type { CampaignVisitDoc, CampaignVisitorDoc, FunnelCounts } from '@shared/campaigns';
import { shanghaiDayKey } from '@shared/time';
import type { Db, Tx } from '../../_kit/db';
import { bumpStats, visitorId, visitShardId } from './lib';
import type { Opened } from './scene';
import { addTally } from './tally';

/** The stored visitor document with the codes it was counted through today (code → YYYYMMDD). */
export type VisitorState = CampaignVisitorDoc & { seen?: Record<string, string> };

/** What was read just before the transaction: the visitor, and whether its visit shard of today existed (undefined: not read). */
export interface VisitReads {
  visitor?: VisitorState | null | undefined;
  visitShard?: boolean | undefined;
}

/**
 * Count a visit inside the event's transaction: once per consumer per code per Shanghai day (the
 * visitor document remembers the day each code was last counted), a consumer's first visit in
 * the campaign also counting as a unique visitor under that code. Returns the visitor as it was.
 *
 * `read` is the visitor as read just before the transaction, when it was (the landing reads it
 * beside the code, saving the transaction a round trip of reads), and whether the consumer's
 * visit shard of today existed then (lib.ts VISIT_SHARDS). Nothing then rests on those reads
 * going stale: both counts are guarded by inserts that fail on a second try — the visit's id is
 * code, day and consumer, a first visitor's document and a new shard row are added, not set — and
 * a failed insert makes eventTransaction run the work again, reading the visitor inside the
 * transaction and incrementing the shard.
 */
export async function recordVisit(
  tx: Tx,
  db: Db,
  o: Opened,
  openid: string,
  now: number,
  extra: { leads?: number; tallyId?: string } = {},
  read: VisitReads = {},
): Promise<{ counted: boolean; visitor: VisitorState | null }> {
  const vid = visitorId(o.campaign._id, openid);
  const visitor = read.visitor !== undefined ? read.visitor : await tx.get<VisitorState>('campaign_visitors', vid);
  const day = shanghaiDayKey(now);
  const key = { campaignId: o.campaign._id, code: o.code, day };
  // A lead's counts go to its tally, added to the base row after the commit (tally.ts); a visit's
  // to the consumer's own shard of the code's day, in this transaction (lib.ts VISIT_SHARDS).
  const { tallyId } = extra;
  const shard = { id: visitShardId(key, openid), exists: read.visitShard };
  const count = (delta: Partial<FunnelCounts>) => (tallyId ? addTally(tx, tallyId, key, delta, o.owner, now) : bumpStats(tx, db, key, delta, o.owner, shard));
  if (visitor?.seen?.[o.code] === day) {
    if (extra.leads) await count({ leads: extra.leads });
    return { counted: false, visitor };
  }
  const first = visitor === null;
  const visit: CampaignVisitDoc = {
    campaignId: o.campaign._id,
    code: o.code,
    dealerId: o.owner.dealerId,
    clerkId: o.owner.clerkId,
    openid,
    day,
    at: now,
    firstInCampaign: first,
  };
  const doc: VisitorState = { campaignId: o.campaign._id, openid, firstCode: o.code, firstAt: now, couponCode: null, seen: { [o.code]: day } };
  // Three documents, none written from another's answer: one round trip for all (in CloudBase
  // each is a network hop, and a shorter transaction meets fewer competing visits).
  await Promise.all([
    tx.add('campaign_visits', { _id: `${o.code}:${day}:${openid}`, ...visit }),
    first ? tx.add('campaign_visitors', { _id: vid, ...doc }) : tx.update('campaign_visitors', vid, { seen: { [o.code]: day } }),
    count({ visits: 1, uniqueVisitors: first ? 1 : 0, leads: extra.leads ?? 0 }),
  ]);
  return { counted: true, visitor };
}
