import { evaluate } from '../../../shared/rebates';
import { amountOf, delivery, facts, policy, sh, TIERS } from './fixtures';

const Q1_MID = sh(2025, 2, 14, 12);
const AFTER_Q1 = sh(2025, 4, 1);
const retro = policy({ code: 'volume_tiers', periodKind: 'quarter', args: { basis: 'amount', mode: 'retroactive', tiers: TIERS } });
const prog = policy({ code: 'volume_tiers', periodKind: 'quarter', args: { basis: 'amount', mode: 'progressive', tiers: TIERS } });
const q1 = (amount: number) => facts('2025-Q1', [amountOf(sh(2025, 1, 10), amount)]);

describe('volume_tiers, retroactive: reaching a tier applies its rate to the whole period', () => {
  test('exactly at a threshold reaches that tier', () => {
    const e = evaluate(retro, q1(20_000_000), AFTER_Q1);
    expect(e.tierReached).toMatchObject({ index: 1, from: 20_000_000, rateBp: 200 });
    expect(e.earned).toBe(400_000);
  });

  test('one fen below a threshold stays on the tier below', () => {
    const e = evaluate(retro, q1(19_999_999), AFTER_Q1);
    expect(e.tierReached?.index).toBe(0);
    expect(e.earned).toBe(200_000); // 199,999.99 × 1 % = 1,999.9999 -> ¥2,000.00 half up
  });

  test('below the first tier earns nothing and says how far the first tier is', () => {
    const e = evaluate(retro, q1(9_000_000), Q1_MID);
    expect(e.tierReached).toBeNull();
    expect(e.earned).toBe(0);
    expect(e.nextTier).toEqual({ index: 0, from: 10_000_000, threshold: 10_000_000, toGo: 1_000_000, extraEarned: 100_000 });
    expect(e.hint).toBe('再进货 ¥10,000.00 可达下一档，多得 ¥1,000.00');
    expect(e.trace.find((s) => s.step === 'tier')?.text).toBe('本季度净提货 ¥90,000.00 未达第 1 档（≥ ¥100,000.00，返 1%），暂无返利');
  });

  test('the trace says in plain words which tier was reached and how the amount was computed', () => {
    const e = evaluate(retro, q1(12_345_600), Q1_MID);
    expect(e.trace.map((s) => s.step)).toEqual(['scope', 'tier', 'amount', 'earned', 'next_tier', 'projection']);
    expect(e.trace[1]?.text).toBe('本季度净提货 ¥123,456.00 达到第 1 档（≥ ¥100,000.00，返 1%）');
    expect(e.trace[2]?.text).toBe('全额按第 1 档计：¥123,456.00 × 1% = ¥1,234.56');
  });

  test('the next-tier hint: delivering toGo more earns exactly extraEarned more (retroactive jump included)', () => {
    const e = evaluate(retro, q1(15_000_000), Q1_MID);
    expect(e.nextTier).toMatchObject({ index: 1, toGo: 5_000_000 });
    // at ¥200k: 2 % of everything = 4,000 vs now 1 % of 150k = 1,500
    expect(e.nextTier?.extraEarned).toBe(400_000 - 150_000);
    const after = evaluate(retro, facts('2025-Q1', [amountOf(sh(2025, 1, 10), 15_000_000), amountOf(sh(2025, 2, 1), e.nextTier!.toGo)]), Q1_MID);
    expect(after.tierReached?.index).toBe(1);
    expect(after.earned - e.earned).toBe(e.nextTier!.extraEarned);
  });

  test('at the top tier there is no next tier', () => {
    const e = evaluate(retro, q1(60_000_000), Q1_MID);
    expect(e.nextTier).toBeNull();
    expect(e.hint).toBeNull();
    expect(e.trace.find((s) => s.step === 'next_tier')?.text).toBe('已达最高档');
  });
});

describe('volume_tiers, progressive: each bracket at its own rate', () => {
  test('pays each bracket at its rate: ¥100k–200k at 1 %, ¥200k–250k at 2 %', () => {
    const e = evaluate(prog, q1(25_000_000), AFTER_Q1);
    expect(e.tierReached?.index).toBe(1);
    expect(e.earned).toBe(100_000 + 100_000);
  });

  test('computes brackets exactly and rounds the sum once', () => {
    // ¥100,000.50: the first bracket holds 50 fen; 50 fen × 1 % = 0.5 fen, rounded once half up -> 1 fen.
    const e = evaluate(prog, q1(10_000_050), AFTER_Q1);
    expect(e.earned).toBe(1);
    expect(e.trace.find((s) => s.step === 'amount')?.text).toBe('分段计：第 1 档 ¥0.50 × 1% = ¥0.005；合计 ¥0.005，计 ¥0.01（四舍五入到分）');
  });

  test('retroactive pays more than progressive on the same tiers once past the first tier', () => {
    expect(evaluate(retro, q1(25_000_000), AFTER_Q1).earned).toBe(500_000);
    expect(evaluate(prog, q1(25_000_000), AFTER_Q1).earned).toBe(200_000);
  });

  test('the next-tier hint for progressive counts only the bracket reached', () => {
    const e = evaluate(prog, q1(15_000_000), Q1_MID);
    expect(e.nextTier).toMatchObject({ toGo: 5_000_000, extraEarned: 50_000 });
  });
});

describe('volume_tiers on quantity: a fixed amount per unit', () => {
  const perUnit = policy({
    code: 'volume_tiers',
    periodKind: 'month',
    args: {
      basis: 'qty',
      mode: 'retroactive',
      tiers: [
        { from: 100, perUnitFen: 50 },
        { from: 500, perUnitFen: 80 },
      ],
    },
  });
  const perUnitProg = policy({
    code: 'volume_tiers',
    periodKind: 'month',
    args: {
      basis: 'qty',
      mode: 'progressive',
      tiers: [
        { from: 100, perUnitFen: 50 },
        { from: 500, perUnitFen: 80 },
      ],
    },
  });
  const march = (qty: number) => facts('2025-03', [delivery(sh(2025, 3, 3), [['TEA-1', 'cat-tea', qty, qty * 1_000]])]);

  test('counts base units, and the whole quantity earns the reached tier’s amount per unit', () => {
    const e = evaluate(perUnit, march(600), sh(2025, 4, 1));
    expect(e.measure).toBe('qty');
    expect(e.basis).toBe(600);
    expect(e.earned).toBe(600 * 80);
    expect(e.trace.find((s) => s.step === 'tier')?.text).toBe('2025年3月净提货数量 600 件 达到第 2 档（≥ 500 件，每件返 ¥0.80）');
  });

  test('progressive on quantity: units 100–499 at ¥0.50, 500 and up at ¥0.80', () => {
    expect(evaluate(perUnitProg, march(600), sh(2025, 4, 1)).earned).toBe(400 * 50 + 100 * 80);
  });

  test('the hint speaks in units: 再进货 N 件', () => {
    const e = evaluate(perUnit, march(450), sh(2025, 3, 10));
    expect(e.nextTier).toMatchObject({ toGo: 50, extraEarned: 500 * 80 - 450 * 50 });
    expect(e.hint).toBe('再进货 50 件 可达下一档，多得 ¥175.00');
  });
});
