import type { OrderView, SubmitOutput } from '../../shared/contracts';
import type { ActorRole, OrderCommandType, OrderStatus } from '../../shared/orders';
import { commandsFor, ORDER_STATUSES, rolesIssuing } from '../../shared/orders';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Who may do what to an order, through the real orders function: for every state and every kind
 * of caller, the order commands the function accepts are exactly commandsFor(state, role) — the
 * transition table — and every other one is refused with the code it has always had (FORBIDDEN
 * for a role that never issues the command, UNAUTHENTICATED for the console where no admin may,
 * CONFLICT for a role that issues it from another state), changing nothing. The orders are dealer A's; the pending ones wait on the channel manager's step.
 */
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
/** Over the demo's ¥10,000 manager approval: waits for the channel manager. */
const BIG = [{ sku: 'sku-0275', qty: 40, unit: '箱' }];
/** Well under it: approved at once. */
const SMALL = [{ sku: 'sku-0001', qty: 5, unit: '箱' }];

/** The orders function's actions that issue a command on an existing order (submit creates one). */
const ACTIONS: Record<string, OrderCommandType> = {
  approve: 'approve_step',
  reject: 'reject',
  cancel: 'cancel',
  ship: 'ship',
  confirmReceipt: 'confirm_receipt',
  complete: 'complete',
  confirmProxy: 'confirm_proxy',
  refuseProxy: 'refuse_proxy',
};
const ACTION_OF = Object.fromEntries(Object.entries(ACTIONS).map(([a, c]) => [c, a])) as Record<OrderCommandType, string>;

/** Who calls, and the role the state machine sees: the console acts as a brand admin. */
const CALLERS: Array<{ who: string; role: ActorRole; openid?: string }> = [
  { who: 'the owning dealer', role: 'dealer', openid: 'demo-dealer-a' },
  { who: 'a clerk', role: 'clerk', openid: 'demo-clerk' },
  { who: 'the region’s channel manager', role: 'manager', openid: 'demo-manager' },
  { who: 'a brand admin', role: 'admin', openid: 'demo-admin' },
  { who: 'the console', role: 'admin' },
];

