import { contracts } from '@shared/contracts';
import type { RebateProgressOutput, SettlementView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { DealerDoc } from '@shared/models';
import type { RebatePolicy, WalletEntry } from '@shared/rebates';
import { periodKeysAt, policyApplies, progress, walletBalance } from '@shared/rebates';
import { CONSOLE } from '@shared/roles';
import { callerDealer } from '../../../_kit/caller';
import type { WalletEntryDoc } from '../../../_kit/rebates';
import { enabledPolicies, REBATE_SPEND_RULE } from '../../../_kit/rebates';
import { defineAction } from '../../../_kit/router';
import { fullFacts } from '../facts';
import type { SettlementDoc } from '../settlement';
import { explain, policyVersions } from '../settlement';

/** Live progress of every policy that applies to the calling dealer, in the periods running now. */
export const progressAction = defineAction(contracts.rebates.progress, ['dealer'], async (_input, ctx): Promise<RebateProgressOutput | Refusal> => {
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const { db, now } = ctx;
  const keys = periodKeysAt(now);
  const policies = await enabledPolicies(db);
  const ref = { id: dealer._id, level: dealer.level, region: dealer.region };
  const byPeriod = new Map<string, RebatePolicy[]>();
  for (const p of policies) {
    const period = keys[p.periodKind];
    if (policyApplies(p, ref, period)) byPeriod.set(period, [...(byPeriod.get(period) ?? []), p]);
  }
  const evaluations = [];
  for (const [period, list] of byPeriod) evaluations.push(...progress(list, await fullFacts(db, dealer, period, list), now));
  const entries = await db.find<WalletEntryDoc>('wallet_entries', { dealerId: dealer._id }, { limit: 1000 });
  return { evaluations, wallet: { balance: walletBalance(entries).balance, spendRule: { maxShareBp: REBATE_SPEND_RULE.maxShareBp } } };
});

/** The wallet ledger, newest first; the balance is the sum of all entries. */
export const wallet = defineAction(contracts.rebates.wallet, ['dealer'], async (input, ctx) => {
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const { db } = ctx;
  const all = await db.find<WalletEntryDoc>('wallet_entries', { dealerId: dealer._id }, { orderBy: [['at', 'desc'], ['_id', 'desc']], limit: 1000 });
  const entries: WalletEntry[] = all.map(({ _id, ...e }) => ({ ...e, id: _id }));
  const start = input.cursor ? entries.findIndex((e) => e.id === input.cursor) + 1 : 0;
  const limit = input.limit ?? 20;
  const page = entries.slice(start, start + limit);
  return { balance: walletBalance(entries).balance, entries: page, nextCursor: start + limit < entries.length ? (page[page.length - 1]?.id ?? null) : null };
});

export const settlements = defineAction(contracts.rebates.settlements, ['dealer', 'admin', CONSOLE], async (input, ctx) => {
  const own = ctx.caller.user?.role === 'dealer' ? ctx.caller.user.dealerId : null;
  if (own && input.dealerId && input.dealerId !== own) return new Refusal('NOT_FOUND', '只能查看本经销商的返利结算');
  const dealerId = own ?? input.dealerId;
  if (!dealerId) return new Refusal('INVALID_INPUT', '请指定 dealerId');
  if (!(await ctx.db.getById<DealerDoc>('dealers', dealerId))) return new Refusal('NOT_FOUND', '经销商不存在');
  const where: Record<string, unknown> = { dealerId };
  if (input.period) where['period'] = input.period;
  const docs = await ctx.db.find<SettlementDoc>('rebate_settlements', where, { orderBy: [['settledAt', 'desc']], limit: 200 });
  const versions = await policyVersions(ctx.db, docs.map((d) => d.record.policyDigest));
  const items: SettlementView[] = docs.map((d) => ({
    id: d._id,
    policyId: d.record.policyId,
    policyName: d.policyName,
    dealerId: d.record.dealerId,
    period: d.record.period,
    amount: d.record.amount,
    status: d.status,
    settledAt: d.record.settledAt,
    creditedAt: d.creditedAt,
    explanation: explain(d, versions),
  }));
  return { items };
});
