import { rule, run } from './fixtures';

describe('almost reached', () => {
  test('满减 not reached: 再买 ¥300 减 ¥50', () => {
    const r = run([rule({ code: 'order_threshold_amount_off', name: '满 ¥400 减 ¥50', args: { threshold: 40000, amountOff: 5000 } })], {
      lines: [{ sku: 'TEA-1', qty: 10 }],
    });
    expect(r.almostReached).toEqual([
      {
        ruleId: expect.any(String),
        code: 'order_threshold_amount_off',
        name: '满 ¥400 减 ¥50',
        sku: null,
        measure: 'amount',
        missing: 30000,
        missingQty: null,
        message: '再买 ¥300 减 ¥50',
      },
    ]);
  });

  test('repeatable 满减 already reached once: 再买 ¥X 可再减 ¥Y; non-repeatable reached: no hint', () => {
    const rep = run([rule({ code: 'order_threshold_amount_off', args: { threshold: 6000, amountOff: 500, repeatable: true } })]);
    expect(rep.almostReached.map((a) => a.message)).toEqual(['再买 ¥20 可再减 ¥5']);
    const once = run([rule({ code: 'order_threshold_amount_off', args: { threshold: 6000, amountOff: 500 } })]);
    expect(once.almostReached).toEqual([]);
  });

  test('满折 not reached: 再买 ¥50.50 享 9 折', () => {
    const r = run([rule({ code: 'order_threshold_percent_off', args: { threshold: 15050, percentOffBp: 1000 } })]);
    expect(r.almostReached.map((a) => a.message)).toEqual(['再买 ¥50.50 享 9 折']);
  });

  test('搭赠 in the buyer’s unit: 再买 2 箱 送 1 件', () => {
    const r = run([rule({ code: 'buy_x_get_y', args: { buyQty: 36, getQty: 1 } })], { lines: [{ sku: 'TEA-1', qty: 1, unit: '箱' }] });
    expect(r.almostReached).toEqual([
      expect.objectContaining({ sku: 'TEA-1', measure: 'quantity', missing: 24, missingQty: { qty: 2, unit: '箱' }, message: '再买 2 箱 送 1 件' }),
    ]);
  });

  test('搭赠 of another SKU names the gift', () => {
    const r = run([rule({ code: 'buy_x_get_y', args: { buyQty: 12, getQty: 2, getSku: 'CUP-1' } })]);
    expect(r.almostReached.map((a) => a.message)).toEqual(['再买 2 件 送 2 件 定制茶杯']);
  });

  test('quantity tier: 再买 N 件 单价降至 ¥X', () => {
    const r = run(
      [
        rule({
          code: 'quantity_tier',
          args: {
            mode: 'all_units',
            method: 'fixed',
            tiers: [
              { minQty: 10, price: 900 },
              { minQty: 24, price: 800 },
            ],
          },
        }),
      ],
      {
        lines: [{ sku: 'TEA-1', qty: 1, unit: '箱' }],
      },
    );
    expect(r.almostReached.map((a) => a.message)).toEqual(['再买 1 箱 单价降至 ¥8.00']);
  });

  test('line discount from a quantity: 再买 2 件 享 9 折', () => {
    const r = run([rule({ code: 'line_percent_off', args: { percentOffBp: 1000, minQty: 12 } })]);
    expect(r.almostReached.map((a) => a.message)).toEqual(['再买 2 件 享 9 折']);
  });

  test('a used-up promotion gives no hint', () => {
    const r = run([rule({ code: 'order_threshold_amount_off', id: 'once', usageLimitPerDealer: 1, args: { threshold: 40000, amountOff: 5000 } })], {
      usage: { once: 1 },
    });
    expect(r.almostReached).toEqual([]);
    expect(r.notApplied.map((n) => n.ruleId)).toEqual(['once']);
  });
});
