import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { DealerDoc } from '@shared/models';
import type { DeliveryAggregate, RebateFacts, RebatePolicy } from '@shared/rebates';
import { aggregateFrom, canonicalJson, emptyAggregate, parsePeriod, periodKeysAt, resettle, settle } from '@shared/rebates';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { categoryRefs, refuseUnknownCategories } from '../../../_kit/categories';
import type { Db, Stored } from '../../../_kit/db';
import type { PolicyDoc } from '../../../_kit/rebates';
import { aggregateId, bookWallet, enabledPolicies } from '../../../_kit/rebates';
import { findByIds } from '../../../_kit/pricing';
import { defineAction } from '../../../_kit/router';
import type { OrderWithReturns } from '../facts';
import { deliveriesOf, factsToRecompute, fullFacts } from '../facts';
import type { SettlementDoc } from '../settlement';
import { policyVersions } from '../settlement';

export const upsertPolicy = defineAction(contracts.rebates.upsertPolicy, ['admin', CONSOLE], async ({ policy }, { db, now, caller }) => {
  // A scope on a category the catalog does not have would count nothing, silently: refuse it.
  const unknown = await refuseUnknownCategories(db, [
    ...categoryRefs('policy.scope.includeCategories', policy.scope.includeCategories),
    ...categoryRefs('policy.scope.excludeCategories', policy.scope.excludeCategories),
  ]);
  if (unknown) return unknown;
  return db.transaction(async (tx) => {
    const before = await tx.get<PolicyDoc>('rebate_policies', policy.id);
    await tx.set('rebate_policies', policy.id, { policy, code: policy.code, enabled: policy.enabled, updatedAt: now, updatedBy: caller.actorId });
    await audit(tx, { action: 'rebates.upsertPolicy', target: { coll: 'rebate_policies', id: policy.id }, actorId: caller.actorId, at: now, before: before?.policy ?? null, after: policy });
    return { id: policy.id, created: before === null };
  });
});

export const setTargets = defineAction(contracts.rebates.setTargets, ['admin', CONSOLE], async ({ policyId, period, targets }, { db, now, caller }) => {
  if (!(await db.getById<PolicyDoc>('rebate_policies', policyId))) return new Refusal('NOT_FOUND', `没有 id 为 ${policyId} 的返利政策`);
  for (const t of targets) await db.set('rebate_targets', `${policyId}:${t.dealerId}:${period}`, { policyId, dealerId: t.dealerId, period, amount: t.amount, updatedAt: now, updatedBy: caller.actorId });
  return { saved: targets.length };
});

async function activeDealers(db: Db): Promise<Array<Stored<DealerDoc>>> {
  return db.findAll<DealerDoc>('dealers', { status: 'active' });
}

/** Settle one closed period for every active dealer: pending records, written once each. */
export async function closePeriodFor(db: Db, period: string, now: number): Promise<{ period: string; created: number; existing: number; total: number } | Refusal> {
  const range = parsePeriod(period);
  if (!range) return new Refusal('INVALID_INPUT', '期间格式为 YYYY-MM、YYYY-Qn 或 YYYY');
  if (now < range.end) return new Refusal('CONFLICT', `${period} 尚未结束，期末之后才能结算`);
  const policies = await enabledPolicies(db);
  const factsByDealer: Record<string, RebateFacts> = {};
  for (const dealer of await activeDealers(db)) factsByDealer[dealer._id] = await fullFacts(db, dealer, period, policies);
  const result = settle(policies, factsByDealer, period, now);
  if (!result.ok) return new Refusal('CONFLICT', result.message);
  const names = new Map(policies.map((p) => [p.id, p.name]));
  // Each policy version once: settlements name it by digest, so later edits never change a closed period's explanation.
  for (const [digest, policy] of Object.entries(result.policies)) {
    if (!(await db.getById('rebate_policy_versions', digest))) await db.set('rebate_policy_versions', digest, { policy, savedAt: now });
  }
  // Each record is created under a check in its own transaction, so calls running at the same time
  // create it once between them; each call counts what it created, outside the retried body.
  let created = 0;
  let existing = 0;
  for (const record of result.records) {
    const doc: SettlementDoc = { record, policyName: names.get(record.policyId) ?? record.policyId, status: 'pending', creditedAt: null };
    const outcome = await db.transaction(async (tx) => {
      if (await tx.get<SettlementDoc>('rebate_settlements', record.id)) return 'existing' as const;
      await tx.set('rebate_settlements', record.id, { ...doc, dealerId: record.dealerId, period: record.period, settledAt: record.settledAt });
      return 'created' as const;
    });
    if (outcome === 'created') created++;
    else existing++;
  }
  return { period, created, existing, total: result.records.length };
}

