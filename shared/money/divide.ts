import type { RoundingMode } from './rounding-mode';

/**
 * numerator / denominator rounded to an integer with the named mode. Both are integers, the
 * denominator positive. Exact for any integers: when numerator is beyond 2^53 (a product such
 * as amount × basis points can be) the division runs on BigInt instead of doubles.
 */
export function divide(numerator: number | bigint, denominator: number | bigint, mode: RoundingMode): number {
  if (typeof numerator === 'number' && typeof denominator === 'number' && Number.isSafeInteger(numerator)) {
    if (!Number.isSafeInteger(denominator) || denominator <= 0) throw new RangeError(`divide: denominator must be a positive integer, got ${denominator}`);
    const r = numerator % denominator;
    // (n - r) is an exact multiple of d, so this division is exact in doubles.
    const q = (numerator - r) / denominator;
    return q + adjust(mode, q, Math.abs(r) * 2, denominator, Math.sign(numerator), r !== 0);
  }
  const n = toBig(numerator, 'numerator');
  const d = toBig(denominator, 'denominator');
  if (d <= 0n) throw new RangeError(`divide: denominator must be a positive integer, got ${d}`);
  const r = n % d;
  const q = (n - r) / d;
  const twiceR = (r < 0n ? -r : r) * 2n;
  const half = twiceR === d ? 0 : twiceR > d ? 1 : -1;
  const sign = n < 0n ? -1 : 1;
  const result = q + BigInt(step(mode, Number(q % 2n) !== 0, half, sign, r !== 0n));
  if (result > BigInt(Number.MAX_SAFE_INTEGER) || result < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('divide: result is beyond the safe integer range');
  }
  return Number(result);
}

function toBig(value: number | bigint, what: string): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`divide: ${what} must be a safe integer, got ${value}`);
  return BigInt(value);
}

function adjust(mode: RoundingMode, q: number, twiceR: number, d: number, sign: number, inexact: boolean): number {
  const half = twiceR === d ? 0 : twiceR > d ? 1 : -1;
  return step(mode, q % 2 !== 0, half, sign, inexact);
}

/** The correction (0 or ±1) to the truncated quotient. `half`: remainder vs half the divisor (-1 below, 0 equal, 1 above). */
function step(mode: RoundingMode, qOdd: boolean, half: number, sign: number, inexact: boolean): number {
  if (!inexact) return 0;
  switch (mode) {
    case 'down':
      return 0;
    case 'up':
      return sign;
    case 'half_up':
      return half >= 0 ? sign : 0;
    case 'half_even':
      return half > 0 || (half === 0 && qOdd) ? sign : 0;
  }
}
