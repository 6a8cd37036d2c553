import type { SettlementDoc } from '@shared/documents';
import type { DealerDoc } from '@shared/models';
import type { RebateFacts, RebatePolicy, SettlementRecord } from '@shared/rebates';
import { periodKeysAt, periodOrThrow, settle } from '@shared/rebates';
import type { Db, Stored, Tx } from '../_kit/db';
import { enabledPolicies, fullFacts } from './rebate-facts';
import { emit } from './outbox';

/**
 * Store what a settle() decided: each policy version once (settlements name it by digest, so later
 * edits never change a closed period's explanation) and each record as a pending settlement,
 * created under a check in its own transaction, so calls running at the same time create it once
 * between them; each call counts what it created, outside the retried body.
 */
export async function saveSettlements(
  db: Db,
  result: { records: readonly SettlementRecord[]; policies: Readonly<Record<string, RebatePolicy>> },
  names: ReadonlyMap<string, string>,
  now: number,
): Promise<{ created: number; existing: number }> {
  for (const [digest, policy] of Object.entries(result.policies)) {
    if (!(await db.getById('rebate_policy_versions', digest))) await db.set('rebate_policy_versions', digest, { policy, savedAt: now });
  }
  let created = 0;
  let existing = 0;
  for (const record of result.records) {
    const doc: SettlementDoc = { record, policyName: names.get(record.policyId) ?? record.policyId, status: 'pending', creditedAt: null };
    const outcome = await db.transaction(async (tx) => {
      if (await tx.get('rebate_settlements', record.id)) return 'existing' as const;
      await tx.set('rebate_settlements', record.id, { ...doc, dealerId: record.dealerId, period: record.period, settledAt: record.settledAt });
      return 'created' as const;
    });
    if (outcome === 'created') created++;
    else existing++;
  }
  return { created, existing };
}

/**
 * rebate.settled (the outbox, issue 15), written in the transaction that credits a settlement to the
 * dealer's rebate wallet: the amount is final then (approval settles again on the facts as they are),
 * and a settlement is credited once, so its id is the key.
 */
export async function emitRebateSettled(tx: Tx, settlementId: string, record: SettlementRecord, now: number): Promise<void> {
  const data = { settlementId, dealerId: record.dealerId, policyId: record.policyId, period: record.period, amount: record.amount, status: 'credited' };
  await emit(tx, { type: 'rebate.settled', subject: settlementId, key: 'credited', data, at: now }, now);
}

/** How long after a period ends its close may still not have run (the rebates close runs on the 1st at 02:00). */
const CLOSE_LAG_MS = 2 * 86_400_000;

/**
 * A leaving dealer's periods settled at its offboarding, by the rules of a period close: the
 * month, quarter and year still running (on what it has had delivered until now: it orders no
 * more), and the ones just before them that ended after the dealer was frozen, or so shortly
 * before that their close had not run yet (a close settles active dealers only, and this one is
 * suspended). Settlement ids are the close's, and a record is written only where none exists, so
 * a period is settled once, whoever gets there first.
 */
export async function settleLeavingDealer(db: Db, dealer: Stored<DealerDoc>, frozenAt: number, now: number): Promise<{ created: number; existing: number }> {
  const policies = await enabledPolicies(db);
  const names = new Map(policies.map((p) => [p.id, p.name]));
  const running = Object.values(periodKeysAt(now));
  const before = running.flatMap((key) => Object.values(periodKeysAt(periodOrThrow(key).start - 1)));
  const unclosed = before.filter((key) => periodOrThrow(key).end > frozenAt - CLOSE_LAG_MS);
  const total = { created: 0, existing: 0 };
  for (const period of [...new Set([...running, ...unclosed])]) {
    const facts: RebateFacts = await fullFacts(db, dealer, period, policies);
    const result = settle(policies, { [dealer._id]: facts }, period, now, { early: true });
    if (!result.ok) continue;
    const saved = await saveSettlements(db, result, names, now);
    total.created += saved.created;
    total.existing += saved.existing;
  }
  return total;
}
