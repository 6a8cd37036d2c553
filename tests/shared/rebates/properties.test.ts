import fc from 'fast-check';
import { accrue, emptyAggregate, evaluate, periodRange, recompute, settle } from '../../../shared/rebates';
import type { Delivery, RebateFacts } from '../../../shared/rebates';
import { amountOf, dealer, dealerB, facts, policy, sh } from './fixtures';

/** Tier schedules as the schema allows them: froms strictly ascending, rates never falling. */
const schedule = fc.array(fc.tuple(fc.integer({ min: 1, max: 5_000_000 }), fc.integer({ min: 0, max: 500 })), { minLength: 1, maxLength: 6 }).map((steps) => {
  let from = 0;
  let rate = 0;
  return steps.map(([df, dr], i) => {
    from = i === 0 ? df - 1 : from + df;
    rate += dr;
    return { from, rateBp: Math.min(rate, 10_000) };
  });
});
const cap = fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null });
const rounding = fc.constantFrom('half_up' as const, 'half_even' as const, 'down' as const, 'up' as const);
const amount = fc.integer({ min: 0, max: 100_000_000 });
const END = sh(2025, 4, 1);

const volume = (
  mode: 'retroactive' | 'progressive',
  tiers: Array<{ from: number; rateBp: number }>,
  capFen: number | null = null,
  r: 'half_up' | 'half_even' | 'down' | 'up' = 'half_up',
) => policy({ id: `vol-${mode}`, code: 'volume_tiers', periodKind: 'quarter', capFen, rounding: r, args: { basis: 'amount', mode, tiers } });
const q1 = (a: number) => facts('2025-Q1', [amountOf(sh(2025, 2, 1), a)]);

describe('properties of the rebate engine', () => {
  test('retroactive pays at least as much as progressive on the same tiers, whatever the rounding mode', () => {
    fc.assert(
      fc.property(schedule, amount, rounding, (tiers, a, r) => {
        const f = q1(a);
        expect(evaluate(volume('retroactive', tiers, null, r), f, END).earned).toBeGreaterThanOrEqual(
          evaluate(volume('progressive', tiers, null, r), f, END).earned,
        );
      }),
    );
  });

  test('delivering more never earns less, and earned stays within [0, cap]', () => {
    fc.assert(
      fc.property(
        schedule,
        fc.constantFrom('retroactive' as const, 'progressive' as const),
        cap,
        amount,
        fc.nat({ max: 10_000_000 }),
        (tiers, mode, c, a, more) => {
          const p = volume(mode, tiers, c);
          const e1 = evaluate(p, q1(a), END);
          const e2 = evaluate(p, q1(a + more), END);
          expect(e2.earned).toBeGreaterThanOrEqual(e1.earned);
          expect(e1.earned).toBeGreaterThanOrEqual(0);
          if (c !== null) expect(e1.earned).toBeLessThanOrEqual(c);
          expect(e1.capped).toBe(e1.earned < e1.earnedBeforeCap);
        },
      ),
    );
  });

  test('the next-tier hint is true: delivering toGo more reaches that tier and earns exactly extraEarned more', () => {
    fc.assert(
      fc.property(schedule, fc.constantFrom('retroactive' as const, 'progressive' as const), cap, amount, (tiers, mode, c, a) => {
        const p = volume(mode, tiers, c);
        const mid = sh(2025, 2, 14);
        const e = evaluate(p, q1(a), mid);
        if (!e.nextTier) {
          expect(a).toBeGreaterThanOrEqual(tiers.at(-1)!.from);
          return;
        }
        expect(e.nextTier.toGo).toBeGreaterThan(0);
        const after = evaluate(p, facts('2025-Q1', [amountOf(sh(2025, 2, 1), a), amountOf(sh(2025, 2, 2), e.nextTier.toGo)]), mid);
        expect(after.tierReached?.index).toBe(e.nextTier.index);
        expect(after.earned - e.earned).toBe(e.nextTier.extraEarned);
        expect(e.hint !== null).toBe(e.nextTier.extraEarned > 0);
      }),
    );
  });

  test('same input, same output: evaluation and settlement do not depend on the order policies and dealers are given in', () => {
    fc.assert(
      fc.property(schedule, amount, amount, (tiers, a, b) => {
        const p1 = volume('retroactive', tiers);
        const p2 = volume('progressive', tiers, 10_000);
        const byDealer: Record<string, RebateFacts> = {
          [dealer.id]: q1(a),
          [dealerB.id]: facts('2025-Q1', [amountOf(sh(2025, 2, 1), b, 1, dealerB.id)], { who: dealerB }),
        };
        const reversed: Record<string, RebateFacts> = Object.fromEntries(Object.entries(byDealer).reverse());
        expect(settle([p1, p2], byDealer, '2025-Q1', END)).toEqual(settle([p2, p1], reversed, '2025-Q1', END));
        expect(evaluate(p1, q1(a), sh(2025, 2, 1))).toEqual(evaluate(p1, q1(a), sh(2025, 2, 1)));
      }),
    );
  });

  test('a settlement recomputes identically from aggregates built incrementally in any order', () => {
    const { start, end } = periodRange('2025-Q1');
    const line = fc.record({
      at: fc.integer({ min: start, max: end - 1 }),
      sku: fc.constantFrom('TEA-1', 'TEA-2', 'SNK-1'),
      cat: fc.constantFrom('cat-tea', 'cat-snack'),
      qty: fc.integer({ min: -5, max: 50 }),
      payable: fc.integer({ min: -100_000, max: 5_000_000 }),
    });
    fc.assert(
      fc.property(schedule, fc.array(line, { maxLength: 20 }), (tiers, raw) => {
        const p = policy({
          id: 'scoped',
          code: 'volume_tiers',
          periodKind: 'quarter',
          scope: { includeCategories: ['cat-tea'], excludeSkus: ['TEA-2'] },
          args: { basis: 'amount', mode: 'progressive', tiers },
        });
        const ds: Delivery[] = raw.map((l, i) => ({
          ref: `D${i}`,
          dealerId: dealer.id,
          at: l.at,
          lines: [{ sku: l.sku, categoryId: l.cat, qty: l.qty, payable: l.payable }],
        }));
        const settled = settle([p], { [dealer.id]: facts('2025-Q1', ds) }, '2025-Q1', END);
        if (!settled.ok) throw new Error(settled.message);
        const incremental = [...ds].reverse().reduce(accrue, emptyAggregate(dealer.id, '2025-Q1'));
        const again = recompute(settled.records[0]!, { dealer, period: '2025-Q1', current: incremental }, p);
        expect(again.identical).toBe(true);
      }),
    );
  });

  test('the projection never falls below what is already delivered', () => {
    fc.assert(
      fc.property(schedule, amount, fc.integer({ min: sh(2025, 1, 1), max: sh(2025, 4, 1) - 1 }), (tiers, a, now) => {
        const e = evaluate(volume('retroactive', tiers), facts('2025-Q1', [amountOf(sh(2025, 1, 1), a)]), now);
        expect(e.projectedBasis).toBeGreaterThanOrEqual(e.basis);
        expect(e.projectedEarned).toBeGreaterThanOrEqual(e.earned);
      }),
    );
  });
});
