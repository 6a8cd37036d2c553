import { CATALOG, rule, run } from './fixtures';

const three = [
  { sku: 'TEA-1', qty: 10 }, // ¥100
  { sku: 'TEA-2', qty: 10 }, // ¥200
  { sku: 'SNK-1', qty: 12 }, // ¥60
];

describe('line promotions', () => {
  test('line_percent_off takes basis points off the line amount', () => {
    const r = run([rule({ code: 'line_percent_off', name: '春茶 9 折', args: { percentOffBp: 1000 } })]);
    const l = r.lines[0]!;
    expect(l.amount).toBe(9000);
    expect(l.steps.at(-1)).toMatchObject({
      kind: 'promotion',
      code: 'line_percent_off',
      label: '春茶 9 折',
      amountBefore: 10000,
      amountAfter: 9000,
      saved: 1000,
    });
    expect(r.promotions).toEqual([{ ruleId: expect.any(String), code: 'line_percent_off', name: '春茶 9 折', saved: 1000, times: 1 }]);
  });

  test('line_percent_off with minQty applies only from that quantity', () => {
    const rules = [rule({ code: 'line_percent_off', args: { percentOffBp: 1000, minQty: 12 } })];
    expect(run(rules, { lines: [{ sku: 'TEA-1', qty: 11 }] }).lines[0]!.amount).toBe(11000);
    expect(run(rules, { lines: [{ sku: 'TEA-1', qty: 1, unit: '箱' }] }).lines[0]!.amount).toBe(10800);
  });

  test('line_amount_off takes fen off every base unit, never below zero', () => {
    expect(run([rule({ code: 'line_amount_off', args: { amountOffPerUnit: 150 } })]).lines[0]!.amount).toBe(8500);
    expect(run([rule({ code: 'line_amount_off', args: { amountOffPerUnit: 5000 } })]).lines[0]!.amount).toBe(0);
  });

  test('special_price applies only when lower than the current price', () => {
    expect(run([rule({ code: 'special_price', args: { price: 666 } })]).lines[0]!.unitPrice).toBe(666);
    const r = run([rule({ code: 'special_price', args: { price: 1200 } })]);
    expect(r.lines[0]!.unitPrice).toBe(1000);
    expect(r.promotions).toEqual([]);
  });

  test('a promotion targeted at a category leaves other categories alone', () => {
    const r = run([rule({ code: 'line_percent_off', products: { categoryIds: ['cat-snack'] }, args: { percentOffBp: 5000 } })], { lines: three });
    expect(r.lines.map((l) => l.amount)).toEqual([10000, 20000, 3000]);
  });
});

describe('stacking and priority', () => {
  test('within one stacking group the best for the dealer wins, per line', () => {
    const rules = [
      rule({ code: 'line_percent_off', name: '9 折', priority: 10, args: { percentOffBp: 1000 } }),
      rule({ code: 'line_amount_off', name: '每件减 ¥2.5', args: { amountOffPerUnit: 250 }, products: { skus: ['TEA-1'] } }),
    ];
    const r = run(rules, { lines: three });
    // TEA-1: 10 % = 1000 vs 2.50 × 10 = 2500 -> amount off; others only have 9 折
    expect(r.lines.map((l) => l.amount)).toEqual([7500, 18000, 5400]);
    expect(r.lines[0]!.steps.filter((s) => s.kind === 'promotion').map((s) => s.label)).toEqual(['每件减 ¥2.5']);
  });

  test('across groups promotions stack in priority order, each on the already discounted amount', () => {
    const rules = [
      rule({ code: 'line_amount_off', name: '立减', priority: 1, stackingGroup: 'b', args: { amountOffPerUnit: 100 } }),
      rule({ code: 'line_percent_off', name: '折扣', priority: 9, stackingGroup: 'a', args: { percentOffBp: 1000 } }),
    ];
    const l = run(rules).lines[0]!;
    // 10000 -> 9 折 9000 -> minus 10 × 100 = 8000 (the other order would give 8100)
    expect(l.amount).toBe(8000);
    expect(l.steps.filter((s) => s.kind === 'promotion').map((s) => [s.label, s.amountBefore, s.amountAfter])).toEqual([
      ['折扣', 10000, 9000],
      ['立减', 9000, 8000],
    ]);
  });

  test('at equal value inside a group the higher priority rule is the one shown', () => {
    const rules = [
      rule({ code: 'line_amount_off', id: 'a-low', name: '低', priority: 1, args: { amountOffPerUnit: 100 } }),
      rule({ code: 'line_percent_off', id: 'z-high', name: '高', priority: 2, args: { percentOffBp: 1000 } }),
    ];
    expect(run(rules).promotions.map((p) => p.name)).toEqual(['高']);
  });
});

