import type { CampaignCodeDoc, CampaignTallyDoc, FunnelCounts } from '@shared/campaigns';
import type { Db, Tx } from '../../_kit/db';
import type { StatsKey } from './lib';
import { incOf, statsId, statsRow } from './lib';

/*
 * Why a lead's counts reach the funnel through a tally, after its commit (issue 13).
 *
 * Counted inside the lead's transaction, every lead of a popular sharer's day read and wrote the
 * same `campaign_stats` row: with a few dozen leads in flight the optimistic transactions kept
 * conflicting, and some lost every retry and answered INTERNAL — a consumer refused because
 * others arrived at the same moment. Sharding the row (N rows summed by the readers) only makes
 * that rarer: N leads on one shard conflict again, and every read folds N times the rows. (A
 * visit, which must not add a step after its commit, is sharded: lib.ts VISIT_SHARDS.)
 *
 * So the lead's transaction writes only documents keyed by that consumer (visitor, visit, lead,
 * coupon) and one more, its tally: what the lead adds to its row, _id derived from the lead. No
 * two consumers' leads share a document, so no other lead can make one fail. Just after the
 * commit a small transaction of its own adds the tally to the row and removes it (settleTally).
 * Both in one transaction, so a tally is counted exactly once: two settlements of it (the lead's
 * own and a reader's sweep) cannot both commit, and the loser then finds it gone. That step may
 * still lose its conflicts on a hot row — then the lead has already succeeded and its tally
 * simply waits. A function stopped between the commit and the settlement (a crash, a timeout)
 * leaves the tally too. Every reader of the counters first sweeps the campaign's waiting tallies
 * (settlePending), so nothing committed is missing from a funnel or an ROI, and nothing counts twice.
 *
 * Not a bare `_.inc` after the commit (atomic on one document, developers.weixin.qq.com/minigame/
 * dev/wxcloud/reference-sdk-api/database/command/Command.inc.html): the increment and the record
 * that it was made would then sit in two documents, and a crash between the two either loses the
 * count or, replayed, counts it twice.
 */

/** get()'s cap per request. */
const PAGE = 1000;

/** The id of a lead's tally: the lead's own id (campaignId:openid), so a lead has at most one. */
export const leadTallyId = (leadId: string) => `lead:${leadId}`;

/** Inside the event's transaction: record what it adds to its counter row, for settleTally after the commit. */
export async function addTally(tx: Tx, id: string, key: StatsKey, delta: Partial<FunnelCounts>, owner: CampaignCodeDoc, now: number): Promise<void> {
  const tally: CampaignTallyDoc = { ...statsRow(key, delta, owner), at: now };
  await tx.add('campaign_tallies', { _id: id, ...tally });
}

/**
 * Add one tally to its counter row and remove it, in one transaction: true when this call counted
 * it, false when it was already counted (or is not there). Throws when the transaction fails.
 */
async function settle(db: Db, id: string): Promise<boolean> {
  const done = await db.transaction(async (tx) => {
    const t = await tx.get('campaign_tallies', id);
    if (!t) return false;
    const { at: _at, _id, ...row } = t;
    const rowId = statsId(row.campaignId, row.code, row.day);
    // Independent writes, one round trip; the row is created when this is its day's first count.
    const [updated] = await Promise.all([tx.update('campaign_stats', rowId, incOf(db, row)), tx.remove('campaign_tallies', id)]);
    if (updated === 0) await tx.set('campaign_stats', rowId, row);
    return true;
  });
  return done === true;
}

/**
 * After the event's commit: count its tally now if the row lets us. A failure leaves the tally for
 * the next reader's sweep, never fails the event (it is committed and must answer as such).
 */
export async function settleTally(db: Db, id: string): Promise<void> {
  // When it fails the tally waits in campaign_tallies: settlePending counts it before the counters are next read.
  await settleOrLeave(db, id);
}

/**
 * Before the counters of a campaign are read: count every tally still waiting (a lead whose own
 * settlement lost to a busy row, or whose function stopped after its commit). One query when there
 * are none, the common case. Each tally in its own transaction, one after another, so the sweep
 * does not pile conflicts on the rows it adds to.
 */
export async function settlePending(db: Db, campaignId: string): Promise<void> {
  for (;;) {
    const waiting = await db.find('campaign_tallies', { campaignId }, { orderBy: [['_id', 'asc']], limit: PAGE, fields: { _id: true } });
    let settled = 0;
    for (const t of waiting) settled += (await settleOrLeave(db, t._id)) ? 1 : 0;
    // A full page may hide more; a page none of which could be counted now is left for the next read.
    if (waiting.length < PAGE || settled === 0) return;
  }
}

async function settleOrLeave(db: Db, id: string): Promise<boolean> {
  try {
    await settle(db, id);
    return true;
  } catch {
    return false;
  }
}
