import { aggregateFrom, emptyAggregate, rebatePolicySchema, samePeriodLastYear } from '../../../shared/rebates';
import type { Delivery, DeliveryAggregate, RebateDealer, RebateFacts, RebatePolicy, RebatePolicyInput } from '../../../shared/rebates';

/** Epoch ms of an Asia/Shanghai wall time (UTC+8), whatever TZ jest runs in. */
export const sh = (y: number, m: number, d: number, h = 0, min = 0, s = 0, ms = 0) => Date.UTC(y, m - 1, d, h - 8, min, s, ms);

export const dealer: RebateDealer = { id: 'd-hz-01', level: 'A', region: 'east' };
export const dealerB: RebateDealer = { id: 'd-cd-07', level: 'B', region: 'west' };

type WithoutIdName<T> = T extends unknown ? Omit<T, 'id' | 'name'> & { id?: string; name?: string } : never;
let seq = 0;
/** Parses a policy through the registry's schema (so the tests exercise it), with a fresh id unless given. */
export function policy(input: WithoutIdName<RebatePolicyInput>): RebatePolicy {
  seq += 1;
  return rebatePolicySchema.parse({ id: `pol-${seq}`, name: `测试返利${seq}`, ...input });
}

let ref = 0;
/** A delivery of lines [sku, categoryId, qty, payable] at `at`. */
export function delivery(at: number, lines: Array<[string, string, number, number]>, dealerId = dealer.id): Delivery {
  ref += 1;
  return { ref: `SO-${ref}`, dealerId, at, lines: lines.map(([sku, categoryId, qty, payable]) => ({ sku, categoryId, qty, payable })) };
}

/** One delivery of `amount` fen (and `qty` units) of TEA-1 in cat-tea. */
export const amountOf = (at: number, amount: number, qty = 1, dealerId = dealer.id) => delivery(at, [['TEA-1', 'cat-tea', qty, amount]], dealerId);

export function facts(
  period: string,
  deliveries: readonly Delivery[],
  extra: { lastYear?: readonly Delivery[] | null; targets?: Record<string, number>; windows?: Record<string, DeliveryAggregate>; who?: RebateDealer } = {},
): RebateFacts {
  const who = extra.who ?? dealer;
  const ly = samePeriodLastYear(period);
  return {
    dealer: who,
    period,
    current: aggregateFrom(who.id, period, deliveries),
    lastYear: extra.lastYear === undefined ? undefined : extra.lastYear === null ? emptyAggregate(who.id, ly) : aggregateFrom(who.id, ly, extra.lastYear),
    targets: extra.targets,
    windows: extra.windows,
  };
}

/** A month, quarter or year policy of amount tiers ¥100k @1 %, ¥200k @2 %, ¥500k @3 %. */
export const TIERS = [
  { from: 10_000_000, rateBp: 100 },
  { from: 20_000_000, rateBp: 200 },
  { from: 50_000_000, rateBp: 300 },
];
