import fc from 'fast-check';
import { campaignKitSchema } from '../../shared/campaigns';
import { approvalRuleSchema } from '../../shared/orders/approval';
import { policyBaseShape } from '../../shared/rebates/kit';
import { aggregateFrom } from '../../shared/rebates/facts';
import { scopedTotals } from '../../shared/rebates/scope';
import { ruleBaseShape } from '../../shared/pricing/rule-kit';
import {
  audienceSchema,
  categoryTreeOf,
  compileDealerTarget,
  dealerKeys,
  dealerTargetSchema,
  inAudience,
  inProductScope,
  matchesCompiled,
  matchesDealer,
  matchesProduct,
  productScopeSchema,
  productTargetSchema,
  requiredCategoriesSchema,
  requiredLevelsSchema,
  targetsEveryone,
} from '../../shared/targeting';
import { quote, indexRules } from '../../shared/pricing';
import { CATALOG, dealerA, NOW, rule } from './pricing/fixtures';

const hzA = { id: 'd-hz-01', level: 'A', region: 'east' };
const cdB = { id: 'd-cd-07', level: 'B', region: 'west' };
const target = (t: { levels?: string[]; regions?: string[]; dealerIds?: string[] }) => dealerTargetSchema.parse(t);

describe('dealer targeting: the one reading for price rules, rebate policies and product visibility', () => {
  test('a targeting with every list empty is for every dealer', () => {
    const everyone = target({});
    expect(targetsEveryone(everyone)).toBe(true);
    expect(matchesDealer(everyone, hzA)).toBe(true);
    expect(matchesDealer(everyone, cdB)).toBe(true);
  });

  test('a targeting naming only dealer ids is for those dealers and nobody else', () => {
    const only = target({ dealerIds: [hzA.id] });
    expect(targetsEveryone(only)).toBe(false);
    expect(matchesDealer(only, hzA)).toBe(true);
    expect(matchesDealer(only, { ...hzA, id: 'd-other' })).toBe(false);
  });

  test('levels and regions together mean both: levels [A] with regions [east] is 华东 A 级 only', () => {
    const eastA = target({ levels: ['A'], regions: ['east'] });
    expect(matchesDealer(eastA, hzA)).toBe(true);
    expect(matchesDealer(eastA, { ...hzA, region: 'west' })).toBe(false);
    expect(matchesDealer(eastA, { ...hzA, level: 'B' })).toBe(false);
  });

  test('a dealer named in dealerIds matches beside the levels, whatever its own level', () => {
    const t = target({ levels: ['A'], dealerIds: [cdB.id] });
    expect(matchesDealer(t, cdB)).toBe(true);
    expect(matchesDealer(t, hzA)).toBe(true);
    expect(matchesDealer(t, { ...cdB, id: 'd-x' })).toBe(false);
  });

  test('an unknown level or region is a validation error when saved, not a rule that silently matches nobody', () => {
    expect(dealerTargetSchema.safeParse({ levels: ['D'] }).success).toBe(false);
    expect(dealerTargetSchema.safeParse({ regions: ['华东'] }).success).toBe(false);
    expect(audienceSchema.safeParse({ levels: ['a'], regions: [] }).success).toBe(false);
    expect(audienceSchema.safeParse({ levels: [], regions: ['mars'] }).success).toBe(false);
    expect(requiredLevelsSchema.safeParse(['Z']).success).toBe(false);
  });

  test('property: the compiled targeting agrees with matchesDealer, and a dealer finds it under one of its own keys exactly when it matches (the pricing index checks no targeting beyond the keys)', () => {
    const some = <T>(xs: T[]) => fc.array(fc.constantFrom(...xs), { maxLength: 3 });
    fc.assert(
      fc.property(
        fc.record({ levels: some(['A', 'B', 'C']), regions: some(['east', 'west']), dealerIds: some(['d1', 'd2']) }),
        fc.record({ id: fc.constantFrom('d1', 'd2', 'd3'), level: fc.constantFrom('A', 'B', 'C'), region: fc.constantFrom('east', 'west', 'north') }),
        (t, dealer) => {
          const compiled = compileDealerTarget(t);
          const matches = matchesDealer(t, dealer);
          expect(matchesCompiled(compiled, dealer)).toBe(matches);
          expect(dealerKeys(dealer).some((k) => compiled.keys.includes(k))).toBe(matches);
        },
      ),
    );
  });

  test('a level, region or dealer id listed twice is filed under its key once', () => {
    expect(compileDealerTarget({ levels: ['A', 'A'], regions: [], dealerIds: [] }).keys).toEqual(['l:A']);
    expect(compileDealerTarget({ levels: ['A'], regions: ['east', 'east'], dealerIds: ['d1', 'd1'] }).keys).toEqual(['d:d1', 'lr:A|east']);
  });

  test('an order threshold whose level list names the dealer level twice counts each line once towards the threshold', () => {
    // ¥100 of goods against a ¥150 threshold: counting the one line twice would wrongly reach it.
    const thr = rule({
      code: 'order_threshold_amount_off',
      dealers: { levels: ['A', 'A'] },
      products: { skus: ['TEA-1'] },
      args: { threshold: 15_000, amountOff: 1_000 },
    });
    const result = quote({ dealer: dealerA, lines: [{ sku: 'TEA-1', qty: 10 }], catalog: CATALOG, now: NOW }, indexRules([thr], categoryTreeOf([])));
    expect(result.totals.payable).toBe(10_000);
    expect(result.promotions).toEqual([]);
  });
});

