/**
 * The order state machine. `decide(order, command, actor, now)` is pure: it checks who may do
 * what in which state and returns the decision as data — the next order (a new object; the
 * input is never mutated), the one event appended to its audit trail, and the effects the
 * handler applies in the same transaction — or a refusal with a Chinese message saying why and
 * what to do. Decide, then act: the handler persists `next` with a conditional update on the
 * status and event count it loaded, so two concurrent commands cannot both win.
 *
 *   submitted ──submit──▶ pending_approval ──approve_step (last)──▶ approved
 *       │  └──submit (no steps)──────────────────────────────────▶ approved
 *   submitted ──submit_for_dealer (代客下单, dealer authorised it)──▶ as submit
 *   submitted ──submit_for_dealer (else)──▶ awaiting_dealer_confirmation ──confirm_proxy (dealer)──▶ as submit
 *                                                   └──refuse_proxy (dealer) | cancel (admin)──▶ cancelled
 *       │                 │  ▲approve_step (more steps)
 *       │                 └──reject──▶ rejected
 *   approved ──ship (some)──▶ partially_shipped ──ship (rest)──▶ shipped
 *   approved ──ship (all)──────────────────────────────────────▶ shipped
 *   shipped ──confirm_receipt──▶ delivered ──complete──▶ completed
 *   submitted | pending_approval | approved ──cancel (dealer, admin: nothing has shipped yet)──▶ cancelled
 *
 * Checks, in order: the role may ever issue the command (else FORBIDDEN); a dealer acts only on
 * their own orders (FORBIDDEN); the state accepts the command (CONFLICT naming the state); the
 * state accepts it from this role (CONFLICT); the approval step belongs to this role
 * (FORBIDDEN); the approver has not approved another step of this order (FORBIDDEN, separation
 * of duties, approval/duties.ts); then the command's own input (INVALID_INPUT, or CONFLICT for a repeat).
 *
 * 代客下单: a proxy order is decided, priced, and holds stock and credit exactly as the dealer's
 * own submit would, at the manager's submit (what was promised on the phone is kept while the
 * dealer looks; refusing gives it back once). Its approval is decided then too, and starts when
 * the dealer confirms. placedBy names the manager, who never approves it (approval/duties.ts).
 *
 * Credit: an order holds its payable as reserved credit from submit — except one a
 * credit_overdraw rule sent to approval for overdrawing the limit (submit with
 * creditOnApproval): it holds nothing while it waits, and the last approval reserves it
 * (reserve_credit). Rejecting or cancelling releases whatever it holds.
 *
 * Money: a shipment turns the shipped goods' share of the order's payable from reserved credit
 * into a receivable (book_receivable). Each line's share is computed cumulatively —
 * round_half_up(payable × shippedQty / qty) — and a shipment books the difference, so the
 * shipments of a line add up to exactly its payable and the order's credit reservation reaches
 * exactly 0 when the last unit ships.
 */
import { multiplyRatio } from '../money';
import { placedBySamePerson, stepDecidedBySamePerson } from './approval/duties';
import { ROLE_LABELS } from '../roles';
import { formatYuan } from './format';
import { actorLabel, COMMAND_VERBS, STATE_PHRASES, stateConflictMessage } from './messages';
import type { StockReservation } from './stock';
import { mayIssue, statesAccepting, stepIsFor, TRANSITIONS } from './transitions';
import { DAY_MS, formatShanghai } from '../time';
import { DEFAULT_ORDER_POLICY, ORDER_STATUS_LABELS } from './types';
import type { Actor, Decision, DecisionErrorCode, Order, OrderCommand, OrderEffect, OrderEvent, OrderEventType, OrderPolicy, OrderStatus } from './types';

export { commandsFor, mayIssue, rolesIssuing, statesAccepting, stepIsFor, TRANSITIONS } from './transitions';
export type { TransitionRule } from './transitions';

/** Reasons people type (reject, cancel): 2–200 characters after trimming. */
export const REASON_MIN = 2;
export const REASON_MAX = 200;

type Refusal = { ok: false; code: DecisionErrorCode; message: string };
const refuse = (code: DecisionErrorCode, message: string): Refusal => ({ ok: false, code, message });

