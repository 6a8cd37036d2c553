import { quantityTier } from '../../../shared/pricing/rules';
import { dealerA, dealerB, rule, run } from './fixtures';

const line = (r: ReturnType<typeof run>, i = 0) => r.lines[i]!;

describe('price lists', () => {
  test('a level price list (一级经销商价) sets the price of an A dealer and not of a B dealer', () => {
    const rules = [rule({ code: 'price_list', name: '一级经销商价', dealers: { levels: ['A'] }, args: { method: 'percent_of_list', percentBp: 9000 } })];
    expect(line(run(rules)).unitPrice).toBe(900);
    expect(line(run(rules, { dealer: dealerB })).unitPrice).toBe(1000);
  });

  test('a region price list applies to dealers of that region only', () => {
    const rules = [rule({ code: 'price_list', dealers: { regions: ['west'] }, args: { method: 'amount_off', amountOff: 50 } })];
    expect(line(run(rules, { dealer: dealerB })).unitPrice).toBe(950);
    expect(line(run(rules)).unitPrice).toBe(1000);
  });

  test('a level+region price list (华东一级经销商价) beats a level-only one at equal priority, and says so in the steps', () => {
    const rules = [
      rule({ code: 'price_list', name: '一级经销商价', dealers: { levels: ['A'] }, args: { method: 'percent_of_list', percentBp: 9000 } }),
      rule({
        code: 'price_list',
        name: '华东一级经销商价',
        dealers: { levels: ['A'], regions: ['east'] },
        args: { method: 'percent_of_list', percentBp: 9500 },
      }),
    ];
    const l = line(run(rules));
    expect(l.unitPrice).toBe(950);
    expect(l.steps.map((s) => [s.code, s.label, s.unitPriceBefore, s.unitPriceAfter])).toEqual([
      ['list_price', '目录价', 1000, 1000],
      ['price_list', '华东一级经销商价', 1000, 950],
    ]);
  });

  test('a higher priority price list wins over a more specific one', () => {
    const rules = [
      rule({ code: 'price_list', priority: 5, dealers: { levels: ['A'] }, args: { method: 'percent_of_list', percentBp: 9800 } }),
      rule({ code: 'price_list', dealers: { levels: ['A'], regions: ['east'] }, args: { method: 'percent_of_list', percentBp: 9000 } }),
    ];
    expect(line(run(rules)).unitPrice).toBe(980);
  });

  test('a SKU price list beats a category price list, which beats an all-products one', () => {
    const rules = [
      rule({ code: 'price_list', args: { method: 'fixed', price: 700 } }),
      rule({ code: 'price_list', products: { categoryIds: ['cat-tea'] }, args: { method: 'fixed', price: 800 } }),
      rule({ code: 'price_list', products: { skus: ['TEA-1'] }, args: { method: 'fixed', price: 850 } }),
    ];
    const r = run(rules, {
      lines: [
        { sku: 'TEA-1', qty: 1 },
        { sku: 'TEA-2', qty: 1 },
        { sku: 'SNK-1', qty: 1 },
      ],
    });
    expect(r.lines.map((l) => l.unitPrice)).toEqual([850, 800, 700]);
  });

  test('at equal priority and specificity the lower price wins', () => {
    const rules = [rule({ code: 'price_list', args: { method: 'fixed', price: 880 } }), rule({ code: 'price_list', args: { method: 'fixed', price: 870 } })];
    expect(line(run(rules)).unitPrice).toBe(870);
  });

  test('a price list for a dealer id applies to that dealer only', () => {
    const rules = [rule({ code: 'price_list', dealers: { dealerIds: [dealerB.id] }, args: { method: 'fixed', price: 600 } })];
    expect(line(run(rules, { dealer: dealerB })).unitPrice).toBe(600);
    expect(line(run(rules)).unitPrice).toBe(1000);
  });

  test('amount off never goes below zero', () => {
    expect(line(run([rule({ code: 'price_list', args: { method: 'amount_off', amountOff: 5000 } })])).unitPrice).toBe(0);
  });
});

describe('contract price', () => {
  test('a contract price beats every price list, and both steps are shown', () => {
    const rules = [
      rule({ code: 'price_list', priority: 100, args: { method: 'fixed', price: 700 } }),
      rule({ code: 'contract_price', name: '年度合同价', dealers: { dealerIds: [dealerA.id] }, products: { skus: ['TEA-1'] }, args: { price: 750 } }),
    ];
    const l = line(run(rules));
    expect(l.unitPrice).toBe(750);
    expect(l.steps.map((s) => s.code)).toEqual(['list_price', 'price_list', 'contract_price']);
  });

  test('a contract of another dealer does not apply', () => {
    const rules = [rule({ code: 'contract_price', dealers: { dealerIds: ['someone-else'] }, products: { skus: ['TEA-1'] }, args: { price: 1 } })];
    expect(line(run(rules)).unitPrice).toBe(1000);
  });
});

