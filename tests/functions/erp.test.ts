/**
 * The erp function through the local cloud, against the fake Kingdee 金蝶云星空 on loopback: a push
 * that is retried makes one sales order, a delivery and a receipt are applied once, an unmapped SKU
 * is an error an admin sees, a lost session is logged into again, the reconciliation lists a
 * planted difference, and the app secret never reaches a log line or the database.
 */
import type { SubmitOutput } from '../../shared/contracts';
import type { ErpReportView, ErpSyncView } from '../../shared/contracts/erp';
import type { OrderView } from '../../shared/contracts';
import { DEMO_KINGDEE, FakeKingdee } from '../../mocks/kingdee/server';
import { demoCustomer, demoDataOf, demoMaterial, prepareDemoKingdee, saveMappings } from '../../mocks/kingdee/start';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

jest.setTimeout(30_000);
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
const fake = new FakeKingdee({ ...DEMO_KINGDEE });
let t: ReturnType<typeof seededCloud>;
const saved = { ...process.env };
/** The SKU left unmapped at first. */
const UNMAPPED = 'sku-0002';
/** prepareDemoKingdee numbers the warehouses in the store's order: wh-east, wh-south. */
const STOCK_NO: Record<string, string> = { 'wh-east': 'CK01', 'wh-south': 'CK02' };

const sync = async () => okData(await t.call<ErpSyncView>('erp', { action: 'syncNow' }, undefined, 'wx_devtools'));
const productName = (sku: string) => t.cloud.store.get('products', sku)!.doc['name'] as string;
const warehouseName = (id: string) => t.cloud.store.get('warehouses', id)!.doc['name'] as string;
const account = (dealerId: string) => t.cloud.store.get('accounts', dealerId)!.doc as unknown as { receivable: number; creditReserved: number };

/** A dealer-a order of `lines`, approved by whoever its steps wait for. */
async function approvedOrder(clientOrderId: string, lines: Array<{ sku: string; qty: number }>): Promise<OrderView> {
  const submitted = okData(
    await t.call<SubmitOutput>(
      'orders',
      { action: 'submit', clientOrderId, lines: lines.map((l) => ({ ...l, unit: '箱' })), address: ADDRESS },
      'demo-dealer-a',
      'wx_client',
    ),
  ).order as unknown as OrderView;
  let order = submitted;
  for (const approver of ['demo-manager', 'demo-admin']) {
    if (order.status !== 'pending_approval') break;
    order = okData(await t.call<OrderView>('orders', { action: 'approve', orderId: order.id }, approver, 'wx_client'));
  }
  expect(order.status).toBe('approved');
  return order;
}

beforeAll(async () => {
  await fake.start();
  Object.assign(process.env, fake.env(), { LOCAL_CLOUD_QUIET: '1' });
  t = seededCloud();
  const items = prepareDemoKingdee(fake, demoDataOf(t.cloud));
  // Only what the tests touch is mapped (each mapping is a transaction with its audit entry): the seeded
  // dealers' other approved orders stay unpushed, failing as unmapped, and SKU sku-0002 waits for its test.
  const dealerA = t.cloud.store.all('users').find((u) => u['openid'] === 'demo-dealer-a')!['dealerId'] as string;
  const wanted = new Set(['sku:sku-0001', 'sku:sku-0003', `dealer:${dealerA}`, 'warehouse:wh-east', 'warehouse:wh-south']);
  await saveMappings(
    t.cloud,
    items.filter((i) => wanted.has(`${i.kind}:${i.ourId}`)),
  );
});
afterAll(async () => {
  t.cleanup();
  await fake.stop();
  process.env = saved;
});