export function decide<T extends Order>(order: T, command: OrderCommand, actor: Actor, now: number, policy: OrderPolicy = DEFAULT_ORDER_POLICY): Decision<T> {
  if (!TRANSITIONS[command.type].by[actor.role]) return refuse('FORBIDDEN', `${actorLabel(actor.role)}不能${COMMAND_VERBS[command.type]}订单`);
  if (actor.role === 'dealer' && actor.dealerId !== order.dealerId) return refuse('FORBIDDEN', '只能操作本经销商自己的订单');
  if (!statesAccepting(command.type).includes(order.status)) return refuse('CONFLICT', stateConflictMessage(order.status, command.type));
  if (!mayIssue(command.type, order.status, actor.role)) {
    // No command differs by role today (a dealer cancels until shipment starts, as an admin does); kept for the table's sake.
    return refuse(
      'CONFLICT',
      `${STATE_PHRASES[order.status]}，${actorLabel(actor.role)}不能自行${COMMAND_VERBS[command.type]}。如需${COMMAND_VERBS[command.type]}请联系品牌方`,
    );
  }
  const ctx: Ctx<T> = { order, actor, now };
  switch (command.type) {
    case 'submit':
      return submit(ctx, command);
    case 'submit_for_dealer':
      return submitForDealer(ctx, command);
    case 'confirm_proxy':
      return confirmProxy(ctx);
    case 'refuse_proxy':
      return refuseProxy(ctx, command);
    case 'approve_step':
      return approveStep(ctx, command);
    case 'reject':
      return reject(ctx, command);
    case 'cancel':
      return cancel(ctx, command);
    case 'ship':
      return ship(ctx, command);
    case 'confirm_receipt':
      return confirmReceipt(ctx, policy);
    case 'complete':
      return accept(ctx, { status: 'completed', completedAt: now }, 'completed', {});
  }
}

type Changes = Partial<Omit<Order, 'events'>> & { status: OrderStatus };

interface Ctx<T extends Order> {
  order: T;
  actor: Actor;
  now: number;
}

/** The success: `changes` over the order, plus the one event. */
function accept<T extends Order>(
  ctx: Ctx<T>,
  changes: Changes,
  type: OrderEventType,
  extra: { reason?: string; data?: Record<string, unknown> },
  effects: OrderEffect[] = [],
): Decision<T> {
  const event: OrderEvent = {
    type,
    from: ctx.order.status,
    to: changes.status,
    actor: { role: ctx.actor.role, id: ctx.actor.id },
    at: ctx.now,
  };
  if (extra.reason !== undefined) event.reason = extra.reason;
  if (extra.data !== undefined) event.data = extra.data;
  // Only Order's own fields change; a stored document's other fields are carried over as they are.
  const next = { ...ctx.order, ...changes, events: [...ctx.order.events, event] } as T;
  return { ok: true, next, event, effects };
}

function baseFields(order: Order, now: number): Record<string, string> {
  return { orderNo: order.orderNo, amount: formatYuan(order.payable), time: formatShanghai(now) };
}

const dealerOf = (order: Order) => ({ role: 'dealer', dealerId: order.dealerId }) as const;

function submit<T extends Order>(ctx: Ctx<T>, command: Extract<OrderCommand, { type: 'submit' }>): Decision<T> {
  const { order, now } = ctx;
  const steps = command.approval.steps.map((s) => ({ role: s.role, label: s.label, ruleIds: [...s.ruleIds], approvedBy: null, approvedAt: null }));
  const matched = command.approval.matched.map((m) => ({ ...m, steps: m.steps.map((s) => ({ ...s })) }));
  const fields = baseFields(order, now);
  const first = steps[0];
  if (!first) {
    const changes: Changes = { status: 'approved', approvedAt: now, approval: { auto: true, matched, steps, currentStep: 0 } };
    return accept(ctx, changes, 'submitted', { data: { auto: true } }, [
      { type: 'notify', to: dealerOf(order), template: 'order_approved', fields: { ...fields, status: ORDER_STATUS_LABELS.approved } },
      { type: 'notify', to: { role: 'admin' }, template: 'order_to_ship', fields },
    ]);
  }
  const changes: Changes = { status: 'pending_approval', approval: { auto: false, matched, steps, currentStep: 0 } };
  // Over the credit limit: nothing is held while the approvers decide; the last approval reserves it.
  if (command.creditOnApproval) changes.creditReserved = 0;
  const why = matched.map((m) => m.explanation).join('；');
  return accept(ctx, changes, 'submitted', { data: { auto: false, steps: steps.map((s) => s.role), ruleIds: matched.map((m) => m.ruleId) } }, [
    { type: 'notify', to: { role: first.role }, template: 'order_pending_approval', fields: { ...fields, step: first.label, reason: why } },
  ]);
}