describe('order thresholds (满减 / 满折)', () => {
  test('满减 applies at the threshold exactly and is split to lines adding up exactly', () => {
    const rules = [rule({ code: 'order_threshold_amount_off', name: '满 ¥360 减 ¥50', args: { threshold: 36000, amountOff: 5000 } })];
    const r = run(rules, { lines: three });
    expect(r.totals.goodsTotal).toBe(36000);
    expect(r.totals.orderDiscountTotal).toBe(5000);
    expect(r.lines.map((l) => l.orderDiscount)).toEqual([1389, 2778, 833]);
    expect(r.lines.reduce((s, l) => s + l.orderDiscount, 0)).toBe(5000);
    expect(r.lines.reduce((s, l) => s + l.payable, 0)).toBe(r.totals.payable);
    expect(r.totals.payable).toBe(31000);
    expect(run(rules, { lines: three.slice(0, 2) }).totals.orderDiscountTotal).toBe(0);
  });

  test('a repeatable 满减 applies once per whole multiple, up to maxTimes', () => {
    const args = { threshold: 10000, amountOff: 1000, repeatable: true };
    expect(run([rule({ code: 'order_threshold_amount_off', args })], { lines: three }).totals.orderDiscountTotal).toBe(3000);
    expect(run([rule({ code: 'order_threshold_amount_off', args: { ...args, maxTimes: 2 } })], { lines: three }).totals.orderDiscountTotal).toBe(2000);
  });

  test('满折 takes a percentage of the eligible lines, capped at maxDiscount', () => {
    const r = run([rule({ code: 'order_threshold_percent_off', args: { threshold: 30000, percentOffBp: 500 } })], { lines: three });
    expect(r.totals.orderDiscountTotal).toBe(1800);
    const capped = run([rule({ code: 'order_threshold_percent_off', args: { threshold: 30000, percentOffBp: 500, maxDiscount: 1000 } })], { lines: three });
    expect(capped.totals.orderDiscountTotal).toBe(1000);
  });

  test('a threshold limited to a category measures and discounts only that category', () => {
    const rules = [rule({ code: 'order_threshold_amount_off', products: { categoryIds: ['cat-tea'] }, args: { threshold: 30000, amountOff: 3000 } })];
    const r = run(rules, { lines: three });
    expect(r.lines.map((l) => l.orderDiscount)).toEqual([1000, 2000, 0]);
  });

  test('thresholds are measured after line promotions', () => {
    const rules = [
      rule({ code: 'line_percent_off', stackingGroup: 'line', args: { percentOffBp: 1000 } }),
      rule({ code: 'order_threshold_amount_off', stackingGroup: 'order', args: { threshold: 36000, amountOff: 5000 } }),
    ];
    expect(run(rules, { lines: three }).totals.orderDiscountTotal).toBe(0);
  });

  test('two thresholds in one group: the larger discount wins; in two groups they stack', () => {
    const a = { code: 'order_threshold_amount_off' as const, args: { threshold: 20000, amountOff: 1000 } };
    const b = { code: 'order_threshold_percent_off' as const, args: { threshold: 20000, percentOffBp: 1000 } };
    expect(run([rule(a), rule(b)], { lines: three }).totals.orderDiscountTotal).toBe(3600);
    // group x (priority 2): 10 % of 36000 = 3600; then group y: ¥10 off the rest
    const stacked = run([rule({ ...a, stackingGroup: 'y' }), rule({ ...b, stackingGroup: 'x', priority: 2 })], { lines: three });
    expect(stacked.totals.orderDiscountTotal).toBe(4600);
    expect(stacked.lines[0]!.steps.filter((s) => s.kind === 'order').map((s) => s.code)).toEqual(['order_threshold_percent_off', 'order_threshold_amount_off']);
  });
  test('a later 满减 is capped at what the earlier groups left: never below zero', () => {
    const rules = [
      rule({ code: 'order_threshold_percent_off', stackingGroup: 'first', priority: 2, args: { threshold: 1, percentOffBp: 6000 } }),
      rule({ code: 'order_threshold_amount_off', stackingGroup: 'second', args: { threshold: 10000, amountOff: 10000 } }),
    ];
    const r = run(rules);
    expect(r.totals).toMatchObject({ goodsTotal: 10000, orderDiscountTotal: 10000, payable: 0 });
    expect(r.promotions.map((p) => p.saved)).toEqual([6000, 4000]);
  });
});

