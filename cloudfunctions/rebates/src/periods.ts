import { Refusal } from '@shared/envelope';
import type { DealerDoc } from '@shared/models';
import type { RebateFacts } from '@shared/rebates';
import { parsePeriod, settle } from '@shared/rebates';
import type { Db, Stored } from '../../_kit/db';
import { enabledPolicies } from './facts';
import { fullFacts } from './facts';
import { saveSettlements } from '../../_capabilities/rebate-settlement';

/** The dealers a period is closed and aggregates are checked for. */
export async function activeDealers(db: Db): Promise<Array<Stored<DealerDoc>>> {
  return db.findAll('dealers', { status: 'active' });
}

/** Settle one closed period for every active dealer: pending records, written once each. */
export async function closePeriodFor(
  db: Db,
  period: string,
  now: number,
): Promise<{ period: string; created: number; existing: number; total: number } | Refusal> {
  const range = parsePeriod(period);
  if (!range) return new Refusal('INVALID_INPUT', '期间格式为 YYYY-MM、YYYY-Qn 或 YYYY');
  if (now < range.end) return new Refusal('CONFLICT', `${period} 尚未结束，期末之后才能结算`);
  const policies = await enabledPolicies(db);
  const factsByDealer: Record<string, RebateFacts> = {};
  for (const dealer of await activeDealers(db)) factsByDealer[dealer._id] = await fullFacts(db, dealer, period, policies);
  const result = settle(policies, factsByDealer, period, now);
  if (!result.ok) return new Refusal('CONFLICT', result.message);
  const names = new Map(policies.map((p) => [p.id, p.name]));
  const { created, existing } = await saveSettlements(db, result, names, now);
  return { period, created, existing, total: result.records.length };
}
