import fc from 'fast-check';
import type { TransferEntry } from '../../../shared/wecom';
import { TRANSFER_BATCH, backoffMs, planTransfer, transfersInWindow } from '../../../shared/wecom';

const DAY = 86_400_000;
const NOW = 1_800_000_000_000;
const entry = (daysAgo: number, outcome: TransferEntry['outcome'] = 'succeeded'): TransferEntry => ({
  runId: 'r',
  from: 'a',
  to: 'b',
  mode: 'on_job',
  at: NOW - daysAgo * DAY,
  errcode: 0,
  outcome,
  reason: null,
});

describe('planTransfer', () => {
  it('sends every eligible customer exactly once, in batches of at most 100', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 3 }), { maxLength: 450 }), (recent) => {
        const candidates = recent.map((n, i) => ({ externalUserId: `wm${i}`, transfers: Array.from({ length: n }, () => entry(10)) }));
        const plan = planTransfer(candidates, NOW);
        const sent = plan.batches.flat();
        expect(plan.batches.every((b) => b.length > 0 && b.length <= TRANSFER_BATCH)).toBe(true);
        expect(new Set(sent).size).toBe(sent.length);
        expect(sent.length + plan.skipped.length).toBe(candidates.length);
        expect(plan.skipped.map((s) => s.externalUserId)).toEqual(candidates.filter((_, i) => recent[i]! >= 2).map((c) => c.externalUserId));
      }),
    );
  });

  it('counts only accepted transfers of the last 90 days', () => {
    expect(transfersInWindow([entry(10), entry(89)], NOW)).toBe(2);
    expect(transfersInWindow([entry(10), entry(91)], NOW)).toBe(1);
    expect(transfersInWindow([entry(10, 'failed'), entry(5, 'refused'), entry(3, 'skipped')], NOW)).toBe(0);
  });
});

describe('backoffMs', () => {
  it('doubles per attempt around the base and never passes the cap (+25 %)', () => {
    expect(backoffMs(1, 1000, 60_000)).toBe(1000);
    expect(backoffMs(2, 1000, 60_000)).toBe(2000);
    expect(backoffMs(4, 1000, 60_000)).toBe(8000);
    expect(backoffMs(30, 1000, 60_000, 0.999)).toBeLessThanOrEqual(75_000);
    expect(backoffMs(1, 1000, 60_000, 0)).toBe(750);
  });
});
