/**
 * The return request state machine. `decideReturn(request, command, actor, now)` is pure, like
 * the order state machine (shared/orders/state-machine.ts): it checks who may do what in which
 * state and returns the next request (a new object), the one event for its timeline and the
 * effects the handler applies in the same transaction — or a refusal with a Chinese message and a
 * stable code. The handler saves `next` in a transaction that read the request, so two
 * concurrent commands cannot both win (the second is retried, sees the new state and is refused).
 *
 *   (dealer: request, shared/returns/rules.ts checkRequest) ──▶ requested
 *   requested ──approve (manager of the region, admin)──▶ approved
 *   requested ──reject (manager of the region, admin)──▶ rejected        (its units are free again)
 *   requested | approved ──withdraw (the dealer, before shipping back)──▶ withdrawn   (likewise)
 *   approved ──ship_back (the dealer: carrier + tracking no.)──▶ shipped_back
 *   shipped_back ──receive (admin / warehouse: per line restock or scrap)──▶ received
 *   received ──credit (system, in the receipt's transaction)──▶ credited
 *
 * Credit happens at once when the goods are received: what the dealer is owed is fixed by the
 * order (creditShares), so nobody has a decision left to make between the two; `received` stays
 * a state of its own so the timeline shows the receipt and the credit as the two facts they are.
 *
 * Checks, in order: the role may ever issue the command (FORBIDDEN); a dealer acts only on their
 * own dealer's requests (FORBIDDEN; the manager's region is checked by the handler, which hides a
 * request of another region as NOT_FOUND); the state accepts the command (CONFLICT naming the
 * state); then the command's own input (INVALID_INPUT).
 */
import { ROLE_LABELS } from '../roles';
import type { Actor, ActorRole } from '../orders/types';
import { formatYuan } from '../orders/format';
import { formatShanghai } from '../time';
import { REASON_MAX, REASON_MIN } from './rules';
import type { ReturnCommand, ReturnCommandType, ReturnDecision, ReturnEffect, ReturnEvent, ReturnEventType, ReturnRequest, ReturnStatus } from './types';
import { RETURN_STATUS_LABELS } from './types';

/** Who may issue each command, from which state: the single source of the table above. */
export const RETURN_TRANSITIONS: Record<ReturnCommandType, { by: Partial<Record<ActorRole, readonly ReturnStatus[]>>; to: ReturnStatus }> = {
  approve: { by: { manager: ['requested'], admin: ['requested'] }, to: 'approved' },
  reject: { by: { manager: ['requested'], admin: ['requested'] }, to: 'rejected' },
  withdraw: { by: { dealer: ['requested', 'approved'] }, to: 'withdrawn' },
  ship_back: { by: { dealer: ['approved'] }, to: 'shipped_back' },
  receive: { by: { admin: ['shipped_back'] }, to: 'received' },
  credit: { by: { system: ['received'] }, to: 'credited' },
};

const VERBS: Record<ReturnCommandType, string> = {
  approve: '审批通过',
  reject: '驳回',
  withdraw: '撤回',
  ship_back: '登记寄回',
  receive: '确认收货',
  credit: '退款入账',
};
const TEXT_MAX = 40;

/** The commands an actor of `role` may issue on a request in `status` (the pages show these buttons). */
export function returnCommandsFor(status: ReturnStatus, role: ActorRole): ReturnCommandType[] {
  return (Object.keys(RETURN_TRANSITIONS) as ReturnCommandType[]).filter((c) => RETURN_TRANSITIONS[c].by[role]?.includes(status) ?? false);
}

/** The roles that may issue `command` from some state. */
export function rolesIssuingReturn(command: ReturnCommandType): ActorRole[] {
  return Object.keys(RETURN_TRANSITIONS[command].by) as ActorRole[];
}

type Refusal = Extract<ReturnDecision, { ok: false }>;
const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });
const actorLabel = (role: ActorRole) => (role === 'system' ? '系统' : ROLE_LABELS[role]);

/** The request opened by a dealer: its first state and event (checkRequest has checked the input). */
export function openRequest(
  draft: Omit<ReturnRequest, 'status' | 'events' | 'shipment' | 'warehouseId' | 'amount' | 'updatedAt'>,
  actor: Actor,
): {
  next: ReturnRequest;
  effects: ReturnEffect[];
} {
  const event: ReturnEvent = {
    type: 'requested',
    from: null,
    to: 'requested',
    actor: { role: actor.role, id: actor.id },
    at: draft.createdAt,
    reason: draft.reason,
  };
  const next: ReturnRequest = { ...draft, status: 'requested', shipment: null, warehouseId: null, amount: null, updatedAt: draft.createdAt, events: [event] };
  return { next, effects: [{ type: 'notify', to: 'manager', template: 'return_requested', fields: fieldsOf(next, draft.createdAt, draft.reason) }] };
}

