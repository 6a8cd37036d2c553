/**
 * Random sequences of commands through `decide`, with a simulated ledger (stock per SKU and
 * warehouse, the dealer's credit and rebate balance) that applies the effects exactly as a
 * handler would. After every step the ledger and the orders must agree.
 */
import fc from 'fast-check';
import { allocate } from '../../../shared/money';
import {
  allocateStock,
  approvalFactsOf,
  approvalRuleSchema,
  checkCredit,
  decide,
  evaluateApproval,
  newOrder,
  ORDER_COMMAND_TYPES,
  TERMINAL_STATUSES,
} from '../../../shared/orders';
import type { Actor, ApprovalRule, Order, OrderCommand, OrderEffect, OrderStatus, StockLevel, StockReservation } from '../../../shared/orders';
import { ACTORS, DAY, HOUR, T0 } from './fixtures';

const SKUS = ['TEA', 'CUP', 'PEN'] as const;
const PRICES: Record<string, number> = { TEA: 1_999, CUP: 333, PEN: 101 };
const WAREHOUSES = [
  { id: 'wh-east', regions: ['east'] },
  { id: 'wh-north', regions: ['north'] },
];
const INITIAL: StockLevel[] = SKUS.flatMap((sku, i) => [
  { sku, warehouseId: 'wh-east', onHand: 20 + 7 * i, reserved: 0 },
  { sku, warehouseId: 'wh-north', onHand: 30 - 5 * i, reserved: 0 },
]);
const CREDIT_LIMIT = 400_000;
const REBATE = 5_000;

const RULES: ApprovalRule[] = [
  approvalRuleSchema.parse({
    id: 'big',
    name: '大额',
    code: 'order_amount_over',
    args: { thresholdFen: 30_000 },
    steps: [
      { role: 'manager', label: '经理' },
      { role: 'admin', label: '财务' },
    ],
  }),
  approvalRuleSchema.parse({ id: 'cup', name: '杯类', code: 'category_in', args: { categoryIds: ['cat-CUP'] }, steps: [{ role: 'manager', label: '经理' }] }),
];

type Op =
  | { kind: 'submit'; lines: Array<{ sku: number; qty: number }>; rebate: number; gift: boolean }
  | { kind: 'approve' | 'reject' | 'cancel' | 'confirm' | 'complete'; order: number; actor: number; reason: boolean }
  | { kind: 'ship'; order: number; actor: number; warehouse: number; share: number };

const actorNames = Object.keys(ACTORS) as Array<keyof typeof ACTORS>;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('submit' as const),
      lines: fc.array(fc.record({ sku: fc.nat(SKUS.length - 1), qty: fc.integer({ min: 1, max: 12 }) }), { minLength: 1, maxLength: 3 }),
      rebate: fc.nat(3_000),
      gift: fc.boolean(),
    }),
  },
  ...(['approve', 'reject', 'cancel', 'confirm', 'complete'] as const).map((kind) => ({
    weight: kind === 'approve' ? 3 : kind === 'confirm' || kind === 'complete' ? 2 : 1,
    arbitrary: fc.record({ kind: fc.constant(kind), order: fc.nat(20), actor: fc.nat(11), reason: fc.boolean() }),
  })),
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('ship' as const),
      order: fc.nat(20),
      actor: fc.nat(11),
      warehouse: fc.nat(1),
      share: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    }),
  },
);

class Ledger {
  stock = new Map(INITIAL.map((s) => [`${s.sku}|${s.warehouseId}`, { ...s }]));
  shipped = new Map<string, number>();
  credit = { limit: CREDIT_LIMIT, used: 0, reserved: 0 };
  rebate = REBATE;

  levels(): StockLevel[] {
    return [...this.stock.values()].map((s) => ({ ...s }));
  }

  private row(sku: string, warehouseId: string) {
    const row = this.stock.get(`${sku}|${warehouseId}`);
    if (!row) throw new Error(`no stock row ${sku}|${warehouseId}`);
    return row;
  }

  /** What the submit handler holds when it inserts an order. */
  reserve(items: readonly StockReservation[], credit: number, rebate: number): void {
    for (const i of items) this.row(i.sku, i.warehouseId).reserved += i.qty;
    this.credit.reserved += credit;
    this.rebate -= rebate;
  }

  apply(effect: OrderEffect): void {
    switch (effect.type) {
      case 'release_stock':
        for (const i of effect.items) this.row(i.sku, i.warehouseId).reserved -= i.qty;
        break;
      case 'consume_reservation_on_shipment':
        for (const i of effect.items) {
          const row = this.row(i.sku, i.warehouseId);
          row.onHand -= i.qty;
          row.reserved -= i.qty;
          this.shipped.set(`${i.sku}|${i.warehouseId}`, (this.shipped.get(`${i.sku}|${i.warehouseId}`) ?? 0) + i.qty);
        }
        break;
      case 'release_credit':
        this.credit.reserved -= effect.amount;
        break;
      case 'book_receivable':
        this.credit.reserved -= effect.amount;
        this.credit.used += effect.amount;
        break;
      case 'release_rebate':
        this.rebate += effect.amount;
        break;
      case 'notify':
        break;
    }
  }
}

