import fc from 'fast-check';
import type { DealerRef, QuoteInput, Rule, RuleInput } from '../../../shared/pricing';
import { indexRules, quote, ruleSchema } from '../../../shared/pricing';
import { NO_CATEGORIES } from '../../../shared/targeting';
import { NOW, DAY, product } from './fixtures';

/**
 * Invariants of the engine over random carts, dealers and rule sets: money adds up, nothing is
 * negative, the result depends on nothing but the input, rules that cannot apply change nothing,
 * and the order rules are given in does not matter.
 */

const SKUS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];
const CATS = ['c1', 'c2', 'c3'];
const LEVELS = ['A', 'B', 'C'] as const;
const REGIONS = ['east', 'south', 'west'] as const;

const catalogArb = fc
  .tuple(...SKUS.map(() => fc.integer({ min: 0, max: 50_000 })))
  .map((prices) =>
    SKUS.map((sku, i) => product(sku, { listPrice: prices[i]!, categoryId: CATS[i % CATS.length]!, packUnits: [{ name: '箱', factor: 2 + (i % 3) * 5 }] })),
  );

const cartArb = fc
  .uniqueArray(fc.record({ sku: fc.constantFrom(...SKUS, 'GHOST'), qty: fc.integer({ min: 1, max: 60 }), box: fc.boolean() }), {
    selector: (l) => l.sku,
    minLength: 1,
    maxLength: SKUS.length,
  })
  .map((ls) => ls.map((l) => (l.box ? { sku: l.sku, qty: l.qty, unit: '箱' } : { sku: l.sku, qty: l.qty })));

const dealerArb: fc.Arbitrary<DealerRef> = fc.record({
  id: fc.constantFrom('d1', 'd2'),
  level: fc.constantFrom(...LEVELS),
  region: fc.constantFrom(...REGIONS),
  parentDealerId: fc.constant(null),
});

const subset = <T>(xs: readonly T[]) => fc.subarray([...xs], { maxLength: 2 });
const common = fc.record({
  priority: fc.integer({ min: 0, max: 3 }),
  validFrom: fc.option(fc.integer({ min: NOW - 2 * DAY, max: NOW + DAY }), { nil: null }),
  dealers: fc.record({ levels: subset(LEVELS), regions: subset(REGIONS), dealerIds: subset(['d1', 'd2']) }),
  products: fc.oneof(fc.constant({ skus: [], categoryIds: [] }), fc.record({ skus: subset(SKUS), categoryIds: subset(CATS) })),
});
const promo = fc.record({ stackingGroup: fc.constantFrom('g1', 'g2', 'g3'), usageLimitPerDealer: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }) });
const rounding = fc.constantFrom('half_up', 'half_even', 'down', 'up');
const fen = fc.integer({ min: 0, max: 60_000 });
const pct = fc.integer({ min: 1, max: 10_000 });

