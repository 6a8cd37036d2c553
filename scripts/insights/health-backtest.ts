/**
 * The dealer-health back-test the issue asks for, shared by `npm run insights -- fit-health` and
 * `npm run bench -- insights`: score the dealers as of the first of four past months, each against
 * its next 92 days, pooled. The flags' thresholds are fitted on other generated histories (other
 * seeds of the same generator: other habits, assortments and order draws), never on the demo
 * history the back-test judges. A time split inside the demo history is not possible: it starts a
 * year before the reference date and the model's windows need the 180 days before an origin.
 */
import { type SeedDataSet, generate } from '../../mocks/seed/data';
import { type HealthCase, type HealthThresholds, fitHealthThresholds, healthCases } from '../../shared/insights/health';
import { paymentFactsOf, receivableAgeing } from '../../shared/insights/payments';
import { engagementSignals } from '../../shared/insights/signals';

export const EVALUATION_ORIGINS = ['2026-05-01', '2026-06-01', '2026-07-01', '2026-08-01'];
/** Seeds of the histories the thresholds are fitted on (the demo's is mocks/seed DEFAULT_SEED). */
export const FIT_SEEDS = [1, 2, 3];
const HORIZON_DAYS = 92;

/** Every origin's cases, with the signals the nightly stores (payment timeliness, campaigns joined, WeCom customers added) as of that origin. */
export function backtestCases(data: SeedDataSet, origins: readonly string[] = EVALUATION_ORIGINS): HealthCase[] {
  const facts = paymentFactsOf({
    dealers: data.dealers,
    orders: data.orders,
    payments: data.payments,
    returns: [],
    accounts: data.accounts,
    now: data.system[0]!.referenceDate,
    since: 0,
  });
  return origins.flatMap((day) => {
    const at = Date.parse(`${day}T00:00:00+08:00`);
    const ageing = receivableAgeing(facts, at);
    const engagement = engagementSignals({
      dealers: data.dealers,
      campaigns: data.campaigns,
      codes: data.campaign_codes,
      customers: data.wecom_customers,
      wecomDealers: new Set(data.wecom_staff.flatMap((s) => (s.status === 'active' && s.dealerId ? [s.dealerId] : []))),
      asOf: at,
    });
    const signals = new Map(data.dealers.map((d) => [d._id, { ...engagement.get(d._id), overdueDays: ageing.get(d._id)?.overdueDays ?? 0 }]));
    return healthCases(data.orders, data.dealers, at, HORIZON_DAYS, signals);
  });
}

/** The thresholds fitted on the histories of `seeds` at the same origins. */
export function fitOnOtherHistories(seeds: readonly number[] = FIT_SEEDS): HealthThresholds {
  return fitHealthThresholds(seeds.flatMap((seed) => backtestCases(generate({ seed }))));
}
