import type { ActorView, OrderSummary, OrderView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { Actor, ActorRole, Order, OrderCommand, OrderCommandType, OrderEffect } from '@shared/orders';
import { DEFAULT_ORDER_POLICY, decide, ORDER_STATUS_LABELS, rolesIssuing } from '@shared/orders';
import type { Access } from '@shared/roles';
import { CONSOLE } from '@shared/roles';
import { actorLabel } from '@shared/orders/messages';
import type { ErrorCode } from '@shared/errors';
import type { AccountDoc, OrderDoc, UserDoc } from '@shared/models';
import type { Db, Stored, Tx, Where } from './db';
import { accrueDeliveredOrder, bookWallet } from './rebates';
import type { Caller } from './router';
import { serverWritten } from './router';
import { notify } from './notify';

export { notify };

/** An order document as stored (shared/models OrderDoc): the Order without `id` plus the fields kept beside it. */
export type OrderDocument = OrderDoc;
export type { AccountDoc };

export const EMPTY_ACCOUNT = (dealerId: string, now: number): AccountDoc => ({ dealerId, receivable: 0, creditReserved: 0, rebateBalance: 0, updatedAt: now });

/** A business refusal raised inside a transaction: throwing rolls the transaction back. */
export class AbortTx extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

export function refuse(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new AbortTx(new Refusal(code, message, details));
}

/** Run a unit of work in a transaction; a refusal thrown inside comes back as a value. */
export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T | Refusal> {
  try {
    return await db.transaction(work);
  } catch (e) {
    if (e instanceof AbortTx) return e.refusal;
    // runTransaction may wrap what the callback threw; unwrap our own refusals.
    const inner = (e as { abortReason?: unknown; cause?: unknown })?.abortReason ?? (e as { cause?: unknown })?.cause;
    if (inner instanceof AbortTx) return inner.refusal;
    throw e;
  }
}

/**
 * The order as callers see it. Actors appear by name and role, never by id (an openid): `names`
 * maps actor ids to names (actorNames); without it each actor shows as its role's label.
 */
export function toView(id: string, doc: OrderDocument | Stored<OrderDocument>, names: ReadonlyMap<string, string> = new Map()): OrderView {
  const { _id: _ignored, warehouseIds: _w, updatedAt: _u, requestDigest: _d, events, approval, shipments, ...rest } = doc as Stored<OrderDocument>;
  const person = (a: { role: ActorRole; id: string }): ActorView => ({ role: a.role, name: names.get(a.id) ?? actorLabel(a.role) });
  return {
    ...rest,
    id,
    statusLabel: ORDER_STATUS_LABELS[doc.status],
    events: events.map(({ actor, data, ...e }) => ({ ...e, actor: person(actor), ...(data ? { data: withPeople(data, person) as Record<string, unknown> } : {}) })),
    approval: approval ? { ...approval, steps: approval.steps.map((s) => ({ ...s, approvedBy: s.approvedBy ? person(s.approvedBy) : null })) } : null,
    shipments: shipments.map(({ by, ...s }) => ({ ...s, by: person(by) })),
  };
}

/** A copy of event data with every actor reference ({ role, id }, e.g. a shipment's `by`) shown as a person. */
function withPeople(value: unknown, person: (a: { role: ActorRole; id: string }) => ActorView): unknown {
  if (Array.isArray(value)) return value.map((v) => withPeople(v, person));
  if (!value || typeof value !== 'object') return value;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 2 && typeof o['role'] === 'string' && typeof o['id'] === 'string') return person(o as { role: ActorRole; id: string });
  return Object.fromEntries(keys.map((k) => [k, withPeople(o[k], person)]));
}

/**
 * Names of the people who acted on an order, by the id its events keep: one query over the users
 * the server wrote; the console and the platform's timers by what they are.
 */
