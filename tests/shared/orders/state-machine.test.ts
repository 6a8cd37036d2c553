import { decide, ORDER_STATUSES, STATE_PHRASES, TERMINAL_STATUSES, TRANSITIONS } from '../../../shared/orders';
import type { Order, OrderCommand, OrderCommandType, OrderStatus } from '../../../shared/orders';
import {
  ACTORS,
  COMMANDS,
  admin,
  clerk,
  DAY,
  deepFreeze,
  dealer,
  HOUR,
  manager,
  NO_STEPS,
  orderIn,
  run,
  shipEastCup,
  shipEastTea,
  shipNorthTea,
  submittedOrder,
  system,
  T0,
  TWO_STEPS,
} from './fixtures';
import type { ActorName } from './fixtures';

const COLUMNS: ActorName[] = ['dealer', 'otherDealer', 'clerk', 'manager', 'admin', 'system'];
type Cell = 'ok' | 'C' | 'F';

/**
 * The specification, written out: for each command, each state (rows) and actor (columns:
 * owning dealer, another dealer, clerk, manager, admin, system): ok, C (CONFLICT) or F
 * (FORBIDDEN). pending_approval orders wait on the manager's step; a brand admin may decide any step.
 */
const SPEC: Record<OrderCommandType, Record<OrderStatus, string>> = {
  submit: {
    awaiting_dealer_confirmation: ' C  F F F C  F',
    submitted: '        ok F F F ok F',
    pending_approval: ' C  F F F C  F',
    approved: '         C  F F F C  F',
    partially_shipped: 'C  F F F C  F',
    shipped: '          C  F F F C  F',
    delivered: '        C  F F F C  F',
    completed: '        C  F F F C  F',
    cancelled: '        C  F F F C  F',
    rejected: '         C  F F F C  F',
  },
  submit_for_dealer: {
    submitted: 'F F F ok ok F',
    awaiting_dealer_confirmation: 'F F F C  C F',
    pending_approval: 'F F F C  C F',
    approved: 'F F F C  C F',
    partially_shipped: 'F F F C  C F',
    shipped: 'F F F C  C F',
    delivered: 'F F F C  C F',
    completed: 'F F F C  C F',
    cancelled: 'F F F C  C F',
    rejected: 'F F F C  C F',
  },
  confirm_proxy: {
    submitted: 'C  F F F F F',
    awaiting_dealer_confirmation: 'ok F F F F F',
    pending_approval: 'C  F F F F F',
    approved: 'C  F F F F F',
    partially_shipped: 'C  F F F F F',
    shipped: 'C  F F F F F',
    delivered: 'C  F F F F F',
    completed: 'C  F F F F F',
    cancelled: 'C  F F F F F',
    rejected: 'C  F F F F F',
  },
  refuse_proxy: {
    submitted: 'C  F F F F F',
    awaiting_dealer_confirmation: 'ok F F F F F',
    pending_approval: 'C  F F F F F',
    approved: 'C  F F F F F',
    partially_shipped: 'C  F F F F F',
    shipped: 'C  F F F F F',
    delivered: 'C  F F F F F',
    completed: 'C  F F F F F',
    cancelled: 'C  F F F F F',
    rejected: 'C  F F F F F',
  },
  approve_step: {
    awaiting_dealer_confirmation: ' F F F C  C F',
    submitted: '        F F F C  C F',
    pending_approval: ' F F F ok ok F',
    approved: '         F F F C  C F',
    partially_shipped: 'F F F C  C F',
    shipped: '          F F F C  C F',
    delivered: '        F F F C  C F',
    completed: '        F F F C  C F',
    cancelled: '        F F F C  C F',
    rejected: '         F F F C  C F',
  },
  reject: {
    awaiting_dealer_confirmation: ' F F F C  C F',
    submitted: '        F F F C  C F',
    pending_approval: ' F F F ok ok F',
    approved: '         F F F C  C F',
    partially_shipped: 'F F F C  C F',
    shipped: '          F F F C  C F',
    delivered: '        F F F C  C F',
    completed: '        F F F C  C F',
    cancelled: '        F F F C  C F',
    rejected: '         F F F C  C F',
  },
  cancel: {
    awaiting_dealer_confirmation: ' C  F F F ok ok',
    submitted: '        ok F F F ok C',
    pending_approval: ' ok F F F ok C',
    approved: '         ok F F F ok C',
    partially_shipped: 'C  F F F C  C',
    shipped: '          C  F F F C  C',
    delivered: '        C  F F F C  C',
    completed: '        C  F F F C  C',
    cancelled: '        C  F F F C  C',
    rejected: '         C  F F F C  C',
  },
  ship: {
    awaiting_dealer_confirmation: ' F F F F C  F',
    submitted: '        F F F F C  F',
    pending_approval: ' F F F F C  F',
    approved: '         F F F F ok F',
    partially_shipped: 'F F F F ok F',
    shipped: '          F F F F C  F',
    delivered: '        F F F F C  F',
    completed: '        F F F F C  F',
    cancelled: '        F F F F C  F',
    rejected: '         F F F F C  F',
  },
  confirm_receipt: {
    awaiting_dealer_confirmation: ' C  F F F F C',
    submitted: '        C  F F F F C',
    pending_approval: ' C  F F F F C',
    approved: '         C  F F F F C',
    partially_shipped: 'C  F F F F C',
    shipped: '          ok F F F F ok',
    delivered: '        C  F F F F C',
    completed: '        C  F F F F C',
    cancelled: '        C  F F F F C',
    rejected: '         C  F F F F C',
  },
  complete: {
    awaiting_dealer_confirmation: ' F F F F C  C',
    submitted: '        F F F F C  C',
    pending_approval: ' F F F F C  C',
    approved: '         F F F F C  C',
    partially_shipped: 'F F F F C  C',
    shipped: '          F F F F C  C',
    delivered: '        F F F F ok ok',
    completed: '        F F F F C  C',
    cancelled: '        F F F F C  C',
    rejected: '         F F F F C  C',
  },
};

