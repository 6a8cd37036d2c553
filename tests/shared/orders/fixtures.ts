import { decide, newOrder } from '../../../shared/orders';
import type { Actor, Decision, Order, OrderCommand, OrderCommandType, OrderStatus } from '../../../shared/orders';

/** 2025-03-01 10:00:00 Asia/Shanghai. */
export const T0 = Date.UTC(2025, 2, 1, 2, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const dealer: Actor = { role: 'dealer', id: 'openid-dealer', dealerId: 'dealer-1' };
export const otherDealer: Actor = { role: 'dealer', id: 'openid-other', dealerId: 'dealer-2' };
export const clerk: Actor = { role: 'clerk', id: 'openid-clerk', dealerId: 'dealer-1' };
export const manager: Actor = { role: 'manager', id: 'openid-manager' };
export const admin: Actor = { role: 'admin', id: 'openid-admin' };
export const system: Actor = { role: 'system', id: 'system' };

export const ACTORS = { dealer, otherDealer, clerk, manager, admin, system } as const;
export type ActorName = keyof typeof ACTORS;

/**
 * Lines: TEA ×10 (payable 10 001: does not divide evenly), CUP ×5 (2 500), and a gift TEA ×1.
 * Reservations: TEA 6 at wh-east + 5 at wh-north, CUP 5 at wh-east.
 */
export function submittedOrder(overrides: Partial<Order> = {}): Order {
  const order = newOrder({
    id: 'order-1',
    orderNo: 'SO20250301001',
    dealerId: 'dealer-1',
    lines: [
      { sku: 'TEA', name: '龙井 250g', categoryId: 'cat-tea', qty: 10, listPrice: 1200, unitPrice: 1000, payable: 10_001 },
      { sku: 'CUP', name: '玻璃杯', categoryId: 'cat-cup', qty: 5, listPrice: 600, unitPrice: 500, payable: 2_500 },
      { sku: 'TEA', name: '龙井 250g', categoryId: 'cat-tea', kind: 'gift', qty: 1, listPrice: 1200, unitPrice: 0, payable: 0 },
    ],
    rebateUsed: 300,
    reservations: [
      { sku: 'TEA', warehouseId: 'wh-east', qty: 6 },
      { sku: 'TEA', warehouseId: 'wh-north', qty: 5 },
      { sku: 'CUP', warehouseId: 'wh-east', qty: 5 },
    ],
    createdAt: T0,
  });
  return { ...order, ...overrides };
}

export const TWO_STEPS: Extract<OrderCommand, { type: 'submit' }> = {
  type: 'submit',
  approval: {
    matched: [
      {
        ruleId: 'r-amount',
        code: 'order_amount_over',
        name: '大额订单',
        priority: 0,
        explanation: '订单金额 ¥125.01 超过 ¥100.00',
        steps: [
          { role: 'manager', label: '渠道经理审批' },
          { role: 'admin', label: '财务审批' },
        ],
      },
    ],
    steps: [
      { role: 'manager', label: '渠道经理审批', ruleIds: ['r-amount'] },
      { role: 'admin', label: '财务审批', ruleIds: ['r-amount'] },
    ],
  },
};
export const NO_STEPS: Extract<OrderCommand, { type: 'submit' }> = { type: 'submit', approval: { matched: [], steps: [] } };
/** 代客下单 by the channel manager, for a dealer who has not authorised proxy orders: waits for the dealer, then two steps. */
export const PROXY_TWO_STEPS: Extract<OrderCommand, { type: 'submit_for_dealer' }> = { ...TWO_STEPS, type: 'submit_for_dealer', awaitConfirmation: true };

/** Runs commands and fails loudly if one is refused: fixtures must be reachable through decide. */
export function run(order: Order, steps: Array<[OrderCommand, Actor, number?]>): Order {
  let current = order;
  let t = T0;
  for (const [command, actor, at] of steps) {
    t = at ?? t + HOUR;
    const d: Decision = decide(current, command, actor, t);
    if (!d.ok) throw new Error(`fixture step ${command.type} refused: ${d.code} ${d.message}`);
    current = d.next;
  }
  return current;
}

export const shipEastTea: OrderCommand = { type: 'ship', carrier: '顺丰速运', trackingNo: 'SF001', warehouseId: 'wh-east', lines: [{ sku: 'TEA', qty: 6 }] };
export const shipEastCup: OrderCommand = { type: 'ship', carrier: '顺丰速运', trackingNo: 'SF002', warehouseId: 'wh-east', lines: [{ sku: 'CUP', qty: 5 }] };
export const shipNorthTea: OrderCommand = { type: 'ship', carrier: '中通快递', trackingNo: 'ZT003', warehouseId: 'wh-north', lines: [{ sku: 'TEA', qty: 5 }] };

/** An order in each state, reached only through decide. Shipped at T0 + 4h when fully shipped. */
export function orderIn(status: OrderStatus): Order {
  const o = submittedOrder();
  switch (status) {
    case 'submitted':
      return o;
    case 'awaiting_dealer_confirmation':
      return run(o, [[PROXY_TWO_STEPS, manager]]);
    case 'pending_approval':
      return run(o, [[TWO_STEPS, dealer]]);
    case 'approved':
      return run(o, [[NO_STEPS, dealer]]);
    case 'partially_shipped':
      return run(o, [
        [NO_STEPS, dealer],
        [shipEastTea, admin],
      ]);
    case 'shipped':
      return run(o, [
        [NO_STEPS, dealer],
        [shipEastTea, admin],
        [shipEastCup, admin],
        [shipNorthTea, admin],
      ]);
    case 'delivered':
      return run(orderIn('shipped'), [[{ type: 'confirm_receipt' }, dealer, T0 + DAY]]);
    case 'completed':
      return run(orderIn('delivered'), [[{ type: 'complete' }, system, T0 + 2 * DAY]]);
    case 'cancelled':
      return run(o, [[{ type: 'cancel', reason: '下错单了' }, dealer]]);
    case 'rejected':
      return run(orderIn('pending_approval'), [[{ type: 'reject', reason: '价格超出授权' }, manager, T0 + 2 * HOUR]]);
  }
}

/** Freezes an object graph so any mutation throws in strict mode. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A valid command of each type (valid payload: only state, role and the order's own facts decide the outcome). */
export const COMMANDS: Record<OrderCommandType, OrderCommand> = {
  submit: TWO_STEPS,
  submit_for_dealer: PROXY_TWO_STEPS,
  confirm_proxy: { type: 'confirm_proxy' },
  refuse_proxy: { type: 'refuse_proxy', reason: '没有要这批货' },
  approve_step: { type: 'approve_step' },
  reject: { type: 'reject', reason: '价格超出授权' },
  cancel: { type: 'cancel', reason: '下错单了' },
  ship: { type: 'ship', carrier: '顺丰速运', trackingNo: 'SF999', warehouseId: 'wh-east', lines: [{ sku: 'CUP', qty: 1 }] },
  confirm_receipt: { type: 'confirm_receipt' },
  complete: { type: 'complete' },
};
