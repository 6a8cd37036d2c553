/**
 * The 购物车 tab as built for WeChat, in miniprogram-simulate: the cart lives in local storage and
 * is priced by the real pricing function on a local cloud seeded with the demo data set.
 */
import { formatFen } from '../../shared/money';
import type { QuoteResult } from '../../shared/pricing';
import type { Envelope } from '../helpers/seeded';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { RenderedPage, SimNode } from './support/weapp';
import { afterQueuedWork, find, textOf, waitFor } from './support/weapp';

jest.setTimeout(30_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */
const wx = (): any => (globalThis as any).wx;

type Line = { sku: string; qty: number; unit: string };

describe('the 购物车 tab', () => {
  let failNextCalls = 0;
  /** When set, the next call waits for this before it is answered. */
  let holdNext: Promise<void> | null = null;
  const sim = simulatedApp({
    caller: 'demo-dealer-a',
    pages: { cart: 'pages/cart/index' },
    intercept: async (_call, answer) => {
      const hold = holdNext;
      holdNext = null;
      if (hold) await hold;
      if (failNextCalls > 0) {
        failNextCalls--;
        throw new Error('request:fail timeout');
      }
      return answer();
    },
  });
  const { app, calls, t } = sim;
  beforeEach(() => {
    failNextCalls = 0;
    holdNext = null;
    wx().removeStorageSync('cart.v1');
  });

  const open = (lines: Line[]): RenderedPage => {
    wx().setStorageSync('cart.v1', lines);
    return sim.open('cart');
  };
  const quote = async (lines: Line[], who = sim.caller): Promise<QuoteResult> =>
    okData((await t.cloud.invoke('pricing', { action: 'quote', lines }, { openid: who })) as Envelope<QuoteResult>);
  const quotes = () => calls.filter((c) => c.name === 'pricing');
  const stored = (): Line[] => wx().getStorageSync('cart.v1') as Line[];
  const payable = (p: SimNode) => textOf(find(p, '.cart-total-payable'));
  /**
   * Nothing left to price: every call sent has been answered, and the page has no quote waiting
   * (重新计价中 is gone: no debounce timer is set and no request is out, see CartPage's pending).
   */
  const settled = async (p: SimNode): Promise<void> => {
    await waitFor(() => {
      expect(sim.answered).toBe(calls.length);
      expect(find(p, '.cart-requoting')).toBeNull();
      expect(find(p, '.cart-checkout-pending')).toBeNull();
    });
    // The last answer's handling and render.
    await afterQueuedWork();
  };
  /** A product by name fragment, from the seeded catalog. */
  const productNamed = (fragment: string): Record<string, any> =>
    t.cloud.store.all('products').find((p) => String(p['name']).includes(fragment) && p['status'] === 'on_sale') as Record<string, any>;

  it('prices the stored cart on open: each line at its list amount with what came off it, so the lines add up to 原价合计 as on 确认订单', async () => {
    const lines = [{ sku: 'sku-0001', qty: 5, unit: '箱' }];
    const expected = await quote(lines);
    const p = open(lines);
    await waitFor(() => expect(find(p, '.cart-line-amount')).not.toBeNull());
    const line = expected.lines[0]!;
    expect(line.error).toBeNull();
    expect(textOf(find(p, '.cart-line-name'))).toBe(line.name);
    // The line shows its list amount (what 原价合计 adds up) and, beside it, what the rules took off (what 优惠 adds up).
    expect(line.amount).toBeLessThan(line.listAmount);
    expect(textOf(find(p, '.cart-line-amount'))).toBe(formatFen(line.listAmount));
    expect(textOf(find(p, '.cart-line-off'))).toBe(`优惠 -${formatFen(line.listAmount - line.amount + line.orderDiscount)}`);
    expect(line.listAmount).toBe(expected.totals.listTotal);
    expect(line.listAmount - line.amount + line.orderDiscount).toBe(expected.totals.discountTotal);
    expect(textOf(find(p, '.cart-line-unit-price'))).toContain(`成交价 ${formatFen(line.unitPrice)}/件`);
    expect(textOf(find(p, '.cart-line-meta'))).toContain('5 箱 = 120 件');
    expect(textOf(find(p, '.cart-total-list'))).toBe(formatFen(expected.totals.listTotal));
    expect(textOf(find(p, '.cart-total-discount'))).toBe(`-${formatFen(expected.totals.discountTotal)}`);
    expect(payable(p)).toBe(formatFen(expected.totals.payable));
    expect(expected.totals.payable).toBeLessThan(expected.totals.listTotal);
    // The line's own hint (the water range's quantity tier) sits on the line; the 满减 on top.
    const tierHint = expected.almostReached.find((a) => a.sku === 'sku-0001')!;
    expect(tierHint.message).toMatch(/^再买 \d+ 箱/);
    expect(textOf(find(p, '.cart-line-almost'))).toBe(tierHint.message);
    expect(p.querySelectorAll('.cart-almost').map(textOf)).toEqual(expected.almostReached.filter((a) => a.sku === null).map((a) => `凑单${a.message}`));
    // Exactly what is stored goes to the server: SKU, quantity, unit — no price.
    expect(quotes()).toEqual([{ name: 'pricing', data: { action: 'quote', lines } }]);

    // The steps are folded away until asked for.
    expect(find(p, '.cart-line-step')).toBeNull();
    find(p, '.cart-line-steps-toggle')!.dispatchEvent('tap');
    await waitFor(() => expect(p.querySelectorAll('.cart-line-step').map(textOf)).toHaveLength(line.steps.length));
    expect(textOf(p.querySelectorAll('.cart-line-step')[1]!)).toContain('华东一级经销商价');

    // Every line is orderable: 去结算 is on.
    expect(textOf(find(p, '.cart-checkout'))).toBe('去结算');
    expect(find(p, '.cart-checkout-off')).toBeNull();
  });

  it("a quantity below the MOQ shows the server's message on that line in red, and 改为 5 箱 fixes it", async () => {
    const lines = [{ sku: 'sku-0001', qty: 2, unit: '箱' }];
    const expected = await quote(lines);
    const error = expected.lines[0]!.error!;
    expect(error.code).toBe('MOQ_NOT_MET');
    const p = open(lines);
    await waitFor(() => expect(find(p, '.cart-line-error')).not.toBeNull());
    expect(textOf(find(p, '.cart-line-error-text'))).toBe(error.message);
    expect(error.message).toContain('最少 5 箱');
    expect(find(p, '.cart-line-amount')).toBeNull();
    expect(textOf(find(p, '.cart-blocked'))).toBe('1 种商品需调整后才能下单');

    expect(textOf(find(p, '.cart-line-fix'))).toBe('改为 5 箱');
    find(p, '.cart-line-fix')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.cart-line-error')).toBeNull());
    expect(stored()).toEqual([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    await waitFor(() => expect(find(p, '.cart-line-amount')).not.toBeNull());
    expect(find(p, '.cart-blocked')).toBeNull();
  });

  it('changing the quantity re-quotes once after the taps and the totals follow', async () => {
    const p = open([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    await waitFor(() => expect(find(p, '.cart-total-payable')).not.toBeNull());
    const before = payable(p);
    find(p, '.cart-line-stepper-plus')!.dispatchEvent('tap');
    find(p, '.cart-line-stepper-plus')!.dispatchEvent('tap');
    const expected = await quote([{ sku: 'sku-0001', qty: 7, unit: '箱' }]);
    await waitFor(() => expect(payable(p)).toBe(formatFen(expected.totals.payable)));
    expect(payable(p)).not.toBe(before);
    expect(textOf(find(p, '.cart-line-amount'))).toBe(formatFen(expected.lines[0]!.listAmount));
    expect(stored()).toEqual([{ sku: 'sku-0001', qty: 7, unit: '箱' }]);
    await settled(p);
    // Debounced: the quantity in between (6) was never priced.
    expect(quotes().map((c) => (c.data['lines'] as Line[])[0]!.qty)).toEqual([5, 7]);
  });

  it('shows what is missing for the 满减 below the threshold, and the discount once it is reached', async () => {
    const box = productNamed('NFC果汁礼盒');
    const sku = String(box['sku']);
    const p = open([{ sku, qty: 2, unit: '件' }]);
    await waitFor(() => expect(find(p, '.cart-almost')).not.toBeNull());
    const small = await quote([{ sku, qty: 2, unit: '件' }]);
    const hint = small.almostReached.find((a) => a.code === 'order_threshold_amount_off')!;
    expect(hint.message).toMatch(/^再买 ¥[\d,.]+ 减 ¥100$/);
    expect(p.querySelectorAll('.cart-almost').map(textOf)).toContain(`凑单${hint.message}`);
    expect(textOf(find(p, '.cart-promotions'))).not.toContain('每满 ¥2000 减 ¥100');

    // Enough boxes to pass ¥2000: the hint turns into the promotion, and 应付 drops by ¥100 more.
    let qty = 2;
    let big = small;
    while (!big.promotions.some((x) => x.code === 'order_threshold_amount_off')) big = await quote([{ sku, qty: ++qty, unit: '件' }]);
    find(p, '.cart-line-stepper-input')!.dispatchEvent('input', { detail: { value: String(qty) } });
    await waitFor(() => expect(payable(p)).toBe(formatFen(big.totals.payable)));
    const promo = p.querySelectorAll('.cart-promotion').map(textOf);
    expect(promo).toContain('每满 ¥2000 减 ¥100省 ¥100.00');
    expect(big.totals.orderDiscountTotal).toBe(10000);
    expect(big.totals.payable).toBe(big.totals.goodsTotal - 10000);
    // Next step of the repeatable 满减 is still shown as a hint.
    expect(textOf(find(p, '.cart-almost'))).toContain('可再减 ¥100');
  });

  it('keeps the last good price on screen while re-pricing, and ignores an answer that arrives late', async () => {
    const p = open([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    await waitFor(() => expect(find(p, '.cart-total-payable')).not.toBeNull());
    const at5 = payable(p);

    let release!: () => void;
    holdNext = new Promise((resolve) => (release = resolve));
    find(p, '.cart-line-stepper-plus')!.dispatchEvent('tap');
    await waitFor(() => expect(quotes()).toHaveLength(2));
    // The answer for 6 箱 is slow: the old price stays, marked as being re-priced.
    expect(textOf(find(p, '.cart-requoting'))).toBe('重新计价中…');
    expect(payable(p)).toBe(at5);
    expect(find(p, '.cart-line-stale')).not.toBeNull();

    find(p, '.cart-line-stepper-plus')!.dispatchEvent('tap');
    const at7 = await quote([{ sku: 'sku-0001', qty: 7, unit: '箱' }]);
    await waitFor(() => expect(payable(p)).toBe(formatFen(at7.totals.payable)));
    release();
    await settled(p);
    // The late answer for 6 箱 changed nothing.
    expect(payable(p)).toBe(formatFen(at7.totals.payable));
    expect(find(p, '.cart-requoting')).toBeNull();
  });

  it('marks gift lines as 赠品 and lists the promotion that gave them', async () => {
    const giftSku = String((t.cloud.store.get('price_rules', 'promo-tea-10-get-1')!.doc['rule'] as any).products.skus[0]);
    const lines = [{ sku: giftSku, qty: 240, unit: '件' }];
    const expected = await quote(lines);
    const gift = expected.lines.find((l) => l.kind === 'gift')!;
    expect(gift).toBeDefined();
    const p = open(lines);
    await waitFor(() => expect(find(p, '.cart-line-gift')).not.toBeNull());
    expect(textOf(find(p, '.cart-line-gift'))).toContain('赠品');
    expect(textOf(find(p, '.cart-line-gift'))).toContain(gift.name);
    expect(textOf(find(p, '.cart-line-gift'))).toContain(`${gift.qty} 件`);
    expect(p.querySelectorAll('.cart-promotion-name').map(textOf)).toContain('无糖茶 买十送一');
    expect(textOf(find(p, '.cart-total-gifts'))).toBe(formatFen(expected.totals.giftValue));
  });

  it("shows the server's message for a product the dealer may not order", async () => {
    sim.caller = 'demo-dealer-b';
    const levelAOnly = productNamed('玻璃瓶高端矿泉水');
    const lines = [
      { sku: 'sku-0001', qty: 5, unit: '箱' },
      { sku: String(levelAOnly['sku']), qty: 1, unit: '箱' },
    ];
    const expected = await quote(lines, 'demo-dealer-b');
    expect(expected.lines[1]!.error!.code).toBe('NOT_VISIBLE');
    const p = open(lines);
    await waitFor(() => expect(find(p, '.cart-line-error')).not.toBeNull());
    expect(p.querySelectorAll('.cart-line-error-text').map(textOf)).toEqual([expected.lines[1]!.error!.message]);
    expect(find(p, '.cart-line-fix')).toBeNull();
    // The good line is still priced, for dealer B.
    expect(payable(p)).toBe(formatFen(expected.totals.payable));
  });

  it('removing lines and clearing the cart re-price, and the empty cart links to 商品', async () => {
    const p = open([
      { sku: 'sku-0001', qty: 5, unit: '箱' },
      { sku: 'sku-0002', qty: 5, unit: '箱' },
    ]);
    await waitFor(() => expect(p.querySelectorAll('.cart-line')).toHaveLength(2));
    p.querySelectorAll('.cart-line-remove')[1]!.dispatchEvent('tap');
    const one = await quote([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    await waitFor(() => expect(payable(p)).toBe(formatFen(one.totals.payable)));
    expect(p.querySelectorAll('.cart-line')).toHaveLength(1);
    expect(stored()).toEqual([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);

    find(p, '.cart-clear')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.page-state-title'))).toBe('购物车是空的'));
    expect(stored()).toEqual([]);
    find(p, '.cart-go-catalog')!.dispatchEvent('tap');
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'switchTab', args: expect.objectContaining({ url: '/pages/catalog/index' }) }));
  });

  it('an empty cart asks the server for no price', async () => {
    const p = open([]);
    await waitFor(() => expect(textOf(find(p, '.page-state-title'))).toBe('购物车是空的'));
    // An empty cart schedules no quote (CartPage.requote): once the empty state is shown, what was queued has run.
    await afterQueuedWork();
    expect(quotes()).toEqual([]);
    expect(calls.filter((c) => c.name !== 'users')).toEqual([]);
  });

  it('a failed first quote shows the error with 重新计价, which prices the cart', async () => {
    failNextCalls = 1;
    const p = open([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    await waitFor(() => expect(find(p, '.page-state-error')).not.toBeNull());
    expect(textOf(find(p, '.page-state-message'))).toContain('检查网络后重试');
    expect(textOf(find(p, '.page-state-retry'))).toBe('重新计价');
    find(p, '.page-state-retry')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.cart-total-payable')).not.toBeNull());
  });

  it('re-reads the cart and re-prices every time the tab is shown', async () => {
    const p = open([{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    await waitFor(() => expect(find(p, '.cart-total-payable')).not.toBeNull());
    // Added on another page while the tab was hidden.
    wx().setStorageSync('cart.v1', [
      { sku: 'sku-0001', qty: 5, unit: '箱' },
      { sku: 'sku-0002', qty: 5, unit: '箱' },
    ]);
    (p.instance as any).onHide();
    (p.instance as any).onShow();
    await waitFor(() => expect(p.querySelectorAll('.cart-line-amount')).toHaveLength(2));
    expect(quotes()).toHaveLength(2);
  });
});