interface World {
  ledger: Ledger;
  orders: Order[];
  succeeded: number;
  now: number;
}

/** What a submit handler does: price, allocate stock, check credit, reserve, create, evaluate approval, decide. */
function submit(world: World, op: Extract<Op, { kind: 'submit' }>): void {
  const { ledger } = world;
  const qty = new Map<string, number>();
  for (const l of op.lines) {
    const sku = SKUS[l.sku] as string;
    qty.set(sku, (qty.get(sku) ?? 0) + l.qty);
  }
  const items = [...qty].map(([sku, q]) => ({ sku, qty: q, amount: q * (PRICES[sku] as number) }));
  const gifts = op.gift && items[0] ? [{ sku: items[0].sku, qty: 1 }] : [];
  const goods = items.reduce((s, i) => s + i.amount, 0);
  const rebate = Math.min(op.rebate, goods, ledger.rebate);
  const deduction = allocate(
    rebate,
    items.map((i) => i.amount),
  );
  const allocation = allocateStock({ lines: [...items, ...gifts], stock: ledger.levels(), warehouses: WAREHOUSES, dealerRegion: 'east' });
  if (!allocation.ok) return;
  const payable = goods - rebate;
  if (!checkCredit(ledger.credit, payable).ok) return;
  const creditBefore = { ...ledger.credit };
  const order = newOrder({
    id: `o${world.orders.length}`,
    orderNo: `SO${world.orders.length}`,
    dealerId: 'dealer-1',
    lines: [
      ...items.map((i, k) => ({
        sku: i.sku,
        name: i.sku,
        categoryId: `cat-${i.sku}`,
        qty: i.qty,
        listPrice: PRICES[i.sku] as number,
        unitPrice: PRICES[i.sku] as number,
        payable: i.amount - (deduction[k] as number),
      })),
      ...gifts.map((g) => ({
        sku: g.sku,
        name: g.sku,
        categoryId: `cat-${g.sku}`,
        kind: 'gift' as const,
        qty: g.qty,
        listPrice: PRICES[g.sku] as number,
        unitPrice: 0,
        payable: 0,
      })),
    ],
    rebateUsed: rebate,
    reservations: allocation.reservations,
    createdAt: world.now,
  });
  // The same transaction that inserts the order holds its stock, credit and rebate.
  ledger.reserve(allocation.reservations, order.creditReserved, rebate);
  const facts = approvalFactsOf(order, { level: 'B', joinedAt: 0, orderCount: world.orders.length }, creditBefore, world.now);
  const d = decide(order, { type: 'submit', approval: evaluateApproval(facts, RULES) }, ACTORS.dealer, world.now);
  if (!d.ok) throw new Error(`a fresh order must be submittable: ${d.message}`);
  d.effects.forEach((e) => ledger.apply(e));
  world.orders.push(d.next);
  world.succeeded += 1;
}

function commandFor(world: World, op: Exclude<Op, { kind: 'submit' }>, order: Order): OrderCommand {
  switch (op.kind) {
    case 'approve':
      return { type: 'approve_step' };
    case 'reject':
      return { type: 'reject', reason: op.reason ? '价格超出授权' : '' };
    case 'cancel':
      return { type: 'cancel', reason: op.reason ? '下错单了' : 'x' };
    case 'confirm':
      return { type: 'confirm_receipt' };
    case 'complete':
      return { type: 'complete' };
    case 'ship': {
      const warehouses = [...new Set(order.reservations.map((r) => r.warehouseId))];
      const warehouseId = warehouses[op.warehouse % Math.max(1, warehouses.length)] ?? 'wh-east';
      const lines = order.reservations
        .filter((r) => r.warehouseId === warehouseId)
        .map((r) => ({ sku: r.sku, qty: Math.max(1, Math.round(r.qty * op.share)) }));
      return { type: 'ship', carrier: '顺丰速运', trackingNo: `SF${world.succeeded}`, warehouseId, lines };
    }
  }
}

function usualActor(op: Exclude<Op, { kind: 'submit' }>, order: Order, pick: number): Actor {
  switch (op.kind) {
    case 'approve':
    case 'reject':
      return order.approval?.steps[order.approval.currentStep]?.role === 'admin' ? ACTORS.admin : ACTORS.manager;
    case 'cancel':
      return pick % 2 === 0 ? ACTORS.dealer : ACTORS.admin;
    case 'ship':
      return ACTORS.admin;
    case 'confirm':
      return pick % 2 === 0 ? ACTORS.dealer : ACTORS.system;
    case 'complete':
      return ACTORS.system;
  }
}

