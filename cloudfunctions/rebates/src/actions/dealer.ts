import { contracts } from '@shared/contracts';
import type { RebateProgressOutput, SettlementView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { DealerDoc } from '@shared/models';
import type { RebatePolicy, WalletEntry } from '@shared/rebates';
import { periodKeysAt, policyApplies, progress } from '@shared/rebates';
import { CONSOLE } from '@shared/roles';
import { callerDealer } from '../../../_kit/caller';
import type { Db, Where } from '../../../_kit/db';
import type { WalletEntryDoc } from '../../../_kit/rebates';
import { enabledPolicies, REBATE_SPEND_RULE } from '../../../_kit/rebates';
import { defineAction } from '../../../_kit/router';
import { fullFacts } from '../facts';
import type { SettlementDoc } from '../settlement';
import { explain, policyVersions } from '../settlement';

/**
 * Live progress of every policy that applies to the calling dealer, in the periods running now.
 * Reads that do not wait on each other go out together (in CloudBase each is a network hop): the
 * dealer, the policies and the balance first, then the facts of every period at once.
 */
export const progressAction = defineAction(contracts.rebates.progress, ['dealer'], async (_input, ctx): Promise<RebateProgressOutput | Refusal> => {
  const { db, now } = ctx;
  const dealerId = ctx.caller.dealerId;
  const [dealer, policies, balance] = await Promise.all([callerDealer(ctx), enabledPolicies(db), dealerId ? balanceOf(db, dealerId) : 0]);
  if (dealer instanceof Refusal) return dealer;
  const keys = periodKeysAt(now);
  const ref = { id: dealer._id, level: dealer.level, region: dealer.region };
  const byPeriod = new Map<string, RebatePolicy[]>();
  for (const p of policies) {
    const period = keys[p.periodKind];
    if (policyApplies(p, ref, period)) byPeriod.set(period, [...(byPeriod.get(period) ?? []), p]);
  }
  const perPeriod = await Promise.all([...byPeriod].map(async ([period, list]) => progress(list, await fullFacts(db, dealer, period, list), now)));
  return { evaluations: perPeriod.flat(), wallet: { balance, spendRule: { maxShareBp: REBATE_SPEND_RULE.maxShareBp } } };
});

/**
 * The balance: the account's cached sum of the ledger, which bookWallet keeps in step in the same
 * transaction as every entry (the ledger sum, walletBalance of the entries, is what it caches).
 */
async function balanceOf(db: Db, dealerId: string): Promise<number> {
  return (await db.getById<{ rebateBalance: number }>('accounts', dealerId))?.rebateBalance ?? 0;
}

/** Cursor = time and id of the last entry: newest first, one page per read, however long the ledger. */
function decodeCursor(cursor: string): { at: number; id: string } | null {
  const m = /^(\d{1,15})\.(.{1,160})$/.exec(cursor);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

/** The wallet ledger, newest first, page by page. */
export const wallet = defineAction(contracts.rebates.wallet, ['dealer'], async (input, ctx) => {
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const { db } = ctx;
  const _ = db.command;
  let where: Where = { dealerId: dealer._id };
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    if (!c) return new Refusal('INVALID_INPUT', '分页标记无效，请下拉刷新后重试');
    where = _['and']!([where, _['or']!([{ at: _['lt']!(c.at) }, { at: c.at, _id: _['lt']!(c.id) }])]) as Where;
  }
  const limit = input.limit ?? 20;
  const docs = await db.find<WalletEntryDoc>('wallet_entries', where, { orderBy: [['at', 'desc'], ['_id', 'desc']], limit: limit + 1 });
  const page: WalletEntry[] = docs.slice(0, limit).map(({ _id, ...e }) => ({ ...e, id: _id }));
  const last = page[page.length - 1];
  return { balance: await balanceOf(db, dealer._id), entries: page, nextCursor: docs.length > limit && last ? `${last.at}.${last.id}` : null };
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