const argsArb: fc.Arbitrary<{ code: string; args: unknown; promo: boolean; noProducts?: boolean; contract?: boolean }> = fc.oneof(
  fc
    .oneof(
      fen.map((price) => ({ method: 'fixed', price })),
      fc.record({ method: fc.constant('percent_of_list'), percentBp: fc.integer({ min: 0, max: 20_000 }), rounding }),
      fen.map((amountOff) => ({ method: 'amount_off', amountOff })),
    )
    .map((args) => ({ code: 'price_list', args, promo: false })),
  fen.map((price) => ({ code: 'contract_price', args: { price }, promo: false, contract: true })),
  fc
    .record({
      mode: fc.constantFrom('all_units', 'graduated'),
      mins: fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 }),
      values: fc.array(fen, { minLength: 3, maxLength: 3 }),
      pcts: fc.array(pct, { minLength: 3, maxLength: 3 }),
      method: fc.constantFrom('fixed', 'percent_off', 'amount_off'),
    })
    .map(({ mode, mins, values, pcts, method }) => {
      const sorted = [...mins].sort((a, b) => a - b);
      const tiers = sorted.map((minQty, i) =>
        method === 'fixed' ? { minQty, price: values[i]! } : method === 'amount_off' ? { minQty, amountOff: values[i]! } : { minQty, percentOffBp: pcts[i]! },
      );
      return { code: 'quantity_tier', args: { mode, method, tiers }, promo: false };
    }),
  fc
    .record({ percentOffBp: pct, rounding, minQty: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }) })
    .map((args) => ({ code: 'line_percent_off', args, promo: true })),
  fc
    .record({ amountOffPerUnit: fc.integer({ min: 1, max: 5000 }), minQty: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }) })
    .map((args) => ({ code: 'line_amount_off', args, promo: true })),
  fen.map((price) => ({ code: 'special_price', args: { price }, promo: true })),
  fc
    .record({
      buyQty: fc.integer({ min: 1, max: 20 }),
      getQty: fc.integer({ min: 1, max: 3 }),
      getSku: fc.option(fc.constantFrom(...SKUS), { nil: null }),
      repeatable: fc.boolean(),
    })
    .map((args) => ({ code: 'buy_x_get_y', args, promo: true })),
  fc
    .record({
      items: fc.uniqueArray(fc.record({ sku: fc.constantFrom(...SKUS), qty: fc.integer({ min: 1, max: 5 }) }), {
        selector: (i) => i.sku,
        minLength: 1,
        maxLength: 3,
      }),
      price: fen,
    })
    .map((args) => ({ code: 'bundle_price', args, promo: true, noProducts: true })),
  fc
    .record({ threshold: fc.integer({ min: 1, max: 300_000 }), off: fc.integer({ min: 1, max: 300_000 }), repeatable: fc.boolean() })
    .map(({ threshold, off, repeatable }) => ({
      code: 'order_threshold_amount_off',
      args: { threshold, amountOff: Math.min(off, threshold), repeatable },
      promo: true,
    })),
  fc
    .record({
      threshold: fc.integer({ min: 1, max: 300_000 }),
      percentOffBp: pct,
      rounding,
      maxDiscount: fc.option(fc.integer({ min: 1, max: 50_000 }), { nil: null }),
    })
    .map((args) => ({ code: 'order_threshold_percent_off', args, promo: true })),
);

const ruleArb = fc.tuple(argsArb, common, promo, fc.integer({ min: 1, max: 3 * DAY })).map(([a, c, p, length]) => {
  const input: Record<string, unknown> = {
    code: a.code,
    name: a.code,
    priority: c.priority,
    validFrom: c.validFrom,
    validTo: c.validFrom === null ? null : c.validFrom + length,
    dealers: a.contract ? { ...c.dealers, dealerIds: ['d1'] } : c.dealers,
    products: a.noProducts ? { skus: [], categoryIds: [] } : a.contract ? { skus: ['S1', 'S2'], categoryIds: [] } : c.products,
    args: a.args,
    ...(a.promo ? p : {}),
  };
  return input;
});

const rulesArb = fc.array(ruleArb, { maxLength: 14 }).map((inputs) => inputs.map((r, i) => ruleSchema.parse({ ...r, id: `r${i}` } as RuleInput)));

const scenario = fc.record({
  dealer: dealerArb,
  lines: cartArb,
  catalog: catalogArb,
  rules: rulesArb,
  usedUp: fc.subarray(Array.from({ length: 14 }, (_, i) => `r${i}`)),
  rebateDeduction: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
});

type Scenario = { dealer: DealerRef; lines: QuoteInput['lines']; catalog: QuoteInput['catalog']; rules: Rule[]; usedUp: string[]; rebateDeduction: number };

const input = (s: Scenario): QuoteInput => ({
  dealer: s.dealer,
  lines: s.lines,
  catalog: s.catalog,
  now: NOW,
  usage: Object.fromEntries(s.usedUp.map((id) => [id, 5])),
  rebateDeduction: s.rebateDeduction,
});
const price = (s: Scenario, rules: Rule[] = s.rules) => quote(input(s), indexRules(rules, NO_CATEGORIES));

const RUNS = { numRuns: 400 };