export async function actorNames(db: Db, doc: Pick<OrderDocument, 'events' | 'approval' | 'shipments'>): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const e of doc.events) ids.add(e.actor.id);
  for (const s of doc.approval?.steps ?? []) if (s.approvedBy) ids.add(s.approvedBy.id);
  for (const s of doc.shipments) ids.add(s.by.id);
  const names = new Map<string, string>([['console', '品牌方'], ['system', '系统']]);
  const people = [...ids].filter((i) => !names.has(i));
  if (people.length === 0) return names;
  const _ = db.command;
  const where = _['or']!([{ openid: _['in']!(people), ...serverWritten(db) }, { _id: _['in']!(people), ...serverWritten(db) }]) as Where;
  const users = await db.find<UserDoc>('users', where, { limit: 1000, fields: { openid: true, name: true } });
  for (const u of users) {
    names.set(u.openid, u.name);
    names.set(u._id, u.name);
  }
  return names;
}

export function toSummary(d: Stored<OrderDocument>): OrderSummary {
  const step = d.status === 'pending_approval' && d.approval ? d.approval.steps[d.approval.currentStep] : undefined;
  return {
    id: d._id,
    orderNo: d.orderNo,
    dealerId: d.dealerId,
    dealerName: d.dealerName,
    status: d.status,
    statusLabel: ORDER_STATUS_LABELS[d.status],
    payable: d.payable,
    lineCount: d.lines.filter((l) => l.kind === 'item').length,
    itemQty: d.lines.reduce((n, l) => n + l.qty, 0),
    preview: d.lines.slice(0, 3).map((l) => l.name),
    createdAt: d.createdAt,
    waitingFor: step ? step.label : null,
  };
}

/** The actor of a command: role and dealer from the users collection, or the console / system. */
export function actorOf(caller: Caller): Actor {
  if (caller.user) return { role: caller.user.role, id: caller.user.openid, dealerId: caller.user.dealerId };
  return { role: caller.console ? 'admin' : 'system', id: caller.console ? 'console' : 'system' };
}

/**
 * Who may call the action that issues `command`: the roles the transition table
 * (shared/orders/transitions.ts) lets issue it from some state, and the console wherever an admin
 * may (actorOf makes it one). The router admits them; `decide` refuses the rest by state, dealer
 * and approval step.
 */
export function callersOf(command: OrderCommandType): Access[] {
  const roles: Access[] = rolesIssuing(command);
  return roles.includes('admin') ? [...roles, CONSOLE] : roles;
}

/**
 * Whether the caller may see this order at all. Dealers and clerks see their dealer's orders,
 * managers the orders of their regions, admins and the console everything. Someone else's
 * order is NOT_FOUND: its existence is not revealed.
 */
export function canSee(caller: Caller, order: Pick<OrderDocument, 'dealerId' | 'dealerRegion'>): boolean {
  // The console and the platform's own timers see every order.
  if (caller.console || caller.actorId === 'system') return true;
  const u = caller.user;
  if (!u) return false;
  switch (u.role) {
    case 'admin':
      return true;
    case 'manager':
      return (u.regions ?? []).includes(order.dealerRegion);
    default:
      return u.dealerId === order.dealerId;
  }
}

const stockId = (warehouseId: string, sku: string) => `stock-${warehouseId}-${sku}`;

/**
 * Wallet entry ids of an order's rebate: keyed by the order's id, which no other order can have
 * (never by its orderNo, which is only for people to read).
 */
export const spendEntryId = (orderId: string) => `spend:${orderId}`;
export const releaseEntryId = (orderId: string) => `release:${orderId}`;

/**
 * Apply a decision's stock, credit and rebate effects inside the transaction. Ledger entries are
 * keyed by the order's id (`orderNo` is only the reference people read).
 */
