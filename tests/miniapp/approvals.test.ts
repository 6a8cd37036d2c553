/**
 * 订单审批 (packages/approvals) and the decision on the order page, as built for WeChat, in
 * miniprogram-simulate against the real orders function on a seeded local cloud. The channel
 * manager (regions east and south) sees the orders waiting for the 渠道经理 step, reads why
 * they need approval, and approves or rejects with a reason.
 */
import type { OrderSummary, OrderView } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { SimNode } from './support/weapp';
import { find, textOf, waitFor } from './support/weapp';
import { BIG_ORDER, SMALL_ORDER, act, placeOrder } from './support/orders';

jest.setTimeout(30_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */
const wx = (): any => (globalThis as any).wx;

describe('the approvals page', () => {
  const sim = simulatedApp({ caller: 'demo-manager', pages: { approvals: 'packages/approvals/index', detail: 'packages/orders/detail/index' }, modals: true });
  const { app, calls, t, modals } = sim;

  const call = (fn: string, event: unknown, who?: string) => t.call(fn, event, who);
  const get = async (orderId: string) => okData(await t.call<OrderView>('orders', { action: 'get', orderId }, 'demo-admin'));
  const pendingFor = async (who: string) => okData(await t.call<{ items: OrderSummary[] }>('orders', { action: 'pendingApprovals' }, who)).items;
  const decisions = () => calls.filter((c) => c.name === 'orders' && (c.data['action'] === 'approve' || c.data['action'] === 'reject'));
  const cardIds = (p: SimNode) => p.querySelectorAll('.approval-card-dealer').length;

  it('opens on the orders the demo data left waiting for this manager, one card each', async () => {
    const waiting = await pendingFor('demo-manager');
    expect(waiting.length).toBeGreaterThan(0);
    const p = sim.open('approvals');
    await waitFor(() => expect(cardIds(p)).toBe(waiting.length));
    for (const o of waiting) expect(find(p, `.approval-card-${o.id}`)).not.toBeNull();
    // The manager clears the queue (on the server) so the tests below start from nothing waiting.
    for (const o of waiting) okData(await t.call('orders', { action: 'reject', orderId: o.id, reason: '测试开始前清空待审批' }, 'demo-manager'));
    expect(await pendingFor('demo-manager')).toEqual([]);
  });

  it('with nothing waiting, says 暂无待审批订单', async () => {
    const p = sim.open('approvals');
    await waitFor(() => expect(textOf(find(p, '.page-state-title'))).toBe('暂无待审批订单'));
    expect(calls.map((c) => c.data['action'])).toEqual(['pendingApprovals']);
  });

  it('a manager approves from approvals: the list, why it needs approval, 通过, and the list empties', async () => {
    const order = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'approve');
    expect(order.status).toBe('pending_approval');
    const p = sim.open('approvals');
    await waitFor(() => expect(find(p, `.approval-card-${order.id}`)).not.toBeNull());
    expect(cardIds(p)).toBe(1);
    expect(textOf(find(p, '.approval-card-dealer'))).toBe('杭州恒泰商贸有限公司');
    expect(textOf(find(p, '.approval-card-payable'))).toBe(formatFen(order.payable));
    expect(textOf(find(p, '.approval-card-step'))).toBe('渠道经理审批');
    find(p, `.approval-card-${order.id}`)!.dispatchEvent('tap');
    const url = `/packages/orders/detail/index?id=${encodeURIComponent(order.id)}`;
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'navigateTo', args: expect.objectContaining({ url }) }));

    // The order as the manager reviews it: the rule that matched and why, the dealer, the amount and discount.
    const d = sim.open('detail', { id: order.id });
    await waitFor(() => expect(find(d, '.order-approve')).not.toBeNull());
    expect(textOf(find(d, '.order-waiting'))).toBe('等待渠道经理审批（渠道经理）');
    expect(textOf(find(d, '.order-approval-rule-why'))).toBe(order.approval!.matched[0]!.explanation);
    expect(order.approval!.matched[0]!.explanation).toContain('¥');
    const facts = textOf(find(d, '.order-approval-facts'));
    expect(facts).toContain('经销商：杭州恒泰商贸有限公司');
    expect(facts).toContain(`订单金额：${formatFen(order.payable)}`);
    expect(facts).toContain(`优惠 ${formatFen(order.listTotal - order.payable)}`);
    expect(find(d, '.order-cancel')).toBeNull();
    expect(find(d, '.order-ship')).toBeNull();

    find(d, '.order-approve')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(d, '.order-status'))).toBe('待发货'));
    expect(modals).toHaveLength(1);
    expect(String(modals[0]!['content'])).toContain(order.orderNo);
    expect(decisions().map((c) => c.data)).toEqual([{ action: 'approve', orderId: order.id }]);
    expect((await get(order.id)).status).toBe('approved');
    expect(find(d, '.order-approve')).toBeNull();
    expect(textOf(find(d, '.order-event-label'))).toBe('渠道经理审批通过，订单已审批');

    // Back on the list (onShow) the order is gone.
    (p.instance as any).onHide();
    (p.instance as any).onShow();
    await waitFor(() => expect(textOf(find(p, '.page-state-title'))).toBe('暂无待审批订单'));
  });

  it('a manager rejects with a reason: the reason is required, and the dealer reads it on the order', async () => {
    const order = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'reject');
    const d = sim.open('detail', { id: order.id });
    await waitFor(() => expect(find(d, '.order-reject')).not.toBeNull());
    find(d, '.order-reject')!.dispatchEvent('tap');
    await waitFor(() => expect(find(d, '.reason-input')).not.toBeNull());
    find(d, '.reason-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(d, '.reason-error'))).toBe('请填写原因，至少 2 个字'));
    find(d, '.reason-input')!.dispatchEvent('input', { detail: { value: 'x'.repeat(201) } });
    find(d, '.reason-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(d, '.reason-error'))).toBe('原因最多 200 个字，请精简'));
    expect(decisions()).toEqual([]);

    find(d, '.reason-input')!.dispatchEvent('input', { detail: { value: '折扣超出授权范围，请调整后重新下单' } });
    find(d, '.reason-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(d, '.order-status'))).toBe('已驳回'));
    expect(decisions().map((c) => c.data)).toEqual([{ action: 'reject', orderId: order.id, reason: '折扣超出授权范围，请调整后重新下单' }]);
    expect((await get(order.id)).status).toBe('rejected');

    sim.caller = 'demo-dealer-a';
    const seen = sim.open('detail', { id: order.id });
    await waitFor(() => expect(textOf(find(seen, '.order-status'))).toBe('已驳回'));
    expect(textOf(find(seen, '.order-close-reason'))).toBe('原因：折扣超出授权范围，请调整后重新下单');
    const manager = (await get(order.id)).events.find((e) => e.type === 'rejected')!.actor;
    expect(manager.role).toBe('manager');
    expect(textOf(find(seen, '.order-event'))).toContain(`审批驳回${manager.name} · 渠道经理`);
  });

  it('only the step’s approver decides: the dealer sees no 通过 on its own pending order, and a dealer cannot open approvals', async () => {
    const order = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'dealer-view');
    sim.caller = 'demo-dealer-a';
    const d = sim.open('detail', { id: order.id });
    await waitFor(() => expect(textOf(find(d, '.order-status'))).toBe('待审批'));
    expect(find(d, '.order-approve')).toBeNull();
    expect(find(d, '.order-reject')).toBeNull();
    expect(find(d, '.order-approval-facts')).toBeNull();
    expect(find(d, '.order-cancel')).not.toBeNull();

    const p = sim.open('approvals');
    await waitFor(() => expect(find(p, '.page-state-error')).not.toBeNull());
    // The manager still has it.
    expect((await pendingFor('demo-manager')).map((o) => o.id)).toContain(order.id);
    await act(call, 'demo-dealer-a', 'cancel', { orderId: order.id, reason: '测试清理' });
  });

  it('orders approved automatically never reach the list; pulling down asks again', async () => {
    const small = await placeOrder(call, 'demo-dealer-a', SMALL_ORDER, 'auto');
    expect(small.status).toBe('approved');
    const p = sim.open('approvals');
    await waitFor(() => expect(textOf(find(p, '.page-state-title'))).toBe('暂无待审批订单'));
    expect(find(p, `.approval-card-${small.id}`)).toBeNull();

    // A big order arrives meanwhile: pulling down shows it and stops the spinner.
    const big = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'pull');
    (p.instance as any).onPullDownRefresh();
    await waitFor(() => expect(find(p, `.approval-card-${big.id}`)).not.toBeNull());
    await waitFor(() => expect(app.wxCalls.map((c) => c.api)).toContain('stopPullDownRefresh'));
    expect(cardIds(p)).toBe(1);
    await act(call, 'demo-admin', 'cancel', { orderId: small.id, reason: '测试清理' });
    await act(call, 'demo-admin', 'cancel', { orderId: big.id, reason: '测试清理' });
  });

  it('a manager decides from the list: 通过 on a card approves it, 驳回 asks for a reason first, and the list asks again', async () => {
    const a = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'card-approve');
    const b = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'card-reject');
    // A phone belongs to one person: forget the role the dealer's pages above remembered.
    wx().removeStorageSync('session.me.v1');
    const p = sim.open('approvals');
    await waitFor(() => expect(find(p, `.approval-approve-${a.id}`)).not.toBeNull());
    expect(find(p, `.approval-cancel-${a.id}`)).toBeNull();
    find(p, `.approval-approve-${a.id}`)!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, `.approval-card-${a.id}`)).toBeNull());
    expect(String(modals[0]!['content'])).toContain(a.orderNo);
    expect((await get(a.id)).status).toBe('approved');
    // The tap on the button decided; it did not open the order.
    expect(app.wxCalls.map((c) => c.api)).not.toContain('navigateTo');

    find(p, `.approval-reject-${b.id}`)!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.reason-input')).not.toBeNull());
    find(p, '.reason-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.reason-error'))).toBe('请填写原因，至少 2 个字'));
    find(p, '.reason-input')!.dispatchEvent('input', { detail: { value: '折扣超出授权范围' } });
    find(p, '.reason-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, `.approval-card-${b.id}`)).toBeNull());
    expect(decisions().map((c) => c.data)).toEqual([
      { action: 'approve', orderId: a.id },
      { action: 'reject', orderId: b.id, reason: '折扣超出授权范围' },
    ]);
    expect((await get(b.id)).status).toBe('rejected');
  });
});
