import fc from 'fast-check';
import { rebateSpendRuleSchema, splitRebate, spendCap, walletBalance, walletEntrySchema } from '../../../shared/rebates';

describe('the rebate wallet is a ledger', () => {
  test('balance = credits − debits over signed entries, and may go negative after a claw-back', () => {
    expect(walletBalance([{ amount: 500_000 }, { amount: -120_000 }, { amount: -500_000 }])).toEqual({ credits: 500_000, debits: 620_000, balance: -120_000 });
    expect(walletBalance([])).toEqual({ credits: 0, debits: 0, balance: 0 });
  });

  test('entries carry the sign their type implies', () => {
    const base = { id: 'e1', dealerId: 'd1', at: 0, ref: 'x' };
    expect(walletEntrySchema.safeParse({ ...base, type: 'rebate_settlement', amount: 100 }).success).toBe(true);
    expect(walletEntrySchema.safeParse({ ...base, type: 'rebate_settlement', amount: -100 }).success).toBe(false);
    expect(walletEntrySchema.safeParse({ ...base, type: 'order_spend', amount: 100 }).success).toBe(false);
    expect(walletEntrySchema.safeParse({ ...base, type: 'adjustment', amount: -100 }).success).toBe(true);
    expect(walletEntrySchema.safeParse({ ...base, type: 'adjustment', amount: 0 }).success).toBe(false);
  });

  test('property: the balance equals the sum of the ledger, whatever the order of entries', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -10_000_000, max: 10_000_000 }), { maxLength: 60 }), (amounts) => {
        const entries = amounts.map((amount) => ({ amount }));
        const b = walletBalance(entries);
        expect(b.balance).toBe(amounts.reduce((s, a) => s + a, 0));
        expect(walletBalance([...entries].reverse())).toEqual(b);
        expect(b.credits).toBeGreaterThanOrEqual(0);
        expect(b.debits).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe('how much rebate an order may spend', () => {
  const tenPercent = rebateSpendRuleSchema.parse({ maxShareBp: 1_000 });

  test('at most 10 % of the order, rounded down to the fen', () => {
    expect(spendCap(99_999, tenPercent, 1_000_000)).toBe(9_999);
  });

  test('at most the balance, and nothing when the balance is negative', () => {
    expect(spendCap(100_000, tenPercent, 3_000)).toBe(3_000);
    expect(spendCap(100_000, tenPercent, -3_000)).toBe(0);
  });

  test('at most the per-order limit', () => {
    expect(spendCap(1_000_000, rebateSpendRuleSchema.parse({ maxShareBp: 5_000, maxFenPerOrder: 20_000 }), 1_000_000)).toBe(20_000);
  });

  test('without a rule the whole payable may be paid with rebate', () => {
    expect(spendCap(12_345, rebateSpendRuleSchema.parse({}), 1_000_000)).toBe(12_345);
  });
});

describe('splitting a rebate spent on an order to its lines', () => {
  test('by largest remainder: the parts add back to the amount', () => {
    expect(splitRebate(100, [1_000, 1_000, 1_000])).toEqual([34, 33, 33]);
  });

  test('refuses more than the lines are worth', () => {
    expect(() => splitRebate(3_001, [1_000, 1_000, 1_000])).toThrow(RangeError);
  });

  test('property: parts add up exactly and none exceeds its line', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 10_000_000 }), { minLength: 1, maxLength: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (lines, share) => {
        const total = lines.reduce((s, a) => s + a, 0);
        const amount = Math.floor(total * share);
        const parts = splitRebate(amount, lines);
        expect(parts.reduce((s, p) => s + p, 0)).toBe(amount);
        parts.forEach((p, i) => expect(p).toBeLessThanOrEqual(lines[i]!));
      }),
    );
  });
});