export const closePeriod = defineAction(contracts.rebates.closePeriod, ['admin', CONSOLE], async ({ period }, { db, now }) => closePeriodFor(db, period, now));

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
    const outcome = await db.transaction(async (tx): Promise<ApprovalOutcome | { kind: 'stale' }> => {
      const fresh = await tx.get<SettlementDoc>('rebate_settlements', d._id);
      if (!fresh || fresh.status !== 'pending') return { kind: 'skipped' };
      if (fresh.record.inputsDigest !== d.record.inputsDigest) return { kind: 'stale' };
      if (facts) {
        const stored = await tx.get<DeliveryAggregate>('rebate_aggregates', aggregateId(d.record.dealerId, d.record.period));
        if (!sameAggregate(stored, facts.current)) return { kind: 'stale' };
      }
      const record = next.record;
      if (record.amount > 0) {
        await bookWallet(tx, { id: `settle:${d._id}`, dealerId: record.dealerId, type: 'rebate_settlement', amount: record.amount, at: now, ref: d._id, note: `${fresh.policyName} ${record.period}` }, now);
      }
      const { _id: _ignored, ...body } = fresh;
      const adjusted = next.changed ? { record, previous: { amount: fresh.record.amount, basis: fresh.record.basis, inputsDigest: fresh.record.inputsDigest }, recomputedAt: now } : {};
      await tx.set('rebate_settlements', d._id, { ...body, ...adjusted, status: 'credited', creditedAt: now, approvedBy });
      return { kind: 'credited', amount: record.amount, adjusted: next.changed };
    });
    if (outcome.kind !== 'stale') return outcome;
    d = (await db.getById<SettlementDoc>('rebate_settlements', d._id)) ?? d;
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
export const approveSettlements = defineAction(contracts.rebates.approveSettlements, ['admin', CONSOLE], async ({ period, policyId, dealerId }, { db, now, caller }) => {
  const where: Record<string, unknown> = { period, status: 'pending' };
  if (dealerId) where['dealerId'] = dealerId;
  const pending = (await db.findAll<SettlementDoc>('rebate_settlements', where)).filter((d) => !policyId || d.record.policyId === policyId);
  const versions = await policyVersions(db, [...new Set(pending.map((d) => d.record.policyDigest))]);
  const dealers = new Map((await findByIds<DealerDoc>(db, 'dealers', [...new Set(pending.map((d) => d.record.dealerId))])).map((x) => [x._id, x]));
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
});

/** Recompute each month, quarter and year aggregate from the delivered orders (minus returns) and compare. */
export const checkAggregates = defineAction(contracts.rebates.checkAggregates, ['admin', CONSOLE], async (_input, { db }) => {
  const mismatches: Array<{ id: string; stored: number; recomputed: number }> = [];
  let checked = 0;
  for (const dealer of await activeDealers(db)) {
    const orders = await db.findAll<OrderWithReturns>('orders', { dealerId: dealer._id, deliveredAt: db.command['neq']!(null) });
    const stored = await db.findAll<DeliveryAggregate>('rebate_aggregates', { dealerId: dealer._id });
    const periods = new Set([...stored.map((a) => a.period), ...orders.flatMap((o) => Object.values(periodKeysAt(o.deliveredAt!)))]);
    const deliveries = orders.flatMap(deliveriesOf);
    for (const month of periods) {
      const recomputed = aggregateFrom(dealer._id, month, deliveries);
      const s = stored.find((a) => a._id === aggregateId(dealer._id, month));
      checked++;
      const storedAmount = s?.total.amount ?? 0;
      if (storedAmount !== recomputed.total.amount || (s?.total.qty ?? 0) !== recomputed.total.qty) {
        mismatches.push({ id: aggregateId(dealer._id, month), stored: storedAmount, recomputed: recomputed.total.amount });
      }
    }
  }
  return { checked, mismatches };
});
