import { FEN_MAX, fenSchema, fenWithin, signedFenSchema } from '../../../shared/money';
import { fenArg as approvalFenArg } from '../../../shared/orders/approval/kit';
import { rebateDeductionSchema } from '../../../shared/pricing';
import { fenArg as pricingFenArg } from '../../../shared/pricing/rule-kit';
import { fenArg as rebateFenArg } from '../../../shared/rebates/kit';

describe('fen schemas (shared/money)', () => {
  test('an amount is integer fen from 0 to ¥10 亿', () => {
    expect(FEN_MAX).toBe(100_000_000_000);
    for (const ok of [0, 1, 199, FEN_MAX]) expect(fenSchema.safeParse(ok).success).toBe(true);
    for (const bad of [-1, 0.5, FEN_MAX + 1, Number.NaN, Infinity, '1', null]) expect(fenSchema.safeParse(bad).success).toBe(false);
  });

  test('a signed amount goes as far below zero as above it', () => {
    for (const ok of [-FEN_MAX, -1, 0, 1, FEN_MAX]) expect(signedFenSchema.safeParse(ok).success).toBe(true);
    for (const bad of [-FEN_MAX - 1, FEN_MAX + 1, -0.5]) expect(signedFenSchema.safeParse(bad).success).toBe(false);
  });

  test('a bounded amount refuses with one issue naming the bound it broke', () => {
    const positive = fenWithin(1);
    expect(positive.safeParse(1).success).toBe(true);
    const refused = positive.safeParse(-5);
    expect(refused.success).toBe(false);
    expect(refused.error?.issues).toHaveLength(1);
    expect(refused.error?.issues[0]).toMatchObject({ code: 'too_small', minimum: 1 });
  });

  test('the pricing, approval and rebate rules and the rebate deduction use the one fen schema', () => {
    expect(pricingFenArg).toBe(fenSchema);
    expect(approvalFenArg).toBe(fenSchema);
    expect(rebateFenArg).toBe(fenSchema);
    expect(rebateDeductionSchema).toBe(fenSchema);
  });
});
