import { contracts, GROUP_STATUSES } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import type { Where } from '../../../_kit/db';
import { actorOf } from '../actors';
import { toSummary } from '../views';
import { defineAction } from '../../../_kit/router';
import { scopeOf } from '../scope';

/** Cursor = createdAt and _id of the last item: newest first, stable under concurrent inserts. */
function decodeCursor(cursor: string): { at: number; id: string } | null {
  const m = /^(\d{1,15})\.([A-Za-z0-9_:.-]{1,80})$/.exec(cursor);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

/** Orders visible to the caller, newest first, one page at a time. */
export const list = defineAction(contracts.orders.list, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async (input, { db, caller }) => {
  const scope = scopeOf(caller, db);
  if (!scope) return new Refusal('FORBIDDEN', '当前账号未绑定经销商，无法查看订单');
  const _ = db.command;
  // 我的代客订单: the orders the caller placed for dealers, wherever the dealer is now.
  if (input.placedByMe && caller.user?.role !== 'manager' && caller.user?.role !== 'admin') {
    return new Refusal('FORBIDDEN', '只有渠道经理和品牌管理员可以代客下单');
  }
  const conds: object[] = [input.placedByMe ? { 'placedBy.id': actorOf(caller).id } : scope];
  const statuses = GROUP_STATUSES[input.group ?? 'all'];
  if (statuses) conds.push({ status: _['in']!([...statuses]) });
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    if (!c) return new Refusal('INVALID_INPUT', '分页标记无效，请下拉刷新后重试');
    conds.push(_['or']!([{ createdAt: _['lt']!(c.at) }, { createdAt: c.at, _id: _['lt']!(c.id) }]) as object);
  }
  const limit = input.limit ?? 20;
  const where = conds.length === 1 ? (conds[0] as Where) : (_['and']!(conds) as Where);
  const docs = await db.find('orders', where, {
    orderBy: [
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    limit: limit + 1,
  });
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toSummary), nextCursor: docs.length > limit && last ? `${last.createdAt}.${last._id}` : null };
});
