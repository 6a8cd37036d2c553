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

/** Entry types whose ref is an order number. */
const ORDER_TYPES: ReadonlySet<WalletEntry['type']> = new Set(['order_spend', 'order_release']);

/** The wallet ledger, newest first, page by page; an entry about an order names it (orderId) for the link. */
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
  // Entries about an order keep its number as ref; the number's record names the order, so the page can link to it.
  const orderNos = page.filter((e) => ORDER_TYPES.has(e.type)).map((e) => e.ref);
  const [balance, numbers] = await Promise.all([walletBalance(db, dealer._id), db.getMany('order_numbers', orderNos)]);
  const orderOf = new Map(numbers.filter((n) => n.dealerId === dealer._id).map((n) => [n._id, n.orderId]));
  const entries = page.map((e) => ({ ...e, orderId: ORDER_TYPES.has(e.type) ? (orderOf.get(e.ref) ?? null) : null }));
  return { balance, entries, nextCursor: docs.length > limit && last ? `${last.at}.${last.id}` : null };
});
