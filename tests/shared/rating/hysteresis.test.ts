import type { MonthFacts } from '../../../shared/rating';
import {
  buildScorecard,
  HYSTERESIS_POINTS,
  RATING_FLOORS,
  rateWithHysteresis,
  ratingOf,
  scoreMetrics,
  weightedScore,
  WEIGHTS_BP,
} from '../../../shared/rating';

const B = RATING_FLOORS.B;

describe('rating with hysteresis', () => {
  it('states its margin: 3 points either side of a boundary', () => {
    expect(HYSTERESIS_POINTS).toBe(3);
  });

  it('keeps last month’s rating while the score is within the margin of the boundary, either way', () => {
    expect(rateWithHysteresis(B + HYSTERESIS_POINTS - 0.1, 'C')).toBe('C');
    expect(rateWithHysteresis(B - HYSTERESIS_POINTS, 'B')).toBe('B');
  });

  it('moves once the score is past the margin', () => {
    expect(rateWithHysteresis(B + HYSTERESIS_POINTS, 'C')).toBe('B');
    expect(rateWithHysteresis(B - HYSTERESIS_POINTS - 0.1, 'B')).toBe('C');
  });

  it('does not flap for a dealer scoring around a boundary month after month', () => {
    let rating = ratingOf(71);
    const seen = new Set<string>();
    for (const score of [69, 71.5, 68.2, 72, 67.5, 70.4, 69.9, 72.9]) {
      rating = rateWithHysteresis(score, rating);
      seen.add(rating);
    }
    expect([...seen]).toEqual(['B']);
  });

  it('jumps more than one rating when the score is far past the margin', () => {
    expect(rateWithHysteresis(95, 'D')).toBe('A');
    expect(rateWithHysteresis(10, 'A')).toBe('D');
  });

  it('rates a first month on the score alone', () => {
    expect(rateWithHysteresis(B + 0.1, null)).toBe('B');
  });
});

describe('scorecards', () => {
  const facts: MonthFacts = {
    dealerId: 'd1',
    delivered: 9_000_000,
    deliveredYearAgo: 6_000_000,
    deliveredPrevMonth: 8_000_000,
    target: 10_000_000,
    receivable: 6_000_000,
    days: 30,
    orderWeeks: 3,
    orders: 5,
    campaignCodes: 2,
    customersAdded: 10,
  };

  it('weights add up to the whole and every measure carries its reason', () => {
    expect(Object.values(WEIGHTS_BP).reduce((a, b) => a + b, 0)).toBe(10_000);
    const m = scoreMetrics(facts);
    expect(m.map((x) => x.metric)).toEqual(['attainment', 'growth', 'payment', 'regularity', 'campaigns', 'customers']);
    expect(m.every((x) => x.score >= 0 && x.score <= 100 && x.reason.length > 0)).toBe(true);
  });

  it('proposes the level the rating points to, and names why the rating was kept', () => {
    const dealer = { id: 'd1', name: '测试', region: 'east', level: 'A' };
    const score = weightedScore(scoreMetrics(facts));
    const card = buildScorecard(dealer, '2026-10', facts, 'A', 0);
    expect(card.score).toBe(score);
    expect(card.rating).toBe(rateWithHysteresis(score, 'A'));
    expect(card.proposedLevel).toBe(card.rating === 'A' ? null : card.rating === 'D' ? 'C' : card.rating);
    expect(card.reasons[0]).toBe(`综合得分 ${score}，评级 ${card.rating}`);
  });
});
