import type { OrderView, PayOutput, PayStatusOutput, StatementOutput, SubmitOutput, TrackOutput } from '../../shared/contracts';
import { shanghaiMonthKey } from '../../shared/time';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Paying online (WeChat Pay through cloud payment) and tracking, through the orders function and
 * the local cloud's cloudPay and logistics.getPath: a pay-in, its callback delivered more than
 * once and recorded once, forged callbacks, refunds on cancel, paying down the receivable within
 * bounds, and each shipment's timeline — always only the caller's own orders.
 */
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = (p = 'pay') => `${p}-${Date.now()}-${String(++seq).padStart(6, '0')}`;
const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);

describe('paying online and tracking through the orders function', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const orders = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const receivable = () => (t.cloud.store.get('accounts', 'dealer-001')?.doc as unknown as { receivable: number }).receivable;
  const paymentsOf = (ref: string) => t.cloud.store.all('payments').filter((p) => p['ref'] === ref);
  const refundEvents = (orderId: string) =>
    t.cloud.store.all('outbox').filter((e) => e['type'] === 'payment.refunded' && (e['data'] as { orderId: string }).orderId === orderId);
  async function paid(order: OrderView): Promise<PayOutput> {
    const pay = okData(await orders<PayOutput>('payOrder', { orderId: order.id }, 'demo-dealer-a'));
    await t.cloud.pay(pay.outTradeNo, 'demo-dealer-a');
    return pay;
  }

  async function placed(): Promise<OrderView> {
    const { order } = okData(
      await orders<SubmitOutput>(
        'submit',
        { clientOrderId: clientId('ord'), lines: [{ sku: 'sku-0001', qty: 5, unit: '箱' }], address: ADDRESS },
        'demo-dealer-a',
      ),
    );
    return order;
  }

  it('records an order paid with WeChat Pay once although the callback is delivered twice, and the receivable falls once', async () => {
    const order = await placed();
    const before = receivable();
    const pay = okData(await orders<PayOutput>('payOrder', { orderId: order.id }, 'demo-dealer-a'));
    expect(pay.amount).toBe(order.payable);
    expect(pay.payment.package).toMatch(/^prepay_id=/);
    // Asking again before paying answers the same pending pay-in.
    expect(okData(await orders<PayOutput>('payOrder', { orderId: order.id }, 'demo-dealer-a')).outTradeNo).toBe(pay.outTradeNo);
    expect(okData(await orders<PayStatusOutput>('payStatus', { outTradeNo: pay.outTradeNo }, 'demo-dealer-a')).status).toBe('pending');

    const answers = await t.cloud.pay(pay.outTradeNo, 'demo-dealer-a', 2);
    expect(answers).toEqual([
      { errcode: 0, errmsg: 'ok' },
      { errcode: 0, errmsg: 'ok' },
    ]);
    const txn = t.cloud.wxpay.trade(pay.outTradeNo)!.transactionId!;
    expect(paymentsOf(txn)).toEqual([expect.objectContaining({ amount: order.payable, method: '微信支付', source: 'wechatpay', dealerId: 'dealer-001' })]);
    expect(receivable()).toBe(before - order.payable);
    const status = okData(await orders<PayStatusOutput>('payStatus', { outTradeNo: pay.outTradeNo }, 'demo-dealer-a'));
    expect(status).toMatchObject({ status: 'paid', receivable: before - order.payable });
    // Paid in full: nothing more to pay; the statement lists the payment.
    expect(codeOf(await orders('payOrder', { orderId: order.id }, 'demo-dealer-a'))).toBe('CONFLICT');
    const { statement } = okData(await orders<StatementOutput>('statement', { month: shanghaiMonthKey(Date.now()) }, 'demo-dealer-a'));
    expect(statement.lines.filter((l) => l.ref === txn).map((l) => l.credit)).toEqual([order.payable]);
  });

  it('refuses a callback whose amount differs, or that WeChat Pay does not report paid, and records nothing', async () => {
    const order = await placed();
    const pay = okData(await orders<PayOutput>('payOrder', { orderId: order.id }, 'demo-dealer-a'));
    const before = receivable();
    const paymentsBefore = t.cloud.store.all('payments').length;
    const forged = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      subMchId: '1900000109',
      outTradeNo: pay.outTradeNo,
      transactionId: '4200000000000000000000000001',
      totalFee: pay.amount,
      timeEnd: '20261015120000',
    };
    // Not paid at WeChat Pay: queryOrder says NOTPAY.
    expect(await t.cloud.invoke('orders', forged, { source: 'wx_paycallback' })).toMatchObject({ errcode: 1 });
    // A mismatched amount, even once paid.
    const real = t.cloud.wxpay.pay(pay.outTradeNo, 'demo-dealer-a')!.callback;
    expect(await t.cloud.invoke('orders', { ...real, totalFee: 1 }, { source: 'wx_paycallback' })).toMatchObject({ errcode: 1 });
    // A payment result sent from the mini-program is no callback: the router refuses it.
    expect(codeOf((await t.cloud.invoke('orders', real, { openid: 'demo-dealer-a', source: 'wx_client' })) as Envelope<unknown>)).toBe('INVALID_INPUT');
    expect(t.cloud.store.all('payments').length).toBe(paymentsBefore);
    expect(receivable()).toBe(before);
    expect(okData(await orders<PayStatusOutput>('payStatus', { outTradeNo: pay.outTradeNo }, 'demo-dealer-a')).status).toBe('pending');
  });

  it('refunds a paid order when it is cancelled, once, tells the ERP once and the order page, and the receivable comes back', async () => {
    const order = await placed();
    const before = receivable();
    const pay = await paid(order);
    expect(receivable()).toBe(before - order.payable);
    const cancelled = okData(await orders<OrderView>('cancel', { orderId: order.id, reason: '下错单了' }, 'demo-dealer-a'));
    expect(cancelled.status).toBe('cancelled');
    expect(receivable()).toBe(before);
    expect(t.cloud.wxpay.trade(pay.outTradeNo)!.refunds.map((r) => r.refundFee)).toEqual([order.payable]);
    // Cancelling again is refused and refunds nothing more.
    expect(codeOf(await orders('cancel', { orderId: order.id, reason: '再点一次' }, 'demo-dealer-a'))).not.toBe('ok');
    expect(t.cloud.wxpay.trade(pay.outTradeNo)!.refunds).toHaveLength(1);
    expect(receivable()).toBe(before);
    // One payment.refunded event for the ERP, and the order page learns what went back.
    expect(refundEvents(order.id).map((e) => e['data'])).toEqual([
      expect.objectContaining({ orderId: order.id, outTradeNo: pay.outTradeNo, amount: order.payable, cause: 'cancel', receivable: before }),
    ]);
    expect(okData(await orders<OrderView>('get', { orderId: order.id }, 'demo-dealer-a')).onlineRefunded).toBe(order.payable);
  });

  it('finishes the refund when a cancel is retried after the first one closed the order without refunding', async () => {
    const order = await placed();
    const pay = await paid(order);
    // The first cancel committed and the function died before its refund: the order is closed, the money still in.
    await t.db
      .collection('orders')
      .doc(order.id)
      .update({ data: { status: 'cancelled', reservations: [], creditReserved: 0 } });
    expect(codeOf(await orders('cancel', { orderId: order.id, reason: '再试一次' }, 'demo-dealer-a'))).toBe('CONFLICT');
    expect(t.cloud.wxpay.trade(pay.outTradeNo)!.refunds.map((r) => r.refundFee)).toEqual([order.payable]);
    expect(codeOf(await orders('cancel', { orderId: order.id, reason: '再试一次' }, 'demo-dealer-a'))).toBe('CONFLICT');
    expect(t.cloud.wxpay.trade(pay.outTradeNo)!.refunds).toHaveLength(1);
    expect(refundEvents(order.id)).toHaveLength(1);
  });

  it('refunds a proxy order the dealer paid and then refused', async () => {
    const { order } = okData(
      await t.call<SubmitOutput>(
        'orders',
        {
          action: 'submitForDealer',
          dealerId: 'dealer-001',
          clientOrderId: clientId('proxy'),
          lines: [{ sku: 'sku-0001', qty: 5, unit: '箱' }],
          address: ADDRESS,
        },
        'demo-manager',
      ),
    );
    expect(order.status).toBe('awaiting_dealer_confirmation');
    const before = receivable();
    const pay = await paid(order);
    okData(await orders('refuseProxy', { orderId: order.id, reason: '没有订过这些' }, 'demo-dealer-a'));
    expect(t.cloud.wxpay.trade(pay.outTradeNo)!.refunds.map((r) => r.refundFee)).toEqual([order.payable]);
    expect(receivable()).toBe(before);
    expect(refundEvents(order.id)).toHaveLength(1);
  });

  it('pays down the receivable within what is owed, never more', async () => {
    const owed = receivable();
    expect(owed).toBeGreaterThan(0);
    expect(codeOf(await orders('payDown', { amount: owed + 1 }, 'demo-dealer-a'))).toBe('INVALID_INPUT');
    expect(codeOf(await orders('payDown', { amount: 0 }, 'demo-dealer-a'))).toBe('INVALID_INPUT');
    const pay = okData(await orders<PayOutput>('payDown', { amount: 12_345 }, 'demo-dealer-a'));
    await t.cloud.pay(pay.outTradeNo, 'demo-dealer-a', 3);
    expect(receivable()).toBe(owed - 12_345);
  });

  it("keeps every dealer to its own orders and pay-ins, and shows a shipped order's tracking timeline", async () => {
    const order = await placed();
    const mine = okData(await orders<PayOutput>('payOrder', { orderId: order.id }, 'demo-dealer-a'));
    expect(codeOf(await orders('payOrder', { orderId: order.id }, 'demo-dealer-b'))).toBe('NOT_FOUND');
    expect(codeOf(await orders('payStatus', { outTradeNo: mine.outTradeNo }, 'demo-dealer-b'))).toBe('NOT_FOUND');
    expect(codeOf(await orders('track', { orderId: order.id }, 'demo-dealer-b'))).toBe('NOT_FOUND');
    // Another payer cannot confirm someone else's pay sheet.
    expect(await t.cloud.pay(mine.outTradeNo, 'demo-dealer-b')).toBeNull();

    const lines = order.reservations.map((r) => ({ sku: r.sku, qty: r.qty }));
    okData(
      await orders('ship', { orderId: order.id, warehouseId: order.reservations[0]!.warehouseId, carrier: '顺丰速运', trackingNo: 'SF7700012345', lines }),
    );
    const { shipments } = okData(await orders<TrackOutput>('track', { orderId: order.id }, 'demo-dealer-a'));
    expect(shipments).toHaveLength(1);
    expect(shipments[0]).toMatchObject({ carrier: '顺丰速运', trackingNo: 'SF7700012345', error: null });
    expect(shipments[0]!.path[0]).toMatchObject({ type: 100001, label: '已揽件' });
    expect(shipments[0]!.path[0]!.msg).toMatch(/揽收/);
  });
});
