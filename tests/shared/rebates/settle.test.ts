import { aggregateFrom, clawback, clawbackEntry, clawbackOf, recompute, settle, settlementEntry, traceOf, walletBalance } from '../../../shared/rebates';
import type { SettlementRecord } from '../../../shared/rebates';
import { amountOf, dealer, dealerB, delivery, facts, policy, sh, TIERS } from './fixtures';

const volume = policy({ id: 'vol-q', code: 'volume_tiers', periodKind: 'quarter', args: { basis: 'amount', mode: 'retroactive', tiers: TIERS } });
const monthly = policy({ id: 'vol-m', code: 'volume_tiers', periodKind: 'month', args: { basis: 'amount', mode: 'retroactive', tiers: TIERS } });
const onlyB = policy({
  id: 'vol-b',
  code: 'volume_tiers',
  periodKind: 'quarter',
  dealers: { dealerIds: [dealerB.id] },
  args: { basis: 'amount', mode: 'retroactive', tiers: TIERS },
});
const sold = amountOf(sh(2025, 3, 31, 23, 59, 59, 999), 25_000_000, 100);
const CLOSE = sh(2025, 4, 1, 2);

function settled(): SettlementRecord {
  const r = settle([volume], { [dealer.id]: facts('2025-Q1', [sold]) }, '2025-Q1', CLOSE);
  if (!r.ok) throw new Error(r.message);
  return r.records[0]!;
}

