/**
 * 确认订单 (packages/checkout) as built for WeChat, in miniprogram-simulate, against the real
 * pricing and orders functions on a local cloud seeded with the demo data set: the order is
 * placed from the stored cart, the cart forgets what was ordered, and one checkout makes one
 * order however often 提交订单 is sent.
 */
import { formatFen } from '../../shared/money';
import type { QuoteResult } from '../../shared/pricing';
import type { Envelope } from '../helpers/seeded';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { RenderedPage, SimNode } from './support/weapp';
import { afterQueuedWork, find, textOf, waitFor } from './support/weapp';
import { ADDRESS } from './support/orders';

jest.setTimeout(30_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */
const wx = (): any => (globalThis as any).wx;

type Line = { sku: string; qty: number; unit: string };

const ID_KEY = 'checkout.clientOrderId.v1';

describe('the checkout page', () => {
  /** The next orders.submit waits for this before it reaches the server. */
  let holdSubmit: Promise<void> | null = null;
  /** The next orders.submit reaches the server and succeeds, but its answer never comes back. */
  let loseNextAnswer = false;
  const sim = simulatedApp({
    caller: 'demo-dealer-a',
    pages: { checkout: 'packages/checkout/index', cart: 'pages/cart/index' },
    toasts: true,
    intercept: async ({ name, data }, answer) => {
      if (name === 'orders' && data['action'] === 'submit') {
        const hold = holdSubmit;
        holdSubmit = null;
        if (hold) await hold;
        if (loseNextAnswer) {
          loseNextAnswer = false;
          await answer();
          throw new Error('request:fail timeout');
        }
      }
      return answer();
    },
  });
  const { app, calls, t, toasts } = sim;
  const openid = sim.caller;
  beforeEach(() => {
    holdSubmit = null;
    loseNextAnswer = false;
    wx().removeStorageSync('cart.v1');
    wx().removeStorageSync(ID_KEY);
    wx().setStorageSync('checkout.address.v1', ADDRESS);
  });

  const open = (lines: Line[]): RenderedPage => {
    wx().setStorageSync('cart.v1', lines);
    return sim.open('checkout');
  };
  const quote = async (lines: Line[]): Promise<QuoteResult> =>
    okData((await t.cloud.invoke('pricing', { action: 'quote', lines }, { openid })) as Envelope<QuoteResult>);
  const submits = () => calls.filter((c) => c.name === 'orders' && c.data['action'] === 'submit');
  const ordersWithKey = (clientOrderId: string) => t.cloud.store.all('orders').filter((o) => o['clientOrderId'] === clientOrderId);
  const redirects = () => app.wxCalls.filter((c) => c.api === 'redirectTo').map((c) => String((c.args as { url: string }).url));
  const ready = async (p: SimNode) => waitFor(() => expect(find(p, '.checkout-payable')).not.toBeNull());
  const tapSubmit = (p: SimNode) => find(p, '.checkout-submit')!.dispatchEvent('tap');
  const reservedOf = (sku: string) =>
    t.cloud.store
      .all('stock')
      .filter((s) => s['sku'] === sku)
      .reduce((n, s) => n + Number(s['reserved']), 0);
  const availableOf = (sku: string) =>
    t.cloud.store
      .all('stock')
      .filter((s) => s['sku'] === sku)
      .reduce((n, s) => n + Math.max(0, Number(s['onHand']) - Number(s['reserved'])), 0);

  it('checkout places an order and clears the cart', async () => {
    const lines = [
      { sku: 'sku-0001', qty: 10, unit: '箱' },
      { sku: 'sku-0002', qty: 5, unit: '箱' },
    ];
    const expected = await quote(lines);
    const p = open(lines);
    await ready(p);
    // The server's price of exactly this cart, line by line, and the last address used.
    expect(textOf(find(p, '.checkout-payable'))).toBe(formatFen(expected.totals.payable));
    expect(p.querySelectorAll('.checkout-line').filter((n) => !textOf(n).startsWith('赠品'))).toHaveLength(2);
    expect(textOf(find(p, '.checkout-line-sku-0001'))).toContain('10 箱 = 240 件');
    expect(textOf(find(p, '.checkout-list-total'))).toBe(formatFen(expected.totals.listTotal));

    find(p, '.checkout-remark-input')!.dispatchEvent('input', { detail: { value: '工作日送货' } });
    tapSubmit(p);
    await waitFor(() => expect(redirects()).toHaveLength(1));

    const sent = submits();
    expect(sent).toHaveLength(1);
    const clientOrderId = String(sent[0]!.data['clientOrderId']);
    expect(clientOrderId).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    // Exactly the cart, the address and the remark: never a price.
    expect(sent[0]!.data).toEqual({ action: 'submit', clientOrderId, lines, address: ADDRESS, remark: '工作日送货', rebateToUse: 0 });
    const [order] = ordersWithKey(clientOrderId);
    expect(order).toBeDefined();
    expect(order!['payable']).toBe(expected.totals.payable);
    expect(order!['remark']).toBe('工作日送货');
    expect(redirects()[0]).toBe(`/packages/orders/detail/index?id=${encodeURIComponent(String(order!['_id']))}`);
    // The cart is empty, the checkout key is spent, the address is remembered.
    expect(wx().getStorageSync('cart.v1')).toEqual([]);
    expect(wx().getStorageSync(ID_KEY)).toBe('');
    expect(wx().getStorageSync('checkout.address.v1')).toEqual(ADDRESS);
    expect(toasts.map((x) => x['title'])).toContain('订单已提交');
  });

  it('a double submit makes one order: the button is busy while the first is on its way', async () => {
    const p = open([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    await ready(p);
    let release!: () => void;
    holdSubmit = new Promise((r) => (release = r));
    tapSubmit(p);
    tapSubmit(p);
    await waitFor(() => expect(textOf(find(p, '.checkout-submit'))).toBe('提交中…'));
    expect(find(p, '.checkout-submit-busy')).not.toBeNull();
    tapSubmit(p);
    release();
    await waitFor(() => expect(redirects()).toHaveLength(1));
    // Every call sent has been answered and handled: had a second tap got through, its submit would be among them.
    await waitFor(() => expect(sim.answered).toBe(calls.length));
    await afterQueuedWork();
    const keys = new Set(submits().map((c) => c.data['clientOrderId']));
    expect(keys.size).toBe(1);
    expect(ordersWithKey(String([...keys][0]))).toHaveLength(1);
    expect(submits()).toHaveLength(1);
  });

  it('a lost answer and a retry make one order: the retry sends the same key and gets the order back', async () => {
    const lines = [{ sku: 'sku-0002', qty: 5, unit: '箱' }];
    const before = t.cloud.store.all('orders').length;
    const p = open(lines);
    await ready(p);
    loseNextAnswer = true;
    tapSubmit(p);
    // The server made the order, but the phone only saw a timeout.
    await waitFor(() => expect(find(p, '.checkout-error-INTERNAL')).not.toBeNull());
    expect(t.cloud.store.all('orders').length).toBe(before + 1);
    expect(textOf(find(p, '.checkout-error-INTERNAL'))).toContain('不会重复下单');
    const key = String(submits()[0]!.data['clientOrderId']);
    expect(wx().getStorageSync(ID_KEY)).toBe(key);
    // Nothing was confirmed: the cart still holds the lines.
    expect(wx().getStorageSync('cart.v1')).toEqual(lines);
    expect(textOf(find(p, '.checkout-submit'))).toBe('提交订单');

    // Even after leaving the page and coming back, the same checkout keeps its key.
    app.close(p);
    const again = open(lines);
    await ready(again);
    tapSubmit(again);
    await waitFor(() => expect(redirects()).toHaveLength(1));
    expect(submits().map((c) => c.data['clientOrderId'])).toEqual([key, key]);
    expect(ordersWithKey(key)).toHaveLength(1);
    expect(t.cloud.store.all('orders').length).toBe(before + 1);
    expect(redirects()[0]).toContain(encodeURIComponent(String(ordersWithKey(key)[0]!['_id'])));
    expect(toasts.map((x) => x['title'])).toContain('订单已提交（未重复下单）');
    expect(wx().getStorageSync('cart.v1')).toEqual([]);
    expect(wx().getStorageSync(ID_KEY)).toBe('');
  });

  it('an OUT_OF_STOCK answer shows the short SKU with what is available, and offers to order that much', async () => {
    const available = availableOf('sku-0001');
    const tooMany = Math.ceil(available / 24) + 10;
    const reservedBefore = reservedOf('sku-0001');
    const p = open([{ sku: 'sku-0001', qty: tooMany, unit: '箱' }]);
    await ready(p);
    tapSubmit(p);
    await waitFor(() => expect(find(p, '.checkout-error-OUT_OF_STOCK')).not.toBeNull());
    const shortage = textOf(find(p, '.checkout-shortage-sku-0001'));
    expect(shortage).toContain('青禾天然矿泉水 350ml');
    expect(shortage).toContain(`需要 ${tooMany * 24} 件，可订 ${available} 件`);
    const fit = Math.floor(available / 24);
    expect(textOf(find(p, '.checkout-shortage-fix'))).toBe(`改为 ${fit} 箱`);
    // Refused: nothing reserved, no order, the key kept for the corrected submit.
    expect(reservedOf('sku-0001')).toBe(reservedBefore);
    expect(redirects()).toEqual([]);

    find(p, '.checkout-shortage-fix')!.dispatchEvent('tap');
    await waitFor(() => expect(wx().getStorageSync('cart.v1')).toEqual([{ sku: 'sku-0001', qty: fit, unit: '箱' }]));
    await waitFor(() => expect(textOf(find(p, '.checkout-line-sku-0001'))).toContain(`${fit} 箱`));
    expect(find(p, '.checkout-error-OUT_OF_STOCK')).toBeNull();
  });

  it('a CREDIT_LIMIT_EXCEEDED answer shows the headroom left and what to do', async () => {
    const account = t.cloud.store.get('accounts', 'dealer-001')!.doc;
    const dealer = t.cloud.store.get('dealers', 'dealer-001')!.doc;
    const headroom = 5_000;
    await t.db
      .collection('accounts')
      .doc('dealer-001')
      .update({ data: { receivable: Number(dealer['creditLimit']) - Number(account['creditReserved']) - headroom } });
    try {
      const p = open([{ sku: 'sku-0001', qty: 10, unit: '箱' }]);
      await ready(p);
      tapSubmit(p);
      await waitFor(() => expect(find(p, '.checkout-error-CREDIT_LIMIT_EXCEEDED')).not.toBeNull());
      expect(textOf(find(p, '.checkout-headroom'))).toBe(`当前可用额度 ${formatFen(headroom)}`);
      expect(textOf(find(p, '.checkout-error-CREDIT_LIMIT_EXCEEDED'))).toContain('回款');
      expect(redirects()).toEqual([]);
    } finally {
      await t.db
        .collection('accounts')
        .doc('dealer-001')
        .update({ data: { receivable: account['receivable'] } });
    }
  });

  it('checks the address before sending: a bad mobile number is explained and nothing is submitted', async () => {
    const p = open([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    await ready(p);
    find(p, '.checkout-input-mobile')!.dispatchEvent('input', { detail: { value: '1234567' } });
    find(p, '.checkout-input-detail')!.dispatchEvent('input', { detail: { value: '   ' } });
    tapSubmit(p);
    await waitFor(() => expect(find(p, '.checkout-field-error-mobile')).not.toBeNull());
    expect(textOf(find(p, '.checkout-field-error-mobile'))).toContain('11 位大陆手机号');
    expect(textOf(find(p, '.checkout-field-error-detail'))).toBe('请填写详细地址');
    // The errors are set by the tap's own check, which returns before anything is sent.
    expect(submits()).toEqual([]);
  });

  it('an empty cart offers the way back instead of a form', async () => {
    const p = open([]);
    await waitFor(() => expect(textOf(find(p, '.page-state-title'))).toBe('没有要结算的商品'));
    expect(calls).toEqual([]);
  });

  it('去结算 on the cart opens the checkout once every line is orderable', async () => {
    wx().setStorageSync('cart.v1', [{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    const cart = sim.open('cart');
    try {
      await waitFor(() => expect(find(cart, '.cart-checkout')).not.toBeNull());
      await waitFor(() => expect(find(cart, '.cart-checkout-off')).toBeNull());
      find(cart, '.cart-checkout')!.dispatchEvent('tap');
      await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'navigateTo', args: expect.objectContaining({ url: '/packages/checkout/index' }) }));
    } finally {
      app.close(cart);
    }
    // Below the MOQ the button stays off.
    wx().setStorageSync('cart.v1', [{ sku: 'sku-0001', qty: 2, unit: '箱' }]);
    app.wxCalls.length = 0;
    const blocked = sim.open('cart');
    try {
      await waitFor(() => expect(find(blocked, '.cart-blocked')).not.toBeNull());
      expect(find(blocked, '.cart-checkout-off')).not.toBeNull();
      find(blocked, '.cart-checkout')!.dispatchEvent('tap');
      // The tap has been handled once the work it queued has run.
      await afterQueuedWork();
      expect(app.wxCalls.filter((c) => c.api === 'navigateTo')).toEqual([]);
    } finally {
      app.close(blocked);
    }
  });
});
