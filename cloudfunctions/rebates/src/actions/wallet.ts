import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { WalletEntry } from '@shared/rebates';
import { callerDealer } from '../../../_kit/caller';
import type { Where } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { walletBalance } from '../../../_capabilities/rebate-ledger';

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
  const docs = await db.find('wallet_entries', where, {
    orderBy: [
      ['at', 'desc'],
      ['_id', 'desc'],
    ],
    limit: limit + 1,
  });
  const page: WalletEntry[] = docs.slice(0, limit).map(({ _id, ...e }) => ({ ...e, id: _id }));
  const last = page[page.length - 1];
  return { balance: await walletBalance(db, dealer._id), entries: page, nextCursor: docs.length > limit && last ? `${last.at}.${last.id}` : null };
});
