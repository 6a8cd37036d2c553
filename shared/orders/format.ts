import { formatFen } from '../money';

/** Money as people read it in messages: formatYuan(8_200_000) -> '¥82,000.00' (money/formatFen, which groups thousands). */
export function formatYuan(fen: number): string {
  return formatFen(fen);
}

/** Basis points as a percentage with two decimals: 2350 -> '23.50%'. bp is an integer. */
export function formatBasisPoints(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}
