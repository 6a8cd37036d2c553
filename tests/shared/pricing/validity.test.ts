import { NOW, rule, run } from './fixtures';

describe('validity windows: validFrom inclusive, validTo exclusive', () => {
  const windowed = (validFrom: number | null, validTo: number | null) => rule({ code: 'line_percent_off', validFrom, validTo, args: { percentOffBp: 1000 } });

  test('applies at exactly validFrom', () => expect(run([windowed(NOW, NOW + 1000)]).totals.payable).toBe(9000));
  test('does not apply 1 ms before validFrom', () => expect(run([windowed(NOW + 1, NOW + 1000)]).totals.payable).toBe(10000));
  test('applies 1 ms before validTo', () => expect(run([windowed(NOW - 1000, NOW + 1)]).totals.payable).toBe(9000));
  test('does not apply at exactly validTo', () => expect(run([windowed(NOW - 1000, NOW)]).totals.payable).toBe(10000));
  test('open ends (null) mean no start and no end', () => {
    expect(run([windowed(null, null)]).totals.payable).toBe(9000);
    expect(run([windowed(null, NOW + 1)]).totals.payable).toBe(9000);
    expect(run([windowed(NOW, null)]).totals.payable).toBe(9000);
  });
  test('price lists obey the window too', () => {
    const expired = rule({ code: 'price_list', validTo: NOW, args: { method: 'fixed', price: 1 } });
    expect(run([expired]).totals.payable).toBe(10000);
  });
  test('a disabled rule never applies', () => {
    expect(run([rule({ code: 'line_percent_off', enabled: false, args: { percentOffBp: 1000 } })]).totals.payable).toBe(10000);
  });
});
