/**
 * 订单详情 (packages/orders/detail) as built for WeChat, in miniprogram-simulate, against the real
 * orders function on a local cloud seeded with the demo data: for every state and every role, the
 * command buttons the page shows are exactly commandsFor(state, role) — the transition table — on
 * orders whose own facts favour the caller (the pending ones wait on the channel manager's step,
 * the ones to ship still hold goods); and where the order's facts say no, the page says no too.
 * The approvals list (packages/approvals) offers, on each order waiting for the caller, exactly
 * the commands of commandsFor it can issue from a card — and the function accepts exactly those.
 */
import type { OrderView } from '../../shared/contracts';
import type { OrderCommandType, OrderStatus } from '../../shared/orders';
import { commandsFor, ORDER_STATUS_LABELS, ORDER_STATUSES } from '../../shared/orders';
import type { Role } from '../../shared/roles';
import { simulatedApp } from './helpers/simulated-app';
import type { SimNode } from './support/weapp';
import { afterQueuedWork, find, textOf, waitFor } from './support/weapp';
import { BIG_ORDER, SMALL_ORDER, act, placeOrder } from './support/orders';

jest.setTimeout(60_000);

/** The page's button for each command it offers (submit is the checkout's, not the order page's). */
const BUTTONS: Partial<Record<OrderCommandType, string>> = {
  approve_step: '.order-approve',
  reject: '.order-reject',
  cancel: '.order-cancel',
  ship: '.order-ship',
  confirm_receipt: '.order-confirm-receipt',
  complete: '.order-complete',
  confirm_proxy: '.order-confirm-proxy',
  refuse_proxy: '.order-refuse-proxy',
};
/** A person of each role who can see dealer A's orders: its owner, its clerk, its region's manager, a brand admin. */
const PEOPLE: Record<Role, string> = { dealer: 'demo-dealer-a', clerk: 'demo-clerk', manager: 'demo-manager', admin: 'demo-admin' };
const ROLES = Object.keys(PEOPLE) as Role[];
/** The approvals card's button for each command it can issue from the list. */
const CARD_BUTTONS: Partial<Record<OrderCommandType, string>> = { approve_step: '.approval-approve', reject: '.approval-reject', cancel: '.approval-cancel' };
/** What each command needs besides the order id when the test issues it through the function. */
const CARD_INPUT: Partial<Record<OrderCommandType, { action: string; reason?: string }>> = {
  approve_step: { action: 'approve' },
  reject: { action: 'reject', reason: '价格超出授权' },
  cancel: { action: 'cancel', reason: '经销商要求取消' },
};

const PROXY_ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

