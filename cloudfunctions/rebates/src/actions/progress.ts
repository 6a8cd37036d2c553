import { contracts } from '@shared/contracts';
import type { RebateProgressOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { RebatePolicy } from '@shared/rebates';
import { periodKeysAt, policyApplies, progress as evaluateProgress } from '@shared/rebates';
import { callerDealer } from '../../../_kit/caller';
import { enabledPolicies } from '../facts';
import { REBATE_SPEND_RULE } from '@shared/contracts';
import { defineAction } from '../../../_kit/router';
import { fullFacts } from '../facts';
import { walletBalance } from '../../../_capabilities/rebate-ledger';
import { readableText } from '@shared/rebates/readable';

/**
 * Live progress of every policy that applies to the calling dealer, in the periods running now.
 * Reads that do not wait on each other go out together (in CloudBase each is a network hop): the
 * dealer, the policies and the balance first, then the facts of every period at once.
 */
export const progress = defineAction(contracts.rebates.progress, ['dealer'], async (_input, ctx): Promise<RebateProgressOutput | Refusal> => {
  const { db, now } = ctx;
  const dealerId = ctx.caller.dealerId;
  const [dealer, policies, balance, categories] = await Promise.all([
    callerDealer(ctx),
    enabledPolicies(db),
    dealerId ? walletBalance(db, dealerId) : 0,
    db.find('categories', {}, { limit: 1000, fields: { name: true } }),
  ]);
  if (dealer instanceof Refusal) return dealer;
  const keys = periodKeysAt(now);
  const ref = { id: dealer._id, level: dealer.level, region: dealer.region };
  const byPeriod = new Map<string, RebatePolicy[]>();
  for (const p of policies) {
    const period = keys[p.periodKind];
    if (policyApplies(p, ref, period)) byPeriod.set(period, [...(byPeriod.get(period) ?? []), p]);
  }
  const perPeriod = await Promise.all([...byPeriod].map(async ([period, list]) => evaluateProgress(list, await fullFacts(db, dealer, period, list), now)));
  // The trace names categories by id and periods by key; the dealer reads names and labels.
  const names = new Map(categories.map((c) => [c._id, c.name]));
  const evaluations = perPeriod.flat().map((e) => ({ ...e, trace: e.trace.map((t) => ({ ...t, text: readableText(t.text, names) })) }));
  return { evaluations, wallet: { balance, spendRule: { maxShareBp: REBATE_SPEND_RULE.maxShareBp } } };
});
