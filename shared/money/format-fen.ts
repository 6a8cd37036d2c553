/**
 * Renders integer fen as yuan for people: formatFen(12345) -> '¥123.45', formatFen(-50) -> '-¥0.50'.
 * `compact` drops a zero fraction ('¥300' instead of '¥300.00'), for sentences such as
 * "再买 ¥300 减 ¥50"; any other fraction keeps both digits.
 */
export function formatFen(fen: number, options: { compact?: boolean } = {}): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`formatFen: not an integer amount of fen: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  if (options.compact && cents === 0) return `${sign}¥${yuan}`;
  return `${sign}¥${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}
