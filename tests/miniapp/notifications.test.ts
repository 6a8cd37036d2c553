/**
 * Consent to order notifications on the weapp build, against the real functions: the app opens
 * WeChat's subscription dialog inside the tap that leads to messages (提交订单; 通过 for an
 * approver), records what the user accepted, and the messages that follow go to exactly those
 * users, each opening its order. The simulator's dialog answers as the test says, and an
 * accepted template also gives WeChat's grant to the local cloud, as WeChat would.
 */
import type { OrderView } from '../../shared/contracts';
import type { NotifyTemplate } from '../../shared/orders';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { ConsentAnswer, RenderedPage } from './support/weapp';
import { find, waitFor } from './support/weapp';
import { ADDRESS, BIG_ORDER, SMALL_ORDER, act, placeOrder } from './support/orders';

jest.setTimeout(30_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */
const wx = (): any => (globalThis as any).wx;

describe('consent to order notifications', () => {
  let accepting: NotifyTemplate[] = [];
  let callsWhenAsked: number[] = [];
  const sim = simulatedApp({
    caller: 'demo-dealer-a',
    pages: {
      checkout: 'packages/checkout/index',
      detail: 'packages/orders/detail/index',
      returnApply: 'packages/aftersales/apply/index',
      returnDetail: 'packages/aftersales/detail/index',
    },
    modals: true,
    boot: {
      subscribe: (tmplIds) => {
        callsWhenAsked.push(sim.calls.length);
        const answer: ConsentAnswer = Object.fromEntries(tmplIds.map((id) => [id, accepting.some((a) => `local-${a}` === id) ? 'accept' : 'reject']));
        // WeChat records the grants of what was accepted.
        t.cloud.acceptSubscription(
          sim.caller,
          tmplIds.filter((id) => answer[id] === 'accept'),
        );
        return answer;
      },
    },
  });
  const { app, calls, t } = sim;
  beforeEach(() => {
    callsWhenAsked = [];
    accepting = [];
    app.forgetCaller();
    t.cloud.revokeSubscriptions();
    wx().setStorageSync('checkout.address.v1', ADDRESS);
  });

  const open = (page: 'checkout' | 'detail' | 'returnApply' | 'returnDetail', query: Record<string, string> = {}): RenderedPage => sim.open(page, query);
  const remembered = () => Boolean(wx().getStorageSync('session.me.v1'));
  const dialogs = () => app.wxCalls.filter((c) => c.api === 'requestSubscribeMessage').map((c) => (c.args as { tmplIds: string[] }).tmplIds);
  const actions = () => calls.map((c) => `${c.name}.${String(c.data['action'])}`);
  const redirects = () => app.wxCalls.filter((c) => c.api === 'redirectTo').map((c) => String((c.args as { url: string }).url));
  const link = (orderId: string) => `packages/orders/detail/index?id=${encodeURIComponent(orderId)}`;
  const messagesTo = (who: string, from: number) =>
    t.cloud
      .subscribeMessages()
      .slice(from)
      .filter((m) => m.touser === who)
      .map((m) => ({ templateId: m.templateId, page: m.page }));

  it('提交订单 opens the consent dialog inside the tap, records what the dealer accepted, and the order’s messages follow it', async () => {
    sim.caller = 'demo-dealer-a';
    accepting = ['order_approved', 'order_shipped'];
    wx().setStorageSync('cart.v1', [{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    const p = open('checkout');
    // The page learns the templates (users.me) before the tap: the dialog cannot wait for the server.
    await waitFor(() => expect(find(p, '.checkout-payable')).not.toBeNull());
    await waitFor(() => expect(remembered()).toBe(true));
    const from = t.cloud.subscribeMessages().length;
    const before = calls.length;

    find(p, '.checkout-submit')!.dispatchEvent('tap');
    // In the tap's handling: before anything was sent to the server (WeChat refuses the dialog after an await on the network).
    await waitFor(() => expect(dialogs()).toEqual([['local-order_approved', 'local-order_rejected', 'local-order_shipped']]));
    expect(callsWhenAsked).toEqual([before]);

    await waitFor(() => expect(redirects()).toHaveLength(1));
    expect(actions().slice(before)).toEqual(['users.recordSubscription', 'orders.submit']);
    expect(calls[before]!.data).toEqual({ action: 'recordSubscription', accepted: ['order_approved', 'order_shipped'] });
    // 5 箱 of water is approved at once: its order_approved message opens this very order.
    const orderId = decodeURIComponent(redirects()[0]!.split('?id=')[1]!);
    const order = okData(await t.call<OrderView>('orders', { action: 'get', orderId }, 'demo-dealer-a'));
    expect(order.status).toBe('approved');
    expect(messagesTo('demo-dealer-a', from)).toEqual([{ templateId: 'local-order_approved', page: link(orderId) }]);
  });

  it('declining every template sends nothing and records nothing, and the order is placed all the same', async () => {
    sim.caller = 'demo-dealer-a';
    accepting = [];
    wx().setStorageSync('cart.v1', [{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    const p = open('checkout');
    await waitFor(() => expect(find(p, '.checkout-payable')).not.toBeNull());
    await waitFor(() => expect(remembered()).toBe(true));
    const from = t.cloud.subscribeMessages().length;
    find(p, '.checkout-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(redirects()).toHaveLength(1));
    expect(dialogs()).toHaveLength(1);
    expect(actions()).not.toContain('users.recordSubscription');
    expect(t.cloud.subscribeMessages().slice(from)).toEqual([]);
  });

  it('a channel manager’s 通过 asks consent to the next approvals, and the next order waiting reaches them with its link', async () => {
    const first = await placeOrder(t.call, 'demo-dealer-a', BIG_ORDER, 'consent-1');
    expect(first.status).toBe('pending_approval');
    sim.caller = 'demo-manager';
    accepting = ['order_pending_approval'];
    const p = open('detail', { id: first.id });
    await waitFor(() => expect(find(p, '.order-approve')).not.toBeNull());
    const before = calls.length;
    find(p, '.order-approve')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.order-approve')).toBeNull());
    // Asked in the confirm dialog's tap, before the approval was sent.
    expect(dialogs()).toEqual([['local-order_pending_approval']]);
    expect(callsWhenAsked).toEqual([before]);
    expect(actions().slice(before)).toEqual(['users.recordSubscription', 'orders.approve']);

    const from = t.cloud.subscribeMessages().length;
    const next = await placeOrder(t.call, 'demo-dealer-a', BIG_ORDER, 'consent-2');
    expect(next.status).toBe('pending_approval');
    expect(messagesTo('demo-manager', from)).toEqual([{ templateId: 'local-order_pending_approval', page: link(next.id) }]);
    // One 允许, one message: the order after that waits silently until the manager accepts again.
    const again = t.cloud.subscribeMessages().length;
    await placeOrder(t.call, 'demo-dealer-a', BIG_ORDER, 'consent-3');
    expect(messagesTo('demo-manager', again)).toEqual([]);
  });
  it('提交退货申请 asks the dealer’s consent to the decision and the credit, the manager’s 同意 asks for the next request, and each message follows its grant', async () => {
    const order = await placeOrder(t.call, 'demo-dealer-a', SMALL_ORDER, 'consent-return');
    const lines = order.reservations.map((r) => ({ sku: r.sku, qty: r.qty }));
    await act(t.call, 'demo-admin', 'ship', {
      orderId: order.id,
      warehouseId: order.reservations[0]!.warehouseId,
      carrier: '顺丰速运',
      trackingNo: 'SF7000001',
      lines,
    });
    await act(t.call, 'demo-dealer-a', 'confirmReceipt', { orderId: order.id });

    sim.caller = 'demo-dealer-a';
    accepting = ['return_decided'];
    const p = open('returnApply', { orderId: order.id });
    await waitFor(() => expect(find(p, '.return-qty-plus')).not.toBeNull());
    await waitFor(() => expect(remembered()).toBe(true));
    // Two units: − turns on once there is a unit to take off, which shows the page drew the quantity.
    find(p, '.return-qty-plus')!.dispatchEvent('tap');
    find(p, '.return-qty-plus')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.return-qty-minus')!.dom.className).not.toContain('qty-stepper-btn-off'));
    find(p, '.return-reason')!.dispatchEvent('input', { detail: { value: '外箱破损，无法销售' } });
    const before = calls.length;
    find(p, '.return-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(redirects()).toHaveLength(1));
    expect(dialogs()).toEqual([['local-return_decided', 'local-return_credited']]);
    expect(callsWhenAsked).toEqual([before]);
    expect(actions().slice(before)).toEqual(['users.recordSubscription', 'aftersales.request']);
    const requestId = decodeURIComponent(redirects()[0]!.split('?id=')[1]!);

    // The manager, on their own phone: the page learns their templates before the tap.
    app.forgetCaller();
    sim.caller = 'demo-manager';
    accepting = ['return_requested'];
    const d = open('returnDetail', { id: requestId });
    await waitFor(() => expect(find(d, '.return-approve')).not.toBeNull());
    await waitFor(() => expect(remembered()).toBe(true));
    const from = t.cloud.subscribeMessages().length;
    const asked = calls.length;
    find(d, '.return-approve')!.dispatchEvent('tap');
    await waitFor(() => expect(actions().slice(asked)).toContain('aftersales.approve'));
    expect(dialogs()[1]).toEqual(['local-return_requested']);
    expect(actions().slice(asked)).toEqual(['users.recordSubscription', 'aftersales.approve']);
    // The dealer's grant of return_decided carries the approval to them, opening the request.
    await waitFor(() =>
      expect(messagesTo('demo-dealer-a', from)).toEqual([
        { templateId: 'local-return_decided', page: `packages/aftersales/detail/index?id=${encodeURIComponent(requestId)}` },
      ]),
    );
  });
});
