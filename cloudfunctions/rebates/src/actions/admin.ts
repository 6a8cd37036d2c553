import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { DealerDoc, OrderDoc } from '@shared/models';
import type { DeliveryAggregate, RebateFacts } from '@shared/rebates';
import { aggregateFrom, deliveryOfOrder, periodKeysAt, periodRange, settle } from '@shared/rebates';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import type { Db, Stored } from '../../../_kit/db';
import type { PolicyDoc } from '../../../_kit/rebates';
import { aggregateId, bookWallet, enabledPolicies } from '../../../_kit/rebates';
import { defineAction } from '../../../_kit/router';
import { fullFacts } from '../facts';
import type { SettlementDoc } from '../settlement';

export const upsertPolicy = defineAction(contracts.rebates.upsertPolicy, ['admin', CONSOLE], async ({ policy }, { db, now, caller }) =>
  db.transaction(async (tx) => {
    const before = await tx.get<PolicyDoc>('rebate_policies', policy.id);
    await tx.set('rebate_policies', policy.id, { policy, code: policy.code, enabled: policy.enabled, updatedAt: now, updatedBy: caller.actorId });
    await audit(tx, { action: 'rebates.upsertPolicy', target: { coll: 'rebate_policies', id: policy.id }, actorId: caller.actorId, at: now, before: before?.policy ?? null, after: policy });
    return { id: policy.id, created: before === null };
  }),
);

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
  const range = periodRange(period);
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
  let created = 0;
  let existing = 0;
  for (const record of result.records) {
    if (await db.getById<SettlementDoc>('rebate_settlements', record.id)) {
      existing++;
      continue;
    }
    const doc: SettlementDoc = { record, policyName: names.get(record.policyId) ?? record.policyId, status: 'pending', creditedAt: null };
    await db.set('rebate_settlements', record.id, { ...doc, dealerId: record.dealerId, period: record.period, settledAt: record.settledAt });
    created++;
  }
  return { period, created, existing, total: result.records.length };
}

export const closePeriod = defineAction(contracts.rebates.closePeriod, ['admin', CONSOLE], async ({ period }, { db, now }) => closePeriodFor(db, period, now));

/** Credit pending settlements to the wallets: each in its own transaction, booked once. */
export const approveSettlements = defineAction(contracts.rebates.approveSettlements, ['admin', CONSOLE], async ({ period, policyId, dealerId }, { db, now, caller }) => {
  const where: Record<string, unknown> = { period, status: 'pending' };
  if (dealerId) where['dealerId'] = dealerId;
  const pending = (await db.findAll<SettlementDoc>('rebate_settlements', where)).filter((d) => !policyId || d.record.policyId === policyId);
  let credited = 0;
  let amount = 0;
  for (const d of pending) {
    await db.transaction(async (tx) => {
      const fresh = await tx.get<SettlementDoc>('rebate_settlements', d._id);
      if (!fresh || fresh.status !== 'pending') return;
      if (fresh.record.amount > 0) {
        await bookWallet(tx, { id: `settle:${d._id}`, dealerId: fresh.record.dealerId, type: 'rebate_settlement', amount: fresh.record.amount, at: now, ref: d._id, note: `${fresh.policyName} ${fresh.record.period}` }, now);
      }
      await tx.update('rebate_settlements', d._id, { status: 'credited', creditedAt: now, approvedBy: caller.actorId });
      credited++;
      amount += fresh.record.amount;
    });
  }
  return { credited, amount };
});

/** Recompute each month, quarter and year aggregate from the delivered orders (minus returns) and compare. */
export const checkAggregates = defineAction(contracts.rebates.checkAggregates, ['admin', CONSOLE], async (_input, { db }) => {
  const mismatches: Array<{ id: string; stored: number; recomputed: number }> = [];
  let checked = 0;
  for (const dealer of await activeDealers(db)) {
    const orders = await db.findAll<OrderDoc & { returned?: Record<string, { qty: number; amount: number; at: number }> }>('orders', { dealerId: dealer._id, deliveredAt: db.command['neq']!(null) });
    const stored = await db.findAll<DeliveryAggregate>('rebate_aggregates', { dealerId: dealer._id });
    const periods = new Set([...stored.map((a) => a.period), ...orders.flatMap((o) => Object.values(periodKeysAt(o.deliveredAt!)))]);
    const deliveries = orders.flatMap((o) => {
      const d = deliveryOfOrder(o);
      if (!d) return [];
      const back = Object.entries(o.returned ?? {}).map(([sku, r]) => ({ sku, categoryId: o.lines.find((l) => l.sku === sku)?.categoryId ?? '', qty: -r.qty, payable: -r.amount }));
      return back.length > 0 ? [d, { ...d, ref: `${d.ref}-return`, lines: back }] : [d];
    });
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
