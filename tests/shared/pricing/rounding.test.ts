import { ROUNDING_MODES } from '../../../shared/money';
import { CATALOG, product, rule, run } from './fixtures';

describe('percent-of prices with each rounding mode', () => {
  // list ¥9.99; 87.5 % = 874.125 fen; 9 折 of 999 = 899.1
  const catalog = [product('R-1', { listPrice: 999 }), ...CATALOG];
  const lines = [{ sku: 'R-1', qty: 1 }];

  test.each([
    ['half_up', 874],
    ['half_even', 874],
    ['down', 874],
    ['up', 875],
  ] as const)('price list at 87.5 %% of ¥9.99 rounds %s to %i fen', (rounding, expected) => {
    const r = run([rule({ code: 'price_list', args: { method: 'percent_of_list', percentBp: 8750, rounding } })], { catalog, lines });
    expect(r.lines[0]!.unitPrice).toBe(expected);
  });

  test.each([
    ['half_up', 900],
    ['half_even', 900],
    ['down', 899],
    ['up', 900],
  ] as const)('line 5 折 of ¥17.99 (899.5 fen) rounds %s to %i fen', (rounding, expected) => {
    const c = [product('R-2', { listPrice: 1799 }), ...CATALOG];
    const r = run([rule({ code: 'line_percent_off', args: { percentOffBp: 5000, rounding } })], { catalog: c, lines: [{ sku: 'R-2', qty: 1 }] });
    expect(r.lines[0]!.amount).toBe(expected);
  });

  test('half_even goes to the even fen on an exact half', () => {
    const c = [product('R-3', { listPrice: 1797 }), ...CATALOG]; // half = 898.5
    const r = run([rule({ code: 'line_percent_off', args: { percentOffBp: 5000, rounding: 'half_even' } })], { catalog: c, lines: [{ sku: 'R-3', qty: 1 }] });
    expect(r.lines[0]!.amount).toBe(898);
  });

  test('the default rounding is half_up', () => {
    const parsed = rule({ code: 'line_percent_off', args: { percentOffBp: 5000 } });
    expect(parsed.code === 'line_percent_off' && parsed.args.rounding).toBe('half_up');
    expect(ROUNDING_MODES).toContain('half_up');
  });

  test('a line percentage rounds once on the line, not per unit', () => {
    // 3 × ¥9.99 = 2997; 9 折 = 2697.3 -> 2697 (per unit it would be 3 × 899 = 2697 too; use 7 units: 6293.7 -> 6294 vs 7 × 899 = 6293)
    const r = run([rule({ code: 'line_percent_off', args: { percentOffBp: 1000 } })], { catalog, lines: [{ sku: 'R-1', qty: 7 }] });
    expect(r.lines[0]!.amount).toBe(6294);
  });
});