const ORDERS = Object.fromEntries(ORDER_STATUSES.map((s) => [s, deepFreeze(orderIn(s))])) as Record<OrderStatus, Order>;
/** Late enough for the system's automatic confirmation (10 days after full shipment). */
const LATER = T0 + 30 * DAY;

const cases = (Object.keys(SPEC) as OrderCommandType[]).flatMap((command) =>
  ORDER_STATUSES.flatMap((status) => {
    const cells = SPEC[command][status].trim().split(/\s+/) as Cell[];
    return COLUMNS.map((actor, i) => ({ command, status, actor, expected: cells[i] as Cell }));
  }),
);

describe('decide over every state × command × actor', () => {
  test('the table covers 10 states × 10 commands × 6 actors', () => {
    expect(cases).toHaveLength(10 * 10 * 6);
    expect(cases.every((c) => ['ok', 'C', 'F'].includes(c.expected))).toBe(true);
  });

  test.each(cases)('$command on a $status order by $actor: $expected', ({ command, status, actor, expected }) => {
    const order = ORDERS[status];
    const d = decide(order, COMMANDS[command], ACTORS[actor], LATER);
    if (expected === 'ok') {
      expect(d).toMatchObject({ ok: true });
      if (!d.ok) return;
      expect(d.event.from).toBe(status);
      expect(TRANSITIONS[command].to).toContain(d.event.to);
      expect(d.next.status).toBe(d.event.to);
      expect(d.event.at).toBe(LATER);
      expect(d.event.actor).toEqual({ role: ACTORS[actor].role, id: ACTORS[actor].id });
      expect(d.next.events).toEqual([...order.events, d.event]);
    } else {
      expect(d).toMatchObject({ ok: false, code: expected === 'C' ? 'CONFLICT' : 'FORBIDDEN' });
      if (d.ok) return;
      expect(d.message).toMatch(/[\u4e00-\u9fa5]/);
      if (expected === 'C') expect(d.message).toContain(STATE_PHRASES[status]);
    }
  });

  test('terminal states accept nothing from anyone', () => {
    for (const status of TERMINAL_STATUSES) {
      for (const command of Object.values(COMMANDS)) {
        for (const actor of Object.values(ACTORS)) expect(decide(ORDERS[status], command, actor, LATER).ok).toBe(false);
      }
    }
  });

  test('a conflict names the current state and says what to do', () => {
    const d = decide(ORDERS.shipped, COMMANDS.cancel, admin, LATER);
    expect(d).toEqual({ ok: false, code: 'CONFLICT', message: '订单已发货，不能取消。如有问题请联系品牌方处理退换货' });
    // A dealer cancels its own order until shipment starts — after (instant) approval too — and not once goods left.
    expect(decide(ORDERS.approved, COMMANDS.cancel, dealer, LATER).ok).toBe(true);
    const dealerLate = decide(ORDERS.partially_shipped, COMMANDS.cancel, dealer, LATER);
    expect(dealerLate).toMatchObject({ ok: false, code: 'CONFLICT' });
    if (!dealerLate.ok) expect(dealerLate.message).toContain('不能取消');
  });
});

