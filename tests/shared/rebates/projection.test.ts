import { evaluate } from '../../../shared/rebates';
import { amountOf, facts, policy, sh } from './fixtures';

/** March 2025 has 31 days; tiers ¥10k @1 %, ¥30k @2 %. */
const p = policy({
  code: 'volume_tiers',
  periodKind: 'month',
  args: {
    basis: 'amount',
    mode: 'retroactive',
    tiers: [
      { from: 1_000_000, rateBp: 100 },
      { from: 3_000_000, rateBp: 200 },
    ],
  },
});

describe('projection to period end at the current run rate (per elapsed Shanghai day)', () => {
  test('at the very start of the period the first day counts as elapsed: ×31', () => {
    const e = evaluate(p, facts('2025-03', [amountOf(sh(2025, 3, 1, 0, 0, 0), 100_000)]), sh(2025, 3, 1, 0, 0, 0));
    expect(e.projectedBasis).toBe(3_100_000);
    expect(e.projectedEarned).toBe(62_000);
    expect(e.trace.find((s) => s.step === 'projection')?.text).toBe('按已过 1/31 天的进度，预计期末净提货 ¥31,000.00，预计返利 ¥620.00');
  });

  test('in the middle: ¥16,000 by noon on the 16th (16 days elapsed) projects to ¥31,000', () => {
    const e = evaluate(p, facts('2025-03', [amountOf(sh(2025, 3, 3), 1_600_000)]), sh(2025, 3, 16, 12));
    // 1,600,000 × 31 / 16 = 3,100,000
    expect(e.projectedBasis).toBe(3_100_000);
    expect(e.earned).toBe(16_000);
    expect(e.projectedEarned).toBe(62_000);
  });

  test('rounds the projected basis half up to the fen', () => {
    // 1,000,001 × 31 / 3 = 10,333,343.67 -> 10,333,344
    const e = evaluate(p, facts('2025-03', [amountOf(sh(2025, 3, 1), 1_000_001)]), sh(2025, 3, 3, 8));
    expect(e.projectedBasis).toBe(10_333_344);
  });

  test('on the last day the projection is the actual', () => {
    const e = evaluate(p, facts('2025-03', [amountOf(sh(2025, 3, 3), 2_000_000)]), sh(2025, 3, 31, 23, 59, 59, 999));
    expect(e.final).toBe(false);
    expect(e.projectedBasis).toBe(2_000_000);
    expect(e.projectedEarned).toBe(e.earned);
    expect(e.trace.find((s) => s.step === 'projection')?.text).toBe('按已过 31/31 天的进度，预计期末净提货 ¥20,000.00，预计返利 ¥200.00');
  });

  test('after the end the figures are final: no projection step, no next tier', () => {
    const e = evaluate(p, facts('2025-03', [amountOf(sh(2025, 3, 3), 2_000_000)]), sh(2025, 4, 1));
    expect(e.final).toBe(true);
    expect(e.projectedBasis).toBe(2_000_000);
    expect(e.nextTier).toBeNull();
    expect(e.hint).toBeNull();
    expect(e.trace.map((s) => s.step)).toEqual(['scope', 'tier', 'amount', 'earned']);
  });

  test('before the period starts nothing has elapsed and nothing is extrapolated', () => {
    const e = evaluate(p, facts('2025-03', []), sh(2025, 2, 20));
    expect(e).toMatchObject({ basis: 0, projectedBasis: 0, projectedEarned: 0, final: false });
  });
});
