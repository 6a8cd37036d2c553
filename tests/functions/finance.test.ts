import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { forgetSubscriptionCount, outboxEventId } from '../../cloudfunctions/_capabilities/outbox';
import type { RecordPaymentOutput, SetStockLevelOutput, StockChangeOutput } from '../../shared/contracts/finance';
import type { StatementOutput, SubmitOutput } from '../../shared/contracts';
import { formatShanghai } from '../../shared/time';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = () => `finance-test-${String(++seq).padStart(6, '0')}`;

/**
 * What flows back (issue 15): payments (回款) lower the receivable, show on the statement and free
 * credit; stock is received and corrected with a trace; every change that others must hear about
 * writes one outbox event in its own transaction.
 */
describe('payments, stock and the outbox', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const admin = <T>(input: Record<string, unknown>) => t.call<T>('admin', input, undefined, 'wx_devtools');
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  const account = (dealerId: string) => t.cloud.store.get('accounts', dealerId)!.doc as unknown as { receivable: number; creditReserved: number };
  const stock = (sku: string, wh = 'wh-east') => t.cloud.store.get('stock', `stock-${wh}-${sku}`)!.doc as unknown as { onHand: number; reserved: number };
  const count = (coll: string) => t.cloud.store.all(coll).length;
  const outbox = (type?: string) => t.cloud.store.all('outbox').filter((e) => !type || e['type'] === type);

  describe('recordPayment', () => {
    it('lowers the receivable, shows on the statement as 回款 and writes one payment.recorded event', async () => {
      const before = account('dealer-001').receivable;
      const res = okData(
        await admin<RecordPaymentOutput>({ action: 'recordPayment', dealerId: 'dealer-001', amount: 123_400, method: '银行转账', ref: 'HK-T-0001' }),
      );
      expect(res).toEqual({ paymentId: expect.stringMatching(/^pay_[0-9a-f]{32}$/), duplicate: false, receivable: before - 123_400 });
      expect(account('dealer-001').receivable).toBe(before - 123_400);
      const month = formatShanghai(Date.now(), 'date').slice(0, 7);
      const st = okData(await t.call<StatementOutput>('orders', { action: 'statement', month, dealerId: 'dealer-001' }, undefined, 'wx_devtools'));
      expect(st.statement.lines.filter((l) => l.kind === 'payment' && l.ref === 'HK-T-0001').map((l) => l.credit)).toEqual([123_400]);
      const events = outbox('payment.recorded').filter((e) => e['subject'] === res.paymentId);
      expect(events).toHaveLength(1);
      expect(events[0]!['data']).toMatchObject({ dealerId: 'dealer-001', amount: 123_400, source: 'admin', receivable: res.receivable });
      expect(events[0]!['dispatched']).toBe(false);
    });

    it('frees credit: a dealer refused for credit can order after the payment', async () => {
      const dealer = t.cloud.store.get('dealers', 'dealer-001')!.doc as unknown as { creditLimit: number };
      const acc = account('dealer-001');
      // Owing all but ¥100 of the limit: a ¥5,000-odd order does not fit.
      const receivable = dealer.creditLimit - acc.creditReserved - 10_000;
      await t.db.collection('accounts').doc('dealer-001').update({ data: { receivable } });
      const submit = () =>
        t.call<SubmitOutput>(
          'orders',
          { action: 'submit', clientOrderId: clientId(), lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS },
          'demo-dealer-a',
          'wx_client',
        );
      const refused = await submit();
      expect(codeOf(refused)).toBe('CREDIT_LIMIT_EXCEEDED');
      okData(await admin({ action: 'recordPayment', dealerId: 'dealer-001', amount: 1_000_000, method: '承兑汇票', ref: 'HK-T-CREDIT' }));
      expect(account('dealer-001').receivable).toBe(receivable - 1_000_000);
      expect(codeOf(await submit())).toBe('ok');
    });

    it('records the same receipt number once, however often it is sent', async () => {
      const first = okData(
        await admin<RecordPaymentOutput>({ action: 'recordPayment', dealerId: 'dealer-001', amount: 5_000, method: '现金', ref: 'HK-T-0002' }),
      );
      const receivable = account('dealer-001').receivable;
      const [payments, events, audits] = [count('payments'), count('outbox'), count('audit_log')];
      const again = await Promise.all(
        Array.from({ length: 5 }, () =>
          admin<RecordPaymentOutput>({ action: 'recordPayment', dealerId: 'dealer-001', amount: 5_000, method: '现金', ref: 'HK-T-0002' }),
        ),
      );
      for (const r of again) expect(okData(r)).toEqual({ paymentId: first.paymentId, duplicate: true, receivable });
      expect([count('payments'), count('outbox'), count('audit_log'), account('dealer-001').receivable]).toEqual([payments, events, audits, receivable]);
    });

    it('refuses the same receipt number for a different amount, an unknown dealer and bad input, changing nothing', async () => {
      const before = [count('payments'), count('outbox'), count('audit_log'), account('dealer-001').receivable];
      const bad: Array<[Record<string, unknown>, string]> = [
        [{ dealerId: 'dealer-001', amount: 5_001, method: '现金', ref: 'HK-T-0002' }, 'CONFLICT'],
        [{ dealerId: 'dealer-nope', amount: 100, method: '现金', ref: 'HK-T-0003' }, 'NOT_FOUND'],
        [{ dealerId: 'dealer-001', amount: 0, method: '现金', ref: 'HK-T-0004' }, 'INVALID_INPUT'],
        [{ dealerId: 'dealer-001', amount: 10.5, method: '现金', ref: 'HK-T-0005' }, 'INVALID_INPUT'],
        [{ dealerId: 'dealer-001', amount: 100, method: '支付宝', ref: 'HK-T-0006' }, 'INVALID_INPUT'],
        [{ dealerId: 'dealer-001', amount: 100, method: '现金', ref: '' }, 'INVALID_INPUT'],
        [{ dealerId: 'dealer-001', amount: 100, method: '现金', ref: 'HK-T-0007', at: Date.now() + 7 * 86_400_000 }, 'INVALID_INPUT'],
      ];
      for (const [input, code] of bad) expect(codeOf(await admin({ action: 'recordPayment', ...input }))).toBe(code);
      expect([count('payments'), count('outbox'), count('audit_log'), account('dealer-001').receivable]).toEqual(before);
    });

    it('refuses a dealer, a manager and an anonymous caller', async () => {
      for (const [openid, code] of [
        ['demo-dealer-a', 'FORBIDDEN'],
        ['demo-manager', 'FORBIDDEN'],
      ] as const) {
        const r = await t.call(
          'admin',
          { action: 'recordPayment', dealerId: 'dealer-001', amount: 100, method: '现金', ref: 'HK-T-0008' },
          openid,
          'wx_client',
        );
        expect(codeOf(r)).toBe(code);
      }
    });
  });

  describe('receiveStock and adjustStock', () => {
    it('receives goods once per receipt number, with a movement and an audit entry', async () => {
      const before = stock('sku-0005');
      const input = { action: 'receiveStock', sku: 'sku-0005', warehouseId: 'wh-east', qty: 480, ref: 'RK-T-0001', reason: '采购入库' };
      const res = okData(await admin<StockChangeOutput>(input));
      expect(res).toEqual({ movementId: expect.stringMatching(/^mv_/), duplicate: false, onHand: before.onHand + 480, reserved: before.reserved });
      expect(okData(await admin<StockChangeOutput>(input)).duplicate).toBe(true);
      expect(stock('sku-0005').onHand).toBe(before.onHand + 480);
      expect(t.cloud.store.get('stock_movements', res.movementId)!.doc).toMatchObject({
        kind: 'receive',
        delta: 480,
        onHandBefore: before.onHand,
        ref: 'RK-T-0001',
      });
      expect(t.cloud.store.all('audit_log').filter((a) => a['action'] === 'admin.receiveStock')).toHaveLength(1);
    });

    it('adjusts with a reason, but never below what open orders reserved', async () => {
      const s = stock('sku-0005');
      const free = s.onHand - s.reserved;
      const tooMuch = await admin({ action: 'adjustStock', sku: 'sku-0005', warehouseId: 'wh-east', delta: -(free + 1), reason: '盘点', ref: 'PD-T-0001' });
      expect(codeOf(tooMuch)).toBe('OUT_OF_STOCK');
      expect(stock('sku-0005').onHand).toBe(s.onHand);
      const ok = okData(
        await admin<StockChangeOutput>({ action: 'adjustStock', sku: 'sku-0005', warehouseId: 'wh-east', delta: -6, reason: '破损', ref: 'PD-T-0002' }),
      );
      expect(ok.onHand).toBe(s.onHand - 6);
      expect(codeOf(await admin({ action: 'adjustStock', sku: 'sku-0005', warehouseId: 'wh-east', delta: 0, reason: '破损', ref: 'PD-T-0003' }))).toBe(
        'INVALID_INPUT',
      );
      expect(codeOf(await admin({ action: 'adjustStock', sku: 'sku-nope', warehouseId: 'wh-east', delta: 5, reason: '盘盈', ref: 'PD-T-0004' }))).toBe(
        'NOT_FOUND',
      );
      expect(stock('sku-0005').onHand).toBe(s.onHand - 6);
    });

    it('sets an absolute level only when its version is newer, keeping what orders reserved', async () => {
      // An open order holds some of the row.
      const order = { clientOrderId: clientId(), lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS };
      okData(await t.call<SubmitOutput>('orders', { action: 'submit', ...order }, 'demo-dealer-a', 'wx_client'));
      const s = stock('sku-0001');
      const level = (onHand: number, version: number) =>
        admin<SetStockLevelOutput>({ action: 'setStockLevel', sku: 'sku-0001', warehouseId: 'wh-east', onHand, version });
      const newer = okData(await level(s.reserved + 500, 2_000));
      expect(newer).toMatchObject({ applied: true, onHand: s.reserved + 500, reserved: s.reserved, shortBy: 0 });
      // A count taken earlier but arriving later changes nothing, and neither does the same one again.
      expect(okData(await level(s.reserved + 10, 1_000))).toMatchObject({ applied: false, onHand: s.reserved + 500 });
      expect(okData(await level(s.reserved + 500, 2_000))).toMatchObject({ applied: false });
      expect(stock('sku-0001')).toMatchObject({ onHand: s.reserved + 500, reserved: s.reserved });
      expect(t.cloud.store.all('stock_movements').filter((m) => m['kind'] === 'level' && m['sku'] === 'sku-0001')).toHaveLength(1);
      // Fewer on the shelf than orders hold: the count stands, the reservations stay, the shortfall is told.
      expect(s.reserved).toBeGreaterThan(0);
      const short = okData(await level(s.reserved - 1, 3_000));
      expect(short).toMatchObject({ applied: true, shortBy: 1, reserved: s.reserved });
      expect(codeOf(await level(-1, 4_000))).toBe('INVALID_INPUT');
    });
  });

  describe('the outbox', () => {
    const orders = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
      t.call<T>('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
    const eventsOf = (subject: string) =>
      t.cloud.store
        .all('outbox')
        .filter((e) => e['subject'] === subject)
        .map((e) => e['type'] as string)
        .sort();

    it('writes exactly one event per order transition, and a replayed submit or a refused repeat writes none', async () => {
      const id = clientId();
      const input = { clientOrderId: id, lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS };
      const { order } = okData(await orders<SubmitOutput>('submit', input, 'demo-dealer-a'));
      expect(order.status).toBe('approved');
      // Approved at submission: published as submitted and as approved (the ERP acts on approved orders).
      expect(eventsOf(order.id)).toEqual(['order.approved', 'order.submitted']);
      expect(okData(await orders<SubmitOutput>('submit', input, 'demo-dealer-a')).replayed).toBe(true);
      expect(eventsOf(order.id)).toEqual(['order.approved', 'order.submitted']);

      const ship = (qty: number, no: string) => orders('ship', { orderId: order.id, carrier: '顺丰速运', trackingNo: no, lines: [{ sku: 'sku-0001', qty }] });
      okData(await ship(120, 'SF0000000001'));
      okData(await ship(120, 'SF0000000002'));
      expect(eventsOf(order.id)).toEqual(['order.approved', 'order.shipped', 'order.shipped', 'order.submitted']);
      const shipped = t.cloud.store.all('outbox').filter((e) => e['subject'] === order.id && e['type'] === 'order.shipped');
      expect(shipped.map((e) => (e['data'] as { shipment: { trackingNo: string } }).shipment.trackingNo).sort()).toEqual(['SF0000000001', 'SF0000000002']);
      expect(JSON.stringify(shipped)).not.toContain(ADDRESS.mobile);

      okData(await orders('confirmReceipt', { orderId: order.id }, 'demo-dealer-a'));
      expect(codeOf(await orders('confirmReceipt', { orderId: order.id }, 'demo-dealer-a'))).not.toBe('ok');
      expect(eventsOf(order.id).filter((e) => e === 'order.delivered')).toHaveLength(1);
    });

    it('publishes a dealer admitted, changed and suspended, one event each', async () => {
      const app = t.cloud.store.all('dealer_applications').find((a) => a['status'] === 'submitted')!;
      const dealers = (action: string, input: Record<string, unknown>) => t.call('dealers', { action, ...input }, undefined, 'wx_devtools');
      okData(await dealers('approve', { applicationId: app._id, level: 'C', parentDealerId: null, creditLimitFen: 5_000_000, paymentTermDays: 30 }));
      const dealerId = `dealer-${app._id}`;
      expect(eventsOf(dealerId)).toEqual(['dealer.created']);
      const created = outbox('dealer.created').find((e) => e['subject'] === dealerId)!;
      expect(created['data']).toMatchObject({ dealerId, level: 'C', creditLimit: 5_000_000, status: 'active' });
      // No contact person or phone number leaves the app.
      expect(JSON.stringify(created['data'])).not.toContain(String(app['mobile']));
      okData(await dealers('setCredit', { dealerId, creditLimitFen: 6_000_000, paymentTermDays: 45, reason: '年度授信调整' }));
      okData(await dealers('setOrdering', { dealerId, suspended: true, reason: '逾期未回款' }));
      expect(codeOf(await dealers('setOrdering', { dealerId, suspended: true, reason: '逾期未回款' }))).toBe('CONFLICT');
      expect(eventsOf(dealerId)).toEqual(['dealer.changed', 'dealer.created', 'dealer.suspended']);
    });

    it('publishes a return once, and a repeated return id adds nothing', async () => {
      const order = t.cloud.store.all('orders').find((o) => o['dealerId'] === 'dealer-001' && o['status'] === 'completed')!;
      const line = (order['lines'] as Array<{ sku: string; qty: number }>)[0]!;
      const input = { action: 'recordReturn', orderId: order._id, returnId: 'RT-FIN-0001', lines: [{ sku: line.sku, qty: 1 }], reason: '破损退货' };
      okData(await t.call('rebates', input, undefined, 'wx_devtools'));
      okData(await t.call('rebates', input, undefined, 'wx_devtools'));
      const returned = outbox('order.returned').filter((e) => e['subject'] === order._id);
      expect(returned).toHaveLength(1);
      expect(returned[0]!['data']).toMatchObject({ returnId: 'RT-FIN-0001', orderId: order._id, dealerId: 'dealer-001' });
    });

    it('publishes each settlement credited to a wallet as rebate.settled', async () => {
      const pending = t.cloud.store.all('rebate_settlements').find((r) => r['status'] === 'pending');
      const period = (pending?.['period'] as string | undefined) ?? '2026-10';
      const dealerId = (pending?.['dealerId'] as string | undefined) ?? 'dealer-001';
      if (!pending) okData(await t.call('rebates', { action: 'closePeriod', period }, undefined, 'wx_devtools'));
      const before = outbox('rebate.settled').length;
      const r = okData(await t.call<{ credited: number }>('rebates', { action: 'approveSettlements', period, dealerId }, undefined, 'wx_devtools'));
      expect(r.credited).toBeGreaterThan(0);
      expect(outbox('rebate.settled').length - before).toBe(r.credited);
      okData(await t.call('rebates', { action: 'approveSettlements', period, dealerId }, undefined, 'wx_devtools'));
      expect(outbox('rebate.settled').length - before).toBe(r.credited);
    });

    it('publishes a cancellation once, however often it is asked', async () => {
      const { order } = okData(
        await orders<SubmitOutput>(
          'submit',
          { clientOrderId: clientId(), lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS },
          'demo-dealer-a',
        ),
      );
      const cancels = await Promise.all(Array.from({ length: 3 }, () => orders('cancel', { orderId: order.id, reason: '经销商来电取消' })));
      expect(cancels.filter((r) => r.ok)).toHaveLength(1);
      expect(eventsOf(order.id).filter((e) => e === 'order.cancelled')).toHaveLength(1);
    });
  });
  describe('the delivery kick after the commit', () => {
    const held: Array<{ id: string; release: () => void }> = [];
    const server = http.createServer((req, res) => {
      req.resume();
      // Held until the test lets go: the payment answers all the same (the kick is not awaited).
      req.on('end', () => held.push({ id: String(req.headers['webhook-id']), release: () => res.writeHead(200).end('ok') }));
    });
    const key = process.env['INTEGRATION_SECRET_KEY'];
    beforeAll(() => {
      process.env['INTEGRATION_SECRET_KEY'] = randomBytes(32).toString('base64');
      return new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    });
    afterAll(() => {
      process.env['INTEGRATION_SECRET_KEY'] = key;
      for (const h of held) h.release();
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('sends a subscribed partner the payment right after its commit, without waiting for a timer', async () => {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      okData(
        await t.call('integration', { action: 'createSubscription', partner: 'finance-test', url, events: ['payment.recorded'] }, undefined, 'wx_devtools'),
      );
      // This instance counted no subscription a moment ago and would trust that for 30 s.
      forgetSubscriptionCount();
      const paid = okData(
        await admin<RecordPaymentOutput>({ action: 'recordPayment', dealerId: 'dealer-001', amount: 8_800, method: '银行转账', ref: 'HK-T-KICK' }),
      );
      const eventId = outboxEventId('payment.recorded', paid.paymentId, 0);
      for (let i = 0; i < 150 && !held.some((h) => h.id === eventId); i++) await new Promise((r) => setTimeout(r, 20));
      expect(held.map((h) => h.id)).toContain(eventId);
      for (const h of held.splice(0)) h.release();
    });
  });
});
