import type { MonthFacts } from './score';
import { HYSTERESIS_POINTS, levelForRating, rateWithHysteresis, ratingOf, scoreMetrics, weightedScore } from './score';
import type { Rating, ScorecardDoc } from './types';

export interface ScoredDealer {
  id: string;
  name: string;
  region: string;
  level: string;
}

/** A dealer's scorecard for a month, from its facts and last month's rating: the same inputs give the same card. */
export function buildScorecard(dealer: ScoredDealer, month: string, facts: MonthFacts, previous: Rating | null, now: number): ScorecardDoc {
  const metrics = scoreMetrics(facts);
  const score = weightedScore(metrics);
  const rawRating = ratingOf(score);
  const rating = rateWithHysteresis(score, previous);
  const reasons = [...metrics].sort((a, b) => a.score - b.score).map((m) => m.reason);
  reasons.unshift(`综合得分 ${score}，评级 ${rating}`);
  if (rating !== rawRating) reasons.splice(1, 0, `得分在评级分界 ${HYSTERESIS_POINTS} 分以内，保持上月评级 ${previous}`);
  if (rating === 'D') reasons.splice(1, 0, '评级 D：列入重点关注，连续偏低可能启动清退评估');
  const target = levelForRating(rating);
  return {
    dealerId: dealer.id,
    dealerName: dealer.name,
    region: dealer.region,
    month,
    metrics,
    score,
    rawRating,
    rating,
    previousRating: previous,
    reasons,
    level: dealer.level,
    proposedLevel: target !== dealer.level ? target : null,
    computedAt: now,
  };
}
