/**
 * 代客下单 in a real browser against `npm start`: the channel manager opens dealer A from 经销商,
 * orders for it on 代客下单 at dealer A's own prices (the server's quote for dealer A, the same the
 * dealer's cart gets), and the order waits for dealer A, who confirms it on 订单详情; the order
 * then goes on as dealer A's own (approved at once under the approval threshold) and names the manager as placedBy.
 */
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import type { CatalogListOutput, PricedCart } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import { useBrowserApp } from '../helpers/browser-app';
import type { RunningServer } from '../helpers/server';

jest.setTimeout(90_000);

describe('an order on a dealer’s behalf in the browser against npm start', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask, shown, visit, as } = useBrowserApp((app) => ({ server, page } = app));
  const order = (id: string): Record<string, unknown> => {
    const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT body FROM docs WHERE coll = ? AND id = ?').get('orders', id) as { body: string };
      return JSON.parse(row.body) as Record<string, unknown>;
    } finally {
      db.close();
    }
  };

  /** Switch persona: forget the role the phone remembered for the previous one, and let 我的 learn the new one. */
  const become = async (openid: string) => {
    await as(openid);
    await page.evaluate(() => localStorage.removeItem('session.me.v1'));
    await visit('/pages/me/index');
    await page.waitForFunction((o) => (localStorage.getItem('session.me.v1') ?? '').includes(o), openid, { timeout: 30_000 });
  };

  it('the manager orders for dealer A at dealer A’s prices, and dealer A confirms it in 订单', async () => {
    // What 加入 puts in the cart (the MOQ, in base units), priced by dealer A's own quote.
    const { items } = await ask<CatalogListOutput>('catalog', { action: 'list', limit: 20 }, 'demo-dealer-a');
    const item = items.find((i) => i.sku === 'sku-0001')!;
    const lines = [{ sku: item.sku, qty: Math.max(item.moq, item.multiple), unit: item.baseUnit }];
    const own = await ask<PricedCart>('pricing', { action: 'quote', lines }, 'demo-dealer-a');

    await become('demo-manager');
    await visit('/packages/dealers/detail/index?dealerId=dealer-001');
    await shown('.dealer-proxy-order').click();
    await shown('.proxy-dealer-name').waitFor({ timeout: 15_000 });
    await shown('.proxy-item-sku-0001 .proxy-add').click();
    await shown('.proxy-payable')
      .filter({ hasText: formatFen(own.totals.payable) })
      .waitFor({ timeout: 15_000 });
    for (const [key, value] of Object.entries({ province: '浙江省', district: '西湖区', detail: '文三路 1 号' })) {
      await shown(`.checkout-input-${key} input`).fill(value);
    }
    await shown('.proxy-submit').click();
    // The manager's consent to hear if dealer A refuses it or lets it lapse (order_cancelled): 允许.
    await page.locator('.taro-modal__title:visible', { hasText: '允许发送以下消息？' }).waitFor();
    await page.locator('.taro-model__confirm:visible').click();
    await shown('.proxy-placed-status').filter({ hasText: '待确认' }).waitFor({ timeout: 15_000 });
    await shown('.proxy-open-order').click();
    await page.waitForURL(/orders\/detail/);
    const id = decodeURIComponent(/id=([^&]+)/.exec(page.url())![1]!);
    expect(order(id)).toMatchObject({ status: 'awaiting_dealer_confirmation', payable: own.totals.payable, placedBy: { role: 'manager', id: 'demo-manager' } });

    await become('demo-dealer-a');
    await visit(`/packages/orders/detail/index?id=${encodeURIComponent(id)}`);
    await shown('.order-proxy-note').waitFor({ timeout: 15_000 });
    await shown('.order-confirm-proxy').click();
    await page.locator('.taro-model__confirm:visible').click();
    // The local stand-in for WeChat's subscription consent (the order's messages): 允许.
    await page.locator('.taro-modal__title:visible', { hasText: '允许发送以下消息？' }).waitFor();
    await page.locator('.taro-model__confirm:visible').click();
    await shown('.order-status').filter({ hasText: '待发货' }).waitFor({ timeout: 15_000 });
    expect(order(id)['status']).toBe('approved');
  });
});
