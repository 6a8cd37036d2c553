/**
 * A refused 提交订单 in a real browser at phone size (390 × 844) against `npm start`: dealer A
 * orders more water than the warehouses hold; the server refuses it, and the refusal — a toast
 * and the card saying which product and how much is available — is where the finger is, inside
 * the viewport, not below the fold.
 */
import type { Page } from 'playwright-core';
import type { RunningServer } from '../helpers/server';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(180_000);

describe('a refused submit in the browser', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask } = useBrowserApp((app) => ({ server, page } = app));
  const shown = (selector: string) => page.locator(`.taro_page:visible ${selector}`).last();
  const visit = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#${hash}`);
  };

  it('leaves the refusal card in the viewport, with a toast naming the product', async () => {
    const quote = await ask<{ available: Record<string, number> }>(
      'pricing',
      { action: 'quote', lines: [{ sku: 'sku-0001', qty: 5, unit: '箱' }] },
      'demo-dealer-a',
    );
    const available = quote.available['sku-0001']!;
    const lines = [{ sku: 'sku-0001', qty: Math.floor(available / 24) + 10, unit: '箱' }];

    await visit('/pages/cart/index');
    await page.evaluate((cart) => localStorage.setItem('cart.v1', JSON.stringify({ data: cart })), lines);
    await visit('/packages/checkout/index');
    await shown('.checkout-submit').waitFor();
    // Checkout already warns before submit.
    await shown('.checkout-stock-warn').waitFor();

    const address = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号' };
    for (const [key, value] of Object.entries(address)) await shown(`.checkout-input-${key} input`).fill(value);
    await shown('.checkout-submit').click();
    // The local stand-in for WeChat's consent dialog: decline; the order goes all the same.
    await page.locator('.taro-modal__title:visible', { hasText: '允许发送以下消息？' }).waitFor();
    await page.locator('.taro-model__cancel:visible').click();

    const card = shown('#checkout-failure');
    await card.waitFor();
    // Taro's H5 toast: its wrapper has no box of its own; the text inside is what shows.
    await page.locator('.taro__toast').getByText('青禾天然矿泉水 350ml', { exact: false }).waitFor({ timeout: 5_000 });
    expect(await card.textContent()).toContain(`可订 ${available} 件`);
    expect(await card.textContent()).not.toMatch(/sku-\d/);
    // Scrolled to: the card's top is inside the 844 px viewport (after the scroll settles).
    await page.waitForFunction(
      () => {
        const cards = Array.from(document.querySelectorAll('#checkout-failure')).filter((n) => (n as HTMLElement).offsetParent !== null);
        const box = cards[cards.length - 1]?.getBoundingClientRect();
        return !!box && box.top >= 0 && box.top < window.innerHeight - 40;
      },
      undefined,
      { timeout: 5_000 },
    );
  });
});
