import { contracts } from '@shared/contracts';
import type { DealerDoc } from '@shared/models';
import type { DeliveryAggregate, RebatePolicy } from '@shared/rebates';
import { canonicalJson, countsSellThrough, emptyAggregate, periodLabel, resettle } from '@shared/rebates';
import { CONSOLE } from '@shared/roles';
import type { Db, Stored } from '../../../_kit/db';
import { neverRefused } from '../../../_kit/db';
import { aggregateId, bookWallet } from '../../../_capabilities/rebate-ledger';
import { emitRebateSettled } from '../../../_capabilities/rebate-settlement';
import { defineAction } from '../../../_kit/router';
import { factsToRecompute } from '../facts';
import type { SettlementDoc } from '../settlement';
import { policyVersions } from '../settlement';

/** How many times approval recomputes a settlement whose facts changed while it was being credited. */
const APPROVAL_ATTEMPTS = 5;

type ApprovalOutcome = { kind: 'credited'; amount: number; adjusted: boolean } | { kind: 'skipped' };

/**
 * Credit one pending settlement. It is first settled again on the facts as they are now
 * (resettle): a return recorded after the period closed lowers what is credited, never the
 * wallet after the fact. The transaction that credits re-reads the period's aggregate, which
 * every return of that period changes: when it is not the one the recomputation read, the
 * settlement is recomputed again. A return that lands after the credit claws back as usual.
 */
async function approveOne(
  db: Db,
  d: Stored<SettlementDoc>,
  version: RebatePolicy | undefined,
  dealer: Stored<DealerDoc> | null,
  now: number,
  approvedBy: string,
): Promise<ApprovalOutcome> {
  for (let attempt = 0; attempt < APPROVAL_ATTEMPTS; attempt++) {
    const facts = version && dealer ? await factsToRecompute(db, dealer, d.record, version) : null;
    const next = facts && version ? resettle(d.record, facts, version) : { record: d.record, changed: false };
    const outcome = neverRefused<ApprovalOutcome | { kind: 'stale' }>(
      await db.transaction(async (tx): Promise<ApprovalOutcome | { kind: 'stale' }> => {
        const fresh = await tx.get('rebate_settlements', d._id);
        if (!fresh || fresh.status !== 'pending') return { kind: 'skipped' };
        if (fresh.record.inputsDigest !== d.record.inputsDigest) return { kind: 'stale' };
        if (facts) {
          // The aggregate the policy counts: sell-through (分销出货) or the dealer's own deliveries.
          const st = version !== undefined && countsSellThrough(version) && facts.sellThrough !== undefined;
          const stored = await tx.get(st ? 'rebate_st_aggregates' : 'rebate_aggregates', aggregateId(d.record.dealerId, d.record.period));
          if (!sameAggregate(stored, st && facts.sellThrough ? facts.sellThrough : facts.current)) return { kind: 'stale' };
        }
        const record = next.record;
        if (record.amount > 0) {
          await bookWallet(
            tx,
            {
              id: `settle:${d._id}`,
              dealerId: record.dealerId,
              type: 'rebate_settlement',
              amount: record.amount,
              at: now,
              ref: d._id,
              note: `${fresh.policyName} ${periodLabel(record.period)}`,
            },
            now,
          );
        }
        const { _id: _ignored, ...body } = fresh;
        const adjusted = next.changed
          ? { record, previous: { amount: fresh.record.amount, basis: fresh.record.basis, inputsDigest: fresh.record.inputsDigest }, recomputedAt: now }
          : {};
        await tx.set('rebate_settlements', d._id, { ...body, ...adjusted, status: 'credited', creditedAt: now, approvedBy });
        await emitRebateSettled(tx, d._id, record, now);
        return { kind: 'credited', amount: record.amount, adjusted: next.changed };
      }),
    );
    if (outcome.kind !== 'stale') return outcome;
    d = (await db.getById('rebate_settlements', d._id)) ?? d;
  }
  throw new Error(`approveSettlements: the facts of ${d._id} kept changing during ${APPROVAL_ATTEMPTS} attempts`);
}

/** The stored aggregate is the one the facts were read from (both canonical; a missing one is empty). */
function sameAggregate(stored: Stored<DeliveryAggregate> | null, read: DeliveryAggregate): boolean {
  const { _id: _ignored, ...plain } = stored ?? { _id: '', ...emptyAggregate(read.dealerId, read.period) };
  return canonicalJson(plain) === canonicalJson(read);
}

/**
 * Credit pending settlements to the wallets: each in its own transaction, booked once, at what
 * the period pays now. The answer counts what THIS call credited (counted outside the retried
 * transaction bodies): calls running at the same time credit each settlement once between them.
 */
export const approveSettlements = defineAction(
  contracts.rebates.approveSettlements,
  ['admin', CONSOLE],
  async ({ period, policyId, dealerId }, { db, now, caller }) => {
    const where: Record<string, unknown> = { period, status: 'pending' };
    if (dealerId) where['dealerId'] = dealerId;
    const pending = (await db.findAll('rebate_settlements', where)).filter((d) => !policyId || d.record.policyId === policyId);
    const versions = await policyVersions(db, [...new Set(pending.map((d) => d.record.policyDigest))]);
    const dealers = new Map((await db.getMany('dealers', [...new Set(pending.map((d) => d.record.dealerId))])).map((x) => [x._id, x]));
    let credited = 0;
    let amount = 0;
    let adjusted = 0;
    for (const d of pending) {
      const outcome = await approveOne(db, d, versions.get(d.record.policyDigest), dealers.get(d.record.dealerId) ?? null, now, caller.actorId);
      if (outcome.kind !== 'credited') continue;
      credited++;
      amount += outcome.amount;
      if (outcome.adjusted) adjusted++;
    }
    return { credited, amount, adjusted };
  },
);