describe('the order page offers exactly commandsFor(state, role)', () => {
  const sim = simulatedApp({ caller: 'demo-dealer-a', pages: { detail: 'packages/orders/detail/index', approvals: 'packages/approvals/index' } });
  const { t } = sim;

  beforeAll(async () => {
    // Room for the orders placed here, whatever the demo data left.
    for (const s of t.cloud.store.all('stock').filter((s) => ['sku-0275', 'sku-0001'].includes(s['sku'] as string))) {
      await t.db
        .collection('stock')
        .doc(s._id)
        .update({ data: { onHand: (s['reserved'] as number) + 100_000 } });
    }
  });

  const call = (fn: string, event: unknown, who?: string) => t.call(fn, event, who);
  const stored = (id: string) => t.cloud.store.get('orders', id)!.doc as unknown as OrderView;
  let seq = 0;
  const ship = (id: string, all: boolean) => {
    const held = stored(id).reservations;
    const r = held[0]!;
    const lines = all ? held.map((x) => ({ sku: x.sku, qty: x.qty })) : [{ sku: r.sku, qty: 1 }];
    return act(call, 'demo-admin', 'ship', {
      orderId: id,
      warehouseId: r.warehouseId,
      carrier: '顺丰速运',
      trackingNo: `SF8${String(++seq).padStart(9, '0')}`,
      lines,
    });
  };

  /** An order of dealer A in `status`, reached through the orders function (submitted: written, as no stored order ever is). */
  async function orderIn(status: OrderStatus): Promise<string> {
    switch (status) {
      case 'submitted': {
        const { id } = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'cmd-submitted');
        await t.db
          .collection('orders')
          .doc(id)
          .update({ data: { status: 'submitted', approval: null } });
        return id;
      }
      case 'awaiting_dealer_confirmation': {
        // 代客下单 by the region's channel manager for dealer A, which has not authorised proxy orders.
        const input = { dealerId: 'dealer-001', clientOrderId: `cmd-proxy-${String(++seq).padStart(12, '0')}`, lines: SMALL_ORDER, address: PROXY_ADDRESS };
        return ((await act(call, 'demo-manager', 'submitForDealer', input)) as unknown as { order: { id: string } }).order.id;
      }
      case 'pending_approval':
        return (await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'cmd-pending')).id;
      case 'approved':
        return (await placeOrder(call, 'demo-dealer-a', SMALL_ORDER, 'cmd-approved')).id;
      case 'partially_shipped': {
        const id = await orderIn('approved');
        await ship(id, false);
        return id;
      }
      case 'shipped': {
        const id = await orderIn('approved');
        await ship(id, true);
        return id;
      }
      case 'delivered': {
        const id = await orderIn('shipped');
        await act(call, 'demo-dealer-a', 'confirmReceipt', { orderId: id });
        return id;
      }
      case 'completed': {
        const id = await orderIn('delivered');
        await act(call, 'demo-admin', 'complete', { orderId: id });
        return id;
      }
      case 'cancelled': {
        const id = await orderIn('pending_approval');
        await act(call, 'demo-dealer-a', 'cancel', { orderId: id, reason: '下错单了' });
        return id;
      }
      case 'rejected': {
        const id = await orderIn('pending_approval');
        await act(call, 'demo-manager', 'reject', { orderId: id, reason: '价格超出授权' });
        return id;
      }
    }
  }

  /** The commands the page offers to `who` on the order, once it has shown the order's state. */
  async function offered(id: string, who: string): Promise<OrderCommandType[]> {
    sim.caller = who;
    const p = sim.open('detail', { id });
    await waitFor(() => expect(textOf(find(p, '.order-status'))).toBe(ORDER_STATUS_LABELS[stored(id).status]));
    await afterQueuedWork();
    return (Object.keys(BUTTONS) as OrderCommandType[]).filter((c) => find(p as SimNode, BUTTONS[c]!) !== null);
  }

  test.each(ORDER_STATUSES.map((status) => ({ status })))(
    'on a $status order the dealer, the clerk, the manager and the admin each see exactly the buttons of commandsFor',
    async ({ status }) => {
      const id = await orderIn(status);
      expect(stored(id).status).toBe(status);
      for (const role of ROLES) {
        const expected = commandsFor(status, role).filter((c) => c in BUTTONS);
        expect({ role, buttons: await offered(id, PEOPLE[role]) }).toEqual({ role, buttons: expected });
      }
    },
  );

  it('leaves out what the order itself rules out: the manager sees no approval buttons on a step waiting for the brand admin, the admin does', async () => {
    const id = await orderIn('pending_approval');
    const approval = stored(id).approval!;
    const steps = approval.steps.map((st, i) => (i === approval.currentStep ? { ...st, role: 'admin', label: '财务审批' } : st));
    await t.db
      .collection('orders')
      .doc(id)
      .update({ data: { approval: t._.set({ ...approval, steps }) } });
    expect(commandsFor('pending_approval', 'manager')).toEqual(expect.arrayContaining(['approve_step', 'reject']));
    expect(await offered(id, 'demo-manager')).toEqual([]);
    expect(await offered(id, 'demo-admin')).toEqual(['approve_step', 'reject', 'cancel']);
    // And the server agrees.
    const res = await t.call('orders', { action: 'approve', orderId: id }, 'demo-manager');
    expect(res.ok ? 'ok' : res.error.code).toBe('FORBIDDEN');
  });

  /** An order of dealer A whose current approval step waits for `role` (the demo rules give the channel manager's; the brand admin's is written). */
  async function waitingFor(role: 'manager' | 'admin'): Promise<string> {
    const id = await orderIn('pending_approval');
    if (role === 'admin') {
      const approval = stored(id).approval!;
      const steps = approval.steps.map((st, i) => (i === approval.currentStep ? { ...st, role: 'admin', label: '财务审批' } : st));
      await t.db
        .collection('orders')
        .doc(id)
        .update({ data: { approval: t._.set({ ...approval, steps }) } });
    }
    return id;
  }

  /** The commands the approvals page offers `who` on the order's card. */
  async function offeredOnList(id: string, who: string): Promise<OrderCommandType[]> {
    sim.caller = who;
    // A phone belongs to one person: the role remembered on it is this caller's, not the previous test's.
    (globalThis as unknown as { wx: { removeStorageSync: (key: string) => void } }).wx.removeStorageSync('session.me.v1');
    const p = sim.open('approvals');
    await waitFor(() => expect(find(p, `.approval-card-${id}`)).not.toBeNull());
    await afterQueuedWork();
    return (Object.keys(CARD_BUTTONS) as OrderCommandType[]).filter((c) => find(p, `${CARD_BUTTONS[c]!}-${id}`) !== null);
  }

  test.each([{ role: 'manager' as const }, { role: 'admin' as const }])(
    'on the approvals page the $role is offered exactly the commands of commandsFor on an order waiting for them, and the function accepts exactly those',
    async ({ role }) => {
      const expected = commandsFor('pending_approval', role).filter((c) => c in CARD_BUTTONS);
      expect(expected).toEqual(expect.arrayContaining(['approve_step', 'reject']));
      expect(await offeredOnList(await waitingFor(role), PEOPLE[role])).toEqual(expected);
      // Each card command on an order of its own: accepted by the function exactly when offered.
      for (const command of Object.keys(CARD_BUTTONS) as OrderCommandType[]) {
        const id = await waitingFor(role);
        const { action, reason } = CARD_INPUT[command]!;
        const res = await t.call('orders', { action, orderId: id, ...(reason ? { reason } : {}) }, PEOPLE[role]);
        expect({ command, accepted: res.ok }).toEqual({ command, accepted: expected.includes(command) });
      }
    },
  );
});
