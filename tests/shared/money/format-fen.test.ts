import { formatFen } from '../../../shared/money';

describe('formatFen', () => {
  test('renders 12345 fen as ¥123.45', () => expect(formatFen(12345)).toBe('¥123.45'));
  test('keeps two fraction digits', () => {
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(50)).toBe('¥0.50');
    expect(formatFen(30000)).toBe('¥300.00');
    expect(formatFen(0)).toBe('¥0.00');
  });
  test('puts the sign before the currency', () => expect(formatFen(-50)).toBe('-¥0.50'));
  test('compact drops only a zero fraction, for sentences like 再买 ¥300 减 ¥50', () => {
    expect(formatFen(30000, { compact: true })).toBe('¥300');
    expect(formatFen(30050, { compact: true })).toBe('¥300.50');
  });
  test('separates thousands, unless asked not to (CSV cells)', () => {
    expect(formatFen(100_000)).toBe('¥1,000.00');
    expect(formatFen(99_999)).toBe('¥999.99');
    expect(formatFen(-123_456_789)).toBe('-¥1,234,567.89');
    expect(formatFen(200_000, { compact: true })).toBe('¥2,000');
    expect(formatFen(123_456_789, { grouping: false })).toBe('¥1234567.89');
  });
  test('refuses a fraction of a fen', () => expect(() => formatFen(1.5)).toThrow(RangeError));
});