function step(world: World, op: Op): void {
  world.now += HOUR;
  if (op.kind === 'submit') return submit(world, op);
  // Even picks aim at orders still open (so long chains happen), odd ones at any order.
  const open = world.orders.flatMap((o, i) => (TERMINAL_STATUSES.includes(o.status) ? [] : [i]));
  const pool = op.order % 2 === 0 && open.length > 0 ? open : world.orders.map((_, i) => i);
  const index = pool[Math.floor(op.order / 2) % Math.max(1, pool.length)];
  const order = index === undefined ? undefined : world.orders[index];
  if (index === undefined || !order) return;
  // Half the time any actor at all, half the time the one who would normally issue the command.
  const actor: Actor = op.actor < actorNames.length ? ACTORS[actorNames[op.actor] as keyof typeof ACTORS] : usualActor(op, order, op.actor);
  // Confirmation by the system is tried late enough half the time.
  const now = op.kind === 'confirm' && op.reason ? world.now + 11 * DAY : world.now;
  const d = decide(order, commandFor(world, op, order), actor, now);
  if (!d.ok) {
    expect(['CONFLICT', 'FORBIDDEN', 'INVALID_INPUT']).toContain(d.code);
    expect(world.orders[index]).toBe(order);
    return;
  }
  d.effects.forEach((e) => world.ledger.apply(e));
  world.orders[index] = d.next;
  world.succeeded += 1;
  world.now = now;
}

/** Plain checks: the invariants run after every step, and expect() is slow at that rate. */
function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`invariant broken: ${what}`);
}
function same(actual: unknown, expected: unknown, what: string): void {
  if (actual !== expected) throw new Error(`invariant broken: ${what}: got ${String(actual)}, expected ${String(expected)}`);
}

/** Every state the random runs reached, so the property is known not to be vacuous. */
const reached = new Set<OrderStatus>();

function checkInvariants(world: World): void {
  const { ledger, orders } = world;
  for (const o of orders) reached.add(o.status);
  const reservedByOrders = new Map<string, number>();
  const shippedByOrders = new Map<string, number>();
  for (const o of orders) {
    for (const r of o.reservations) reservedByOrders.set(`${r.sku}|${r.warehouseId}`, (reservedByOrders.get(`${r.sku}|${r.warehouseId}`) ?? 0) + r.qty);
    for (const s of o.shipments)
      for (const l of s.lines) shippedByOrders.set(`${l.sku}|${s.warehouseId}`, (shippedByOrders.get(`${l.sku}|${s.warehouseId}`) ?? 0) + l.qty);
  }
  for (const initial of INITIAL) {
    const key = `${initial.sku}|${initial.warehouseId}`;
    const row = ledger.stock.get(key);
    if (!row) throw new Error(key);
    const available = row.onHand - row.reserved;
    const shipped = ledger.shipped.get(key) ?? 0;
    // Stock is conserved and never oversold.
    same(available + row.reserved + shipped, initial.onHand, `${key}: available + reserved + shipped = initial on hand`);
    check(available >= 0, 'available >= 0');
    same(row.reserved, reservedByOrders.get(key) ?? 0, 'row.reserved');
    same(shipped, shippedByOrders.get(key) ?? 0, 'shipped');
  }
  // Credit reserved is the sum over open orders; receivables the sum of what shipped.
  same(
    ledger.credit.reserved,
    orders.reduce((s, o) => s + o.creditReserved, 0),
    'ledger.credit.reserved',
  );
  same(
    ledger.credit.used,
    orders.reduce((s, o) => s + o.receivableBooked, 0),
    'ledger.credit.used',
  );
  check(ledger.credit.used + ledger.credit.reserved <= CREDIT_LIMIT, 'ledger.credit.used + ledger.credit.reserved <= CREDIT_LIMIT');
  // Rebate is held by open orders and given back when they close.
  same(
    ledger.rebate + orders.filter((o) => o.status !== 'cancelled' && o.status !== 'rejected').reduce((s, o) => s + o.rebateUsed, 0),
    REBATE,
    'rebate balance + rebate held',
  );
  for (const o of orders) {
    const closed = o.status === 'cancelled' || o.status === 'rejected';
    same(o.creditReserved + o.receivableBooked, closed ? 0 : o.payable, 'o.creditReserved + o.receivableBooked');
    check(o.creditReserved >= 0, 'o.creditReserved >= 0');
    for (const l of o.lines) check(l.shippedQty <= l.qty, 'l.shippedQty <= l.qty');
    const remaining = o.lines.reduce((s, l) => s + l.qty - l.shippedQty, 0);
    same(
      o.reservations.reduce((s, r) => s + r.qty, 0),
      closed ? 0 : remaining,
      'units reserved = units not shipped',
    );
    if (o.status === 'shipped' || o.status === 'delivered' || o.status === 'completed') same(remaining, 0, 'remaining');
    // The audit trail is a chain that ends in the current state.
    o.events.forEach((e, i) => same(e.from, i === 0 ? 'submitted' : o.events[i - 1]?.to, 'event chain'));
    same(o.events.at(-1)?.to, o.status, 'o.events.at(-1)?.to');
  }
  // No event is ever lost: one per successful command.
  same(
    orders.reduce((s, o) => s + o.events.length, 0),
    world.succeeded,
    'events = successful commands',
  );
}