/**
 * 代客下单: decided as submit; recorded as placed by the actor; unless the dealer authorised
 * proxy orders, parked for the dealer (approval decided, its notifications held back until confirm_proxy).
 */
function submitForDealer<T extends Order>(ctx: Ctx<T>, command: Extract<OrderCommand, { type: 'submit_for_dealer' }>): Decision<T> {
  const { awaitConfirmation, ...rest } = command;
  const placed = { ...ctx, order: { ...ctx.order, placedBy: { role: ctx.actor.role, id: ctx.actor.id } } };
  const d = submit(placed, { ...rest, type: 'submit' });
  if (!d.ok) return d;
  const proxy = { proxy: true, ...(d.event.data ?? {}) };
  if (!awaitConfirmation) return { ...d, event: { ...d.event, data: proxy }, next: { ...d.next, events: [...ctx.order.events, { ...d.event, data: proxy }] } };
  const changes: Changes = {
    status: 'awaiting_dealer_confirmation',
    placedBy: placed.order.placedBy,
    approval: d.next.approval,
    creditReserved: d.next.creditReserved,
  };
  const fields = { ...baseFields(ctx.order, ctx.now), status: ORDER_STATUS_LABELS.awaiting_dealer_confirmation };
  return accept(ctx, changes, 'submitted', { data: { ...proxy, awaiting: true } }, [
    { type: 'notify', to: dealerOf(ctx.order), template: 'order_proxy_placed', fields },
  ]);
}

/** The dealer takes the proxy order as its own: approval starts as it would have at submit. */
function confirmProxy<T extends Order>(ctx: Ctx<T>): Decision<T> {
  const { order } = ctx;
  const approval = order.approval as NonNullable<Order['approval']>;
  const steps = approval.steps.map((s) => ({ role: s.role, label: s.label, ruleIds: s.ruleIds }));
  const again = submit({ ...ctx, order: { ...order, status: 'submitted' } }, { type: 'submit', approval: { matched: approval.matched, steps } });
  if (!again.ok) return again;
  // Credit as held at the manager's submit (an overdraw sent to approval holds none until its last step).
  const changes: Changes = { status: again.next.status, approvedAt: again.next.approvedAt, approval: { ...approval, auto: steps.length === 0 } };
  return accept(ctx, changes, 'proxy_confirmed', { data: { to: again.next.status } }, again.effects);
}

function refuseProxy<T extends Order>(ctx: Ctx<T>, command: Extract<OrderCommand, { type: 'refuse_proxy' }>): Decision<T> {
  const { order, now } = ctx;
  const reason = checkReason(command.reason, '拒绝原因');
  if (typeof reason !== 'string') return reason;
  const changes: Changes = { status: 'cancelled', closedAt: now, closeReason: reason, reservations: [], creditReserved: 0 };
  return accept(ctx, changes, 'proxy_refused', { reason }, [...releases(order), ...toPlacer(order, now, reason)]);
}

/** A proxy order closed before the dealer took it (refused, expired, cancelled): the region's managers hear of it. */
function toPlacer(order: Order, now: number, reason: string): OrderEffect[] {
  if (!order.placedBy || order.status !== 'awaiting_dealer_confirmation') return [];
  const fields = { ...baseFields(order, now), status: ORDER_STATUS_LABELS.cancelled, reason };
  return [{ type: 'notify', to: { role: 'manager' }, template: 'order_cancelled', fields }];
}