describe('quantity tiers', () => {
  const tiers = [
    { minQty: 10, price: 900 },
    { minQty: 20, price: 800 },
  ];

  test('all_units prices the whole line at the tier reached', () => {
    const rules = [rule({ code: 'quantity_tier', args: { mode: 'all_units', method: 'fixed', tiers } })];
    expect(run(rules, { lines: [{ sku: 'TEA-1', qty: 9 }] }).lines[0]!.amount).toBe(9000);
    expect(run(rules, { lines: [{ sku: 'TEA-1', qty: 10 }] }).lines[0]!.amount).toBe(9000);
    expect(run(rules, { lines: [{ sku: 'TEA-1', qty: 25 }] }).lines[0]!.amount).toBe(20000);
  });

  test('of two graduated tiers on one line the cheaper wins, and only the winner writes its note', () => {
    const price = jest.spyOn(quantityTier, 'price');
    try {
      const rules = [
        rule({ code: 'quantity_tier', args: { mode: 'graduated', method: 'fixed', tiers } }),
        rule({ code: 'quantity_tier', args: { mode: 'graduated', method: 'fixed', tiers: [{ minQty: 10, price: 850 }] } }),
      ];
      const l = run(rules, { lines: [{ sku: 'TEA-1', qty: 25 }] }).lines[0]!;
      // 9 × 10.00 + 16 × 8.50 = 22600 beats 9 × 10.00 + 10 × 9.00 + 6 × 8.00 = 22800
      expect(l.amount).toBe(9000 + 13_600);
      expect(l.steps.at(-1)!.note).toBe('9 件 × ¥10.00 + 16 件 × ¥8.50');
      expect(price).toHaveBeenCalledTimes(1);
    } finally {
      price.mockRestore();
    }
  });

  test('graduated prices each bracket at its own price', () => {
    const rules = [rule({ code: 'quantity_tier', args: { mode: 'graduated', method: 'fixed', tiers } })];
    const l = run(rules, { lines: [{ sku: 'TEA-1', qty: 25 }] }).lines[0]!;
    // 9 × 10.00 + 10 × 9.00 + 6 × 8.00
    expect(l.amount).toBe(9000 + 9000 + 4800);
    expect(l.unitPrice).toBe(912); // 22800 / 25 = 912
    expect(l.steps.at(-1)!.note).toBe('9 件 × ¥10.00 + 10 件 × ¥9.00 + 6 件 × ¥8.00');
  });

  test('graduated and all-units agree below the first tier', () => {
    for (const mode of ['graduated', 'all_units'] as const) {
      const rules = [rule({ code: 'quantity_tier', args: { mode, method: 'fixed', tiers } })];
      expect(run(rules, { lines: [{ sku: 'TEA-1', qty: 5 }] }).lines[0]!.amount).toBe(5000);
    }
  });

  test('a tier applies after the contract price and never raises it', () => {
    const rules = [
      rule({ code: 'contract_price', dealers: { dealerIds: [dealerA.id] }, products: { skus: ['TEA-1'] }, args: { price: 850 } }),
      rule({ code: 'quantity_tier', args: { mode: 'all_units', method: 'fixed', tiers } }),
    ];
    expect(run(rules, { lines: [{ sku: 'TEA-1', qty: 10 }] }).lines[0]!.unitPrice).toBe(850);
    expect(run(rules, { lines: [{ sku: 'TEA-1', qty: 20 }] }).lines[0]!.unitPrice).toBe(800);
  });

  test('a percent-off tier discounts the incoming price', () => {
    const rules = [
      rule({ code: 'price_list', args: { method: 'fixed', price: 999 } }),
      rule({ code: 'quantity_tier', args: { mode: 'all_units', method: 'percent_off', rounding: 'down', tiers: [{ minQty: 12, percentOffBp: 500 }] } }),
    ];
    // 999 × 95 % = 949.05 -> 949
    expect(run(rules, { lines: [{ sku: 'TEA-1', qty: 1, unit: '箱' }] }).lines[0]!.unitPrice).toBe(949);
  });

  test('tiers count base units, so 2 箱 reaches a 20-件 tier', () => {
    const rules = [rule({ code: 'quantity_tier', args: { mode: 'all_units', method: 'fixed', tiers } })];
    const l = run(rules, { lines: [{ sku: 'TEA-1', qty: 2, unit: '箱' }] }).lines[0]!;
    expect(l.qty).toBe(24);
    expect(l.unitPrice).toBe(800);
  });
});