describe('搭赠 (buy_x_get_y)', () => {
  test('every 10 get 1 of the same SKU is repeatable and gives gift lines priced 0', () => {
    const r = run([rule({ code: 'buy_x_get_y', name: '买十送一', args: { buyQty: 10, getQty: 1 } })], { lines: [{ sku: 'TEA-1', qty: 25 }] });
    const gift = r.lines[1]!;
    expect(gift).toMatchObject({ kind: 'gift', sku: 'TEA-1', qty: 2, unitPrice: 0, amount: 0, payable: 0, gift: { name: '买十送一' } });
    expect(r.lines[0]!.amount).toBe(25000);
    expect(r.totals).toMatchObject({ payable: 25000, giftValue: 2000 });
    expect(r.promotions).toEqual([expect.objectContaining({ saved: 2000, times: 2 })]);
  });

  test('not repeatable gives one round only', () => {
    const r = run([rule({ code: 'buy_x_get_y', args: { buyQty: 10, getQty: 1, repeatable: false } })], { lines: [{ sku: 'TEA-1', qty: 25 }] });
    expect(r.lines[1]!.qty).toBe(1);
  });

  test('another SKU as gift counts the eligible lines together', () => {
    const rules = [rule({ code: 'buy_x_get_y', products: { categoryIds: ['cat-tea'] }, args: { buyQty: 12, getQty: 1, getSku: 'CUP-1' } })];
    const r = run(rules, { lines: three });
    expect(r.lines.filter((l) => l.kind === 'gift')).toEqual([expect.objectContaining({ sku: 'CUP-1', name: '定制茶杯', qty: 1, listPrice: 800 })]);
  });

  test('a gift SKU missing from the catalog is not given', () => {
    const rules = [rule({ code: 'buy_x_get_y', args: { buyQty: 1, getQty: 1, getSku: 'NOPE' } })];
    expect(run(rules).lines).toHaveLength(1);
  });

  test('gifts do not change the payable amount or the thresholds', () => {
    const rules = [
      rule({ code: 'buy_x_get_y', stackingGroup: 'gift', args: { buyQty: 1, getQty: 1 } }),
      rule({ code: 'order_threshold_amount_off', args: { threshold: 10001, amountOff: 100 } }),
    ];
    expect(run(rules).totals).toMatchObject({ payable: 10000, orderDiscountTotal: 0 });
  });
});

