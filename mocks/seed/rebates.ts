import type { AccountDoc, DealerDoc, OrderDoc } from '../../shared/models';
import type { Delivery, DeliveryAggregate, RebatePolicy, RebateFacts, WalletEntry } from '../../shared/rebates';
import { aggregateFrom, deliveryOfOrder, emptyAggregate, periodKey, periodKeysAt, periodRange, rebatePolicySchema, settle } from '../../shared/rebates';
import { DAY_MS, HOUR_MS } from '../../shared/time';

type WithId<T> = T & { _id: string };

/**
 * The brand's rebate book: a quarterly volume rebate (retroactive tiers), a quarterly growth rebate
 * and a monthly campaign reward on the water range. History is accrued into period aggregates the
 * way live deliveries are (month, quarter and year), and the last closed quarter is settled and credited, so dealers start
 * with a wallet balance and a settlement to read.
 */
export function buildRebates(
  dealers: ReadonlyArray<WithId<DealerDoc>>,
  orders: ReadonlyArray<WithId<OrderDoc>>,
  accounts: ReadonlyArray<WithId<AccountDoc>>,
  referenceDate: number,
): {
  rebate_policies: Array<WithId<{ policy: RebatePolicy; code: string; enabled: boolean; updatedAt: number; updatedBy: string }>>;
  rebate_aggregates: Array<WithId<DeliveryAggregate>>;
  rebate_settlements: Array<WithId<Record<string, unknown>>>;
  rebate_policy_versions: Array<WithId<{ policy: RebatePolicy; savedAt: number }>>;
  wallet_entries: Array<WithId<Omit<WalletEntry, 'id'>>>;
  accounts: Array<WithId<AccountDoc>>;
} {
  const policies = [
    {
      code: 'volume_tiers',
      id: 'rb-quarter-volume',
      name: '季度进货阶梯返利',
      periodKind: 'quarter',
      args: {
        basis: 'amount',
        mode: 'retroactive',
        tiers: [
          { from: 2_000_000, rateBp: 100 },
          { from: 5_000_000, rateBp: 200 },
          { from: 10_000_000, rateBp: 300 },
        ],
      },
    },
    {
      code: 'growth',
      id: 'rb-quarter-growth',
      name: '季度同比增长返利',
      periodKind: 'quarter',
      args: {
        appliesTo: 'increment',
        tiers: [
          { minGrowthBp: 500, rateBp: 300 },
          { minGrowthBp: 2000, rateBp: 500 },
        ],
      },
    },
    {
      code: 'volume_tiers',
      id: 'rb-month-water',
      name: '矿泉水月度奖励',
      periodKind: 'month',
      scope: { includeCategories: ['cat-01'] },
      args: {
        basis: 'qty',
        mode: 'progressive',
        tiers: [
          { from: 2_400, perUnitFen: 2 },
          { from: 7_200, perUnitFen: 3 },
        ],
      },
    },
  ].map((p) => rebatePolicySchema.parse(p));

  // Month, quarter and year aggregates of every delivered order, as the delivery transactions would have left them.
  const byDealerMonth = new Map<string, Delivery[]>();
  for (const o of orders) {
    const d = deliveryOfOrder(o);
    if (!d || d.lines.length === 0) continue;
    for (const period of Object.values(periodKeysAt(d.at))) {
      const key = `${d.dealerId}:${period}`;
      byDealerMonth.set(key, [...(byDealerMonth.get(key) ?? []), d]);
    }
  }
  const aggregates = [...byDealerMonth].map(([key, deliveries]) => {
    const [dealerId, month] = key.split(':') as [string, string];
    return { ...aggregateFrom(dealerId, month, deliveries), _id: key };
  });
  const aggById = new Map(aggregates.map((a) => [a._id, a]));

  // Settle and credit the last quarter closed before the reference date.
  const quarter = periodKey('quarter', periodRange(periodKey('quarter', referenceDate))!.start - 1);
  // Growth needs last year's quarter, which the 12 months of history do not cover: settle volume only.
  const quarterly = policies.filter((p) => p.periodKind === 'quarter' && p.code === 'volume_tiers');
  const facts: Record<string, RebateFacts> = {};
  for (const d of dealers.filter((x) => x.status === 'active')) {
    const stored = aggById.get(`${d._id}:${quarter}`);
    const current = stored ? (({ _id: _i, ...a }) => a as DeliveryAggregate)(stored) : emptyAggregate(d._id, quarter);
    facts[d._id] = { dealer: { id: d._id, level: d.level, region: d.region }, period: quarter, current };
  }
  const settledAt = periodRange(quarter)!.end + 2 * HOUR_MS;
  const result = settle(quarterly, facts, quarter, settledAt);
  if (!result.ok) throw new Error(`seed: ${result.message}`);
  const names = new Map(policies.map((p) => [p.id, p.name]));
  const credited = settledAt + DAY_MS;
  const settlements = result.records.map((record) => ({
    _id: record.id,
    record,
    policyName: names.get(record.policyId) ?? record.policyId,
    status: 'credited',
    creditedAt: credited,
    dealerId: record.dealerId,
    period: record.period,
    settledAt: record.settledAt,
  }));
  const wallet = result.records
    .filter((r) => r.amount > 0)
    .map((r) => ({
      _id: `settle:${r.id}`,
      dealerId: r.dealerId,
      type: 'rebate_settlement' as const,
      amount: r.amount,
      at: credited,
      ref: r.id,
      note: `${names.get(r.policyId)} ${r.period}`,
    }));
  const balance = new Map<string, number>();
  for (const w of wallet) balance.set(w.dealerId, (balance.get(w.dealerId) ?? 0) + w.amount);
  return {
    rebate_policies: policies.map((policy) => ({ _id: policy.id, policy, code: policy.code, enabled: true, updatedAt: referenceDate, updatedBy: 'seed' })),
    rebate_aggregates: aggregates,
    rebate_settlements: settlements,
    rebate_policy_versions: Object.entries(result.policies).map(([digest, policy]) => ({ _id: digest, policy, savedAt: settledAt })),
    wallet_entries: wallet,
    accounts: accounts.map((a) => ({ ...a, rebateBalance: balance.get(a._id) ?? 0 })),
  };
}
