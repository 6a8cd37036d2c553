import fc from 'fast-check';
import { divide, multiplyRatio, percentOf, roundDown, roundHalfEven, roundHalfUp, roundUp, ROUNDING_MODES } from '../../../shared/money';
import type { RoundingMode } from '../../../shared/money';

describe('named rounding modes', () => {
  test.each([
    // n, d, half_up, half_even, down, up
    [25, 10, 3, 2, 2, 3],
    [35, 10, 4, 4, 3, 4],
    [24, 10, 2, 2, 2, 3],
    [26, 10, 3, 3, 2, 3],
    [30, 10, 3, 3, 3, 3],
    [-25, 10, -3, -2, -2, -3],
    [-26, 10, -3, -3, -2, -3],
    [0, 7, 0, 0, 0, 0],
  ])('%i / %i rounds to %i half up, %i half even, %i down, %i up', (n, d, hu, he, dn, up) => {
    expect(roundHalfUp(n, d)).toBe(hu);
    expect(roundHalfEven(n, d)).toBe(he);
    expect(roundDown(n, d)).toBe(dn);
    expect(roundUp(n, d)).toBe(up);
  });

  test('percentOf takes basis points: 90 % of ¥9.99 is 899.1 fen', () => {
    expect(percentOf(999, 9000, 'half_up')).toBe(899);
    expect(percentOf(999, 9000, 'up')).toBe(900);
    expect(percentOf(999, 9000, 'down')).toBe(899);
    expect(percentOf(995, 5000, 'half_even')).toBe(498); // 497.5 -> even 498
    expect(percentOf(985, 5000, 'half_even')).toBe(492); // 492.5 -> even 492
    expect(percentOf(985, 5000, 'half_up')).toBe(493);
  });

  test('multiplyRatio takes a rational: 2/3 of 100 fen', () => {
    expect(multiplyRatio(100, 2, 3, 'half_up')).toBe(67);
    expect(multiplyRatio(100, 2, 3, 'down')).toBe(66);
  });

  test('is exact beyond 2^53 (amount × basis points of a large order)', () => {
    expect(percentOf(99_999_999_999, 9999, 'half_up')).toBe(99_989_999_999);
    expect(percentOf(99_999_999_999, 9999, 'down')).toBe(99_989_999_999);
    expect(percentOf(99_999_999_999, 9999, 'up')).toBe(99_990_000_000);
  });

  test('refuses fractions and non-positive divisors', () => {
    expect(() => divide(1.5, 2, 'half_up')).toThrow(RangeError);
    expect(() => divide(1, 0, 'half_up')).toThrow(RangeError);
    expect(() => percentOf(100, 12.5, 'half_up')).toThrow(RangeError);
  });

  const reference = (n: bigint, d: bigint, mode: RoundingMode): bigint => {
    const q = n / d;
    const r = n % d;
    if (r === 0n) return q;
    const sign = n < 0n ? -1n : 1n;
    const twice = (r < 0n ? -r : r) * 2n;
    switch (mode) {
      case 'down':
        return q;
      case 'up':
        return q + sign;
      case 'half_up':
        return twice >= d ? q + sign : q;
      case 'half_even':
        return twice > d || (twice === d && q % 2n !== 0n) ? q + sign : q;
    }
  };

  test('property: every mode agrees with exact BigInt arithmetic and lands within one unit of the true quotient', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 1e6 }), fc.constantFrom(...ROUNDING_MODES), (n, d, mode) => {
        const got = divide(n, d, mode);
        expect(BigInt(got)).toBe(reference(BigInt(n), BigInt(d), mode));
        expect(Math.abs(got * d - n)).toBeLessThan(d);
      }),
    );
  });
});
