import type { ActorView, OrderSummary, OrderView } from '@shared/contracts';
import type { ActorRole } from '@shared/orders';
import { ORDER_STATUS_LABELS } from '@shared/orders';
import { actorLabel } from '@shared/orders/messages';
import type { OrderDoc } from '@shared/models';
import type { Db, Stored, Where } from '../../_kit/db';
import type { AuthedCaller } from '../../_kit/router';
import { serverWritten } from '../../_kit/router';

/**
 * The order as callers see it. Actors appear by name and role, never by id (an openid): `names`
 * maps actor ids to names (actorNames); without it each actor shows as its role's label.
 */
export function toView(id: string, doc: OrderDoc | Stored<OrderDoc>, names: ReadonlyMap<string, string> = new Map()): OrderView {
  const { _id: _ignored, warehouseIds: _w, updatedAt: _u, requestDigest: _d, events, approval, shipments, ...rest } = doc as Stored<OrderDoc>;
  const person = (a: { role: ActorRole; id: string }): ActorView => ({ role: a.role, name: names.get(a.id) ?? actorLabel(a.role) });
  return {
    ...rest,
    id,
    statusLabel: ORDER_STATUS_LABELS[doc.status],
    events: events.map(({ actor, data, ...e }) => ({
      ...e,
      actor: person(actor),
      ...(data ? { data: withPeople(data, person) as Record<string, unknown> } : {}),
    })),
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

/** Names that need no lookup: the console and the platform's timers by what they are. */
const KNOWN_NAMES: ReadonlyArray<[string, string]> = [
  ['console', '品牌方'],
  ['system', '系统'],
];

/**
 * Names of the people who acted on an order, by the id its events keep: one query over the users
 * the server wrote; the console and the platform's timers by what they are.
 */
export async function actorNames(db: Db, doc: Pick<OrderDoc, 'events' | 'approval' | 'shipments'>): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const e of doc.events) ids.add(e.actor.id);
  for (const s of doc.approval?.steps ?? []) if (s.approvedBy) ids.add(s.approvedBy.id);
  for (const s of doc.shipments) ids.add(s.by.id);
  const names = new Map<string, string>(KNOWN_NAMES);
  const people = [...ids].filter((i) => !names.has(i));
  if (people.length === 0) return names;
  const _ = db.command;
  const where = _['or']!([
    { openid: _['in']!(people), ...serverWritten(db) },
    { _id: _['in']!(people), ...serverWritten(db) },
  ]) as Where;
  const users = await db.find('users', where, { limit: 1000, fields: { openid: true, name: true } });
  for (const u of users) {
    names.set(u.openid, u.name);
    names.set(u._id, u.name);
  }
  return names;
}

/**
 * Names of the people on an order the caller has just made: when its only actor is the caller,
 * whom the router has read already, no lookup; anyone else is looked up (actorNames).
 */
export function namesOnNewOrder(db: Db, caller: AuthedCaller, doc: OrderDoc): Promise<Map<string, string>> | Map<string, string> {
  const me = caller.user.openid;
  const onlyMe = doc.events.every((e) => e.actor.id === me) && doc.shipments.length === 0 && (doc.approval?.steps ?? []).every((s) => !s.approvedBy);
  return onlyMe ? new Map([...KNOWN_NAMES, [me, caller.user.name]]) : actorNames(db, doc);
}

/** One line of the order list. */
export function toSummary(d: Stored<OrderDoc>): OrderSummary {
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
