import { aggregateFrom, evaluate, policyApplies, policyRange, scopedTotals } from '../../../shared/rebates';
import type { DeliveryAggregate } from '../../../shared/rebates';
import { dealer, dealerB, delivery, facts, policy, sh } from './fixtures';

describe('campaign_reward: a fixed amount per unit of promoted SKUs delivered in the window [from, to)', () => {
  const from = sh(2025, 3, 10, 10);
  const to = sh(2025, 3, 20, 10);
  const campaign = policy({
    code: 'campaign_reward',
    periodKind: 'month',
    scope: { includeSkus: ['TEA-1'] },
    args: { window: { from, to }, perUnitFen: 500 },
  });
  const ds = [
    delivery(from - 1, [['TEA-1', 'cat-tea', 100, 100_000]]),
    delivery(from, [
      ['TEA-1', 'cat-tea', 10, 10_000],
      ['TEA-2', 'cat-tea', 50, 50_000],
    ]),
    delivery(to - 1, [['TEA-1', 'cat-tea', 3, 3_000]]),
    delivery(to, [['TEA-1', 'cat-tea', 1_000, 1_000_000]]),
  ];
  const range = policyRange(campaign, '2025-03')!;
  const windowAgg: DeliveryAggregate = aggregateFrom(dealer.id, '2025-03', ds, range);
  const f = facts('2025-03', ds, { windows: { [campaign.id]: windowAgg } });

  test('reads the part of the period inside the window', () => {
    expect(range).toEqual({ start: from, end: to });
  });

  test('a delivery at `from` counts, one a millisecond before or at `to` does not; only promoted SKUs count', () => {
    const e = evaluate(campaign, f, sh(2025, 4, 1));
    expect(e.basis).toBe(13);
    expect(e.earned).toBe(13 * 500);
    expect(e.tierReached).toBeNull();
    expect(e.nextTier).toBeNull();
  });

  test('the trace names the window and the multiplication', () => {
    const e = evaluate(campaign, f, sh(2025, 4, 1));
    expect(e.trace.find((s) => s.step === 'amount')?.text).toBe(
      '活动期（2025-03-10 10:00:00 至 2025-03-20 10:00:00，不含结束时刻）内2025年3月活动商品净提货 13 件，每件奖励 ¥5.00：13 件 × ¥5.00 = ¥65.00',
    );
  });

  test('is final once the window has ended, even while the month runs', () => {
    expect(evaluate(campaign, f, to).final).toBe(true);
    expect(evaluate(campaign, f, to - 1).final).toBe(false);
  });

  test('without the window’s aggregate the engine refuses rather than count the whole month', () => {
    expect(() => evaluate(campaign, facts('2025-03', ds), sh(2025, 4, 1))).toThrow(/windows/);
  });

  test('a window spanning two months pays in each for its part; a month outside the window is not covered', () => {
    const span = policy({
      code: 'campaign_reward',
      periodKind: 'month',
      scope: { includeCategories: ['cat-tea'] },
      args: { window: { from: sh(2025, 3, 25), to: sh(2025, 4, 5) }, perUnitFen: 100 },
    });
    expect(policyRange(span, '2025-03')).toEqual({ start: sh(2025, 3, 25), end: sh(2025, 4, 1) });
    expect(policyRange(span, '2025-04')).toEqual({ start: sh(2025, 4, 1), end: sh(2025, 4, 5) });
    expect(policyApplies(span, dealer, '2025-05')).toBe(false);
    expect(policyApplies(span, dealer, '2025-04')).toBe(true);
  });

  test('a campaign must name its promoted products', () => {
    expect(() => policy({ code: 'campaign_reward', periodKind: 'month', args: { window: { from, to }, perUnitFen: 1 } })).toThrow(/活动商品/);
  });
});

describe('product scope: include and exclude SKUs and categories', () => {
  const ds = [
    delivery(sh(2025, 3, 2), [
      ['TEA-1', 'cat-tea', 10, 10_000],
      ['TEA-2', 'cat-tea', 5, 10_000],
      ['SNK-1', 'cat-snack', 20, 10_000],
      ['CUP-1', 'cat-gift', 1, 800],
    ]),
  ];
  const agg = aggregateFrom(dealer.id, '2025-03', ds);
  const scope = (s: Partial<{ includeSkus: string[]; includeCategories: string[]; excludeSkus: string[]; excludeCategories: string[] }>) => ({
    includeSkus: [],
    includeCategories: [],
    excludeSkus: [],
    excludeCategories: [],
    ...s,
  });

  test('no scope: every product', () => {
    expect(scopedTotals(agg, scope({}))).toEqual({ amount: 30_800, qty: 36 });
  });

  test('include a category', () => {
    expect(scopedTotals(agg, scope({ includeCategories: ['cat-tea'] }))).toEqual({ amount: 20_000, qty: 15 });
  });

  test('include a category and a SKU of another category', () => {
    expect(scopedTotals(agg, scope({ includeCategories: ['cat-tea'], includeSkus: ['CUP-1'] }))).toEqual({ amount: 20_800, qty: 16 });
  });

  test('exclusions win: a category minus one of its SKUs', () => {
    expect(scopedTotals(agg, scope({ includeCategories: ['cat-tea'], excludeSkus: ['TEA-2'] }))).toEqual({ amount: 10_000, qty: 10 });
    expect(scopedTotals(agg, scope({ includeSkus: ['TEA-1'], excludeCategories: ['cat-tea'] }))).toEqual({ amount: 0, qty: 0 });
  });

  test('exclude only: everything but the listed', () => {
    expect(scopedTotals(agg, scope({ excludeCategories: ['cat-gift'] }))).toEqual({ amount: 30_000, qty: 35 });
    expect(scopedTotals(agg, scope({ excludeSkus: ['SNK-1'] }))).toEqual({ amount: 20_800, qty: 16 });
  });

  test('a product-scope rebate: 3 % of tea deliveries except TEA-2 (one tier from ¥0)', () => {
    const p = policy({
      code: 'volume_tiers',
      periodKind: 'month',
      scope: { includeCategories: ['cat-tea'], excludeSkus: ['TEA-2'] },
      args: { basis: 'amount', mode: 'retroactive', tiers: [{ from: 0, rateBp: 300 }] },
    });
    const e = evaluate(p, facts('2025-03', ds), sh(2025, 4, 1));
    expect(e.basis).toBe(10_000);
    expect(e.earned).toBe(300);
    expect(e.trace[0]?.text).toContain('口径：品类 cat-tea；不含 SKU TEA-2');
  });
});

