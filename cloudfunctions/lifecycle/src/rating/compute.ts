import type { LevelProposalDoc, Rating, ScorecardDoc } from '@shared/rating';
import { buildScorecard, RATINGS } from '@shared/rating';
import { shiftMonthKey } from '@shared/time';
import type { Db } from '../../../_kit/db';
import { monthFacts } from './facts';

const WRITE_BATCH = 50;

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

/**
 * Score one month for every active dealer and store the scorecards (_id = dealerId:month, so a
 * recomputation replaces them) and a pending level proposal where the rating points elsewhere.
 * A proposal already decided is kept as decided; a pending one is replaced by the new figures.
 */
export async function computeMonth(
  db: Db,
  month: string,
  now: number,
): Promise<{ month: string; dealers: number; proposals: number; ratings: Record<string, number> }> {
  const dealers = await db.findAll('dealers', { status: 'active' });
  const prevMonth = shiftMonthKey(month, -1);
  const [facts, prevCards, decided] = await Promise.all([
    monthFacts(db, dealers, month),
    db.getMany(
      'scorecards',
      dealers.map((d) => `${d._id}:${prevMonth}`),
    ),
    db.getMany(
      'level_proposals',
      dealers.map((d) => `${d._id}:${month}`),
    ),
  ]);
  const previous = new Map(prevCards.map((c) => [c.dealerId, c.rating as Rating]));
  const existing = new Map(decided.map((p) => [p.dealerId, p.status]));
  const ratings: Record<string, number> = Object.fromEntries(RATINGS.map((r) => [r, 0]));
  const writes: Array<() => Promise<unknown>> = [];
  let proposals = 0;
  for (const d of dealers) {
    const card = buildScorecard({ id: d._id, name: d.name, region: d.region, level: d.level }, month, facts.get(d._id)!, previous.get(d._id) ?? null, now);
    ratings[card.rating]!++;
    writes.push(() => db.set('scorecards', `${d._id}:${month}`, card));
    const had = existing.get(d._id);
    const p = had && had !== 'pending' ? null : proposalOf(card, now);
    if (p) proposals++;
    if (p) writes.push(() => db.set('level_proposals', `${d._id}:${month}`, p));
    else if (had === 'pending') writes.push(() => db.update('level_proposals', `${d._id}:${month}`, { status: 'superseded', decidedAt: now }));
  }
  for (let i = 0; i < writes.length; i += WRITE_BATCH) await Promise.all(writes.slice(i, i + WRITE_BATCH).map((w) => w()));
  return { month, dealers: dealers.length, proposals, ratings };
}