export function decideReturn(request: ReturnRequest, command: ReturnCommand, actor: Actor, now: number): ReturnDecision {
  const rule = RETURN_TRANSITIONS[command.type];
  if (!rule.by[actor.role]) return refuse('FORBIDDEN', `${actorLabel(actor.role)}不能${VERBS[command.type]}退货申请`);
  if (actor.role === 'dealer' && actor.dealerId !== request.dealerId) return refuse('FORBIDDEN', '只能操作本经销商自己的退货申请');
  if (!rule.by[actor.role]!.includes(request.status)) {
    return refuse('CONFLICT', `退货申请${RETURN_STATUS_LABELS[request.status]}，不能${VERBS[command.type]}。请刷新后查看最新状态`);
  }
  const ctx = { request, actor, now };
  switch (command.type) {
    case 'approve': {
      const reason = command.reason?.trim();
      if (reason !== undefined && reason.length > REASON_MAX) return refuse('INVALID_INPUT', `审批意见最多 ${REASON_MAX} 字`);
      return accept(ctx, 'approved', {}, reason ? { reason } : {}, [notifyDealer(request, now, '已同意，请寄回商品并登记运单号')]);
    }
    case 'reject': {
      const reason = command.reason.trim();
      if (reason.length < REASON_MIN || reason.length > REASON_MAX) return refuse('INVALID_INPUT', `请填写驳回原因（${REASON_MIN}–${REASON_MAX} 字）`);
      const release: ReturnEffect = { type: 'release', lines: request.lines.map((l) => ({ sku: l.sku, qty: l.qty })) };
      return accept(ctx, 'rejected', {}, { reason }, [release, notifyDealer(request, now, `已驳回：${reason}`)]);
    }
    case 'withdraw':
      // No message: the manager's list shows it, and no template says "withdrawn" (shared/orders/notify.ts).
      return accept(ctx, 'withdrawn', {}, {}, [{ type: 'release', lines: request.lines.map((l) => ({ sku: l.sku, qty: l.qty })) }]);
    case 'ship_back': {
      const carrier = command.carrier.trim();
      const trackingNo = command.trackingNo.trim();
      if (!carrier || !trackingNo || carrier.length > TEXT_MAX || trackingNo.length > TEXT_MAX) {
        return refuse('INVALID_INPUT', `请填写承运商和运单号（各 1–${TEXT_MAX} 字）`);
      }
      const fields = { ...fieldsOf(request, now, '经销商已寄回'), carrier, trackingNo };
      return accept(ctx, 'shipped_back', { shipment: { carrier, trackingNo, at: now } }, { data: { carrier, trackingNo } }, [
        { type: 'notify', to: 'admin', template: 'return_shipped_back', fields },
      ]);
    }
    case 'receive':
      return receive(ctx, command);
    case 'credit': {
      const amounts = new Map(command.amounts.map((a) => [a.sku, a.amount]));
      if (request.lines.some((l) => !amounts.has(l.sku))) return refuse('INVALID_INPUT', '每个退货商品都须有退款金额');
      const lines = request.lines.map((l) => ({ ...l, amount: amounts.get(l.sku)! }));
      const amount = lines.reduce((s, l) => s + l.amount, 0);
      const fields = { ...fieldsOf(request, now, `已退款 ${formatYuan(amount)}，冲减应收`), amount: formatYuan(amount) };
      return accept(ctx, 'credited', { lines, amount }, { data: { amount } }, [{ type: 'notify', to: 'dealer', template: 'return_credited', fields }]);
    }
  }
}

function receive(ctx: Ctx, command: Extract<ReturnCommand, { type: 'receive' }>): ReturnDecision {
  const { request } = ctx;
  const warehouseId = command.warehouseId.trim();
  if (!warehouseId) return refuse('INVALID_INPUT', '请选择收货仓库');
  const got = new Map<string, { restockQty: number; scrapQty: number }>();
  for (const l of command.lines) {
    if (got.has(l.sku)) return refuse('INVALID_INPUT', `商品 ${l.sku} 重复，请合并为一行`);
    got.set(l.sku, { restockQty: l.restockQty, scrapQty: l.scrapQty });
  }
  const lines = [];
  for (const l of request.lines) {
    const g = got.get(l.sku);
    if (!g) return refuse('INVALID_INPUT', `请填写 ${l.name} 的入库和报废数量`);
    const valid = [g.restockQty, g.scrapQty].every((n) => Number.isSafeInteger(n) && n >= 0);
    if (!valid || g.restockQty + g.scrapQty !== l.qty) return refuse('INVALID_INPUT', `${l.name} 退回 ${l.qty} 件：入库数量 + 报废数量须等于 ${l.qty}`);
    lines.push({ ...l, restockQty: g.restockQty, scrapQty: g.scrapQty });
  }
  if (got.size !== request.lines.length) return refuse('INVALID_INPUT', '收货单中有不在本退货申请里的商品');
  const data = { warehouseId, lines: lines.map((l) => ({ sku: l.sku, restockQty: l.restockQty, scrapQty: l.scrapQty })) };
  return accept(ctx, 'received', { lines, warehouseId }, { data }, [{ type: 'credit' }]);
}

interface Ctx {
  request: ReturnRequest;
  actor: Actor;
  now: number;
}

function accept(
  ctx: Ctx,
  type: ReturnEventType & ReturnStatus,
  changes: Partial<ReturnRequest>,
  extra: { reason?: string; data?: Record<string, unknown> },
  effects: ReturnEffect[],
): ReturnDecision {
  const event: ReturnEvent = { type, from: ctx.request.status, to: type, actor: { role: ctx.actor.role, id: ctx.actor.id }, at: ctx.now, ...extra };
  const next: ReturnRequest = { ...ctx.request, ...changes, status: type, updatedAt: ctx.now, events: [...ctx.request.events, event] };
  return { ok: true, next, event, effects };
}

function fieldsOf(request: Pick<ReturnRequest, 'orderNo' | 'lines'>, now: number, status: string): Record<string, string> {
  const units = request.lines.reduce((s, l) => s + l.qty, 0);
  return { orderNo: request.orderNo, status, units: `${units} 件`, time: formatShanghai(now) };
}

function notifyDealer(request: ReturnRequest, now: number, status: string): ReturnEffect {
  return { type: 'notify', to: 'dealer', template: 'return_decided', fields: fieldsOf(request, now, status) };
}
