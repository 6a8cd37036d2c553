import type { SettlementDoc } from '@shared/documents';
import type { DealerDoc } from '@shared/models';
import type { RebatePolicy } from '@shared/rebates';
import { clawbackOf, periodKeysAt, periodLabel, periodOrThrow } from '@shared/rebates';
import type { Db, Stored } from '../_kit/db';
import { neverRefused } from '../_kit/db';
import { factsToRecompute } from './rebate-facts';
import { bookWallet } from './rebate-ledger';

/**
 * Rebate claw-backs after goods came back: a period already settled and credited is never
 * reopened, the difference is taken back from the wallet in the period running now, once per
 * settlement and recomputation (the wallet entry's id is derived). rebates.recordReturn and the
 * aftersales credit both call this after the transaction that recorded the return.
 */

/** The policy versions settlements name, by digest. */
async function versionsOf(db: Db, digests: readonly string[]): Promise<Map<string, RebatePolicy>> {
  const docs = await db.getMany('rebate_policy_versions', digests);
  return new Map(docs.map((d) => [d._id, d.policy]));
}

/** Claw back settlements already credited for the periods that delivery fell in; what this call booked. */
export async function clawBack(db: Db, dealerId: string, deliveredAt: number, now: number): Promise<Array<{ settlementId: string; amount: number }>> {
  const dealer = (await db.getById('dealers', dealerId))!;
  const keys = Object.values(periodKeysAt(deliveredAt));
  const settled = (await db.findAll('rebate_settlements', { dealerId, status: 'credited' })).filter((d) => keys.includes(d.record.period));
  const versions = await versionsOf(
    db,
    settled.map((s) => s.record.policyDigest),
  );
  const clawbacks: Array<{ settlementId: string; amount: number }> = [];
  for (const s of settled) {
    const version = versions.get(s.record.policyDigest);
    if (now < periodOrThrow(s.record.period).end || !version) continue;
    const booked = await clawBackOne(db, dealer, s, version, now);
    if (booked) clawbacks.push(booked);
  }
  return clawbacks;
}

/**
 * Recompute one credited settlement with the policy as it was settled (its campaign window, its
 * scope), on the facts as they are now, and book what it overpaid as a claw-back, once.
 */
async function clawBackOne(
  db: Db,
  dealer: Stored<DealerDoc>,
  s: Stored<SettlementDoc>,
  version: RebatePolicy,
  now: number,
): Promise<{ settlementId: string; amount: number } | null> {
  const facts = await factsToRecompute(db, dealer, s.record, version);
  const booked = s.record.amount + ((s as unknown as { clawedBack?: number }).clawedBack ?? 0);
  const adj = clawbackOf(s.record, facts, now, version, booked);
  if (!adj) return null;
  const state = neverRefused(
    await db.transaction(async (tx) => {
      const booking = await bookWallet(
        tx,
        {
          id: adj.id,
          dealerId: adj.dealerId,
          type: 'clawback',
          amount: adj.amount,
          at: now,
          ref: adj.settlementId,
          note: `退货扣回（${s.policyName} ${periodLabel(s.record.period)}），计入${periodLabel(adj.bookedIn)}`,
        },
        now,
      );
      if (booking === 'booked') {
        const fresh = await tx.get<SettlementDoc & { clawedBack?: number }>('rebate_settlements', s._id);
        await tx.update('rebate_settlements', s._id, { clawedBack: (fresh?.clawedBack ?? 0) + adj.amount, lastClawbackAt: now });
      }
      return booking;
    }),
  );
  return state === 'booked' ? { settlementId: adj.settlementId, amount: adj.amount } : null;
}
