/**
 * The two-way ERP flow in a real browser against `npm start` and its fake Kingdee 金蝶云星空: a
 * dealer's approved order is pushed as an audited Kingdee sales order; the ERP ships part of it
 * with a waybill and records a receipt; after a sync the dealer sees 部分发货 with the waybill on the
 * order, the payment lowering the balance on 对账单 and the credit it freed on 我的. The admin sees
 * the reconciliation on 金蝶对账.
 */
import type { Page } from 'playwright-core';
import type { OrderView, SubmitOutput } from '../../shared/contracts';
import type { ErpSyncView } from '../../shared/contracts/erp';
import type { CreditView } from '../../shared/contracts/dealer-credit';
import { formatFen } from '../../shared/money';
import { PERSONAS } from '../../mocks/seed/people';
import { demoCustomer, demoMaterial } from '../../mocks/kingdee/start';
import type { RunningServer } from '../helpers/server';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(120_000);
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
const STOCK_NO: Record<string, string> = { 'wh-east': 'CK01', 'wh-south': 'CK02' };
const PAID_YUAN = 2345.67;

describe('an order’s round trip through Kingdee, seen in the browser', () => {
  let page!: Page;
  let server!: RunningServer;
  const { ask, shown, visit, as } = useBrowserApp((app) => ({ page, server } = app));
  /** The fake Kingdee's loopback admin hook, as npm start printed it. */
  const erpHook = async <T>(op: string, body?: unknown): Promise<T> => {
    const base = /KINGDEE_FAKE (\S+)/.exec(server.output())![1]!;
    const res = await fetch(
      `${base}/__fake/${op}`,
      body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    const json = (await res.json()) as T & { error?: string };
    if (!res.ok) throw new Error(`${op}: ${json.error ?? res.status}`);
    return json;
  };
  const credit = async () => (await ask<{ credit: CreditView }>('dealers', { action: 'myCredit' }, PERSONAS.dealerA)).credit;

  it('pushes the dealer’s approved order as an audited Kingdee sales order, then brings back a partial delivery and a payment', async () => {
    const submitted = await ask<SubmitOutput>(
      'orders',
      { action: 'submit', clientOrderId: 'e2e-erp-order-0001', lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS },
      PERSONAS.dealerA,
    );
    let order = submitted.order as unknown as OrderView;
    for (const approver of [PERSONAS.manager, PERSONAS.admin]) {
      if (order.status === 'pending_approval') order = await ask<OrderView>('orders', { action: 'approve', orderId: order.id }, approver);
    }
    expect(order.status).toBe('approved');
    // The feeds this flow needs (the first inventory read sets every mapped SKU's level: the function tests cover it).
    const pushed = await ask<ErpSyncView>('erp', { action: 'syncNow', feeds: ['orders'] }, PERSONAS.admin);
    expect(pushed.error).toBeNull();
    const state = await erpHook<{ saleOrders: Array<{ billNo: string; status: string; 'FCustId.FNumber': string }> }>('state');
    expect(state.saleOrders.filter((s) => s.billNo === order.orderNo)).toEqual([
      expect.objectContaining({ status: 'C', 'FCustId.FNumber': demoCustomer(order.dealerId) }),
    ]);

    const before = await credit();
    const stock = STOCK_NO[order.reservations[0]!.warehouseId]!;
    await erpHook('ship', {
      orderNo: order.orderNo,
      carrier: '顺丰速运',
      trackingNo: 'SF7788990011',
      lines: [{ material: demoMaterial('sku-0001'), qty: 48, stock }],
    });
    const { billNo } = await erpHook<{ billNo: string }>('receipt', { customer: demoCustomer(order.dealerId), amount: PAID_YUAN, note: '十二月回款' });
    const back = await ask<ErpSyncView>('erp', { action: 'syncNow', feeds: ['deliveries', 'receipts'] }, PERSONAS.admin);
    expect(back).toMatchObject({ error: null, deliveries: { applied: 1 }, receipts: { applied: 1 } });
    const after = await credit();
    expect(after.headroom).toBe(before.headroom + Math.round(PAID_YUAN * 100));

    // 部分发货 with the waybill, on the dealer's order page.
    await as(PERSONAS.dealerA);
    await visit(`/packages/orders/detail/index?id=${encodeURIComponent(order.id)}`);
    await expect(shown('.order-status').textContent()).resolves.toBe('部分发货');
    await expect(shown('.order-shipment-tracking').textContent()).resolves.toBe('SF7788990011');

    // The payment on this month's 对账单, lowering the balance.
    await visit('/packages/orders/statement/index');
    await shown('.statement-closing').waitFor();
    await shown('.statement-next').click();
    const payment = shown(`.statement-line-payment:has-text("${billNo}")`);
    await expect(payment.locator('.statement-line-credit').textContent()).resolves.toBe(`-${formatFen(Math.round(PAID_YUAN * 100))}`);

    // The freed credit, from 我的 → 信用额度.
    await visit('/pages/me/index');
    await shown('.me-credit').click();
    await shown('.me-credit-headroom').waitFor();
    await expect(shown('.me-credit-headroom').textContent()).resolves.toBe(formatFen(after.headroom));
  });

  it('shows the admin the reconciliation on 金蝶对账, each difference with both sides', async () => {
    await as(PERSONAS.admin);
    await visit('/pages/me/index');
    await shown('.me-erp').click();
    await shown('.page-state-empty').waitFor();
    await shown('.erp-reconcile').click();
    await shown('.erp-report-status').waitFor();
    const { report } = await ask<{ report: { differences: Array<{ kind: string; key: string }> } | null }>('erp', { action: 'latestReport' }, PERSONAS.admin);
    await expect(shown('.erp-report-status').textContent()).resolves.toContain(
      report!.differences.length === 0 ? '两边一致' : `${report!.differences.length} 处差异`,
    );
    await expect(page.locator('.taro_page:visible .erp-difference').count()).resolves.toBe(report!.differences.length);
  });

  it('lets the admin edit a Kingdee mapping and issue a partner key whose secret shows once', async () => {
    await as(PERSONAS.admin);
    await visit('/packages/erp/reconcile/index');
    await shown('.erp-mappings').click();
    await shown('.mapping').first().waitFor();
    await shown('.mapping-edit').first().click();
    const ourId = await shown('.field-our-id input').inputValue();
    await shown('.field-erp-number input').fill('9.99.0001');
    await shown('.mapping-save').click();
    await shown('.mapping-new').waitFor();
    const { items } = await ask<{ items: Array<{ ourId: string; erpNumber: string }> }>('erp', { action: 'mappings', kind: 'sku' }, PERSONAS.admin);
    expect(items.find((i) => i.ourId === ourId)?.erpNumber).toBe('9.99.0001');

    await visit('/packages/integration/keys/index');
    await shown('.key-new').click();
    await shown('.field-partner input').fill('wms-east');
    await shown('.field-name input').fill('华东仓发货回传');
    await shown('.choice-shipments-write').click();
    await shown('.key-create').click();
    await expect(shown('.secret-once-value').textContent()).resolves.toMatch(/^psk_/);
    await shown('.secret-once-done').click();
    await expect(page.locator('.taro_page:visible .secret-once').count()).resolves.toBe(0);
    await expect(shown('.partner-key-active').first().textContent()).resolves.toContain('wms-east');
  });
});