/** The step awaiting a decision, or a refusal when it is not this actor's. */
function currentStepFor(order: Order, actor: Actor): { index: number } | Refusal {
  const approval = order.approval;
  const step = approval?.steps[approval.currentStep];
  if (!approval || !step) return refuse('CONFLICT', '订单没有待处理的审批步骤。请刷新订单查看最新状态');
  // A brand admin may decide any step (from the cloud console, e.g. when a manager is away);
  // everyone else only the step of their own role.
  if (!stepIsFor(step.role, actor.role)) return refuse('FORBIDDEN', `当前审批步骤「${step.label}」需由${ROLE_LABELS[step.role]}处理`);
  return { index: approval.currentStep };
}

function approveStep<T extends Order>(ctx: Ctx<T>, command: Extract<OrderCommand, { type: 'approve_step' }>): Decision<T> {
  const { order, actor, now } = ctx;
  const at = currentStepFor(order, actor);
  if ('ok' in at) return at;
  if (placedBySamePerson(order, actor.id)) return refuse('FORBIDDEN', '职责分离：本订单由您代客下单，须由另一位审批人审批');
  const done = stepDecidedBySamePerson(order.approval as NonNullable<Order['approval']>, at.index, actor.id);
  if (done) {
    const label = order.approval?.steps[at.index]?.label ?? '';
    return refuse('FORBIDDEN', `职责分离：您已审批本订单的「${done.label}」，「${label}」须由另一位审批人处理`);
  }
  const reason = command.reason?.trim();
  if (reason !== undefined && reason.length > REASON_MAX) return refuse('INVALID_INPUT', `审批意见最多 ${REASON_MAX} 字，请精简后再提交`);
  const approval = order.approval as NonNullable<Order['approval']>;
  const steps = approval.steps.map((s, i) => (i === at.index ? { ...s, approvedBy: { role: actor.role, id: actor.id }, approvedAt: now } : s));
  const nextIndex = at.index + 1;
  const step = steps[at.index] as (typeof steps)[number];
  const data = { step: at.index, role: step.role, label: step.label };
  const extra = reason ? { reason, data } : { data };
  const fields = baseFields(order, now);
  const following = steps[nextIndex];
  if (following) {
    const changes: Changes = { status: 'pending_approval', approval: { ...approval, steps, currentStep: nextIndex } };
    return accept(ctx, changes, 'step_approved', extra, [
      {
        type: 'notify',
        to: { role: following.role },
        template: 'order_pending_approval',
        fields: { ...fields, step: following.label, reason: approval.matched.map((m) => m.explanation).join('；') },
      },
    ]);
  }
  const changes: Changes = { status: 'approved', approvedAt: now, approval: { ...approval, steps, currentStep: nextIndex } };
  const effects: OrderEffect[] = [];
  // An order that overdrew the credit limit held no credit while it waited: approving it reserves its payable.
  const unreserved = order.payable - order.receivableBooked - order.creditReserved;
  if (unreserved > 0) {
    changes.creditReserved = order.creditReserved + unreserved;
    effects.push({ type: 'reserve_credit', dealerId: order.dealerId, amount: unreserved });
  }
  const approvedExtra = unreserved > 0 ? { ...extra, data: { ...data, creditReserved: unreserved } } : extra;
  return accept(ctx, changes, 'approved', approvedExtra, [
    ...effects,
    { type: 'notify', to: dealerOf(order), template: 'order_approved', fields: { ...fields, status: ORDER_STATUS_LABELS.approved } },
    { type: 'notify', to: { role: 'admin' }, template: 'order_to_ship', fields },
  ]);
}

function checkReason(raw: string | undefined, what: string): string | Refusal {
  const reason = (raw ?? '').trim();
  if (reason.length < REASON_MIN || reason.length > REASON_MAX) return refuse('INVALID_INPUT', `请填写${what}（${REASON_MIN}–${REASON_MAX} 字）`);
  return reason;
}