export async function applyEffects(tx: Tx, effects: readonly OrderEffect[], now: number, order: { id: string; orderNo: string }): Promise<void> {
  const accountDelta = new Map<string, { receivable: number; creditReserved: number; rebateBalance: number }>();
  const delta = (dealerId: string) => {
    let d = accountDelta.get(dealerId);
    if (!d) accountDelta.set(dealerId, (d = { receivable: 0, creditReserved: 0, rebateBalance: 0 }));
    return d;
  };
  for (const e of effects) {
    switch (e.type) {
      case 'release_stock':
      case 'consume_reservation_on_shipment':
        for (const item of e.items) {
          const id = stockId(item.warehouseId, item.sku);
          const s = await tx.get<{ onHand: number; reserved: number; shipped?: number }>('stock', id);
          if (!s) throw new Error(`stock document ${id} is missing`);
          const reserved = s.reserved - item.qty;
          if (reserved < 0) throw new Error(`stock ${id} would have negative reserved`);
          const patch: Record<string, number> =
            e.type === 'release_stock'
              ? { reserved }
              : { reserved, onHand: s.onHand - item.qty, shipped: (s.shipped ?? 0) + item.qty };
          await tx.update('stock', id, { ...patch, updatedAt: now });
        }
        break;
      case 'reserve_credit':
        delta(e.dealerId).creditReserved += e.amount;
        break;
      case 'release_credit':
        delta(e.dealerId).creditReserved -= e.amount;
        break;
      case 'book_receivable':
        delta(e.dealerId).creditReserved -= e.amount;
        delta(e.dealerId).receivable += e.amount;
        break;
      case 'release_rebate':
        // Back into the wallet ledger (which keeps the account's balance in step).
        await bookWallet(tx, { id: releaseEntryId(order.id), dealerId: e.dealerId, type: 'order_release', amount: e.amount, at: now, ref: order.orderNo, note: '订单关闭，抵扣的返利退回' }, now);
        break;
      case 'notify':
        break;
    }
  }
  for (const [dealerId, d] of accountDelta) {
    const acc = (await tx.get<AccountDoc>('accounts', dealerId)) ?? EMPTY_ACCOUNT(dealerId, now);
    // Every other field of the account (orderCount…) is kept as it is.
    const { _id: _ignored, ...kept } = acc as Stored<AccountDoc>;
    const next = {
      ...kept,
      dealerId,
      receivable: acc.receivable + d.receivable,
      creditReserved: acc.creditReserved + d.creditReserved,
      rebateBalance: acc.rebateBalance + d.rebateBalance,
      updatedAt: now,
    };
    if (next.creditReserved < 0) throw new Error(`account ${dealerId} would have negative reserved credit`);
    await tx.set('accounts', dealerId, next);
  }
}

/**
 * Load an order, decide the command with the state machine, and save the new state with its
 * effects, all in one transaction (retried as a whole on a write conflict). Notifications go
 * out after the commit.
 */
export async function runCommand(
  db: Db,
  caller: Caller,
  orderId: string,
  command: OrderCommand | ((order: Stored<OrderDocument>) => OrderCommand | Refusal),
  now: number,
): Promise<OrderView | Refusal> {
  const actor = actorOf(caller);
  const result = await inTransaction(db, async (tx) => {
    const order = await tx.get<OrderDocument>('orders', orderId);
    if (!order || !canSee(caller, order)) refuse('NOT_FOUND', '订单不存在或无权查看');
    const cmd = typeof command === 'function' ? command(order) : command;
    if (cmd instanceof Refusal) throw new AbortTx(cmd);
    const asOrder = { ...order, id: orderId } as unknown as Order & OrderDocument;
    const d = decide(asOrder, cmd, actor, now, DEFAULT_ORDER_POLICY);
    if (!d.ok) refuse(d.code, d.message);
    await applyEffects(tx, d.effects, now, { id: orderId, orderNo: order.orderNo });
    const { id: _id, ...next } = d.next as Order & OrderDocument;
    const doc: OrderDocument = { ...(next as unknown as OrderDocument), updatedAt: now };
    // Rebates accrue from what was actually delivered, in the same transaction as the delivery.
    if (doc.status === 'delivered' && order.status !== 'delivered') await accrueDeliveredOrder(tx, doc);
    await tx.set('orders', orderId, doc);
    return { doc, effects: d.effects };
  });
  if (result instanceof Refusal) return result;
  await notify(db, orderId, result.doc, result.effects, now);
  return toView(orderId, result.doc, await actorNames(db, result.doc));
}
