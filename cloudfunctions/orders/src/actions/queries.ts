import { contracts, GROUP_STATUSES } from '@shared/contracts';
import type { OrderSummary } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import type { Where } from '../../../_kit/db';
import type { OrderDocument } from '../../../_kit/orders';
import { actorNames, callersOf, canSee, toSummary, toView } from '../../../_kit/orders';
import type { Caller } from '../../../_kit/router';
import { defineAction } from '../../../_kit/router';
import type { Db } from '../../../_kit/db';

/** The orders a caller may list: a dealer's (and its clerks') own, a manager's regions, everything for admins. */
function scopeOf(caller: Caller, db: Db): Where | null {
  const u = caller.user;
  if (caller.console || u?.role === 'admin') return {};
  if (!u) return null;
  if (u.role === 'manager') return { dealerRegion: db.command['in']!(u.regions ?? []) };
  return u.dealerId ? { dealerId: u.dealerId } : null;
}

/** Cursor = createdAt and _id of the last item: newest first, stable under concurrent inserts. */
function decodeCursor(cursor: string): { at: number; id: string } | null {
  const m = /^(\d{1,15})\.([A-Za-z0-9_:.-]{1,80})$/.exec(cursor);
  return m ? { at: Number(m[1]), id: m[2]! } : null;
}

export const list = defineAction(contracts.orders.list, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async (input, { db, caller }) => {
  const scope = scopeOf(caller, db);
  if (!scope) return new Refusal('FORBIDDEN', '当前账号未绑定经销商，无法查看订单');
  const _ = db.command;
  const conds: object[] = [scope];
  const statuses = GROUP_STATUSES[input.group ?? 'all'];
  if (statuses) conds.push({ status: _['in']!([...statuses]) });
  if (input.cursor) {
    const c = decodeCursor(input.cursor);
    if (!c) return new Refusal('INVALID_INPUT', '分页标记无效，请下拉刷新后重试');
    conds.push(_['or']!([{ createdAt: _['lt']!(c.at) }, { createdAt: c.at, _id: _['lt']!(c.id) }]) as object);
  }
  const limit = input.limit ?? 20;
  const where = conds.length === 1 ? (conds[0] as Where) : (_['and']!(conds) as Where);
  const docs = await db.find<OrderDocument>('orders', where, { orderBy: [['createdAt', 'desc'], ['_id', 'desc']], limit: limit + 1 });
  const page = docs.slice(0, limit);
  const last = page[page.length - 1];
  return { items: page.map(toSummary), nextCursor: docs.length > limit && last ? `${last.createdAt}.${last._id}` : null };
});

export const get = defineAction(contracts.orders.get, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ orderId }, { db, caller }) => {
  const doc = await db.getById<OrderDocument>('orders', orderId);
  if (!doc || !canSee(caller, doc)) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
  return toView(orderId, doc, await actorNames(db, doc));
});

/**
 * Orders whose current approval step is the caller's role (managers: in their regions), for
 * whoever may approve (callersOf). The console is a brand admin: it sees the steps waiting for an admin.
 */
export const pendingApprovals = defineAction(contracts.orders.pendingApprovals, callersOf('approve_step'), async (_input, { db, caller }) => {
  const scope = scopeOf(caller, db) ?? {};
  const docs = await db.find<OrderDocument>('orders', { ...scope, status: 'pending_approval' }, { orderBy: [['createdAt', 'asc']], limit: 200 });
  const role = caller.console ? 'admin' : caller.user?.role;
  const items: OrderSummary[] = docs.filter((d) => d.approval?.steps[d.approval.currentStep]?.role === role).map(toSummary);
  return { items };
});

/** The lines of a past order, to put in the cart again (gifts are left to the promotions). */
export const buyAgain = defineAction(contracts.orders.buyAgain, ['dealer'], async ({ orderId }, { db, caller }) => {
  const doc = await db.getById<OrderDocument>('orders', orderId);
  if (!doc || !canSee(caller, doc)) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
  const items = doc.lines.filter((l) => l.kind !== 'gift');
  const products = await db.find<{ status: string }>('products', { _id: db.command['in']!(items.map((l) => l.sku)) }, { limit: 1000 });
  const onSale = new Set(products.filter((p) => p.status === 'on_sale').map((p) => p._id));
  return {
    lines: items.filter((l) => onSale.has(l.sku)).map((l) => ({ sku: l.sku, qty: l.qty })),
    skipped: items.filter((l) => !onSale.has(l.sku)).map((l) => ({ sku: l.sku, reason: `${l.name} 已下架` })),
  };
});