describe('submit', () => {
  test('with no approval steps approves the order at once and records the automatic decision', () => {
    const d = decide(submittedOrder(), NO_STEPS, dealer, T0);
    if (!d.ok) throw new Error(d.message);
    expect(d.next.status).toBe('approved');
    expect(d.next.approvedAt).toBe(T0);
    expect(d.next.approval).toEqual({ auto: true, matched: [], steps: [], currentStep: 0 });
    expect(d.event).toEqual({ type: 'submitted', from: 'submitted', to: 'approved', actor: { role: 'dealer', id: dealer.id }, at: T0, data: { auto: true } });
    expect(d.effects.map((e) => (e.type === 'notify' ? `${e.template}>${e.to.role}` : e.type))).toEqual(['order_approved>dealer', 'order_to_ship>admin']);
  });

  test('with approval steps waits for the first step and tells its role why', () => {
    const d = decide(submittedOrder(), TWO_STEPS, dealer, T0);
    if (!d.ok) throw new Error(d.message);
    expect(d.next.status).toBe('pending_approval');
    expect(d.next.approvedAt).toBeNull();
    expect(d.next.approval?.currentStep).toBe(0);
    expect(d.next.approval?.steps.map((s) => [s.role, s.approvedBy])).toEqual([
      ['manager', null],
      ['admin', null],
    ]);
    expect(d.effects).toEqual([
      {
        type: 'notify',
        to: { role: 'manager' },
        template: 'order_pending_approval',
        fields: { orderNo: 'SO20250301001', amount: '¥125.01', time: '2025-03-01 10:00:00', step: '渠道经理审批', reason: '订单金额 ¥125.01 超过 ¥100.00' },
      },
    ]);
  });

  test('holds nothing new: stock and credit were reserved when the order was created', () => {
    const d = decide(submittedOrder(), TWO_STEPS, dealer, T0);
    expect(d.ok && d.effects.every((e) => e.type === 'notify')).toBe(true);
  });
});

