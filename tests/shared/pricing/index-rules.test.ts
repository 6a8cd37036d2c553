import fc from 'fast-check';
import { giftSkusFor, indexRules, matchesDealer, ruleMatchesDealer } from '../../../shared/pricing';
import { NO_CATEGORIES } from '../../../shared/targeting';
import { dealerA, rule } from './fixtures';

describe('indexRules', () => {
  test('files a rule under its dealer keys and product keys', () => {
    const r = rule({
      code: 'price_list',
      dealers: { levels: ['A', 'B'] },
      products: { skus: ['S1'], categoryIds: ['C1'] },
      args: { method: 'fixed', price: 1 },
    });
    const index = indexRules([r], NO_CATEGORIES);
    expect([...index.buckets.keys()].sort()).toEqual(['l:A', 'l:B']);
    const both = indexRules(
      [rule({ code: 'price_list', dealers: { levels: ['A'], regions: ['east', 'west'] }, args: { method: 'fixed', price: 1 } })],
      NO_CATEGORIES,
    );
    expect([...both.buckets.keys()].sort()).toEqual(['lr:A|east', 'lr:A|west']);
    expect(
      index.buckets
        .get('l:A')!
        .bySku.get('S1')!
        .map((c) => c.rule.id),
    ).toEqual([r.id]);
    expect(
      index.buckets
        .get('l:A')!
        .byCategory.get('C1')!
        .map((c) => c.rule.id),
    ).toEqual([r.id]);
    expect(index.byId.get(r.id)!.mayRepeat).toBe(true);
  });

  test('rules for everyone and all products go to the * bucket', () => {
    const index = indexRules([rule({ code: 'line_percent_off', args: { percentOffBp: 1 } })], NO_CATEGORIES);
    expect(index.buckets.get('*')!.all).toHaveLength(1);
  });

  test('a bundle is filed under its items', () => {
    const index = indexRules(
      [
        rule({
          code: 'bundle_price',
          args: {
            items: [
              { sku: 'A', qty: 1 },
              { sku: 'B', qty: 1 },
            ],
            price: 1,
          },
        }),
      ],
      NO_CATEGORIES,
    );
    expect([...index.buckets.get('*')!.bySku.keys()]).toEqual(['A', 'B']);
  });

  test('leaves disabled rules out', () => {
    expect(indexRules([rule({ code: 'special_price', enabled: false, args: { price: 1 } })], NO_CATEGORIES).size).toBe(0);
  });

  test('refuses two rules with one id (a bug in the caller)', () => {
    const r = rule({ code: 'special_price', args: { price: 1 } });
    expect(() => indexRules([r, r], NO_CATEGORIES)).toThrow(/duplicate rule id/);
  });

  test('ranks rules by priority, then id, whatever order they come in', () => {
    const rules = [
      rule({ code: 'special_price', id: 'b', args: { price: 1 } }),
      rule({ code: 'special_price', id: 'a', args: { price: 1 } }),
      rule({ code: 'special_price', id: 'c', priority: 3, args: { price: 1 } }),
    ];
    const ranks = (rs: typeof rules) => Object.fromEntries([...indexRules(rs, NO_CATEGORIES).byId.values()].map((c) => [c.rule.id, c.rank]));
    expect(ranks(rules)).toEqual({ c: 0, a: 1, b: 2 });
    expect(ranks([...rules].reverse())).toEqual(ranks(rules));
  });

  test('does not change the rules it is given', () => {
    const rules = [rule({ code: 'special_price', id: 'b', args: { price: 1 } }), rule({ code: 'special_price', id: 'a', args: { price: 1 } })];
    const before = JSON.stringify(rules);
    indexRules(rules, NO_CATEGORIES);
    expect(JSON.stringify(rules)).toBe(before);
  });
});

describe('giftSkusFor', () => {
  test('lists gift SKUs of 搭赠 rules triggered by the cart’s SKUs or categories, so the caller can load them', () => {
    const index = indexRules(
      [
        rule({ code: 'buy_x_get_y', products: { skus: ['TEA-1'] }, args: { buyQty: 1, getQty: 1, getSku: 'CUP-1' } }),
        rule({ code: 'buy_x_get_y', products: { categoryIds: ['cat-snack'] }, args: { buyQty: 1, getQty: 1, getSku: 'BAG-1' } }),
        rule({ code: 'buy_x_get_y', dealers: { dealerIds: [dealerA.id] }, args: { buyQty: 1, getQty: 1, getSku: 'PEN-1' } }),
      ],
      NO_CATEGORIES,
    );
    expect(giftSkusFor(index, [{ sku: 'TEA-1', categoryId: 'cat-tea' }])).toEqual(['CUP-1', 'PEN-1']);
    expect(giftSkusFor(index, [{ sku: 'SNK-1', categoryId: 'cat-snack' }])).toEqual(['BAG-1', 'PEN-1']);
  });
});

test('property: the compiled targeting check agrees with matchesDealer (the one reading of targeting)', () => {
  const some = <T>(xs: T[]) => fc.subarray(xs, { maxLength: 2 });
  fc.assert(
    fc.property(
      fc.record({ levels: some(['A', 'B', 'C']), regions: some(['east', 'west']), dealerIds: some(['d1', 'd2']) }),
      fc.record({
        id: fc.constantFrom('d1', 'd2', 'd3'),
        level: fc.constantFrom('A', 'B', 'C'),
        region: fc.constantFrom('east', 'west', 'north'),
        parentDealerId: fc.constant(null),
      }),
      (dealers, dealer) => {
        const compiled = indexRules([rule({ code: 'special_price', id: 'x', dealers: dealers as never, args: { price: 1 } })], NO_CATEGORIES).byId.get('x')!;
        expect(ruleMatchesDealer(compiled, dealer)).toBe(matchesDealer(dealers, dealer));
      },
    ),
  );
});