describe('cap: at most so much per dealer per period, on any policy', () => {
  const capped = policy({
    code: 'volume_tiers',
    periodKind: 'month',
    capFen: 150_000,
    args: { basis: 'amount', mode: 'retroactive', tiers: [{ from: 0, rateBp: 1_000 }] },
  });

  test('an amount over the cap pays the cap and says so', () => {
    const e = evaluate(capped, facts('2025-03', [delivery(sh(2025, 3, 2), [['TEA-1', 'cat-tea', 1, 2_000_000]])]), sh(2025, 4, 1));
    expect(e.earnedBeforeCap).toBe(200_000);
    expect(e.earned).toBe(150_000);
    expect(e.capped).toBe(true);
    expect(e.trace.find((s) => s.step === 'cap')?.text).toBe('超过本期上限 ¥1,500.00，按上限计 ¥1,500.00');
  });

  test('exactly at the cap is not capped', () => {
    const e = evaluate(capped, facts('2025-03', [delivery(sh(2025, 3, 2), [['TEA-1', 'cat-tea', 1, 1_500_000]])]), sh(2025, 4, 1));
    expect(e).toMatchObject({ earned: 150_000, capped: false });
  });

  test('the next tier gains nothing past the cap, so there is no hint', () => {
    const p = policy({
      code: 'volume_tiers',
      periodKind: 'month',
      capFen: 1_000,
      args: {
        basis: 'amount',
        mode: 'retroactive',
        tiers: [
          { from: 0, rateBp: 100 },
          { from: 1_000_000, rateBp: 200 },
        ],
      },
    });
    const e = evaluate(p, facts('2025-03', [delivery(sh(2025, 3, 2), [['TEA-1', 'cat-tea', 1, 500_000]])]), sh(2025, 3, 10));
    expect(e.earned).toBe(1_000);
    expect(e.nextTier).toMatchObject({ toGo: 500_000, extraEarned: 0 });
    expect(e.hint).toBeNull();
    expect(e.projectedEarned).toBe(1_000);
  });

  test('a campaign can be capped too', () => {
    const p = policy({
      code: 'campaign_reward',
      periodKind: 'month',
      capFen: 1_000,
      scope: { includeSkus: ['TEA-1'] },
      args: { window: { from: sh(2025, 3, 1), to: sh(2025, 4, 1) }, perUnitFen: 100 },
    });
    expect(evaluate(p, facts('2025-03', [delivery(sh(2025, 3, 2), [['TEA-1', 'cat-tea', 50, 1]])]), sh(2025, 4, 1)).earned).toBe(1_000);
  });
});

describe('which policies apply', () => {
  const base = {
    code: 'volume_tiers' as const,
    periodKind: 'month' as const,
    args: { basis: 'amount' as const, mode: 'retroactive' as const, tiers: [{ from: 0, rateBp: 100 }] },
  };

  test('only to periods of the policy’s kind that its validity overlaps', () => {
    const p = policy({ ...base, validFrom: sh(2025, 3, 15), validTo: sh(2025, 5, 1) });
    expect(policyApplies(p, dealer, '2025-02')).toBe(false);
    expect(policyApplies(p, dealer, '2025-03')).toBe(true);
    expect(policyApplies(p, dealer, '2025-04')).toBe(true);
    expect(policyApplies(p, dealer, '2025-05')).toBe(false);
    expect(policyApplies(p, dealer, '2025-Q1')).toBe(false);
  });

  test('only to targeted dealers, and never when disabled', () => {
    const p = policy({ ...base, dealers: { levels: ['A'] } });
    expect(policyApplies(p, dealer, '2025-03')).toBe(true);
    expect(policyApplies(p, dealerB, '2025-03')).toBe(false);
    expect(policyApplies(policy({ ...base, dealers: { dealerIds: [dealerB.id] } }), dealerB, '2025-03')).toBe(true);
    expect(policyApplies(policy({ ...base, enabled: false }), dealer, '2025-03')).toBe(false);
  });
});
