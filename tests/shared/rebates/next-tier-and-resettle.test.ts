import { evaluate, resettle, settle, traceOf } from '../../../shared/rebates';
import { amountOf, dealer, delivery, facts, policy, sh } from './fixtures';

const nextTierText = (e: ReturnType<typeof evaluate>) => e.trace.find((s) => s.step === 'next_tier')?.text;

describe('the next-tier sentence says why reaching a tier adds nothing', () => {
  // 矿泉水月度奖励 as seeded: progressive per unit, no cap. At 0 件 the first bracket starts at 2,400 件,
  // and reaching exactly 2,400 件 pays nothing yet: only the units above it earn.
  const water = policy({
    code: 'volume_tiers',
    periodKind: 'month',
    args: {
      basis: 'qty',
      mode: 'progressive',
      tiers: [
        { from: 2_400, perUnitFen: 2 },
        { from: 7_200, perUnitFen: 3 },
      ],
    },
  });
  const march = (qty: number) => facts('2025-03', qty > 0 ? [delivery(sh(2025, 3, 3), [['WATER-1', 'cat-water', qty, qty * 100]])] : []);

  test('a policy with no cap never blames a cap: it says the tier pays on what lies above its start', () => {
    const e = evaluate(water, march(0), sh(2025, 3, 10));
    expect(e.nextTier).toMatchObject({ index: 0, toGo: 2_400, extraEarned: 0 });
    expect(nextTierText(e)).not.toContain('上限');
    expect(nextTierText(e)).toBe('再进货 2,400 件 可达第 1 档（≥ 2,400 件）；刚达到时返利不增加，超出部分每件返 ¥0.02');
    expect(e.hint).toBeNull();
  });

  test('the same wording for a progressive amount policy names the rate', () => {
    const p = policy({ code: 'volume_tiers', periodKind: 'month', args: { basis: 'amount', mode: 'progressive', tiers: [{ from: 1_000_000, rateBp: 200 }] } });
    const e = evaluate(p, facts('2025-03', [amountOf(sh(2025, 3, 3), 500_000)]), sh(2025, 3, 10));
    expect(nextTierText(e)).toBe('再进货 ¥5,000.00 可达第 1 档（≥ ¥10,000.00）；刚达到时返利不增加，超出部分按 2% 计');
  });

  test('a cap that swallows the next tier is still named', () => {
    const p = policy({
      code: 'volume_tiers',
      periodKind: 'month',
      capFen: 1_000,
      args: {
        basis: 'amount',
        mode: 'retroactive',
        tiers: [
          { from: 0, rateBp: 100 },
          { from: 1_000_000, rateBp: 200 },
        ],
      },
    });
    const e = evaluate(p, facts('2025-03', [amountOf(sh(2025, 3, 2), 500_000)]), sh(2025, 3, 10));
    expect(nextTierText(e)).toBe('再进货 ¥5,000.00 可达第 2 档（≥ ¥10,000.00），但已达本期上限，返利不再增加');
  });

  test('a capped policy whose next tier adds nothing at its threshold is not blamed on the cap either', () => {
    const p = policy({
      code: 'volume_tiers',
      periodKind: 'month',
      capFen: 100_000,
      args: { basis: 'qty', mode: 'progressive', tiers: [{ from: 2_400, perUnitFen: 2 }] },
    });
    expect(nextTierText(evaluate(p, march(100), sh(2025, 3, 10)))).not.toContain('上限');
  });
});

describe('resettle: a pending settlement recomputed on the facts as they are at approval', () => {
  const p = policy({ code: 'volume_tiers', periodKind: 'month', args: { basis: 'amount', mode: 'retroactive', tiers: [{ from: 0, rateBp: 200 }] } });
  const sold = amountOf(sh(2025, 3, 3), 1_000_000);
  const END = sh(2025, 4, 1, 2);
  const settled = () => {
    const r = settle([p], { [dealer.id]: facts('2025-03', [sold]) }, '2025-03', END);
    if (!r.ok) throw new Error(r.message);
    return r.records[0]!;
  };

  test('unchanged facts keep the record as it is', () => {
    const record = settled();
    expect(resettle(record, facts('2025-03', [sold]), p)).toEqual({ record, changed: false });
  });

  test('a return in the period gives a new record that pays on the net basis and explains itself', () => {
    const record = settled();
    const back = { ...amountOf(sold.at, -215_650), ref: 'return' };
    const again = resettle(record, facts('2025-03', [sold, back]), p);
    expect(again.changed).toBe(true);
    expect(again.record.amount).toBe(Math.round(((1_000_000 - 215_650) * 200) / 10_000));
    expect(again.record.amount).toBeLessThan(record.amount);
    expect(again.record).toMatchObject({ id: record.id, settledAt: record.settledAt, basis: 1_000_000 - 215_650 });
    expect(traceOf(again.record, p).at(-1)?.text).toContain('¥156.87');
  });

  test('facts that would now pay more do not raise a closed period', () => {
    const record = settled();
    const more = resettle(record, facts('2025-03', [sold, amountOf(sh(2025, 3, 4), 1_000)]), p);
    expect(more).toEqual({ record, changed: false });
  });
});
