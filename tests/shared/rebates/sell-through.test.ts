import { aggregateFrom, evaluate, policyDigestOf } from '../../../shared/rebates';
import { amountOf, dealer, facts, policy, sh } from './fixtures';

/**
 * Issue 17: `basis` says what a policy counts. Absent (sell_in) it reads facts.current and keeps
 * its stored shape, so its version digest is what it was; sell_through reads facts.sellThrough only.
 */
const MONTH = '2026-03';
const volume = (extra: Record<string, unknown> = {}) =>
  policy({ code: 'volume_tiers', periodKind: 'month', args: { basis: 'amount', mode: 'retroactive', tiers: [{ from: 0, rateBp: 100 }] }, ...extra });

describe('what a rebate policy counts (basis)', () => {
  const own = [amountOf(sh(2026, 3, 5), 1_000_000)];
  const sold = aggregateFrom(dealer.id, MONTH, [amountOf(sh(2026, 3, 9), 300_000)]);
  const now = sh(2026, 4, 2);

  test('a policy without basis parses without the field, so its version digest is unchanged', () => {
    const p = volume();
    expect('basis' in p).toBe(false);
    expect(policyDigestOf({ ...p, basis: undefined })).toBe(policyDigestOf(p));
    expect(policyDigestOf({ ...p, basis: 'sell_through' })).not.toBe(policyDigestOf(p));
  });

  test('sell_in counts the dealer’s own deliveries and sell_through only the sell-through, with words that say so', () => {
    const inn = evaluate(volume(), { ...facts(MONTH, own), sellThrough: sold }, now);
    const st = evaluate(volume({ basis: 'sell_through' }), { ...facts(MONTH, own), sellThrough: sold }, now);
    expect([inn.basis, st.basis]).toEqual([1_000_000, 300_000]);
    expect(st.trace[0]!.text).toContain('分销出货');
    expect(inn.trace[0]!.text).not.toContain('分销出货');
    expect(() => evaluate(volume({ basis: 'sell_through' }), facts(MONTH, own), now)).toThrow(/sellThrough/);
  });
});