describe('bundle price (组合价)', () => {
  const bundle = rule({
    code: 'bundle_price',
    name: '茶点组合',
    args: {
      items: [
        { sku: 'TEA-1', qty: 2 },
        { sku: 'SNK-1', qty: 4 },
      ],
      price: 3000,
    },
  });

  test('prices whole sets at the bundle price and splits the saving to its lines', () => {
    // a set is worth 2 × 10.00 + 4 × 5.00 = 40.00; 5 sets fit (TEA-1 10/2, SNK-1 12/4 = 3) -> 3 sets
    const r = run([bundle], { lines: three });
    expect(r.promotions).toEqual([expect.objectContaining({ name: '茶点组合', saved: 3000, times: 3 })]);
    expect(r.lines.map((l) => l.amount)).toEqual([10000 - 1500, 20000, 6000 - 1500]);
  });

  test('does not apply when the cart lacks an item', () => {
    expect(run([bundle], { lines: [{ sku: 'TEA-1', qty: 10 }] }).promotions).toEqual([]);
  });

  test('respects maxSets', () => {
    const one = rule({
      code: 'bundle_price',
      args: {
        items: [
          { sku: 'TEA-1', qty: 2 },
          { sku: 'SNK-1', qty: 4 },
        ],
        price: 3000,
        maxSets: 1,
      },
    });
    expect(run([one], { lines: three }).totals.goodsTotal).toBe(36000 - 1000);
  });

  test('in a group with a line discount, the combination worth more to the dealer wins', () => {
    const pct = rule({ code: 'line_percent_off', products: { skus: ['TEA-1', 'SNK-1'] }, args: { percentOffBp: 500 } });
    // bundle saves 3000; 5 % of TEA-1 and SNK-1 saves 500 + 300 = 800
    expect(run([bundle, pct], { lines: three }).promotions.map((p) => p.code)).toEqual(['bundle_price']);
    const big = rule({ code: 'line_percent_off', products: { skus: ['TEA-1', 'SNK-1'] }, args: { percentOffBp: 5000 } });
    expect(run([bundle, big], { lines: three }).promotions.map((p) => p.code)).toEqual(['line_percent_off']);
  });
});

describe('usage limits', () => {
  test('a promotion whose per-dealer limit is used up does not apply and is listed as not applied', () => {
    const limited = rule({ code: 'line_percent_off', id: 'new-dealer-gift', name: '首单 8 折', usageLimitPerDealer: 1, args: { percentOffBp: 2000 } });
    expect(run([limited], { usage: {} }).totals.payable).toBe(8000);
    const used = run([limited], { usage: { 'new-dealer-gift': 1 } });
    expect(used.totals.payable).toBe(10000);
    expect(used.notApplied).toEqual([
      {
        ruleId: 'new-dealer-gift',
        code: 'line_percent_off',
        name: '首单 8 折',
        reason: 'USAGE_LIMIT_REACHED',
        message: '首单 8 折 每个经销商限用 1 次，您已用完',
      },
    ]);
    expect(run([limited], { usage: { 'other-rule': 5 } }).totals.payable).toBe(8000);
  });
});

describe('rebate deduction slot', () => {
  test('is split to lines by largest remainder and capped at what is payable', () => {
    const r = run([], { lines: three, rebateDeduction: 1000 });
    expect(r.lines.map((l) => l.rebateDeduction)).toEqual([278, 555, 167]);
    expect(r.totals.payable).toBe(35000);
    expect(r.lines[0]!.steps.at(-1)).toMatchObject({ code: 'rebate_deduction', label: '返利抵扣', saved: 278 });
    const capped = run([], { lines: three, rebateDeduction: 99_999_999 });
    expect(capped.rebate).toEqual({ requested: 99_999_999, applied: 36000 });
    expect(capped.totals.payable).toBe(0);
  });

  test('0 changes nothing', () => {
    expect(run([], { rebateDeduction: 0 })).toEqual(run([]));
  });
});

test('the catalog fixture is a valid set of products', () => {
  expect(new Set(CATALOG.map((p) => p.sku)).size).toBe(CATALOG.length);
});
