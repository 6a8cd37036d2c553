/**
 * Splits `total` fen across `weights` so the parts add back to exactly `total` — THE allocation
 * rule of the system (order discounts and rebate deductions split to lines use it):
 *
 *   largest remainder: each part is floor(total × weight / Σweights); the fen left over go one
 *   by one to the parts with the largest fractional remainders, ties broken by position (the
 *   earlier line first).
 *
 * So each part is within 1 fen of its exact share, and when 0 ≤ total ≤ Σweights no part exceeds
 * its weight (a line's discount never exceeds the line). Weights are non-negative integers
 * (usually line amounts in fen); if they are all zero the split is even. A negative total is
 * split as its absolute value and negated. Exact for any size: products beyond 2^53 use BigInt.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total)) throw new RangeError(`allocate: total must be a safe integer, got ${total}`);
  const n = weights.length;
  if (n === 0) {
    if (total !== 0) throw new RangeError('allocate: cannot split a non-zero total across no weights');
    return [];
  }
  if (total < 0) return allocate(-total, weights).map((part) => (part === 0 ? 0 : -part));
  let sum = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`allocate: weights must be non-negative integers, got ${w}`);
    sum += w;
  }
  const even = sum === 0;
  const ws = even ? weights.map(() => 1) : weights;
  const denominator = even ? n : sum;
  if (!Number.isSafeInteger(denominator)) throw new RangeError('allocate: the weights add up beyond 2^53');

  const parts = new Array<number>(n);
  const remainders = new Array<number | bigint>(n);
  let given = 0;
  const big = !Number.isSafeInteger(total * denominator);
  for (let i = 0; i < n; i++) {
    const w = ws[i] as number;
    if (big) {
      const product = BigInt(total) * BigInt(w);
      const d = BigInt(denominator);
      parts[i] = Number(product / d);
      remainders[i] = product % d;
    } else {
      const product = total * w;
      const r = product % denominator;
      parts[i] = (product - r) / denominator;
      remainders[i] = r;
    }
    given += parts[i] as number;
  }
  let leftover = total - given; // < n
  if (leftover > 0) {
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => {
      const ra = remainders[a] as number | bigint;
      const rb = remainders[b] as number | bigint;
      return ra > rb ? -1 : ra < rb ? 1 : a - b;
    });
    for (let k = 0; leftover > 0; k++, leftover--) {
      const i = order[k] as number;
      parts[i] = (parts[i] as number) + 1;
    }
  }
  return parts;
}
