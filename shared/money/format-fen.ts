/**
 * Renders integer fen as yuan for people: formatFen(12345) -> '¥123.45', formatFen(-50) -> '-¥0.50',
 * formatFen(123456789) -> '¥1,234,567.89' (thousands separated, as amounts are read in 对账单
 * and invoices). `compact` drops a zero fraction ('¥300' instead of '¥300.00'), for sentences
 * such as "再买 ¥300 减 ¥50"; any other fraction keeps both digits. `grouping: false` leaves the
 * separators out (machine-readable text: CSV cells, ids).
 */
export function formatFen(fen: number, options: { compact?: boolean; grouping?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatFen: not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = String(Math.floor(abs / 100));
  // Below ¥1,000 there is nothing to group: skip the regular expression (prices in notes mostly are).
  const yuan = options.grouping === false || abs < 100_000 ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const cents = abs % 100;
  if (options.compact && cents === 0) return `${sign}¥${yuan}`;
  return `${sign}¥${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}
