import { buildStatement, csvField, statementToCsv } from '../../../shared/orders';
import { shanghaiMonthRange } from '../../../shared/time';
import type { StatementInput } from '../../../shared/orders';

/** Epoch ms of a Shanghai wall time (UTC+8). */
const sh = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) => Date.UTC(y, m - 1, d, h - 8, min, s, ms);

const input = (over: Partial<StatementInput> = {}): StatementInput => ({
  dealerId: 'dealer-1',
  month: '2025-03',
  openingBalance: 100_000,
  orders: [],
  payments: [],
  rebates: [],
  ...over,
});

describe('statement month in Asia/Shanghai', () => {
  test('a month runs from the 1st 00:00:00.000 to the next 1st 00:00:00.000 Shanghai time', () => {
    expect(shanghaiMonthRange('2025-03')).toEqual({ start: Date.UTC(2025, 1, 28, 16), end: Date.UTC(2025, 2, 31, 16) });
    expect(shanghaiMonthRange('2024-12')).toEqual({ start: Date.UTC(2024, 10, 30, 16), end: Date.UTC(2024, 11, 31, 16) });
    expect(shanghaiMonthRange('2024-02')?.end).toBe(sh(2024, 3, 1));
    expect(shanghaiMonthRange('2025-13')).toBeNull();
    expect(shanghaiMonthRange('2025-3')).toBeNull();
  });

  test('23:59:59.999 on the last day is in the month; 00:00:00 on the 1st of the next is not', () => {
    const s = buildStatement(
      input({
        orders: [
          { orderNo: 'before', payable: 1, at: sh(2025, 2, 28, 23, 59, 59, 999) },
          { orderNo: 'first', payable: 10, at: sh(2025, 3, 1, 0, 0, 0, 0) },
          { orderNo: 'last', payable: 100, at: sh(2025, 3, 31, 23, 59, 59, 999) },
          { orderNo: 'after', payable: 1000, at: sh(2025, 4, 1, 0, 0, 0, 0) },
        ],
      }),
    );
    expect(s.lines.map((l) => l.ref)).toEqual(['first', 'last']);
    expect(s.lines.map((l) => l.time)).toEqual(['2025-03-01 00:00:00', '2025-03-31 23:59:59']);
  });

  test('does not depend on the machine’s timezone', () => {
    // The boundaries are arithmetic on UTC; this asserts the same numbers whatever TZ jest runs in.
    expect(shanghaiMonthRange('2025-03')?.start).toBe(1_740_758_400_000);
  });
});

describe('buildStatement', () => {
  const s = buildStatement(
    input({
      orders: [
        { orderNo: 'SO-2', payable: 30_000, at: sh(2025, 3, 10, 9) },
        { orderNo: 'SO-1', payable: 50_000, at: sh(2025, 3, 5, 9) },
      ],
      payments: [{ ref: 'PAY-1', amount: 60_000, at: sh(2025, 3, 10, 9), note: '银行转账' }],
      rebates: [{ ref: 'RB-1', amount: 5_000, at: sh(2025, 3, 20) }],
    }),
  );

  test('lists entries by time (orders before payments at the same instant) with a running balance', () => {
    expect(s.lines.map((l) => [l.kind, l.ref, l.debit, l.credit, l.balance])).toEqual([
      ['order', 'SO-1', 50_000, 0, 150_000],
      ['order', 'SO-2', 30_000, 0, 180_000],
      ['payment', 'PAY-1', 0, 60_000, 120_000],
      ['rebate', 'RB-1', 0, 5_000, 115_000],
    ]);
    expect(s.lines[2]?.description).toBe('回款 银行转账');
  });

  test('totals and closing balance add up: closing = opening + orders − payments − rebates', () => {
    expect(s.totals).toEqual({ orders: 80_000, returns: 0, payments: 60_000, rebates: 5_000 });
    expect(s.closingBalance).toBe(100_000 + 80_000 - 60_000 - 5_000);
    expect(s.closingBalance).toBe(s.lines.at(-1)?.balance);
  });

  test('a return is a credit line (after the orders of its instant) and closing = opening + orders − returns − payments − rebates', () => {
    const r = buildStatement(
      input({
        orders: [{ orderNo: 'SO-1', payable: 50_000, at: sh(2025, 3, 5, 9) }],
        returns: [{ ref: 'RT-1', orderNo: 'SO-1', amount: 12_000, at: sh(2025, 3, 5, 9), note: '破损' }],
        payments: [{ ref: 'PAY-1', amount: 10_000, at: sh(2025, 3, 5, 9) }],
      }),
    );
    expect(r.lines.map((l) => [l.kind, l.ref, l.debit, l.credit, l.balance])).toEqual([
      ['order', 'SO-1', 50_000, 0, 150_000],
      ['return', 'RT-1', 0, 12_000, 138_000],
      ['payment', 'PAY-1', 0, 10_000, 128_000],
    ]);
    expect(r.lines[1]?.description).toBe('退货 SO-1 破损');
    expect(r.totals).toEqual({ orders: 50_000, returns: 12_000, payments: 10_000, rebates: 0 });
    expect(r.closingBalance).toBe(100_000 + 50_000 - 12_000 - 10_000);
    expect(statementToCsv(r)).toContain(',退货,RT-1,退货 SO-1 破损,,120.00,1380.00');
  });

  test('an empty month closes at its opening balance', () => {
    expect(buildStatement(input())).toMatchObject({ lines: [], closingBalance: 100_000, totals: { orders: 0, payments: 0, rebates: 0 } });
  });

  test('refuses a malformed month or a fractional amount (validate at the edge)', () => {
    expect(() => buildStatement(input({ month: '2025/03' }))).toThrow(RangeError);
    expect(() => buildStatement(input({ orders: [{ orderNo: 'x', payable: 1.5, at: sh(2025, 3, 2) }] }))).toThrow(RangeError);
  });
});

describe('statementToCsv', () => {
  test('is UTF-8 with a BOM, Chinese headers, CRLF lines and yuan with two decimals', () => {
    const csv = statementToCsv(
      buildStatement(
        input({
          openingBalance: -50,
          orders: [{ orderNo: 'SO-1', payable: 123_456, at: sh(2025, 3, 5, 9, 30) }],
          payments: [{ ref: 'PAY-1', amount: 100, at: sh(2025, 3, 6) }],
        }),
      ),
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      '时间,类型,单号,摘要,订货金额(元),退货/回款/返利(元),余额(元)',
      '2025-03-01,期初余额,,,,,-0.50',
      '2025-03-05 09:30:00,订货,SO-1,订货 SO-1,1234.56,,1234.06',
      '2025-03-06 00:00:00,回款,PAY-1,回款,,1.00,1233.06',
      ',本期合计,,,1234.56,1.00,',
      ',期末余额,,,,,1233.06',
      '',
    ]);
  });

  test('escapes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const csv = statementToCsv(
      buildStatement(
        input({
          payments: [
            { ref: 'P,1', amount: 1, at: sh(2025, 3, 2), note: '含"引号"' },
            { ref: '=HYPERLINK("x")', amount: 1, at: sh(2025, 3, 3), note: '第一行\n第二行' },
          ],
        }),
      ),
    );
    expect(csv).toContain(',"P,1","回款 含""引号""",');
    expect(csv).toContain(`,"'=HYPERLINK(""x"")","回款 第一行\n第二行",`);
  });

  test('csvField leaves plain text alone and keeps negative amounts numeric', () => {
    expect(csvField('龙井')).toBe('龙井');
    expect(csvField('-1.00', false)).toBe('-1.00');
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('a\rb')).toBe('"a\rb"');
  });
});
