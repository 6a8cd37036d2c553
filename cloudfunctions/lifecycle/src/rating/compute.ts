import type { DealerDoc } from '@shared/models';
import type { LevelProposalDoc, Rating, ScorecardDoc } from '@shared/rating';
import { buildScorecard } from '@shared/rating';
import { shiftMonthKey } from '@shared/time';
import type { Db, Stored } from '../../../_kit/db';
import { monthFacts } from './facts';

/**
 * Documents one add() request carries: the server SDK's add() takes an array and inserts it in
 * one request (wx-server-sdk answers `_ids`; CloudBase's 批量插入文档 inserts "一个或多个文档":
 * https://docs.cloudbase.net/http-api/nosql/insert-documents). A scorecard is ≈ 1.5 KB, so a
 * request stays well under a few hundred KB.
 */
const ADD_BATCH = 100;

/** A proposal from a scorecard whose rating points to another level (the scorecard's own id). */
function proposalOf(card: ScorecardDoc, now: number): LevelProposalDoc | null {
  if (!card.proposedLevel) return null;
  const { dealerId, dealerName, region, month, level, rating, score, reasons } = card;
  return {
    dealerId,
    dealerName,
    region,
    month,
    fromLevel: level,
    toLevel: card.proposedLevel,
    rating,
    score,
    reasons,
    status: 'pending',
    createdAt: now,
    decidedAt: null,
    decidedBy: null,
    decisionReason: null,
  };
}

async function addInBatches(db: Db, coll: 'scorecards' | 'level_proposals', docs: ReadonlyArray<object & { _id: string }>): Promise<void> {
  const batches: Array<Array<object & { _id: string }>> = [];
  for (let i = 0; i < docs.length; i += ADD_BATCH) batches.push(docs.slice(i, i + ADD_BATCH));
  await Promise.all(batches.map((b) => db.addMany(coll, b)));
}

/**
 * The page's cards replace whatever that month held for its dealers: one remove by id, then the
 * cards in a few batched adds (a page scored again after an interruption ends the same).
 */
async function saveCards(db: Db, cards: ReadonlyArray<ScorecardDoc & { _id: string }>): Promise<void> {
  await db.removeWhere('scorecards', { _id: db.command['in']!(cards.map((c) => c._id)) });
  await addInBatches(db, 'scorecards', cards);
}

/**
 * Pending proposals the new figures replace are removed only while still pending (a manager may
 * decide one meanwhile: that decision is kept and its replacement dropped), new ones are added in
 * batches, and pending ones the month no longer supports are superseded, in one update.
 */
async function saveProposals(db: Db, fresh: Array<LevelProposalDoc & { _id: string }>, replacing: Set<string>, superseded: string[], now: number) {
  const _ = db.command;
  if (superseded.length > 0)
    await db.updateWhere('level_proposals', { _id: _['in']!(superseded), status: 'pending' }, { status: 'superseded', decidedAt: now });
  let adds = fresh;
  if (replacing.size > 0) {
    const removed = await db.removeWhere('level_proposals', { _id: _['in']!([...replacing]), status: 'pending' });
    if (removed < replacing.size) {
      const kept = new Set((await db.getMany('level_proposals', [...replacing])).map((p) => p._id));
      adds = adds.filter((p) => !kept.has(p._id));
    }
  }
  await addInBatches(db, 'level_proposals', adds);
}

export interface PageResult {
  proposals: number;
  ratings: Record<string, number>;
}

/**
 * Score one page of dealers for a month and store their scorecards (_id = dealerId:month, so a
 * recomputation replaces them) and a pending level proposal where the rating points elsewhere.
 * A proposal already decided is kept as decided; a pending one is replaced by the new figures.
 * A fixed number of requests per page: the facts grouped by dealer in the database, last
 * month's ratings and this month's proposals by the page's ids, then batched writes.
 */
export async function scorePage(db: Db, month: string, dealers: ReadonlyArray<Stored<DealerDoc>>, now: number): Promise<PageResult> {
  const ids = dealers.map((d) => d._id);
  const [facts, prevCards, existing] = await Promise.all([
    monthFacts(db, ids, month),
    db.find<Pick<ScorecardDoc, 'dealerId' | 'rating'>>(
      'scorecards',
      { dealerId: db.command['in']!(ids), month: shiftMonthKey(month, -1) },
      { limit: 1000, fields: { dealerId: true, rating: true } },
    ),
    db.getMany(
      'level_proposals',
      ids.map((id) => `${id}:${month}`),
    ),
  ]);
  const previous = new Map(prevCards.map((c) => [c.dealerId, c.rating as Rating]));
  const had = new Map(existing.map((p) => [p.dealerId, p.status]));
  const ratings: Record<string, number> = {};
  const cards: Array<ScorecardDoc & { _id: string }> = [];
  const fresh: Array<LevelProposalDoc & { _id: string }> = [];
  const replacing = new Set<string>();
  const superseded: string[] = [];
  for (const d of dealers) {
    const id = `${d._id}:${month}`;
    const card = buildScorecard({ id: d._id, name: d.name, region: d.region, level: d.level }, month, facts.get(d._id)!, previous.get(d._id) ?? null, now);
    ratings[card.rating] = (ratings[card.rating] ?? 0) + 1;
    cards.push({ ...card, _id: id });
    const status = had.get(d._id);
    if (status && status !== 'pending') continue;
    const p = proposalOf(card, now);
    if (p) fresh.push({ ...p, _id: id });
    if (p && status === 'pending') replacing.add(id);
    if (!p && status === 'pending') superseded.push(id);
  }
  await Promise.all([saveCards(db, cards), saveProposals(db, fresh, replacing, superseded, now)]);
  return { proposals: fresh.length, ratings };
}