describe('pushing approved orders as Kingdee sales orders', () => {
  let order: OrderView;
  it('makes one audited sales order per order even when an answer is lost and the push is retried', async () => {
    order = await approvedOrder('erp-test-order-0001', [{ sku: 'sku-0001', qty: 10 }]);
    fake.loseAnswer('Save');
    const first = await sync();
    expect(first.orders.failed).toBeGreaterThanOrEqual(1);
    expect(fake.saleOrders(order.orderNo)).toHaveLength(1);
    // The lost answer was this order's save: Kingdee holds the bill, still 创建 (A).
    expect(fake.saleOrders(order.orderNo)[0]!.FDocumentStatus).toBe('A');
    const second = await sync();
    expect(second.error).toBeNull();
    expect(fake.saleOrders(order.orderNo)).toHaveLength(1);
    expect(fake.saleOrders(order.orderNo)[0]!.FDocumentStatus).toBe('C');
    expect(fake.saleOrders(order.orderNo)[0]!.head['FCustId.FNumber']).toBe(demoCustomer(order.dealerId));
    expect(t.cloud.store.get('erp_orders', order.id)?.doc).toMatchObject({ status: 'audited', billNo: order.orderNo });
    await sync();
    expect(fake.callsTo('save').filter((c) => (c.body as { data: { Model: { FBillNo: string } } }).data.Model.FBillNo === order.orderNo)).toHaveLength(1);
  });

  it('stores an unmapped SKU as that order’s error for the admins, and pushes it once the mapping exists', async () => {
    const blocked = await approvedOrder('erp-test-order-0002', [{ sku: UNMAPPED, qty: 5 }]);
    await sync();
    expect(fake.saleOrders(blocked.orderNo)).toHaveLength(0);
    const issues = okData(
      await t.call<{ orders: Array<{ id: string; error: string; unmapped: string[] }> }>('erp', { action: 'issues' }, 'demo-admin', 'wx_client'),
    );
    const issue = issues.orders.find((o) => o.id === blocked.id)!;
    expect(issue.unmapped).toEqual([`sku:${UNMAPPED}`]);
    expect(issue.error).toContain(`商品「${productName(UNMAPPED)}」`);
    expect(issue.error).not.toContain(UNMAPPED);
    okData(
      await t.call('erp', { action: 'setMappings', items: [{ kind: 'sku', ourId: UNMAPPED, erpNumber: demoMaterial(UNMAPPED) }] }, 'demo-admin', 'wx_client'),
    );
    await sync();
    expect(fake.saleOrders(blocked.orderNo)[0]?.FDocumentStatus).toBe('C');
  });

  it('logs in again when Kingdee says the session is lost, and carries on', async () => {
    const logins = fake.callsTo('loginByAppSecret').length;
    fake.expireBefore('ExecuteBillQuery');
    const res = await sync();
    expect(res.error).toBeNull();
    expect(fake.callsTo('loginByAppSecret').length).toBe(logins + 2);
    expect(fake.callsTo('executeBillQuery').some((c) => !c.ok)).toBe(true);
  });

  it('deletes a mapping with its reason in the audit log, once, and refuses a dealer', async () => {
    const item = { kind: 'sku', ourId: 'sku-0004' };
    okData(await t.call('erp', { action: 'setMappings', items: [{ ...item, erpNumber: '9.99.0004' }] }, 'demo-admin', 'wx_client'));
    const del = { action: 'deleteMappings', items: [item], reason: '该商品在金蝶中已停用' };
    expect(await t.call('erp', del, 'demo-dealer-a', 'wx_client')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(okData(await t.call('erp', del, 'demo-admin', 'wx_client'))).toEqual({ deleted: 1 });
    expect(t.cloud.store.get('erp_mappings', 'sku:sku-0004')).toBeFalsy();
    const entries = t.cloud.store.all('audit_log').filter((a) => a['action'] === 'erp.deleteMappings');
    expect(entries).toEqual([
      expect.objectContaining({ reason: '该商品在金蝶中已停用', before: expect.objectContaining({ erpNumber: '9.99.0004' }), after: null }),
    ]);
    expect(okData(await t.call('erp', del, 'demo-admin', 'wx_client'))).toEqual({ deleted: 0 });
  });

  it('refuses the sync to a dealer, and a mapping of an unknown SKU changes nothing', async () => {
    expect((await t.call('erp', { action: 'syncNow' }, 'demo-dealer-a', 'wx_client')).ok).toBe(false);
    const res = (await t.call(
      'erp',
      { action: 'setMappings', items: [{ kind: 'sku', ourId: 'sku-nope', erpNumber: 'X1' }] },
      'demo-admin',
      'wx_client',
    )) as Envelope;
    expect(res.ok ? null : res.error.code).toBe('NOT_FOUND');
  });

  describe('what Kingdee sends back', () => {
    it('applies a partial delivery once, with its carrier and waybill, however often it is read', async () => {
      const stock = STOCK_NO[order.reservations[0]!.warehouseId]!;
      fake.ship({ orderNo: order.orderNo, carrier: '顺丰速运', trackingNo: 'SF1234567890', lines: [{ material: demoMaterial('sku-0001'), qty: 48, stock }] });
      const before = account(order.dealerId);
      expect((await sync()).deliveries.applied).toBe(1);
      // Read everything again from the start: nothing is applied twice.
      await t.db
        .collection('erp_cursors')
        .doc('deliveries')
        .update({ data: { since: 0 } });
      expect((await sync()).deliveries).toEqual({ applied: 0, failed: 0 });
      const after = okData(await t.call<OrderView>('orders', { action: 'get', orderId: order.id }, 'demo-dealer-a', 'wx_client'));
      expect(after.status).toBe('partially_shipped');
      expect(after.shipments).toHaveLength(1);
      expect(after.shipments[0]).toMatchObject({ carrier: '顺丰速运', trackingNo: 'SF1234567890', lines: [{ sku: 'sku-0001', qty: 48 }] });
      expect(account(order.dealerId).receivable).toBe(before.receivable + after.shipments[0]!.amount);
    });

    it('records a receipt as the dealer’s payment once: the receivable falls by it', async () => {
      const before = account(order.dealerId).receivable;
      const { billNo } = fake.receipt({ customer: demoCustomer(order.dealerId), amount: 1234.56 });
      expect((await sync()).receipts.applied).toBe(1);
      expect(account(order.dealerId).receivable).toBe(before - 123456);
      await t.db
        .collection('erp_cursors')
        .doc('receipts')
        .update({ data: { since: 0 } });
      expect((await sync()).receipts).toEqual({ applied: 0, failed: 0 });
      expect(account(order.dealerId).receivable).toBe(before - 123456);
      const payments = t.cloud.store.all('payments').filter((p) => p['source'] === 'erp');
      expect(payments.map((p) => p['ref'])).toContain(billNo);
    });
  });
});

describe('reconciliation', () => {
  it('lists a stock difference planted in Kingdee, and stores the report as the latest', async () => {
    const stock = t.cloud.store.all('stock').find((s) => s['sku'] === 'sku-0003' && s['warehouseId'] === 'wh-east')!;
    fake.setStock({ material: demoMaterial('sku-0003'), stock: 'CK01', qty: (stock['onHand'] as number) + 7 });
    const report = okData(await t.call<ErpReportView>('erp', { action: 'reconcile' }, 'demo-admin', 'wx_client'));
    expect(report.status).toBe('ok');
    expect(report.differences).toContainEqual({
      kind: 'stock',
      key: 'sku-0003@wh-east',
      label: `${productName('sku-0003')} · ${warehouseName('wh-east')}`,
      ours: stock['onHand'],
      erp: (stock['onHand'] as number) + 7,
    });
    // The only orders Kingdee lacks are the seeded approved ones whose dealers are not mapped here.
    const unpushed = t.cloud.store
      .all('erp_orders')
      .filter((o) => o['status'] === 'failed')
      .map((o) => o['orderNo']);
    expect(unpushed.length).toBeGreaterThan(0);
    expect(report.differences.filter((d) => d.kind.startsWith('order')).map((d) => [d.kind, d.key])).toEqual(
      unpushed.sort().map((no) => ['order_missing_in_erp', no]),
    );
    const latest = okData(await t.call<{ report: ErpReportView | null }>('erp', { action: 'latestReport' }, 'demo-admin', 'wx_client'));
    expect(latest.report?.differences).toEqual(report.differences);
  });
});

describe('inventory', () => {
  it('sets our on-hand stock to Kingdee’s level, after which the reconciliation finds no stock difference', async () => {
    const planted = fake.inventory.get(`${demoMaterial('sku-0003')}@CK01`)!.qty;
    const res = await sync();
    expect(res.inventory.applied).toBeGreaterThanOrEqual(1);
    expect(t.cloud.store.all('stock').find((s) => s['sku'] === 'sku-0003' && s['warehouseId'] === 'wh-east')!['onHand']).toBe(planted);
    const report = okData(await t.call<ErpReportView>('erp', { action: 'reconcile' }, 'demo-admin', 'wx_client'));
    expect(report.differences.filter((d) => d.kind === 'stock')).toEqual([]);
  });
});

describe('credentials', () => {
  it('never appear in a log line or the database, whether the login succeeds or is refused', async () => {
    const lines: string[] = [];
    const spies = (['log', 'warn', 'error'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation((...a: unknown[]) => void lines.push(a.map(String).join(' '))),
    );
    process.env['LOCAL_CLOUD_QUIET'] = '0';
    try {
      await sync();
      process.env['KINGDEE_APPSECRET'] = 'a-wrong-secret-9f8e7d';
      const refused = await sync();
      expect(refused.error).toContain('登录失败');
    } finally {
      process.env['KINGDEE_APPSECRET'] = DEMO_KINGDEE.appSecret;
      process.env['LOCAL_CLOUD_QUIET'] = '1';
      spies.forEach((s) => s.mockRestore());
    }
    expect(lines.some((l) => l.includes('erp sync'))).toBe(true);
    expect(lines.some((l) => l.includes('kingdee login refused'))).toBe(true);
    for (const secret of [DEMO_KINGDEE.appSecret, 'a-wrong-secret-9f8e7d']) {
      expect(lines.filter((l) => l.includes(secret))).toEqual([]);
      for (const coll of ['erp_orders', 'erp_applied', 'erp_cursors', 'erp_reports', 'erp_mappings', 'audit_log']) {
        expect(JSON.stringify(t.cloud.store.all(coll))).not.toContain(secret);
      }
    }
  });
});

describe('an order cancelled here after it reached Kingdee', () => {
  const cancel = async (o: OrderView) =>
    okData(await t.call<OrderView>('orders', { action: 'cancel', orderId: o.id, reason: '客户取消订单' }, 'demo-admin', 'wx_client'));
  const link = (o: OrderView) => t.cloud.store.get('erp_orders', o.id)?.doc;

  it('un-audits and deletes its sales order there, and the reconciliation stops reporting it', async () => {
    const o = await approvedOrder('erp-test-cancel-0001', [{ sku: 'sku-0001', qty: 10 }]);
    await sync();
    expect(fake.saleOrders(o.orderNo)[0]?.FDocumentStatus).toBe('C');
    expect((await cancel(o)).status).toBe('cancelled');
    const res = await sync();
    expect(res.orders.cancelled).toBe(1);
    expect(fake.saleOrders(o.orderNo)).toHaveLength(0);
    expect(fake.callsTo('unAudit').map((c) => (c.body as { data: { Numbers: string[] } }).data.Numbers)).toContainEqual([o.orderNo]);
    expect(link(o)).toMatchObject({ status: 'cancelled', cancelledAs: 'deleted' });
    expect((await sync()).orders.cancelled).toBe(0);
    const report = okData(await t.call<ErpReportView>('erp', { action: 'reconcile' }, 'demo-admin', 'wx_client'));
    expect(report.differences.filter((d) => d.key === o.orderNo)).toEqual([]);
  });

  it('closes the sales order whole when Kingdee already delivered against it and refuses to un-audit it', async () => {
    const o = await approvedOrder('erp-test-cancel-0002', [{ sku: 'sku-0001', qty: 10 }]);
    await sync();
    // Kingdee's warehouse ships before the delivery comes back, and the order is cancelled here meanwhile.
    fake.ship({ orderNo: o.orderNo, carrier: '顺丰速运', trackingNo: 'SF0000000002', lines: [{ material: demoMaterial('sku-0001'), qty: 12, stock: 'CK01' }] });
    await cancel(o);
    const res = okData(await t.call<ErpSyncView>('erp', { action: 'syncNow', feeds: ['orders'] }, undefined, 'wx_devtools'));
    expect(res.orders.cancelled).toBe(1);
    expect(fake.saleOrders(o.orderNo)[0]).toMatchObject({ FDocumentStatus: 'C', head: expect.objectContaining({ FCloseStatus: 'B' }) });
    expect(link(o)).toMatchObject({ status: 'cancelled', cancelledAs: 'closed' });
    const report = okData(await t.call<ErpReportView>('erp', { action: 'reconcile' }, 'demo-admin', 'wx_client'));
    expect(report.differences.filter((d) => d.key === o.orderNo)).toEqual([]);
  });

  it('lists a cancellation Kingdee keeps refusing among the issues, with its refusal, until it goes through', async () => {
    const o = await approvedOrder('erp-test-cancel-0003', [{ sku: 'sku-0001', qty: 10 }]);
    await sync();
    fake.ship({ orderNo: o.orderNo, carrier: '顺丰速运', trackingNo: 'SF0000000003', lines: [{ material: demoMaterial('sku-0001'), qty: 2, stock: 'CK01' }] });
    // A Kingdee user took the bill back to 重新审核 (D): with its delivery it can be neither deleted nor closed.
    fake.saleOrders(o.orderNo)[0]!.FDocumentStatus = 'D';
    await cancel(o);
    const issues = async () =>
      okData(await t.call<{ orders: Array<{ id: string; status: string; error: string | null }> }>('erp', { action: 'issues' }, 'demo-admin', 'wx_client'))
        .orders;
    for (let run = 0; run < 2; run++) {
      const res = okData(await t.call<ErpSyncView>('erp', { action: 'syncNow', feeds: ['orders'] }, undefined, 'wx_devtools'));
      expect(res.orders.cancelled).toBe(0);
      expect((await issues()).find((i) => i.id === o.id)).toMatchObject({ status: 'audited', error: expect.stringContaining('取消同步失败') });
    }
    fake.saleOrders(o.orderNo)[0]!.FDocumentStatus = 'C';
    expect(okData(await t.call<ErpSyncView>('erp', { action: 'syncNow', feeds: ['orders'] }, undefined, 'wx_devtools')).orders.cancelled).toBe(1);
    expect((await issues()).some((i) => i.id === o.id)).toBe(false);
  });
});