describe('approve_step', () => {
  const pending = orderIn('pending_approval');

  test('each step is approved by its role; the last one approves the order', () => {
    const first = decide(pending, { type: 'approve_step', reason: '同意' }, manager, T0 + 2 * HOUR);
    if (!first.ok) throw new Error(first.message);
    expect(first.next.status).toBe('pending_approval');
    expect(first.event).toMatchObject({
      type: 'step_approved',
      from: 'pending_approval',
      to: 'pending_approval',
      reason: '同意',
      data: { step: 0, role: 'manager' },
    });
    expect(first.next.approval?.currentStep).toBe(1);
    expect(first.next.approval?.steps[0]).toMatchObject({ approvedBy: { role: 'manager', id: manager.id }, approvedAt: T0 + 2 * HOUR });
    expect(first.effects).toMatchObject([{ type: 'notify', to: { role: 'admin' }, template: 'order_pending_approval', fields: { step: '财务审批' } }]);

    expect(decide(first.next, { type: 'approve_step' }, manager, T0 + 3 * HOUR)).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '当前审批步骤「财务审批」需由品牌管理员处理',
    });
    const last = decide(first.next, { type: 'approve_step' }, admin, T0 + 3 * HOUR);
    if (!last.ok) throw new Error(last.message);
    expect(last.next.status).toBe('approved');
    expect(last.next.approvedAt).toBe(T0 + 3 * HOUR);
    expect(last.next.approval?.currentStep).toBe(2);
    expect(last.event.type).toBe('approved');
    expect(last.event).not.toHaveProperty('reason');
  });

  test('refuses an approval note over 200 characters', () => {
    expect(decide(pending, { type: 'approve_step', reason: '好'.repeat(201) }, manager, T0)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  test('an order sent to approval for overdrawing its credit holds none while it waits, and the last step reserves its payable', () => {
    const submitted = decide(submittedOrder(), { ...TWO_STEPS, creditOnApproval: true }, dealer, T0);
    if (!submitted.ok) throw new Error(submitted.message);
    expect(submitted.next).toMatchObject({ status: 'pending_approval', creditReserved: 0 });
    const first = decide(submitted.next, { type: 'approve_step' }, manager, T0 + HOUR);
    if (!first.ok) throw new Error(first.message);
    expect(first.next.creditReserved).toBe(0);
    expect(first.effects.filter((e) => e.type !== 'notify')).toEqual([]);
    const last = decide(first.next, { type: 'approve_step' }, admin, T0 + 2 * HOUR);
    if (!last.ok) throw new Error(last.message);
    expect(last.next).toMatchObject({ status: 'approved', creditReserved: 12_501 });
    expect(last.effects.filter((e) => e.type !== 'notify')).toEqual([{ type: 'reserve_credit', dealerId: 'dealer-1', amount: 12_501 }]);
    expect(last.event.data).toMatchObject({ creditReserved: 12_501 });
    // An order that held its credit from submit reserves nothing more.
    const held = decide(orderIn('pending_approval'), { type: 'approve_step' }, manager, T0);
    if (!held.ok) throw new Error(held.message);
    const done = decide(held.next, { type: 'approve_step' }, admin, T0);
    expect(done.ok && done.effects.filter((e) => e.type !== 'notify')).toEqual([]);
  });

  test('rejecting or cancelling an order that waits holding no credit releases no credit', () => {
    const submitted = decide(submittedOrder(), { ...TWO_STEPS, creditOnApproval: true }, dealer, T0);
    if (!submitted.ok) throw new Error(submitted.message);
    for (const [cmd, who] of [
      [{ type: 'reject', reason: '额度不够' }, manager],
      [{ type: 'cancel', reason: '不要了' }, dealer],
    ] as const) {
      const d = decide(submitted.next, cmd, who, T0 + HOUR);
      if (!d.ok) throw new Error(d.message);
      expect(d.effects.map((e) => e.type)).not.toContain('release_credit');
    }
  });
});

describe('reject', () => {
  const pending = orderIn('pending_approval');

  test('requires a reason of 2–200 characters', () => {
    for (const reason of ['', ' ', '不', ' 不 ', '驳'.repeat(201)]) {
      expect(decide(pending, { type: 'reject', reason }, manager, T0)).toMatchObject({
        ok: false,
        code: 'INVALID_INPUT',
        message: '请填写驳回原因（2–200 字）',
      });
    }
    expect(decide(pending, { type: 'reject', reason: '不行' }, manager, T0).ok).toBe(true);
    expect(decide(pending, { type: 'reject', reason: '驳'.repeat(200) }, manager, T0).ok).toBe(true);
  });

  test('closes the order and releases its stock, credit and rebate, telling the dealer why', () => {
    const d = decide(pending, { type: 'reject', reason: '  价格超出授权  ' }, manager, T0 + 2 * HOUR);
    if (!d.ok) throw new Error(d.message);
    expect(d.next).toMatchObject({ status: 'rejected', closedAt: T0 + 2 * HOUR, closeReason: '价格超出授权', reservations: [], creditReserved: 0 });
    expect(d.event).toMatchObject({ type: 'rejected', reason: '价格超出授权', data: { step: 0, label: '渠道经理审批' } });
    expect(d.effects).toEqual([
      { type: 'release_stock', items: pending.reservations },
      { type: 'release_credit', dealerId: 'dealer-1', amount: 12_501 },
      { type: 'release_rebate', dealerId: 'dealer-1', amount: 300 },
      {
        type: 'notify',
        to: { role: 'dealer', dealerId: 'dealer-1' },
        template: 'order_rejected',
        fields: expect.objectContaining({ reason: '价格超出授权', status: '已驳回' }),
      },
    ]);
  });
});

describe('cancel', () => {
  test('by the dealer before approval releases everything and sends no message to the dealer', () => {
    const d = decide(orderIn('pending_approval'), { type: 'cancel', reason: '下错单了' }, dealer, T0 + 2 * HOUR);
    if (!d.ok) throw new Error(d.message);
    expect(d.next.status).toBe('cancelled');
    expect(d.effects.map((e) => e.type)).toEqual(['release_stock', 'release_credit', 'release_rebate']);
  });

  test('by an admin after approval releases everything and tells the dealer', () => {
    const d = decide(orderIn('approved'), { type: 'cancel', reason: '缺货无法发出' }, admin, T0 + 2 * HOUR);
    if (!d.ok) throw new Error(d.message);
    expect(d.effects.map((e) => e.type)).toEqual(['release_stock', 'release_credit', 'release_rebate', 'notify']);
  });

  test('requires a reason', () => {
    expect(decide(submittedOrder(), { type: 'cancel', reason: ' ' }, dealer, T0)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
      message: '请填写取消原因（2–200 字）',
    });
  });

  test('a dealer cannot touch another dealer’s order', () => {
    expect(decide(submittedOrder(), { type: 'cancel', reason: '下错单了' }, ACTORS.otherDealer, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('ship', () => {
  const approved = orderIn('approved');
  const ship = (lines: Array<{ sku: string; qty: number }>, extra: { warehouseId?: string; trackingNo?: string } = {}): OrderCommand => ({
    type: 'ship',
    carrier: '顺丰速运',
    trackingNo: extra.trackingNo ?? 'SF100',
    lines,
    ...(extra.warehouseId === undefined ? {} : { warehouseId: extra.warehouseId }),
  });

  test('a partial shipment consumes the reservation, books the shipped share as a receivable and leaves the order partially shipped', () => {
    const d = decide(approved, shipEastTea, admin, T0 + 5 * HOUR);
    if (!d.ok) throw new Error(d.message);
    expect(d.next.status).toBe('partially_shipped');
    // TEA item line: 6 of 10 units of 10 001 fen = 6 000.6 -> 6 001 (half up).
    expect(d.next.lines.map((l) => l.shippedQty)).toEqual([6, 0, 0]);
    expect(d.effects).toEqual([
      { type: 'consume_reservation_on_shipment', items: [{ sku: 'TEA', warehouseId: 'wh-east', qty: 6 }] },
      { type: 'book_receivable', dealerId: 'dealer-1', amount: 6_001 },
      {
        type: 'notify',
        to: { role: 'dealer', dealerId: 'dealer-1' },
        template: 'order_shipped',
        fields: { orderNo: 'SO20250301001', amount: '¥125.01', time: '2025-03-01 15:00:00', status: '部分发货', carrier: '顺丰速运', trackingNo: 'SF001' },
      },
    ]);
    expect(d.next.creditReserved).toBe(12_501 - 6_001);
    expect(d.next.receivableBooked).toBe(6_001);
    expect(d.next.reservations).toEqual([
      { sku: 'TEA', warehouseId: 'wh-north', qty: 5 },
      { sku: 'CUP', warehouseId: 'wh-east', qty: 5 },
    ]);
    expect(d.next.shipments).toEqual([
      {
        no: 1,
        warehouseId: 'wh-east',
        carrier: '顺丰速运',
        trackingNo: 'SF001',
        lines: [{ sku: 'TEA', qty: 6 }],
        amount: 6_001,
        at: T0 + 5 * HOUR,
        by: { role: 'admin', id: admin.id },
      },
    ]);
    expect(d.next.shippedAt).toBe(T0 + 5 * HOUR);
    expect(d.next.fullyShippedAt).toBeNull();
  });

  test('shipments add up to exactly the payable, and the last one marks the order shipped', () => {
    const shipped = orderIn('shipped');
    expect(shipped.status).toBe('shipped');
    expect(shipped.shipments.map((s) => s.amount)).toEqual([6_001, 2_500, 4_000]);
    expect(shipped.receivableBooked).toBe(shipped.payable);
    expect(shipped.creditReserved).toBe(0);
    expect(shipped.reservations).toEqual([]);
    // TEA fills the item line first (4 more), then the gift line (1).
    expect(shipped.lines.map((l) => l.shippedQty)).toEqual([10, 5, 1]);
    expect(shipped.fullyShippedAt).toBe(shipped.shipments[2]?.at);
  });

  test('without a warehouse uses the one warehouse holding the lines, and refuses when they sit in several', () => {
    const d = decide(approved, ship([{ sku: 'CUP', qty: 2 }]), admin, T0);
    expect(d.ok && d.next.shipments[0]?.warehouseId).toBe('wh-east');
    expect(decide(approved, ship([{ sku: 'TEA', qty: 2 }]), admin, T0)).toEqual({
      ok: false,
      code: 'INVALID_INPUT',
      message: '本次发货的商品预留在多个仓库（wh-east、wh-north），请指定发货仓库',
    });
  });

  test('refuses more than is left, more than the warehouse holds, unknown or repeated SKUs, and empty shipments', () => {
    const refusals: Array<[OrderCommand, RegExp]> = [
      [ship([{ sku: 'CUP', qty: 6 }]), /CUP 还剩 5 件未发，本次不能发 6 件/],
      [ship([{ sku: 'TEA', qty: 7 }], { warehouseId: 'wh-east' }), /仓库 wh-east 为商品 TEA 预留了 6 件，本次发 7 件/],
      [ship([{ sku: 'CUP', qty: 1 }], { warehouseId: 'wh-north' }), /仓库 wh-north 为商品 CUP 预留了 0 件/],
      [ship([{ sku: 'PEN', qty: 1 }]), /PEN 不在本订单中/],
      [
        ship([
          { sku: 'CUP', qty: 1 },
          { sku: 'CUP', qty: 1 },
        ]),
        /重复/,
      ],
      [ship([{ sku: 'CUP', qty: 0 }]), /正整数/],
      [ship([{ sku: 'CUP', qty: 1.5 }]), /正整数/],
      [ship([]), /至少/],
      [{ type: 'ship', carrier: ' ', trackingNo: 'SF1', lines: [{ sku: 'CUP', qty: 1 }] }, /承运商和运单号/],
      [{ type: 'ship', carrier: '顺丰', trackingNo: '', lines: [{ sku: 'CUP', qty: 1 }] }, /承运商和运单号/],
    ];
    for (const [command, message] of refusals) {
      const d = decide(approved, command, admin, T0);
      expect(d).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      if (!d.ok) expect(d.message).toMatch(message);
    }
  });

  test('refuses a tracking number already recorded on the order (a double tap)', () => {
    const partial = orderIn('partially_shipped');
    expect(decide(partial, ship([{ sku: 'CUP', qty: 1 }], { trackingNo: 'SF001' }), admin, T0)).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '运单号 SF001 已登记过，请勿重复发货',
    });
  });

  test('a partially shipped order cannot be confirmed or cancelled', () => {
    const partial = orderIn('partially_shipped');
    expect(decide(partial, { type: 'confirm_receipt' }, dealer, T0)).toEqual({
      ok: false,
      code: 'CONFLICT',
      message: '订单已部分发货，不能确认收货。请等全部商品发出后再确认收货',
    });
    expect(decide(partial, { type: 'cancel', reason: '不要了' }, admin, T0)).toMatchObject({ ok: false, code: 'CONFLICT' });
  });
});

describe('confirm_receipt and complete', () => {
  const shipped = orderIn('shipped');
  const fully = shipped.fullyShippedAt as number;

  test('the dealer confirms receipt at any time after full shipment', () => {
    const d = decide(shipped, { type: 'confirm_receipt' }, dealer, fully + HOUR);
    expect(d).toMatchObject({
      ok: true,
      next: { status: 'delivered', deliveredAt: fully + HOUR },
      event: { type: 'delivered', data: { auto: false } },
      effects: [],
    });
  });

  test('the system confirms exactly autoConfirmDays after full shipment, not a millisecond before', () => {
    expect(decide(shipped, { type: 'confirm_receipt' }, system, fully + 10 * DAY - 1)).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(decide(shipped, { type: 'confirm_receipt' }, system, fully + 10 * DAY)).toMatchObject({ ok: true, event: { data: { auto: true } } });
    expect(decide(shipped, { type: 'confirm_receipt' }, system, fully + 3 * DAY, { autoConfirmDays: 3 }).ok).toBe(true);
    const early = decide(shipped, { type: 'confirm_receipt' }, system, fully, { autoConfirmDays: 3 });
    expect(early.ok === false && early.message).toBe('订单发货满 3 天后才会自动确认收货，请在 2025-03-04 14:00:00 之后再试');
  });

  test('complete moves a delivered order to completed', () => {
    const d = decide(orderIn('delivered'), { type: 'complete' }, system, T0 + 5 * DAY);
    expect(d).toMatchObject({
      ok: true,
      next: { status: 'completed', completedAt: T0 + 5 * DAY },
      event: { type: 'completed', from: 'delivered', to: 'completed' },
    });
  });
});

describe('purity', () => {
  test('decide never changes its input and carries unknown fields of a stored document over', () => {
    const stored = deepFreeze({ ...orderIn('approved'), address: { city: '杭州市' }, remark: '工作日送货' });
    const before = JSON.stringify(stored);
    const d = decide(stored, shipEastTea, admin, T0 + 5 * HOUR);
    expect(JSON.stringify(stored)).toBe(before);
    if (!d.ok) throw new Error(d.message);
    expect(d.next).not.toBe(stored);
    expect(d.next.address).toEqual({ city: '杭州市' });
    expect(d.next.remark).toBe('工作日送货');
  });

  test('every state of the fixture chain was reached with exactly one event per command', () => {
    const shipped = run(submittedOrder(), [
      [NO_STEPS, dealer],
      [shipEastTea, admin],
      [shipEastCup, admin],
      [shipNorthTea, admin],
    ]);
    expect(shipped.events.map((e) => `${e.from}>${e.to}`)).toEqual([
      'submitted>approved',
      'approved>partially_shipped',
      'partially_shipped>partially_shipped',
      'partially_shipped>shipped',
    ]);
  });

  test('clerks do nothing to orders', () => {
    for (const command of Object.values(COMMANDS)) expect(decide(submittedOrder(), command, clerk, T0)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });
});

describe('代客下单 (submit_for_dealer, confirm_proxy, refuse_proxy)', () => {
  const proxied = () => {
    const d = decide(submittedOrder(), { ...TWO_STEPS, type: 'submit_for_dealer', awaitConfirmation: true }, manager, T0);
    if (!d.ok) throw new Error(d.message);
    return d;
  };

  test('waits for the dealer holding its credit, records the manager as placedBy and tells only the dealer', () => {
    const d = proxied();
    expect(d.next.status).toBe('awaiting_dealer_confirmation');
    expect(d.next.placedBy).toEqual({ role: 'manager', id: manager.id });
    expect(d.next.creditReserved).toBe(submittedOrder().creditReserved);
    expect(d.effects.map((e) => (e.type === 'notify' ? `${e.template}>${e.to.role}` : e.type))).toEqual(['order_proxy_placed>dealer']);
  });

  test('confirmed by the dealer, approval starts as at submit, and the manager who placed it may not approve it', () => {
    const c = decide(proxied().next, { type: 'confirm_proxy' }, dealer, T0 + HOUR);
    if (!c.ok) throw new Error(c.message);
    expect(c.next.status).toBe('pending_approval');
    expect(c.event).toMatchObject({ type: 'proxy_confirmed', from: 'awaiting_dealer_confirmation', to: 'pending_approval' });
    expect(c.effects.map((e) => (e.type === 'notify' ? `${e.template}>${e.to.role}` : e.type))).toEqual(['order_pending_approval>manager']);
    expect(decide(c.next, { type: 'approve_step' }, manager, T0 + 2 * HOUR)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decide(c.next, { type: 'approve_step' }, { role: 'manager', id: 'openid-other-manager' }, T0 + 2 * HOUR).ok).toBe(true);
  });

  test('authorised by the dealer, it takes effect at once as a submit would', () => {
    const d = decide(submittedOrder(), { ...NO_STEPS, type: 'submit_for_dealer', awaitConfirmation: false }, manager, T0);
    expect(d).toMatchObject({ ok: true, next: { status: 'approved', placedBy: { role: 'manager', id: manager.id } } });
  });

  test('refused by the dealer, it closes and releases everything it holds', () => {
    const r = decide(proxied().next, { type: 'refuse_proxy', reason: '没有要这批货' }, dealer, T0 + HOUR);
    if (!r.ok) throw new Error(r.message);
    expect(r.next).toMatchObject({ status: 'cancelled', creditReserved: 0, reservations: [], closeReason: '没有要这批货' });
    expect(r.effects.map((e) => e.type)).toEqual(['release_stock', 'release_credit', 'release_rebate', 'notify']);
    // The region's managers hear of it (the one who placed it among them).
    expect(r.effects[3]).toMatchObject({ to: { role: 'manager' }, template: 'order_cancelled' });
  });
});
