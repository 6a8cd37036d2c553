/**
 * What a dealer and a channel manager read, as built for WeChat, in miniprogram-simulate against
 * the real functions on a seeded local cloud: stock on every cart and checkout line, a refused
 * submit told where the finger is, 再来一单 saying what it left out, one money breakdown that adds
 * up on checkout, order and statement, ledger entries that open their order, and the approver's
 * comment and view of the dealer.
 */
import type { OrderView, StatementOutput } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { SimNode } from './support/weapp';
import { find, textOf, waitFor } from './support/weapp';
import { ADDRESS, BIG_ORDER, clientKey, placeOrder } from './support/orders';

jest.setTimeout(30_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */
const wx = (): any => (globalThis as any).wx;

/** '¥1,234.50' or '-¥1,234.50' → 123450 (sign dropped: the rows say which way they go). */
const fenOf = (text: string): number => Math.round(Number(text.replace(/[^\d.]/g, '')) * 100);

describe('what dealers and approvers read', () => {
  const sim = simulatedApp({
    caller: 'demo-dealer-a',
    pages: {
      cart: 'pages/cart/index',
      checkout: 'packages/checkout/index',
      detail: 'packages/orders/detail/index',
      statement: 'packages/orders/statement/index',
      ledger: 'packages/rebates/ledger/index',
      approvals: 'packages/approvals/index',
    },
    modals: true,
    toasts: true,
  });
  const { app, calls, t, modals, toasts } = sim;
  const call = (fn: string, event: unknown, who?: string) => t.call(fn, event, who);
  const availableOf = (sku: string) =>
    t.cloud.store
      .all('stock')
      .filter((s) => s['sku'] === sku)
      .reduce((n, s) => n + Math.max(0, Number(s['onHand']) - Number(s['reserved'])), 0);
  const fen = (p: SimNode, selector: string) => fenOf(textOf(find(p, selector)));
  /** The texts of every match, in page order (the simulator's querySelector does not take descendant selectors). */
  const texts = (p: SimNode, selector: string) => p.querySelectorAll(selector).map((n) => textOf(n));
  const all = (p: SimNode, selector: string) => p.querySelectorAll(selector).map((n) => fenOf(textOf(n)));
  beforeEach(() => {
    wx().removeStorageSync('cart.v1');
    wx().removeStorageSync('checkout.clientOrderId.v1');
    wx().setStorageSync('checkout.address.v1', ADDRESS);
  });

  it('cart and checkout tag every line with its stock, checkout warns before submit, and a refusal toasts and scrolls to its card', async () => {
    const tooMany = Math.floor(availableOf('sku-0001') / 24) + 10;
    const lines = [
      { sku: 'sku-0001', qty: tooMany, unit: '箱' },
      { sku: 'sku-0002', qty: 5, unit: '箱' },
    ];
    wx().setStorageSync('cart.v1', lines);
    const cart = sim.open('cart');
    await waitFor(() => expect(find(cart, '.cart-line-amount')).not.toBeNull());
    // Lines in cart order: the short one, then the one in stock.
    await waitFor(() => expect(texts(cart, '.cart-line-stock')).toEqual([`仅剩 ${availableOf('sku-0001')} 件`, '有货']));
    expect(textOf(find(cart, '.cart-line-short'))).toContain(`改为 ${Math.floor(availableOf('sku-0001') / 24)} 箱`);

    const p = sim.open('checkout');
    await waitFor(() => expect(find(p, '.checkout-stock-warn')).not.toBeNull());
    expect(texts(p, '.checkout-line-stock')).toEqual([`仅剩 ${availableOf('sku-0001')} 件`, '有货']);
    expect(textOf(find(p, '.checkout-stock-warn'))).toContain('青禾天然矿泉水 350ml');

    find(p, '.checkout-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.checkout-error-OUT_OF_STOCK')).not.toBeNull());
    expect(find(p, '#checkout-failure')).not.toBeNull();
    expect(toasts.map((x) => String(x['title']))).toContainEqual(expect.stringContaining('青禾天然矿泉水 350ml'));
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'pageScrollTo', args: expect.objectContaining({ selector: '#checkout-failure' }) }));
    expect(textOf(find(p, '.checkout-error-OUT_OF_STOCK'))).not.toMatch(/sku-\d/);
  });

  it('checkout’s breakdown adds up with the rebate switched on: 原价合计 − 优惠 − 返利抵扣 = 应付, and the lines make 原价合计', async () => {
    wx().setStorageSync('cart.v1', [
      { sku: 'sku-0001', qty: 10, unit: '箱' },
      { sku: 'sku-0002', qty: 5, unit: '箱' },
    ]);
    const p = sim.open('checkout');
    await waitFor(() => expect(find(p, '.checkout-rebate-switch')).not.toBeNull());
    find(p, '.checkout-rebate')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.checkout-rebate-on')).not.toBeNull());
    const list = fen(p, '.checkout-list-total');
    const rebate = fen(p, '.checkout-rebate-amount');
    expect(rebate).toBeGreaterThan(0);
    expect(list - fen(p, '.checkout-discount') - rebate).toBe(fen(p, '.checkout-payable'));
    expect(all(p, '.checkout-line-amount').reduce((a, b) => a + b, 0)).toBe(list);
    expect(fen(p, '.checkout-bar-payable')).toBe(fen(p, '.checkout-payable'));
  });

  it('an order that spent rebate shows 返利抵扣 as its own row, adding up, and its ledger entry opens it', async () => {
    const lines = [{ sku: 'sku-0001', qty: 10, unit: '箱' }];
    const quote = okData(await t.call<{ totals: { payable: number } }>('pricing', { action: 'quote', lines }, 'demo-dealer-a'));
    const rebateToUse = Math.floor(quote.totals.payable / 20);
    const order = okData(
      await t.call<{ order: OrderView }>(
        'orders',
        { action: 'submit', clientOrderId: clientKey('rebate'), lines, address: ADDRESS, rebateToUse },
        'demo-dealer-a',
      ),
    ).order;
    expect(order.rebateUsed).toBe(rebateToUse);

    const d = sim.open('detail', { id: order.id });
    await waitFor(() => expect(find(d, '.order-rebate-used')).not.toBeNull());
    expect(fen(d, '.order-rebate-used')).toBe(rebateToUse);
    expect(fen(d, '.order-list-total')).toBe(order.listTotal);
    expect(fen(d, '.order-list-total') - fen(d, '.order-discount') - fen(d, '.order-rebate-used')).toBe(fen(d, '.order-payable'));
    expect(fen(d, '.order-payable')).toBe(order.payable);
    expect(all(d, '.order-line-amount').reduce((a, b) => a + b, 0)).toBe(order.listTotal);

    const ledger = sim.open('ledger');
    await waitFor(() => expect(find(ledger, '.ledger-entry-order')).not.toBeNull());
    expect(textOf(find(ledger, '.ledger-entry-order'))).toContain(`订单 ${order.orderNo}`);
    find(ledger, '.ledger-entry-order')!.dispatchEvent('tap');
    const url = `/packages/orders/detail/index?id=${encodeURIComponent(order.id)}`;
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'navigateTo', args: expect.objectContaining({ url }) }));
  });

  it('the statement breaks the month’s orders down the same way, adding up to what the function says', async () => {
    const p = sim.open('statement');
    await waitFor(() => expect(find(p, '.statement-payable')).not.toBeNull());
    const month = String(calls.find((c) => c.data['action'] === 'statement')!.data['month']);
    const { ordered } = okData(await t.call<StatementOutput>('orders', { action: 'statement', month }, 'demo-dealer-a'));
    expect(ordered.count).toBeGreaterThan(0);
    expect(fen(p, '.statement-list-total')).toBe(ordered.listTotal);
    expect(fen(p, '.statement-list-total') - fen(p, '.statement-discount') - (find(p, '.statement-rebate-used') ? fen(p, '.statement-rebate-used') : 0)).toBe(
      fen(p, '.statement-payable'),
    );
    expect(fen(p, '.statement-payable')).toBe(ordered.payable);
  });

  it('再来一单 says which product it left out and why', async () => {
    const order = await placeOrder(
      call,
      'demo-dealer-a',
      [
        { sku: 'sku-0002', qty: 5, unit: '箱' },
        { sku: 'sku-0004', qty: 10, unit: '箱' },
      ],
      'again',
    );
    for (const s of t.cloud.store.all('stock').filter((x) => x['sku'] === 'sku-0004')) {
      await t.db
        .collection('stock')
        .doc(String(s['_id']))
        .update({ data: { onHand: s['reserved'] } });
    }
    const name = order.lines.find((l) => l.sku === 'sku-0004')!.name;
    const d = sim.open('detail', { id: order.id });
    await waitFor(() => expect(find(d, '.order-buy-again')).not.toBeNull());
    find(d, '.order-buy-again')!.dispatchEvent('tap');
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'switchTab', args: expect.objectContaining({ url: '/pages/cart/index' }) }));
    expect(modals.map((m) => String(m['content']))).toContainEqual(`${name} 缺货`);
    expect((wx().getStorageSync('cart.v1') as Array<{ sku: string }>).map((l) => l.sku)).toEqual(['sku-0002']);
  });

  it('the approver sees the dealer’s credit, health and latest orders on the card, and a comment goes with 通过 onto the timeline', async () => {
    const order = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'comment');
    expect(order.status).toBe('pending_approval');
    // The phone remembers who the earlier tests were: forget it, as a new login would.
    sim.caller = 'demo-manager';
    app.forgetCaller();
    const p = sim.open('approvals');
    await waitFor(() => expect(find(p, `.approval-dealer-${order.id}`)).not.toBeNull());
    const dealer = t.cloud.store.get('dealers', 'dealer-001')!.doc;
    const panel = find(p, `.approval-dealer-${order.id}`)!;
    expect(textOf(panel)).toContain(`信用额度 ${formatFen(Number(dealer['creditLimit']))}`);
    expect(textOf(panel)).toContain('应收账款');
    expect(textOf(panel)).toContain(order.orderNo);
    // The dealer's health in words: its score and the factor furthest from healthy.
    expect(textOf(panel)).toMatch(/经营健康度 \d{1,3} 分(（流失风险）)?主要因素：\S+(天|单|%)/);
    expect(calls.filter((c) => c.name === 'orders').map((c) => c.data['action'])).toEqual(['pendingApprovals']);

    await waitFor(() => expect(find(p, `.approval-comment-${order.id}`)).not.toBeNull());
    find(p, `.approval-comment-${order.id}`)!.dispatchEvent('input', { detail: { value: '老客户，同意' } });
    find(p, `.approval-approve-${order.id}`)!.dispatchEvent('tap');
    await waitFor(() => expect(calls.some((c) => c.data['action'] === 'approve')).toBe(true));
    expect(calls.find((c) => c.data['action'] === 'approve')!.data).toEqual({ action: 'approve', orderId: order.id, reason: '老客户，同意' });

    sim.caller = 'demo-dealer-a';
    app.forgetCaller();
    const d = sim.open('detail', { id: order.id });
    await waitFor(() => expect(find(d, '.order-event-reason')).not.toBeNull());
    expect(textOf(find(d, '.order-event-reason'))).toBe('审批意见：老客户，同意');
  });
});
