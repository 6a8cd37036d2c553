import fc from 'fast-check';
import { dealerBuckets, giftSkusFor, indexRules, matchesDealer, quote, ruleMatchesDealer } from '../../../shared/pricing';
import { NO_CATEGORIES } from '../../../shared/targeting';
import { CATALOG, DAY, dealerA, NOW, rule } from './fixtures';

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

  test('a quote asks a line only of the maps that hold rules (a level of SKU rules is not asked by category)', () => {
    const level = rule({ code: 'price_list', dealers: { levels: ['A'] }, products: { skus: ['TEA-1'] }, args: { method: 'fixed', price: 900 } });
    const index = indexRules([level], NO_CATEGORIES);
    const bucket = index.buckets.get('l:A')!;
    expect(bucket.byCategory.size).toBe(0);
    bucket.byCategory.get = () => {
      throw new Error('an empty map was asked');
    };
    expect(quote({ dealer: dealerA, lines: [{ sku: 'TEA-1', qty: 10 }], catalog: CATALOG, now: NOW }, index).lines[0]!.unitPrice).toBe(900);
  });

  test('a quantity tier is priced from the tier table its index prepared once, not from its args per quote', () => {
    const tier = rule({
      code: 'quantity_tier',
      args: {
        mode: 'graduated',
        method: 'percent_off',
        rounding: 'down',
        tiers: [
          { minQty: 10, percentOffBp: 1000 },
          { minQty: 20, percentOffBp: 2000 },
        ],
      },
    });
    const compiled = indexRules([tier], NO_CATEGORIES).byId.get(tier.id)!;
    expect(compiled.prepared).toEqual({ graduated: true, method: 1, rounding: 'down', minQty: [10, 20], value: [1000, 2000] });
    if (compiled.def.kind !== 'price') throw new Error('a quantity tier is a price rule');
    const line = { sku: 'S1', categoryId: 'C1', qty: 25, listPrice: 1000, unitPrice: 1000, amount: 25_000, orderedUnit: '件', factor: 1, baseUnit: '件' };
    // 9 × 10.00 + 10 × 9.00 + 6 × 8.00, the same with or without the table
    expect(compiled.def.price(compiled.rule, line, compiled.prepared)).toEqual({ amount: 22_800, note: '9 件 × ¥10.00 + 10 件 × ¥9.00 + 6 件 × ¥8.00' });
    expect(compiled.def.price(compiled.rule, line)).toEqual(compiled.def.price(compiled.rule, line, compiled.prepared));
  });
});

describe('rules with a validity window (timed buckets)', () => {
  const inWindow = { validFrom: NOW - DAY, validTo: NOW + DAY };
  const timed = () => [
    rule({ code: 'line_percent_off', id: 'cat-promo', ...inWindow, products: { categoryIds: ['cat-tea'] }, args: { percentOffBp: 1000 } }),
    rule({ code: 'contract_price', id: 'contract', ...inWindow, dealers: { dealerIds: [dealerA.id] }, products: { skus: ['TEA-1'] }, args: { price: 800 } }),
    rule({ code: 'price_list', id: 'region-list', ...inWindow, dealers: { regions: ['east'] }, args: { method: 'percent_of_list', percentBp: 9000 } }),
  ];
  const ruleIds = (steps: ReadonlyArray<{ ruleId: string | null }>) => steps.map((s) => s.ruleId).filter((id) => id !== null);
  const stepsAt = (now: number) =>
    quote({ dealer: dealerA, lines: [{ sku: 'TEA-1', qty: 10 }], catalog: CATALOG, now }, indexRules(timed(), NO_CATEGORIES)).lines[0]!.steps;

  test('a category promotion, a dealer contract price and a region price list still apply inside their window', () => {
    expect(ruleIds(stepsAt(NOW))).toEqual(['region-list', 'contract', 'cat-promo']);
  });

  test('the same rules apply neither once their window has ended nor before it starts', () => {
    expect(ruleIds(stepsAt(NOW + DAY))).toEqual([]);
    expect(ruleIds(stepsAt(NOW - DAY - 1))).toEqual([]);
  });

  test('a quote outside every window does not even read the expired and future rules', () => {
    const index = indexRules(
      [
        rule({ code: 'price_list', id: 'always', dealers: { levels: ['A'] }, args: { method: 'percent_of_list', percentBp: 9500 } }),
        rule({
          code: 'line_percent_off',
          id: 'expired',
          validFrom: NOW - 9 * DAY,
          validTo: NOW - DAY,
          products: { skus: ['TEA-1'] },
          args: { percentOffBp: 1000 },
        }),
        rule({ code: 'special_price', id: 'future', validFrom: NOW + DAY, validTo: NOW + 9 * DAY, products: { categoryIds: ['cat-tea'] }, args: { price: 1 } }),
      ],
      NO_CATEGORIES,
    );
    const read = (now: number) =>
      dealerBuckets(index, dealerA, now)
        .flatMap((b) => [...b.all, ...[...b.bySku.values()].flat(), ...[...b.byCategory.values()].flat()])
        .map((r) => r.rule.id)
        .sort();
    expect(read(NOW)).toEqual(['always']);
    expect(read(NOW - 2 * DAY)).toContain('expired');
    expect(read(NOW + 2 * DAY)).toContain('future');
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
