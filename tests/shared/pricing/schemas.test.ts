import { z } from 'zod';
import { cartLineSchema, cartSchema, RULE_CODES, RULE_DEFINITIONS, ruleSchema } from '../../../shared/pricing';

describe('cartLineSchema', () => {
  test('accepts sku, qty and an optional unit', () => {
    expect(cartLineSchema.parse({ sku: 'TEA-1', qty: 2, unit: '箱' })).toEqual({ sku: 'TEA-1', qty: 2, unit: '箱' });
    expect(cartLineSchema.parse({ sku: 'TEA-1', qty: 2 })).toEqual({ sku: 'TEA-1', qty: 2 });
  });

  test('rejects a price sent by the client: the server prices every line itself', () => {
    for (const field of ['price', 'unitPrice', 'amount', 'listPrice']) {
      const r = cartLineSchema.safeParse({ sku: 'TEA-1', qty: 2, [field]: 1 });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.code).toBe('unrecognized_keys');
    }
  });

  test('rejects zero, negative and fractional quantities', () => {
    for (const qty of [0, -1, 1.5, Number.NaN, 1e9]) expect(cartLineSchema.safeParse({ sku: 'TEA-1', qty }).success).toBe(false);
  });

  test('a cart has 1 to 200 lines', () => {
    expect(cartSchema.safeParse([]).success).toBe(false);
    expect(cartSchema.safeParse(Array.from({ length: 201 }, (_, i) => ({ sku: `S${i}`, qty: 1 }))).success).toBe(false);
  });
});

describe('rule registry', () => {
  test('every rule type has a unique, stable snake_case code', () => {
    expect(new Set(RULE_CODES).size).toBe(RULE_CODES.length);
    for (const code of RULE_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect([...RULE_CODES].sort()).toEqual([
      'bundle_price',
      'buy_x_get_y',
      'contract_price',
      'line_amount_off',
      'line_percent_off',
      'order_threshold_amount_off',
      'order_threshold_percent_off',
      'price_list',
      'quantity_tier',
      'special_price',
    ]);
  });

  test.each(RULE_DEFINITIONS.map((d) => [d.code, d] as const))('the documented example of %s is valid against both its own schema and the union', (code, d) => {
    expect(d.schema.safeParse(d.example).success).toBe(true);
    expect(ruleSchema.parse(d.example).code).toBe(code);
  });

  test('every definition has a Chinese title and a kind', () => {
    for (const d of RULE_DEFINITIONS) {
      expect(d.title).toMatch(/[\u4e00-\u9fa5]/);
      expect(['price', 'line_promotion', 'order_promotion']).toContain(d.kind);
    }
  });

  test('fills defaults: enabled, priority 0, open window, everyone, all products, group default, no usage limit', () => {
    expect(ruleSchema.parse({ code: 'line_percent_off', id: 'r1', name: '九折', args: { percentOffBp: 1000 } })).toEqual({
      code: 'line_percent_off',
      id: 'r1',
      name: '九折',
      enabled: true,
      priority: 0,
      validFrom: null,
      validTo: null,
      dealers: { levels: [], regions: [], dealerIds: [] },
      products: { skus: [], categoryIds: [] },
      stackingGroup: 'default',
      usageLimitPerDealer: null,
      args: { percentOffBp: 1000, rounding: 'half_up', minQty: null },
    });
  });

  const base = { id: 'r1', name: '规则' };
  const refused: Array<[string, unknown]> = [
    ['an unknown code', { ...base, code: 'mystery', args: {} }],
    ['an unknown field on the rule', { ...base, code: 'line_percent_off', args: { percentOffBp: 1000 }, extra: 1 }],
    ['an unknown field in args', { ...base, code: 'line_percent_off', args: { percentOffBp: 1000, percentBp: 1 } }],
    ['a discount above 100 %', { ...base, code: 'line_percent_off', args: { percentOffBp: 10001 } }],
    ['a fractional percentage', { ...base, code: 'line_percent_off', args: { percentOffBp: 99.5 } }],
    ['validFrom not before validTo', { ...base, code: 'line_percent_off', validFrom: 10, validTo: 10, args: { percentOffBp: 1 } }],
    ['an unknown level', { ...base, code: 'price_list', dealers: { levels: ['Z'] }, args: { method: 'fixed', price: 1 } }],
    ['a price in yuan with decimals', { ...base, code: 'price_list', args: { method: 'fixed', price: 9.9 } }],
    ['a contract price without a dealer', { ...base, code: 'contract_price', products: { skus: ['A'] }, args: { price: 1 } }],
    ['a contract price without a SKU', { ...base, code: 'contract_price', dealers: { dealerIds: ['d'] }, args: { price: 1 } }],
    [
      'tiers not ascending',
      {
        ...base,
        code: 'quantity_tier',
        args: {
          mode: 'all_units',
          method: 'fixed',
          tiers: [
            { minQty: 5, price: 1 },
            { minQty: 5, price: 0 },
          ],
        },
      },
    ],
    [
      'a tier field of another method',
      { ...base, code: 'quantity_tier', args: { mode: 'all_units', method: 'fixed', tiers: [{ minQty: 5, percentOffBp: 1 }] } },
    ],
    ['a 满减 above its threshold', { ...base, code: 'order_threshold_amount_off', args: { threshold: 100, amountOff: 101 } }],
    ['a bundle with products set', { ...base, code: 'bundle_price', products: { skus: ['A'] }, args: { items: [{ sku: 'A', qty: 1 }], price: 1 } }],
    [
      'a bundle repeating a SKU',
      {
        ...base,
        code: 'bundle_price',
        args: {
          items: [
            { sku: 'A', qty: 1 },
            { sku: 'A', qty: 2 },
          ],
          price: 1,
        },
      },
    ],
    ['a stacking group on a price list', { ...base, code: 'price_list', stackingGroup: 'x', args: { method: 'fixed', price: 1 } }],
  ];
  test.each(refused)('refuses %s', (_, input) => {
    expect(ruleSchema.safeParse(input).success).toBe(false);
  });

  test('the union is a zod schema admin actions can embed', () => {
    const upsert = z.strictObject({ rule: ruleSchema });
    expect(upsert.safeParse({ rule: { ...base, code: 'special_price', args: { price: 100 } } }).success).toBe(true);
  });
});
