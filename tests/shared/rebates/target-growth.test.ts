import { evaluate } from '../../../shared/rebates';
import { amountOf, facts, policy, sh } from './fixtures';

const target = policy({
  code: 'target_attainment',
  periodKind: 'quarter',
  args: {
    tiers: [
      { minAttainmentBp: 8_000, rateBp: 100 },
      { minAttainmentBp: 10_000, rateBp: 200 },
      { minAttainmentBp: 12_000, rateBp: 300 },
    ],
  },
});
const AFTER_Q1 = sh(2025, 4, 1);
const MID_Q1 = sh(2025, 2, 14);
const withTarget = (amount: number, t: number | undefined) =>
  facts('2025-Q1', [amountOf(sh(2025, 1, 10), amount)], t === undefined ? {} : { targets: { [target.id]: t } });

describe('target_attainment: actual against this dealer’s target', () => {
  test('exactly 100 % of the target reaches the 100 % tier and pays its rate on the whole amount', () => {
    const e = evaluate(target, withTarget(30_000_000, 30_000_000), AFTER_Q1);
    expect(e.tierReached).toMatchObject({ index: 1, from: 10_000, threshold: 30_000_000, rateBp: 200 });
    expect(e.earned).toBe(600_000);
    expect(e.trace.find((s) => s.step === 'tier')?.text).toBe(
      '2025年第1季度净提货 ¥300,000.00，目标 ¥300,000.00，达成 100%，达到第 2 档（达成 ≥ 100%，即 ≥ ¥300,000.00，返 2%）',
    );
  });

  test('thresholds are exact fen: 80 % of ¥1,000.01 is reached at ¥800.01, not at ¥800.00', () => {
    // 100,001 × 0.8 = 80,000.8 fen -> the threshold is 80,001 fen.
    expect(evaluate(target, withTarget(80_000, 100_001), AFTER_Q1).tierReached).toBeNull();
    expect(evaluate(target, withTarget(80_001, 100_001), AFTER_Q1).tierReached?.index).toBe(0);
  });

  test('the hint tells how much more reaches the next attainment tier', () => {
    const e = evaluate(target, withTarget(25_000_000, 30_000_000), MID_Q1);
    expect(e.tierReached?.index).toBe(0);
    expect(e.nextTier).toEqual({ index: 1, from: 10_000, threshold: 30_000_000, toGo: 5_000_000, extraEarned: 600_000 - 250_000 });
  });

  test('without a target (none set, or 0) nothing is reached and the trace says so', () => {
    for (const t of [undefined, 0]) {
      const e = evaluate(target, withTarget(50_000_000, t), MID_Q1);
      expect(e.earned).toBe(0);
      expect(e.nextTier).toBeNull();
      expect(e.trace.find((s) => s.step === 'tier')?.text).toBe('本季度未设定进货目标，目标达成返利不适用');
    }
  });
});

const growthInc = policy({
  code: 'growth',
  periodKind: 'year',
  args: {
    appliesTo: 'increment',
    tiers: [
      { minGrowthBp: 1_000, rateBp: 300 },
      { minGrowthBp: 3_000, rateBp: 500 },
    ],
  },
});
const growthWhole = policy({
  code: 'growth',
  periodKind: 'year',
  args: { appliesTo: 'whole', tiers: [{ minGrowthBp: 1_000, rateBp: 100 }] },
});
const AFTER_2025 = sh(2026, 1, 1);
const years = (now: number, last: number | null) =>
  facts('2025', [amountOf(sh(2025, 6, 1), now)], { lastYear: last === null ? null : [amountOf(sh(2024, 6, 1), last)] });

describe('growth: over the same period last year', () => {
  test('exactly +10 % reaches the first tier; on the increment only', () => {
    const e = evaluate(growthInc, years(110_000_000, 100_000_000), AFTER_2025);
    expect(e.tierReached).toMatchObject({ index: 0, from: 1_000, threshold: 110_000_000 });
    expect(e.earned).toBe(300_000); // (1,100,000 − 1,000,000) × 3 %
    expect(e.trace.find((s) => s.step === 'amount')?.text).toBe('增量 ¥1,100,000.00 − ¥1,000,000.00 = ¥100,000.00，¥100,000.00 × 3% = ¥3,000.00');
  });

  test('one fen short of +10 % reaches nothing', () => {
    expect(evaluate(growthInc, years(109_999_999, 100_000_000), AFTER_2025).earned).toBe(0);
  });

  test('on the whole basis when the policy says so', () => {
    expect(evaluate(growthWhole, years(120_000_000, 100_000_000), AFTER_2025).earned).toBe(1_200_000);
  });

  test('when last year is 0 growth is undefined: no tier, no rebate, and the trace says why', () => {
    const e = evaluate(growthInc, years(50_000_000, null), sh(2025, 6, 1));
    expect(e.earned).toBe(0);
    expect(e.tierReached).toBeNull();
    expect(e.nextTier).toBeNull();
    expect(e.trace.find((s) => s.step === 'tier')?.text).toBe('本年度净提货 ¥500,000.00，去年同期净提货 ¥0.00，无法计算增长率，增长返利不适用');
  });

  test('a decline reads as 下降 and earns nothing', () => {
    const e = evaluate(growthInc, years(90_000_000, 100_000_000), AFTER_2025);
    expect(e.earned).toBe(0);
    expect(e.trace.find((s) => s.step === 'tier')?.text).toContain('下降 10%');
  });

  test('needs last year’s aggregate: leaving it out is a caller bug', () => {
    expect(() => evaluate(growthInc, facts('2025', [amountOf(sh(2025, 6, 1), 1)]), AFTER_2025)).toThrow(/lastYear/);
  });

  test('the hint: how much more to reach +10 %, and what that adds', () => {
    const e = evaluate(growthInc, years(100_000_000, 100_000_000), sh(2025, 6, 1));
    expect(e.nextTier).toEqual({ index: 0, from: 1_000, threshold: 110_000_000, toGo: 10_000_000, extraEarned: 300_000 });
  });
});