const ANY_COMMAND: Record<(typeof ORDER_COMMAND_TYPES)[number], OrderCommand> = {
  submit: { type: 'submit', approval: { matched: [], steps: [] } },
  submit_for_dealer: { type: 'submit_for_dealer', approval: { matched: [], steps: [] }, awaitConfirmation: true },
  confirm_proxy: { type: 'confirm_proxy' },
  refuse_proxy: { type: 'refuse_proxy', reason: '没有要这批货' },
  approve_step: { type: 'approve_step' },
  reject: { type: 'reject', reason: '价格超出授权' },
  cancel: { type: 'cancel', reason: '下错单了' },
  ship: { type: 'ship', carrier: '顺丰速运', trackingNo: 'SF-any', lines: [{ sku: 'TEA', qty: 1 }] },
  confirm_receipt: { type: 'confirm_receipt' },
  complete: { type: 'complete' },
};

describe('orders under random command sequences', () => {
  test('stock is conserved, credit reserved equals open orders, no event is lost, terminal states accept nothing', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 80, size: 'large' }), (ops) => {
        const world: World = { ledger: new Ledger(), orders: [], succeeded: 0, now: T0 };
        for (const op of ops) {
          step(world, op);
          checkInvariants(world);
        }
        for (const o of world.orders.filter((x) => TERMINAL_STATUSES.includes(x.status))) {
          for (const command of ORDER_COMMAND_TYPES) {
            for (const actor of Object.values(ACTORS)) expect(decide(o, ANY_COMMAND[command], actor, world.now + 365 * DAY).ok).toBe(false);
          }
        }
      }),
      { numRuns: 300 },
    );
    expect([...reached].sort()).toEqual(['approved', 'cancelled', 'completed', 'delivered', 'partially_shipped', 'pending_approval', 'rejected', 'shipped']);
  });

  test('driving every order to the end through the right actors always succeeds and settles the ledger', () => {
    fc.assert(
      fc.property(
        fc.array(
          opArb.filter((o) => o.kind === 'submit'),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 8, maxLength: 8 }),
        (ops, shares) => {
          const world: World = { ledger: new Ledger(), orders: [], succeeded: 0, now: T0 };
          for (const op of ops) step(world, op);
          world.orders.forEach((initial, index) => {
            let order = initial;
            const act = (command: OrderCommand, actor: Actor, at = world.now) => {
              world.now = at + HOUR;
              const d = decide(order, command, actor, world.now);
              if (!d.ok) throw new Error(`${command.type} on ${order.status}: ${d.message}`);
              d.effects.forEach((e) => world.ledger.apply(e));
              order = d.next;
              world.orders[index] = order;
              world.succeeded += 1;
            };
            while (order.status === 'pending_approval') {
              const role = order.approval?.steps[order.approval.currentStep]?.role;
              act({ type: 'approve_step' }, role === 'admin' ? ACTORS.admin : ACTORS.manager);
            }
            let n = 0;
            while (order.status === 'approved' || order.status === 'partially_shipped') {
              const first = order.reservations[0];
              if (!first) throw new Error('nothing reserved but not fully shipped');
              const share = shares[n % shares.length] as number;
              const qty = Math.max(1, Math.floor(first.qty * share));
              act(
                { type: 'ship', carrier: '中通快递', trackingNo: `ZT${index}-${n++}`, warehouseId: first.warehouseId, lines: [{ sku: first.sku, qty }] },
                ACTORS.admin,
              );
            }
            act({ type: 'confirm_receipt' }, ACTORS.system, world.now + 10 * DAY);
            act({ type: 'complete' }, ACTORS.system);
            expect(order.status).toBe('completed');
            expect(order.receivableBooked).toBe(order.payable);
            expect(order.shipments.reduce((s, x) => s + x.amount, 0)).toBe(order.payable);
          });
          checkInvariants(world);
          expect(world.ledger.credit.reserved).toBe(0);
          for (const row of world.ledger.stock.values()) expect(row.reserved).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