/** Closing before anything shipped: give back the stock, the credit, the rebate and the limited promotions' uses the order held. */
function releases(order: Order): OrderEffect[] {
  const effects: OrderEffect[] = [];
  if (order.reservations.length > 0) effects.push({ type: 'release_stock', items: order.reservations.map((r) => ({ ...r })) });
  if (order.creditReserved > 0) effects.push({ type: 'release_credit', dealerId: order.dealerId, amount: order.creditReserved });
  if (order.rebateUsed > 0) effects.push({ type: 'release_rebate', dealerId: order.dealerId, amount: order.rebateUsed });
  if (order.promotionUses && order.promotionUses.length > 0) effects.push({ type: 'release_promotion_usage', usageIds: [...order.promotionUses] });
  return effects;
}

function reject<T extends Order>(ctx: Ctx<T>, command: Extract<OrderCommand, { type: 'reject' }>): Decision<T> {
  const { order, actor, now } = ctx;
  const at = currentStepFor(order, actor);
  if ('ok' in at) return at;
  const reason = checkReason(command.reason, '驳回原因');
  if (typeof reason !== 'string') return reason;
  const step = order.approval?.steps[at.index];
  const changes: Changes = { status: 'rejected', closedAt: now, closeReason: reason, reservations: [], creditReserved: 0 };
  return accept(ctx, changes, 'rejected', { reason, data: { step: at.index, label: step?.label ?? '' } }, [
    ...releases(order),
    { type: 'notify', to: dealerOf(order), template: 'order_rejected', fields: { ...baseFields(order, now), status: ORDER_STATUS_LABELS.rejected, reason } },
  ]);
}

function cancel<T extends Order>(ctx: Ctx<T>, command: Extract<OrderCommand, { type: 'cancel' }>): Decision<T> {
  const { order, actor, now } = ctx;
  const reason = checkReason(command.reason, '取消原因');
  if (typeof reason !== 'string') return reason;
  const changes: Changes = { status: 'cancelled', closedAt: now, closeReason: reason, reservations: [], creditReserved: 0 };
  const effects = [...releases(order), ...toPlacer(order, now, reason)];
  // A dealer knows they cancelled; tell them when the brand did it.
  if (actor.role !== 'dealer') {
    effects.push({
      type: 'notify',
      to: dealerOf(order),
      template: 'order_cancelled',
      fields: { ...baseFields(order, now), status: ORDER_STATUS_LABELS.cancelled, reason },
    });
  }
  return accept(ctx, changes, 'cancelled', { reason }, effects);
}

const TEXT_MAX = 40;

