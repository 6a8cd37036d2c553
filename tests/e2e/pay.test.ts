/**
 * Paying online and tracking in a real browser against `npm start`: a shipped order shows the
 * carrier's timeline; the dealer pays it with the local pay sheet (the H5 build's stand-in for
 * WeChat's), the payment callback is delivered a second time on purpose, and one payment is
 * recorded — the receivable and the 对账单's closing balance fall once, by the order's payable.
 */
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import type { PayOutput, SubmitOutput } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import { useBrowserApp } from '../helpers/browser-app';
import type { RunningServer } from '../helpers/server';

jest.setTimeout(90_000);

const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

describe('paying online and tracking in the browser against npm start', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask, shown, visit, as } = useBrowserApp((app) => ({ server, page } = app));
  const rows = (coll: string): Array<Record<string, unknown>> => {
    const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT body FROM docs WHERE coll = ?').all(coll) as Array<{ body: string }>).map(
        (r) => JSON.parse(r.body) as Record<string, unknown>,
      );
    } finally {
      db.close();
    }
  };
  const receivable = () => rows('accounts').find((a) => a['dealerId'] === 'dealer-001')!['receivable'] as number;

  it('shows a shipped order’s tracking, pays it with the pay sheet, and records one payment although the callback comes twice', async () => {
    const input = { action: 'submit', clientOrderId: `e2e-pay-${Date.now()}-0001`, lines: [{ sku: 'sku-0001', qty: 5, unit: '箱' }], address: ADDRESS };
    const { order } = await ask<SubmitOutput>('orders', input, 'demo-dealer-a');
    const lines = order.reservations.map((r) => ({ sku: r.sku, qty: r.qty }));
    await ask(
      'orders',
      { action: 'ship', orderId: order.id, warehouseId: order.reservations[0]!.warehouseId, carrier: '顺丰速运', trackingNo: 'SF-E2E-PAY-1', lines },
      'demo-admin',
    );
    const before = receivable();

    // 物流轨迹 on the order page: the carrier's first node.
    await as('demo-dealer-a');
    await visit(`/packages/orders/detail/index?id=${encodeURIComponent(order.id)}`);
    await shown('.order-track-1').filter({ hasText: 'SF-E2E-PAY-1' }).waitFor({ timeout: 15_000 });
    await shown('.order-track-1 .order-track-label').filter({ hasText: '已揽件' }).waitFor();

    // 去支付 → the local pay sheet → 确认支付 → 支付成功.
    await shown('.order-pay-button').click();
    await shown('.pay-start').click();
    await shown('.pay-sheet-amount')
      .filter({ hasText: formatFen(order.payable) })
      .waitFor({ timeout: 15_000 });
    await shown('.pay-sheet-confirm').click();
    await shown('.pay-done-title').filter({ hasText: '支付成功' }).waitFor({ timeout: 15_000 });
    const outTradeNo = /W[0-9a-f]{30}/.exec((await shown('.pay-done').textContent()) ?? '')?.[0];
    expect(outTradeNo).toBeDefined();

    // Cloud payment delivers the same result again: answered { errcode: 0 }, nothing more recorded.
    const again = await page.evaluate(
      async (no) =>
        (
          await fetch('/__cloud/pay', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-local-openid': 'demo-dealer-a' },
            body: JSON.stringify({ outTradeNo: no }),
          })
        ).json(),
      outTradeNo!,
    );
    expect(again).toEqual({ ok: true, data: { callbacks: [{ errcode: 0, errmsg: 'ok' }] } });
    const recorded = rows('payments').filter((p) => p['source'] === 'wechatpay' && p['dealerId'] === 'dealer-001');
    expect(recorded.map((p) => p['amount'])).toEqual([order.payable]);
    expect(receivable()).toBe(before - order.payable);

    // 对账单 of this month: the payment's line, and the closing balance is the lower receivable.
    await visit('/packages/orders/statement/index');
    await shown('.statement-next').click();
    await shown('.statement-line-payment')
      .filter({ hasText: formatFen(order.payable) })
      .waitFor({ timeout: 15_000 });
    await shown('.statement-closing')
      .filter({ hasText: formatFen(before - order.payable) })
      .waitFor();
  });

  // The PC portal (issue 17), in the same server and page at a desktop size: no second seeded server for it.
  it('lays the catalog out as a grid with the cart beside it, and 对账单 as a table, at 1280 × 800', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await as('demo-dealer-a');
    await visit('/pages/catalog/index');
    const cards = page.locator('.taro_page:visible .catalog-item');
    await cards.nth(2).waitFor({ timeout: 15_000 });
    const [a, b, c] = await Promise.all([0, 1, 2].map((i) => cards.nth(i).boundingBox()));
    await page.screenshot({ path: '/tmp/h9/portal-catalog.png' });
    // Three cards in one row, left to right.
    expect(Math.abs(a!.y - b!.y)).toBeLessThan(2);
    expect(Math.abs(a!.y - c!.y)).toBeLessThan(2);
    expect(a!.x).toBeLessThan(b!.x);
    // The cart beside the catalog: it takes what the catalog adds.
    const cart = shown('.portal-cart');
    await cart.waitFor();
    expect((await cart.boundingBox())!.x).toBeGreaterThanOrEqual(c!.x + c!.width);
    await cards.first().locator('.catalog-item-add').click();
    await shown('.portal-cart .cart-count').filter({ hasText: '共 1 种商品' }).waitFor({ timeout: 15_000 });

    // 对账单: each line is one table row — kind, reference, amount, time and balance side by side.
    await visit('/packages/orders/statement/index');
    await shown('.statement-next').click();
    const row = shown('.statement-line-payment');
    await row.waitFor({ timeout: 15_000 });
    const [kind, balance] = await Promise.all([row.locator('.statement-line-kind').boundingBox(), row.locator('.statement-line-balance').boundingBox()]);
    await page.screenshot({ path: '/tmp/h9/portal-statement.png' });
    expect(Math.abs(kind!.y - balance!.y)).toBeLessThan(4);
    expect(balance!.x).toBeGreaterThan(kind!.x + 600);
  });

  it('says on the order page that a paid order, once cancelled, went back to WeChat Pay', async () => {
    const input = { action: 'submit', clientOrderId: `e2e-refund-${Date.now()}-0001`, lines: [{ sku: 'sku-0001', qty: 5, unit: '箱' }], address: ADDRESS };
    const { order } = await ask<SubmitOutput>('orders', input, 'demo-dealer-a');
    const { outTradeNo } = await ask<PayOutput>('orders', { action: 'payOrder', orderId: order.id }, 'demo-dealer-a');
    await page.evaluate(
      async (no) =>
        fetch('/__cloud/pay', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-local-openid': 'demo-dealer-a' },
          body: JSON.stringify({ outTradeNo: no }),
        }),
      outTradeNo,
    );
    await ask('orders', { action: 'cancel', orderId: order.id, reason: '下错单了' }, 'demo-dealer-a');
    await as('demo-dealer-a');
    await visit(`/packages/orders/detail/index?id=${encodeURIComponent(order.id)}`);
    await shown('.order-refund')
      .filter({ hasText: formatFen(order.payable) })
      .waitFor({ timeout: 15_000 });
  });
});