describe('audiences and approval levels: where an empty list reads differently', () => {
  test('a campaign audience reads each empty list as everyone, exactly like a rule targeting without dealer ids', () => {
    const some = <T>(xs: T[]) => fc.subarray(xs, { maxLength: 2 });
    fc.assert(
      fc.property(
        fc.record({ levels: some(['A', 'B', 'C']), regions: some(['east', 'west']) }),
        fc.record({ id: fc.constant('d1'), level: fc.constantFrom('A', 'B', 'C'), region: fc.constantFrom('east', 'west', 'north') }),
        (a, dealer) => expect(inAudience(a, dealer)).toBe(matchesDealer({ ...a, dealerIds: [] }, dealer)),
      ),
    );
  });

  test('an approval rule must name at least one level: an empty list is refused rather than read as every dealer', () => {
    expect(requiredLevelsSchema.safeParse([]).success).toBe(false);
    expect(requiredLevelsSchema.safeParse(['C', 'C']).success).toBe(false);
    expect(requiredLevelsSchema.safeParse(['C']).success).toBe(true);
    // Whereas a price rule or rebate policy with no levels is for everyone.
    expect(matchesDealer(target({ levels: [] }), hzA)).toBe(true);
  });

  test('a dealer given without a region (approval facts) is inside a level-only audience and outside any region list', () => {
    expect(inAudience({ levels: ['C'], regions: [] }, { level: 'C' })).toBe(true);
    expect(inAudience({ levels: ['C'], regions: [] }, { level: 'A' })).toBe(false);
    expect(inAudience({ levels: [], regions: ['east'] }, { level: 'C' })).toBe(false);
  });
});

describe('product scope: price rules, rebate policies, approval rules', () => {
  const tree = categoryTreeOf([
    { _id: 'cat-juice', parentId: null, name: '果蔬汁' },
    { _id: 'cat-nfc', parentId: 'cat-juice', name: 'NFC果汁' },
    { _id: 'cat-water', parentId: null, name: '包装饮用水' },
  ]);
  const nfc = { sku: 'NFC-1', categoryId: 'cat-nfc' };
  const water = { sku: 'W-1', categoryId: 'cat-water' };

  test('a price rule naming no SKU and no category is for every product', () => {
    expect(matchesProduct(productTargetSchema.parse({}), nfc, tree)).toBe(true);
  });

  test('a category in a price rule covers the products of the categories below it', () => {
    const juice = productTargetSchema.parse({ categoryIds: ['cat-juice'] });
    expect(matchesProduct(juice, nfc, tree)).toBe(true);
    expect(matchesProduct(juice, water, tree)).toBe(false);
    expect(matchesProduct(productTargetSchema.parse({ skus: ['W-1'] }), water, tree)).toBe(true);
  });

  test('in a rebate scope an exclusion wins over an inclusion, and no include list means every product', () => {
    expect(inProductScope(productScopeSchema.parse({ includeCategories: ['cat-juice'], excludeSkus: ['NFC-1'] }), nfc, tree)).toBe(false);
    expect(inProductScope(productScopeSchema.parse({ excludeCategories: ['cat-juice'] }), water, tree)).toBe(true);
    expect(inProductScope(productScopeSchema.parse({ excludeCategories: ['cat-juice'] }), nfc, tree)).toBe(false);
  });

  test('property: a rebate scope counts a one-line delivery exactly when inProductScope says the product is in it', () => {
    const some = <T>(xs: T[]) => fc.subarray(xs, { maxLength: 2 });
    const skus = ['NFC-1', 'W-1'];
    const cats = ['cat-juice', 'cat-nfc', 'cat-water'];
    fc.assert(
      fc.property(
        fc.record({ includeSkus: some(skus), includeCategories: some(cats), excludeSkus: some(skus), excludeCategories: some(cats) }),
        fc.constantFrom(nfc, water),
        (scope, p) => {
          const agg = aggregateFrom('d1', '2025-03', [{ ref: 'o1', dealerId: 'd1', at: NOW + 1, lines: [{ ...p, qty: 3, payable: 300 }] }]);
          const counted = scopedTotals(agg, scope, tree).qty === 3;
          expect(counted).toBe(inProductScope(scope, p, tree));
        },
      ),
    );
  });

  test('an approval rule must name at least one category, each once', () => {
    expect(requiredCategoriesSchema.safeParse([]).success).toBe(false);
    expect(requiredCategoriesSchema.safeParse(['cat-juice', 'cat-juice']).success).toBe(false);
    expect(requiredCategoriesSchema.safeParse(['cat-juice']).success).toBe(true);
  });
});

test('price rules, rebate policies, campaigns and approval rules take their targeting schemas from shared/targeting', () => {
  expect(ruleBaseShape.dealers).toBe(dealerTargetSchema);
  expect(ruleBaseShape.products).toBe(productTargetSchema);
  expect(policyBaseShape.dealers).toBe(dealerTargetSchema);
  expect(campaignKitSchema.shape.visibility).toBe(audienceSchema);
  const level = approvalRuleSchema.safeParse({ code: 'dealer_level_in', id: 'a1', name: 'x', args: { levels: [] }, steps: [{ role: 'manager', label: 'x' }] });
  expect(level.success).toBe(false);
});