function ship<T extends Order>(ctx: Ctx<T>, command: Extract<OrderCommand, { type: 'ship' }>): Decision<T> {
  const { order, actor, now } = ctx;
  const carrier = command.carrier.trim();
  const trackingNo = command.trackingNo.trim();
  if (!carrier || !trackingNo || carrier.length > TEXT_MAX || trackingNo.length > TEXT_MAX) {
    return refuse('INVALID_INPUT', `请填写承运商和运单号（各 1–${TEXT_MAX} 字）`);
  }
  if (order.shipments.some((s) => s.trackingNo === trackingNo)) return refuse('CONFLICT', `运单号 ${trackingNo} 已登记过，请勿重复发货`);
  if (command.lines.length === 0) return refuse('INVALID_INPUT', '请至少发出一个商品');

  const remaining = new Map<string, number>();
  for (const l of order.lines) remaining.set(l.sku, (remaining.get(l.sku) ?? 0) + l.qty - l.shippedQty);
  const seen = new Set<string>();
  for (const l of command.lines) {
    if (seen.has(l.sku)) return refuse('INVALID_INPUT', `商品 ${l.sku} 在发货单中重复，请合并为一行`);
    seen.add(l.sku);
    const left = remaining.get(l.sku);
    if (left === undefined) return refuse('INVALID_INPUT', `商品 ${l.sku} 不在本订单中`);
    if (!Number.isSafeInteger(l.qty) || l.qty <= 0) return refuse('INVALID_INPUT', `商品 ${l.sku} 的发货数量须为正整数`);
    if (l.qty > left) return refuse('INVALID_INPUT', `商品 ${l.sku} 还剩 ${left} 件未发，本次不能发 ${l.qty} 件`);
  }

  let warehouseId = command.warehouseId;
  if (warehouseId === undefined) {
    const holding = [...new Set(order.reservations.filter((r) => seen.has(r.sku)).map((r) => r.warehouseId))].sort();
    if (holding.length !== 1) return refuse('INVALID_INPUT', `本次发货的商品预留在多个仓库（${holding.join('、')}），请指定发货仓库`);
    warehouseId = holding[0] as string;
  }
  const consumed: StockReservation[] = [];
  for (const l of command.lines) {
    const held = order.reservations.filter((r) => r.sku === l.sku && r.warehouseId === warehouseId).reduce((s, r) => s + r.qty, 0);
    if (held < l.qty) {
      return refuse('INVALID_INPUT', `仓库 ${warehouseId} 为商品 ${l.sku} 预留了 ${held} 件，本次发 ${l.qty} 件。请从预留的仓库发货，或先调整预留`);
    }
    consumed.push({ sku: l.sku, warehouseId, qty: l.qty });
  }

  const reservations = subtract(order.reservations, consumed);
  // Shipped quantity of a SKU fills its lines in line order (the item line before its gift line).
  const toShip = new Map(command.lines.map((l) => [l.sku, l.qty]));
  let booked = 0;
  const lines = order.lines.map((line) => {
    const want = toShip.get(line.sku) ?? 0;
    const take = Math.min(want, line.qty - line.shippedQty);
    if (take === 0) return line;
    toShip.set(line.sku, want - take);
    const shippedQty = line.shippedQty + take;
    booked += lineValue(line.payable, shippedQty, line.qty) - lineValue(line.payable, line.shippedQty, line.qty);
    return { ...line, shippedQty };
  });
  const complete = lines.every((l) => l.shippedQty === l.qty);
  const status: OrderStatus = complete ? 'shipped' : 'partially_shipped';
  const shipment = {
    no: order.shipments.length + 1,
    warehouseId,
    carrier,
    trackingNo,
    lines: command.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
    amount: booked,
    at: now,
    by: { role: actor.role, id: actor.id },
  };
  const changes: Changes = {
    status,
    lines,
    reservations,
    shipments: [...order.shipments, shipment],
    creditReserved: order.creditReserved - booked,
    receivableBooked: order.receivableBooked + booked,
    shippedAt: order.shippedAt ?? now,
    fullyShippedAt: complete ? now : null,
  };
  const effects: OrderEffect[] = [{ type: 'consume_reservation_on_shipment', items: consumed }];
  if (booked > 0) effects.push({ type: 'book_receivable', dealerId: order.dealerId, amount: booked });
  effects.push({
    type: 'notify',
    to: dealerOf(order),
    template: 'order_shipped',
    fields: { ...baseFields(order, now), status: ORDER_STATUS_LABELS[status], carrier, trackingNo },
  });
  return accept(ctx, changes, 'shipped', { data: { shipment: { ...shipment, lines: shipment.lines.map((l) => ({ ...l })) } } }, effects);
}

/** The share of a line's payable carried by `shipped` of its `qty` units, fen (half up; exact at both ends). */
export function lineValue(payable: number, shipped: number, qty: number): number {
  return shipped === qty ? payable : multiplyRatio(payable, shipped, qty, 'half_up');
}

function subtract(from: readonly StockReservation[], take: readonly StockReservation[]): StockReservation[] {
  const out = from.map((r) => ({ ...r }));
  for (const t of take) {
    let left = t.qty;
    for (const r of out) {
      if (left === 0) break;
      if (r.sku !== t.sku || r.warehouseId !== t.warehouseId) continue;
      const n = Math.min(left, r.qty);
      r.qty -= n;
      left -= n;
    }
  }
  return out.filter((r) => r.qty > 0);
}

function confirmReceipt<T extends Order>(ctx: Ctx<T>, policy: OrderPolicy): Decision<T> {
  const { order, actor, now } = ctx;
  const auto = actor.role === 'system';
  if (auto) {
    const due = (order.fullyShippedAt ?? now) + policy.autoConfirmDays * DAY_MS;
    if (now < due) return refuse('CONFLICT', `订单发货满 ${policy.autoConfirmDays} 天后才会自动确认收货，请在 ${formatShanghai(due)} 之后再试`);
  }
  const changes: Changes = { status: 'delivered', deliveredAt: now };
  return accept(ctx, changes, 'delivered', { data: { auto } });
}
