import fc from 'fast-check';
import { allocate } from '../../../shared/money';

describe('allocate (largest remainder)', () => {
  test('splits 100 fen over three equal weights as 34, 33, 33: the leftover fen goes to the earliest tie', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });

  test('gives leftover fen to the largest fractional remainders first', () => {
    // exact shares 1.5, 3.75, 4.75 -> floors 1, 3, 4 (8), two fen left: to .75 (index 1), then .75 (index 2)
    expect(allocate(10, [150, 375, 475])).toEqual([1, 4, 5]);
  });

  test('splits a 满减 of ¥50 over lines of ¥90 and ¥216 exactly', () => {
    expect(allocate(500, [9000, 21600])).toEqual([147, 353]);
  });

  test('splits evenly when all weights are zero', () => {
    expect(allocate(5, [0, 0, 0])).toEqual([2, 2, 1]);
  });

  test('gives nothing to a zero weight when others are positive', () => {
    expect(allocate(7, [0, 3, 4])).toEqual([0, 3, 4]);
  });

  test('splits a negative total as the negated split of its absolute value', () => {
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
  });

  test('stays exact when total × weight is beyond 2^53', () => {
    const parts = allocate(90_000_000_000, [70_000_000_001, 30_000_000_000]);
    expect(parts[0]! + parts[1]!).toBe(90_000_000_000);
    expect(parts).toEqual([63_000_000_000, 27_000_000_000]);
  });

  test('refuses negative or fractional weights and fractional totals', () => {
    expect(() => allocate(10, [1, -1])).toThrow(RangeError);
    expect(() => allocate(10, [1.5])).toThrow(RangeError);
    expect(() => allocate(10.5, [1])).toThrow(RangeError);
    expect(() => allocate(1, [])).toThrow(RangeError);
    expect(allocate(0, [])).toEqual([]);
  });

  const weights = fc.array(fc.nat({ max: 10_000_000 }), { minLength: 1, maxLength: 40 });
  const total = fc.nat({ max: 1_000_000_000 });

  test('property: the parts add back exactly to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), weights, (t, ws) => {
        expect(allocate(t, ws).reduce((s, p) => s + p, 0)).toBe(t);
      }),
    );
  });

  test('property: no part is negative when the total is not', () => {
    fc.assert(fc.property(total, weights, (t, ws) => allocate(t, ws).every((p) => p >= 0)));
  });

  test('property: each part is within 1 fen of its exact share (floor or floor + 1)', () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const sum = ws.reduce((s, w) => s + w, 0);
        allocate(t, ws).forEach((p, i) => {
          const exactTimesSum = sum === 0 ? BigInt(t) : BigInt(t) * BigInt(ws[i]!);
          const d = BigInt(sum === 0 ? ws.length : sum);
          const floor = exactTimesSum / d;
          expect(BigInt(p) === floor || BigInt(p) === floor + 1n).toBe(true);
        });
      }),
    );
  });

  test('property: when the total is at most Σweights no part exceeds its weight (a line discount never exceeds the line)', () => {
    fc.assert(
      fc.property(weights, fc.double({ min: 0, max: 1, noNaN: true }), (ws, f) => {
        const sum = ws.reduce((s, w) => s + w, 0);
        const t = Math.floor(sum * f);
        return allocate(t, ws).every((p, i) => p <= ws[i]!);
      }),
    );
  });

  test('property: deterministic — the same input gives the same parts and the input is not changed', () => {
    fc.assert(
      fc.property(total, weights, (t, ws) => {
        const copy = [...ws];
        expect(allocate(t, ws)).toEqual(allocate(t, copy));
        expect(ws).toEqual(copy);
      }),
    );
  });
});
