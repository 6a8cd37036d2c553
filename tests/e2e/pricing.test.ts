/**
 * Prices in a real browser against `npm start` (the H5 build and the local cloud with the demo
 * data): each dealer sees its own price, the MOQ message reaches the buyer, and a 满减 threshold
 * changes what the cart asks to pay.
 */
import type { Page } from 'playwright-core';
import type { CatalogListOutput } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import type { QuoteResult } from '../../shared/pricing';
import type { RunningServer } from '../helpers/server';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(180_000);

describe('pricing in the browser against npm start', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask } = useBrowserApp((app) => ({ server, page } = app));
  const firstItem = async (openid: string) => (await ask<CatalogListOutput>('catalog', { action: 'list', limit: 1 }, openid)).items[0]!;

  /** Taro's H5 keeps earlier pages in the DOM, hidden: act on the one showing. */
  const shown = (selector: string) => page.locator(`.taro_page:visible ${selector}`).last();

  const switchPersona = async (openid: string) => {
    await page.goto(`${server.url}/#/pages/me/index`);
    await page.locator('.persona-switch:visible').last().click();
    await page.locator(`.persona-option-${openid}`).last().click();
  };

  it('dealers A and B see different prices for the same SKU on 商品', async () => {
    const a = await firstItem('demo-dealer-a');
    const b = await firstItem('demo-dealer-b');
    expect(a.sku).toBe(b.sku);
    expect(a.price).not.toBe(b.price);

    await page.goto(`${server.url}/#/pages/catalog/index`);
    const price = shown(`.catalog-item-${a.sku} .catalog-item-price`);
    await expect(price.textContent()).resolves.toBe(`${formatFen(a.price)}/件`);
    expect(await shown(`.catalog-item-${a.sku} .catalog-item-list-price`).textContent()).toBe(formatFen(a.listPrice));

    await switchPersona('demo-dealer-b');
    await page.goto(`${server.url}/#/pages/catalog/index`);
    await page.waitForFunction(
      ([sku, text]) =>
        Array.from(document.querySelectorAll(`.catalog-item-${sku} .catalog-item-price`)).some(
          (n) => (n as HTMLElement).offsetParent !== null && n.textContent === text,
        ),
      [b.sku, `${formatFen(b.price)}/件`] as const,
    );
    await switchPersona('demo-dealer-a');
  });

  it('a quantity below the minimum order on the product page shows what to change', async () => {
    await page.goto(`${server.url}/#/packages/product/detail/index?sku=sku-0001`);
    await shown('.product-stepper').waitFor();
    expect(await shown('.product-stepper-total').textContent()).toBe('5 箱 = 120 件');
    await shown('.product-stepper-input input').fill('2');
    await shown('.product-qty-error').waitFor();
    expect(await shown('.product-qty-error').textContent()).toContain('最少 5 箱');
    // The tap on − at the minimum is refused too.
    await shown('.product-stepper-input input').fill('5');
    await shown('.product-stepper-minus').click();
    await expect(shown('.product-stepper-hint').textContent()).resolves.toBe('最少 5 箱，不能再少了');
  });

  it('reaching the 满减 threshold in the cart turns the hint into ¥100 off the total', async () => {
    const boxes = (await ask<CatalogListOutput>('catalog', { action: 'list', keyword: 'NFC果汁礼盒', limit: 1 }, 'demo-dealer-a')).items[0]!;
    const quote = (qty: number) => ask<QuoteResult>('pricing', { action: 'quote', lines: [{ sku: boxes.sku, qty, unit: '件' }] }, 'demo-dealer-a');
    // The smallest number of boxes that passes ¥2000 for dealer A.
    let qty = boxes.moq;
    let big = await quote(qty);
    while (!big.promotions.some((p) => p.code === 'order_threshold_amount_off')) big = await quote(++qty);
    const small = await quote(qty - 1);

    // Add the box from its page at one below the threshold.
    await page.goto(`${server.url}/#/packages/product/detail/index?sku=${boxes.sku}`);
    await shown('.product-stepper').waitFor();
    await shown('.product-stepper-input input').fill(String(qty - 1));
    await expect(shown('.product-stepper-total').textContent()).resolves.toContain(`${qty - 1} 件`);
    await shown('.product-add').click();

    await page.goto(`${server.url}/#/pages/cart/index`);
    const payable = shown('.cart-total-payable');
    await page.waitForFunction(
      (text) => Array.from(document.querySelectorAll('.cart-total-payable')).some((n) => (n as HTMLElement).offsetParent !== null && n.textContent === text),
      formatFen(small.totals.payable),
    );
    expect(await shown('.cart-almost').textContent()).toContain(small.almostReached.find((a) => a.code === 'order_threshold_amount_off')!.message);

    await shown(`.cart-line-${boxes.sku} .cart-line-stepper-plus`).click();
    await page.waitForFunction(
      (text) => Array.from(document.querySelectorAll('.cart-total-payable')).some((n) => (n as HTMLElement).offsetParent !== null && n.textContent === text),
      formatFen(big.totals.payable),
    );
    expect(await payable.textContent()).toBe(formatFen(big.totals.payable));
    expect(await shown('.cart-promotions').textContent()).toContain('每满 ¥2000 减 ¥100');
    expect(big.totals.orderDiscountTotal).toBe(10000);
  });
});