describe('settle a closed period', () => {
  test('one record per dealer per applicable policy, with a deterministic id, amount, trace and digest', () => {
    const r = settle(
      [volume, monthly, onlyB],
      { [dealer.id]: facts('2025-Q1', [sold]), [dealerB.id]: facts('2025-Q1', [], { who: dealerB }) },
      '2025-Q1',
      CLOSE,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.records.map((x) => [x.id, x.amount])).toEqual([
      ['vol-b:d-cd-07:2025-Q1', 0],
      ['vol-q:d-cd-07:2025-Q1', 0],
      ['vol-q:d-hz-01:2025-Q1', 500_000],
    ]);
    const rec = r.records[2]!;
    expect(rec.inputsDigest).toMatch(/^[0-9a-f]{16}$/);
    expect(rec.policyDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(r.policies[rec.policyDigest]).toBe(volume);
    const trace = traceOf(rec, r.policies[rec.policyDigest]!);
    expect(trace.find((s) => s.step === 'tier')?.text).toBe('2025年第1季度净提货 ¥250,000.00 达到第 2 档（≥ ¥200,000.00，返 2%）');
    expect(trace.at(-1)?.text).toBe('2025年第1季度应得返利 ¥5,000.00');
  });

  test('a delivery at 23:59:59.999 on the last day counts in the closing quarter; one at 00:00:00 in the next', () => {
    const late = amountOf(sh(2025, 4, 1, 0, 0, 0, 0), 100_000_000);
    const ds = [sold, late];
    expect(aggregateFrom(dealer.id, '2025-Q1', ds).total.amount).toBe(25_000_000);
    expect(aggregateFrom(dealer.id, '2025-Q2', ds).total.amount).toBe(100_000_000);
  });

  test('refuses while the period is still running', () => {
    const r = settle([volume], { [dealer.id]: facts('2025-Q1', [sold]) }, '2025-Q1', sh(2025, 3, 31, 23, 59, 59, 999));
    expect(r).toEqual({ ok: false, code: 'PERIOD_OPEN', message: '2025年第1季度尚未结束，不能结算' });
  });

  test('refuses facts filed under the wrong dealer or period (a caller bug)', () => {
    expect(() => settle([volume], { [dealerB.id]: facts('2025-Q1', [sold]) }, '2025-Q1', CLOSE)).toThrow(RangeError);
    expect(() => settle([volume], { [dealer.id]: facts('2025-Q2', []) }, '2025-Q1', CLOSE)).toThrow(RangeError);
  });

  test('same input, same output: settling twice gives identical records', () => {
    expect(settled()).toEqual(settled());
    expect(JSON.stringify(settled())).toBe(JSON.stringify(settled()));
  });

  test('recompute with the same facts gives the same fen, the same trace and the same digest', () => {
    const rec = settled();
    const again = recompute(rec, facts('2025-Q1', [sold]), volume);
    expect(again).toEqual({ amount: rec.amount, trace: traceOf(rec, volume), inputsDigest: rec.inputsDigest, identical: true });
  });

  test('a record read back from storage (a JSON round trip) still recomputes identically', () => {
    const rec = settled();
    const stored = JSON.parse(JSON.stringify(rec)) as SettlementRecord;
    const storedPolicy = JSON.parse(JSON.stringify(volume)) as typeof volume;
    expect(recompute(stored, facts('2025-Q1', [sold]), storedPolicy).identical).toBe(true);
    expect(traceOf(stored, storedPolicy)).toEqual(traceOf(rec, volume));
  });

  test('recompute notices when the facts changed', () => {
    const rec = settled();
    const again = recompute(rec, facts('2025-Q1', [sold, amountOf(sh(2025, 2, 1), 1)]), volume);
    expect(again.identical).toBe(false);
    expect(again.amount).toBe(500_000);
    expect(again.inputsDigest).not.toBe(rec.inputsDigest);
  });
});

describe('claw-back: a return after settlement', () => {
  // ¥60,000 of the ¥250,000 comes back in April; it reverses goods delivered in Q1.
  const returned = delivery(sh(2025, 3, 31, 23, 59, 59, 999), [['TEA-1', 'cat-tea', -30, -6_000_000]]);
  const NOW = sh(2025, 4, 20);

  test('clawback is the negative difference, never positive', () => {
    expect(clawback(500_000, 190_000)).toBe(-310_000);
    expect(clawback(500_000, 500_000)).toBe(0);
    expect(clawback(500_000, 600_000)).toBe(0);
  });

  test('recomputes the closed quarter with the return and books the difference in the next quarter', () => {
    const rec = settled();
    const adj = clawbackOf(rec, facts('2025-Q1', [sold, returned]), NOW, volume);
    // ¥190,000 now reaches only tier 1: 1 % = ¥1,900; settled ¥5,000 -> claw back ¥3,100.
    expect(adj).toMatchObject({ settlementId: rec.id, period: '2025-Q1', bookedIn: '2025-Q2', amount: -310_000, at: NOW });
    expect(adj?.id).toMatch(/^vol-q:d-hz-01:2025-Q1:clawback:[0-9a-f]{12}$/);
    expect(adj?.trace.at(-1)?.text).toBe('退货后2025年第1季度应得 ¥1,900.00，扣回 ¥3,100.00，计入2025年第2季度；2025年第1季度的结算不变');
  });

  test('never changes the closed period’s record', () => {
    const rec = settled();
    const before = JSON.stringify(rec);
    clawbackOf(rec, facts('2025-Q1', [sold, returned]), NOW, volume);
    expect(JSON.stringify(rec)).toBe(before);
  });

  test('a second return claws back only what the first did not', () => {
    const rec = settled();
    const first = clawbackOf(rec, facts('2025-Q1', [sold, returned]), NOW, volume)!;
    const more = delivery(sh(2025, 2, 1), [['TEA-1', 'cat-tea', -10, -10_000_000]]);
    const second = clawbackOf(rec, facts('2025-Q1', [sold, returned, more]), NOW, volume, rec.amount + first.amount);
    // ¥90,000 is below tier 1: 0 earned; booked ¥1,900 -> claw back ¥1,900.
    expect(second?.amount).toBe(-190_000);
    expect(second?.id).not.toBe(first.id);
  });

  test('no claw-back when the return leaves the rebate unchanged', () => {
    const rec = settled();
    const small = delivery(sh(2025, 3, 1), [['SNK-1', 'cat-snack', -1, 0]]);
    expect(clawbackOf(rec, facts('2025-Q1', [sold, small]), NOW, volume)).toBeNull();
  });

  test('settlement and claw-back become wallet entries whose sum is what the period finally pays', () => {
    const rec = settled();
    const adj = clawbackOf(rec, facts('2025-Q1', [sold, returned]), NOW, volume)!;
    const entries = [settlementEntry(rec)!, clawbackEntry(adj)];
    expect(entries.map((e) => [e.type, e.amount])).toEqual([
      ['rebate_settlement', 500_000],
      ['clawback', -310_000],
    ]);
    expect(walletBalance(entries)).toEqual({ credits: 500_000, debits: 310_000, balance: 190_000 });
  });
});