let seq = 0;
const clientId = () => `cmds-${Date.now()}-${String(++seq).padStart(6, '0')}`;
const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('the orders function accepts exactly commandsFor(state, role)', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const call = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const stored = (id: string) => t.cloud.store.get('orders', id)!.doc as unknown as OrderView;

  beforeAll(async () => {
    // Room for the few dozen orders placed here, whatever the demo data left.
    for (const s of t.cloud.store.all('stock').filter((s) => ['sku-0275', 'sku-0001'].includes(s['sku'] as string))) {
      await t.db
        .collection('stock')
        .doc(s._id)
        .update({ data: { onHand: (s['reserved'] as number) + 100_000 } });
    }
    await t.db
      .collection('dealers')
      .doc('dealer-001')
      .update({ data: { creditLimit: 1_000_000_000_00 } });
  });

  const place = async (lines: typeof BIG) =>
    okData(await call<SubmitOutput>('submit', { clientOrderId: clientId(), lines, address: ADDRESS }, 'demo-dealer-a')).order.id;
  const ship = (orderId: string, n: number | 'all') => {
    const order = stored(orderId);
    const r = order.reservations[0];
    // An order holding nothing: a well-formed shipment all the same, so only state and role decide.
    if (!r) return { orderId, warehouseId: 'wh-east', carrier: '顺丰速运', trackingNo: `SF${++seq}00000`, lines: [{ sku: 'sku-0001', qty: 1 }] };
    const lines = n === 'all' ? order.reservations.map((x) => ({ sku: x.sku, qty: x.qty })) : [{ sku: r.sku, qty: n }];
    return { orderId, warehouseId: r.warehouseId, carrier: '顺丰速运', trackingNo: `SF${++seq}00000`, lines };
  };
  const input = (action: string, orderId: string): Record<string, unknown> => {
    switch (action) {
      case 'reject':
        return { orderId, reason: '测试驳回' };
      case 'cancel':
        return { orderId, reason: '测试取消' };
      case 'refuseProxy':
        return { orderId, reason: '测试拒绝' };
      case 'ship':
        return ship(orderId, 1);
      default:
        return { orderId };
    }
  };

  /** A new order of dealer A in `status`, reached through the function (submitted: written, see below). */
  async function newOrderIn(status: OrderStatus): Promise<string> {
    const via = async (from: OrderStatus, action: string, extra: (id: string) => Record<string, unknown>, openid?: string) => {
      const id = await newOrderIn(from);
      okData(await call<OrderView>(action, extra(id), openid));
      return id;
    };
    switch (status) {
      case 'submitted': {
        // submit decides at once, so no stored order is ever `submitted`; the table still has the row: write one.
        const id = await place(BIG);
        await t.db
          .collection('orders')
          .doc(id)
          .update({ data: { status: 'submitted', approval: null } });
        return id;
      }
      case 'awaiting_dealer_confirmation': {
        // 代客下单 by the region's channel manager, for dealer A (which has not authorised proxy orders).
        const input = { dealerId: 'dealer-001', clientOrderId: clientId(), lines: SMALL, address: ADDRESS };
        return okData(await call<SubmitOutput>('submitForDealer', input, 'demo-manager')).order.id;
      }
      case 'pending_approval':
        return place(BIG);
      case 'approved':
        return place(SMALL);
      case 'partially_shipped':
        return via('approved', 'ship', (id) => ship(id, 1));
      case 'shipped':
        return via('approved', 'ship', (id) => ship(id, 'all'));
      case 'delivered':
        return via('shipped', 'confirmReceipt', (id) => ({ orderId: id }), 'demo-dealer-a');
      case 'completed':
        return via('delivered', 'complete', (id) => ({ orderId: id }));
      case 'cancelled':
        return via('approved', 'cancel', (id) => ({ orderId: id, reason: '测试取消' }));
      case 'rejected':
        return via('pending_approval', 'reject', (id) => ({ orderId: id, reason: '测试驳回' }), 'demo-manager');
    }
  }

  /** One order per state, replaced once a command has moved it on. */
  const probes = new Map<OrderStatus, string>();
  async function orderIn(status: OrderStatus): Promise<string> {
    const id = probes.get(status);
    if (id && stored(id).status === status) return id;
    const fresh = await newOrderIn(status);
    expect(stored(fresh).status).toBe(status);
    probes.set(status, fresh);
    return fresh;
  }

  test.each(ORDER_STATUSES.map((status) => ({ status })))(
    'on a $status order each caller gets exactly the commands commandsFor gives its role, and every other command is refused with its usual code (FORBIDDEN, CONFLICT), changing nothing',
    async ({ status }) => {
      for (const caller of CALLERS) {
        const accepted: OrderCommandType[] = [];
        for (const [action, command] of Object.entries(ACTIONS)) {
          const id = await orderIn(status);
          const before = JSON.stringify(t.cloud.store.get('orders', id));
          const res = await call<OrderView>(action, input(action, id), caller.openid);
          if (res.ok) {
            accepted.push(command);
            continue;
          }
          // A role that never issues the command: FORBIDDEN (the console, admitted only where an admin is: UNAUTHENTICATED, as ever).
          const never = !rolesIssuing(command).includes(caller.role as never);
          const code = !never ? 'CONFLICT' : caller.openid ? 'FORBIDDEN' : 'UNAUTHENTICATED';
          expect({ caller: caller.who, action, code: codeOf(res) }).toEqual({ caller: caller.who, action, code });
          expect(JSON.stringify(t.cloud.store.get('orders', id))).toBe(before);
        }
        const allowed = commandsFor(status, caller.role).filter((c) => c in ACTION_OF);
        expect({ caller: caller.who, accepted }).toEqual({ caller: caller.who, accepted: allowed });
      }
    },
    60_000,
  );

  it('a dealer acts on no other dealer’s order: on dealer A’s orders in every state, dealer B gets NOT_FOUND for the dealer’s commands and FORBIDDEN for the rest, changing nothing', async () => {
    for (const status of ORDER_STATUSES) {
      const id = await orderIn(status);
      const before = JSON.stringify(t.cloud.store.get('orders', id));
      for (const [action, command] of Object.entries(ACTIONS)) {
        const code = rolesIssuing(command).includes('dealer') ? 'NOT_FOUND' : 'FORBIDDEN';
        expect({ status, action, code: codeOf(await call(action, input(action, id), 'demo-dealer-b')) }).toEqual({ status, action, code });
      }
      expect(JSON.stringify(t.cloud.store.get('orders', id))).toBe(before);
    }
  }, 60_000);
});
