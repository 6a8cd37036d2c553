/**
 * A return from request to credit in a real browser against `npm start`: the dealer asks from the
 * delivered order's page (quantities limited to what came, a reason, a photo that then shows on the
 * request), the channel manager approves
 * from 订单审批 → 退货审批, the dealer registers the parcel, the admin receives it into stock; then
 * stock, receivable, statement and rebate have each moved once, by the request's credit.
 */
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import type { OrderView, StatementOutput, SubmitOutput } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import { shanghaiMonthKey } from '../../shared/time';
import { useBrowserApp } from '../helpers/browser-app';
import type { RunningServer } from '../helpers/server';

jest.setTimeout(120_000);

/** The smallest PNG: one transparent pixel. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

describe('a return in the browser against npm start', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask, shown, visit, as } = useBrowserApp((app) => ({ server, page } = app));
  /** A document as the server stored it (read-only, beside the running server). */
  const stored = <T>(coll: string, id: string): T => {
    const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare('SELECT body FROM docs WHERE coll = ? AND id = ?').get(coll, id) as { body: string } | undefined;
      return (row ? JSON.parse(row.body) : undefined) as T;
    } finally {
      db.close();
    }
  };
  /** The local build's stand-in for WeChat's subscription-consent dialog (miniapp services/persona.ts): press 允许. */
  const allowNotifications = async () => {
    await page.locator('.taro-modal__title:visible', { hasText: '允许发送以下消息？' }).waitFor();
    await page.locator('.taro-model__confirm:visible').click();
  };
  const statusIs = (label: string) => shown('.return-status').filter({ hasText: label }).waitFor({ timeout: 15_000 });

  it('goes from 申请退货 to 已退款, moving stock, receivable, statement and rebate once', async () => {
    // A delivered order of dealer A: 5 箱 of sku-0001 (120 件), shipped from wh-east.
    const input = { action: 'submit', clientOrderId: `e2e-return-${Date.now()}-0001`, lines: [{ sku: 'sku-0001', qty: 5, unit: '箱' }], address: ADDRESS };
    const { order } = await ask<SubmitOutput>('orders', input, 'demo-dealer-a');
    const lines = order.reservations.map((r) => ({ sku: r.sku, qty: r.qty }));
    await ask('orders', { action: 'ship', orderId: order.id, warehouseId: 'wh-east', carrier: '顺丰速运', trackingNo: 'SF-E2E-RET-1', lines }, 'demo-admin');
    const delivered = await ask<OrderView>('orders', { action: 'confirmReceipt', orderId: order.id }, 'demo-dealer-a');
    const before = {
      onHand: stored<{ onHand: number }>('stock', 'stock-wh-east-sku-0001').onHand,
      receivable: stored<{ receivable: number }>('accounts', 'dealer-001').receivable,
      basis: stored<{ total: { amount: number } }>('rebate_aggregates', `dealer-001:${shanghaiMonthKey(delivered.deliveredAt!)}`).total.amount,
    };

    // The dealer asks from the order page: 6 件, a reason.
    await as('demo-dealer-a');
    await visit(`/packages/orders/detail/index?id=${encodeURIComponent(order.id)}`);
    await shown('.order-return-apply').click();
    await shown('.return-qty-input input').fill('6');
    await shown('.return-reason textarea').fill('外箱破损，无法销售');
    // A photo of the damage, from the browser's file chooser (H5's chooseImage), into the local storage.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), shown('.return-photo-add').click()]);
    await chooser.setFiles({ name: 'damage.png', mimeType: 'image/png', buffer: PNG_1X1 });
    await page.locator('.return-photo:not(.return-photo-add)').first().waitFor();
    await shown('.return-submit').click();
    // The tap asks consent to the request's messages (the local stand-in for WeChat's dialog): 允许.
    await allowNotifications();
    await statusIs('待审批');
    // The stored photo (a cloud:// fileID) shows on the request: the browser reads it from the local storage.
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('.page-return-detail .return-photo img');
      return img !== null && img.complete && img.naturalWidth === 1;
    });
    expect(await page.locator('.page-return-detail .return-photo img').first().getAttribute('src')).toMatch(/^\/__storage\/returns\//);
    const requestId = decodeURIComponent(new URL(page.url().replace('#', '')).searchParams.get('id') ?? '');
    expect(requestId).toMatch(/^rr-dealer-001-/);

    // The channel manager approves from 订单审批 → 退货审批.
    await as('demo-manager');
    await visit('/packages/approvals/index');
    await shown('.approvals-returns').click();
    await shown(`.return-card-requested`).filter({ hasText: order.orderNo }).click();
    await shown('.return-approve').click();
    await allowNotifications();
    await statusIs('待寄回');

    // The dealer registers the parcel.
    await as('demo-dealer-a');
    await visit(`/packages/aftersales/detail/index?id=${encodeURIComponent(requestId)}`);
    await shown('.return-ship-back').click();
    await shown('.return-carrier input').fill('顺丰速运');
    await shown('.return-tracking input').fill('SF-E2E-BACK-1');
    await shown('.return-ship-submit').click();
    await statusIs('待收货');

    // The warehouse (admin) receives: 5 back on hand, 1 scrapped; the credit follows at once.
    await as('demo-admin');
    await visit(`/packages/aftersales/detail/index?id=${encodeURIComponent(requestId)}`);
    await shown('.return-receive').click();
    // The warehouse the order shipped from is chosen already; the others are one tap away.
    await shown('.return-warehouse-wh-east.return-warehouse-on').waitFor();
    await shown('.return-restock input').fill('5');
    await shown('.return-receive-submit').click();
    await statusIs('已退款');

    const worth = Math.round((delivered.lines[0]!.payable * 6) / delivered.lines[0]!.qty);
    await shown('.return-amount')
      .filter({ hasText: formatFen(worth) })
      .waitFor();
    expect(stored<{ onHand: number }>('stock', 'stock-wh-east-sku-0001').onHand).toBe(before.onHand + 5);
    expect(stored<{ receivable: number }>('accounts', 'dealer-001').receivable).toBe(before.receivable - worth);
    const aggregate = stored<{ total: { amount: number } }>('rebate_aggregates', `dealer-001:${shanghaiMonthKey(delivered.deliveredAt!)}`);
    expect(aggregate.total.amount).toBe(before.basis - worth);
    const { statement } = await ask<StatementOutput>('orders', { action: 'statement', month: shanghaiMonthKey(delivered.deliveredAt!) }, 'demo-dealer-a');
    expect(statement.lines.filter((l) => l.ref === requestId).map((l) => l.credit)).toEqual([worth]);
  });
});
