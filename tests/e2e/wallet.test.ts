/**
 * Spending the rebate wallet at checkout, in a real browser against `npm start`: dealer A turns
 * on 返利抵扣, the payable drops by what the wallet may pay (at most 10 % of the order), the order
 * is placed with that deduction, and the wallet balance drops by the same amount.
 */
import type { Page } from 'playwright-core';
import type { OrderView } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import { formatYuan } from '../../shared/orders/format';
import type { QuoteResult } from '../../shared/pricing';
import type { RunningServer } from '../helpers/server';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(180_000);

describe('the rebate wallet at checkout', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask } = useBrowserApp((app) => ({ server, page } = app));
  const shown = (selector: string) => page.locator(`.taro_page:visible ${selector}`).last();
  const visit = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#${hash}`);
  };

  it('lowers the payable and the wallet balance by the rebate spent', async () => {
    const balanceBefore = (await ask<{ balance: number }>('rebates', { action: 'wallet' }, 'demo-dealer-a')).balance;
    expect(balanceBefore).toBeGreaterThan(0);
    const lines = [{ sku: 'sku-0001', qty: 10, unit: '箱' }];
    const quote = await ask<QuoteResult>('pricing', { action: 'quote', lines }, 'demo-dealer-a');
    const rebate = Math.min(balanceBefore, Math.floor(quote.totals.payable / 10));

    // Dealer A's cart holds the line; checkout shows the wallet.
    await visit('/pages/cart/index');
    await page.evaluate((cart) => localStorage.setItem('cart.v1', JSON.stringify({ data: cart })), lines);
    await visit('/packages/checkout/index');
    await shown('.checkout-rebate').waitFor();
    expect(await shown('.checkout-payable').textContent()).toBe(formatFen(quote.totals.payable));

    await shown('.checkout-rebate').click();
    expect(await shown('.checkout-rebate-amount').textContent()).toBe(`-${formatFen(rebate)}`);
    expect(await shown('.checkout-payable').textContent()).toBe(formatFen(quote.totals.payable - rebate));

    const address = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号' };
    for (const [key, value] of Object.entries(address)) await shown(`.checkout-input-${key} input`).fill(value);
    await shown('.checkout-submit').click();
    // The local stand-in for WeChat's consent dialog: the dealer declines; the order goes all the same.
    await page.locator('.taro-modal__title:visible', { hasText: '允许发送以下消息？' }).waitFor();
    await page.locator('.taro-model__cancel:visible').click();
    await page.waitForURL(/packages\/orders\/detail/, { timeout: 20_000 });
    const orderId = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]!);

    const order = await ask<OrderView>('orders', { action: 'get', orderId }, 'demo-dealer-a');
    expect(order.rebateUsed).toBe(rebate);
    expect(order.payable).toBe(quote.totals.payable - rebate);
    expect((await ask<{ balance: number }>('rebates', { action: 'wallet' }, 'demo-dealer-a')).balance).toBe(balanceBefore - rebate);

    // The 返利 tab shows the lower balance.
    await visit('/pages/rebates/index');
    await page.waitForFunction(
      (text) =>
        Array.from(document.querySelectorAll('.rebates-balance')).some((n) => (n as HTMLElement).offsetParent !== null && (n.textContent ?? '').includes(text)),
      formatYuan(balanceBefore - rebate),
      { timeout: 15_000 },
    );
  });
});
