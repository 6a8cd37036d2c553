import { divide } from './divide';
import type { RoundingMode } from './rounding-mode';

/** 10000 basis points = 100 %. Percentages are integers of basis points so they never drift. */
export const BASIS_POINTS = 10_000;

/**
 * `basisPoints` of `amount` fen, rounded with the named mode: percentOf(999, 9000, 'half_up')
 * is 90 % of ¥9.99 = 899.1 -> 899 fen. basisPoints is an integer (9000 = 90 %, 9050 = 90.5 %).
 */
export function percentOf(amount: number, basisPoints: number, mode: RoundingMode): number {
  if (!Number.isSafeInteger(basisPoints)) throw new RangeError(`percentOf: basis points must be an integer, got ${basisPoints}`);
  return multiplyRatio(amount, basisPoints, BASIS_POINTS, mode);
}

/** amount × numerator / denominator (all integers, denominator > 0), rounded once with the named mode. */
export function multiplyRatio(amount: number, numerator: number, denominator: number, mode: RoundingMode): number {
  if (!Number.isSafeInteger(amount) || !Number.isSafeInteger(numerator)) {
    throw new RangeError(`multiplyRatio: amount and numerator must be safe integers, got ${amount}, ${numerator}`);
  }
  const product = amount * numerator;
  return Number.isSafeInteger(product) ? divide(product, denominator, mode) : divide(BigInt(amount) * BigInt(numerator), BigInt(denominator), mode);
}