describe('pricing invariants', () => {
  test('line amounts add up to the order totals, exactly', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = price(s);
        const sum = (f: (l: (typeof r.lines)[number]) => number) => r.lines.reduce((acc, l) => acc + f(l), 0);
        expect(sum((l) => l.payable)).toBe(r.totals.payable);
        expect(sum((l) => l.amount)).toBe(r.totals.goodsTotal);
        expect(sum((l) => l.listAmount)).toBe(r.totals.listTotal);
        expect(sum((l) => l.orderDiscount)).toBe(r.totals.orderDiscountTotal);
        expect(sum((l) => l.rebateDeduction)).toBe(r.totals.rebateDeduction);
        expect(r.totals.payable).toBe(r.totals.goodsTotal - r.totals.orderDiscountTotal - r.totals.rebateDeduction);
        for (const l of r.lines) {
          expect(l.payable).toBe(l.amount - l.orderDiscount - l.rebateDeduction);
          const last = l.steps.at(-1);
          if (l.kind === 'item' && last) expect(last.amountAfter).toBe(l.payable);
          for (let i = 1; i < l.steps.length; i++) expect(l.steps[i]!.amountBefore).toBe(l.steps[i - 1]!.amountAfter);
        }
      }),
      RUNS,
    );
  });

  test('no price, amount or step is ever below zero, and no rebate beyond what is payable', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = price(s);
        for (const l of r.lines) {
          for (const v of [l.unitPrice, l.amount, l.payable, l.orderDiscount, l.rebateDeduction]) expect(v).toBeGreaterThanOrEqual(0);
          for (const step of l.steps) {
            expect(step.amountAfter).toBeGreaterThanOrEqual(0);
            expect(step.unitPriceAfter).toBeGreaterThanOrEqual(0);
            if (step.kind !== 'price') expect(step.saved).toBeGreaterThanOrEqual(0);
          }
        }
        expect(r.rebate.applied).toBeLessThanOrEqual(s.rebateDeduction);
        for (const p of r.promotions) expect(p.saved).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });

  test('same input, same output; the input is left unchanged', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const frozen = JSON.stringify(s);
        const a = price(s);
        const index = indexRules(s.rules, NO_CATEGORIES);
        const b = quote(input(s), index);
        const c = quote(input(s), index);
        expect(b).toEqual(a);
        expect(c).toEqual(a);
        expect(JSON.stringify(s)).toBe(frozen);
      }),
      RUNS,
    );
  });

  test('adding a rule that cannot apply (other SKU, other level, expired, not yet valid, disabled) changes nothing', () => {
    const others = (s: Scenario): RuleInput[] => {
      const otherLevel = LEVELS.find((l) => l !== s.dealer.level)!;
      return [
        { code: 'line_percent_off', id: 'zz-sku', name: 'x', products: { skus: ['NOT-IN-CART'] }, args: { percentOffBp: 5000 } },
        {
          code: 'bundle_price',
          id: 'zz-bundle',
          name: 'x',
          args: {
            items: [
              { sku: 'S1', qty: 1 },
              { sku: 'NOT-IN-CART', qty: 1 },
            ],
            price: 0,
          },
        },
        { code: 'price_list', id: 'zz-level', name: 'x', dealers: { levels: [otherLevel] }, args: { method: 'fixed', price: 0 } },
        { code: 'order_threshold_amount_off', id: 'zz-expired', name: 'x', validFrom: NOW - DAY, validTo: NOW, args: { threshold: 1, amountOff: 1 } },
        { code: 'special_price', id: 'zz-future', name: 'x', validFrom: NOW + 1, args: { price: 0 } },
        { code: 'special_price', id: 'zz-off', name: 'x', enabled: false, args: { price: 0 } },
        { code: 'contract_price', id: 'zz-dealer', name: 'x', dealers: { dealerIds: ['somebody-else'] }, products: { skus: SKUS }, args: { price: 0 } },
      ];
    };
    fc.assert(
      fc.property(scenario, fc.nat(6), (s, k) => {
        const extra = ruleSchema.parse(others(s)[k]!);
        expect(price(s, [...s.rules, extra])).toEqual(price(s));
      }),
      RUNS,
    );
  });

  test('shuffling the rules does not change the result', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s.rules, { minLength: s.rules.length, maxLength: s.rules.length }))),
        ([s, shuffled]) => {
          expect(price(s, shuffled)).toEqual(price(s));
        },
      ),
      RUNS,
    );
  });

  test('a bigger rebate request never raises what is payable', () => {
    fc.assert(
      fc.property(scenario, fc.nat(10_000), (s, more) => {
        const a = price(s);
        const b = price({ ...s, rebateDeduction: s.rebateDeduction + more });
        expect(b.totals.payable).toBeLessThanOrEqual(a.totals.payable);
        expect(b.totals.goodsTotal).toBe(a.totals.goodsTotal);
      }),
      RUNS,
    );
  });
});
