import type { OrderView, SubmitOutput } from '../../shared/contracts';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Separation of duties (职责分离): one person never approves two steps of one order, unless every
 * rule behind those steps says `allowSameApprover: true`. The demo's 大额订单财务审批 asks for the
 * channel manager and then finance; a brand admin may decide any step, so without this rule
 * demo-admin alone could let a ¥200,000 order through.
 */
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = () => `duties-${Date.now()}-${String(++seq).padStart(6, '0')}`;
const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);

type Product = {
  _id: string;
  sku: string;
  status: string;
  moq: number;
  multiple: number;
  listPrice: number;
  visibility: { levels: string[]; regions: string[]; dealerIds: string[] };
};
type StoredOrder = { status: string; events: unknown[]; approval: { currentStep: number; steps: Array<{ label: string; approvedBy: { id: string } | null }> } };

describe('one person may not approve two steps of one order', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const orders = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const admin = <T>(action: string, input: Record<string, unknown>) => t.call<T>('admin', { action, ...input }, undefined, 'wx_devtools');
  const stored = (id: string) => t.cloud.store.get('orders', id)!.doc as unknown as StoredOrder;

  /** The seeded two-step rule and its threshold, read from the data. */
  const bigRule = () =>
    (
      t.cloud.store.all('approval_rules') as unknown as Array<{
        _id: string;
        rule: { code: string; args: { thresholdFen?: number }; steps: Array<{ role: string; label: string }>; enabled: boolean };
      }>
    ).find((r) => r.rule.enabled && r.rule.code === 'order_amount_over' && r.rule.steps.length === 2)!;

  /** An order by demo-dealer-a above the two-step rule's threshold: credit and stock made to fit. */
  async function bigOrder(): Promise<OrderView> {
    const threshold = bigRule().rule.args.thresholdFen!;
    const p = (t.cloud.store.all('products') as unknown as Product[]).find(
      (x) => x.status === 'on_sale' && x.visibility.levels.length + x.visibility.regions.length + x.visibility.dealerIds.length === 0,
    )!;
    const step = Math.max(p.moq, p.multiple);
    const qty = Math.ceil((threshold * 1.5) / p.listPrice / step) * step;
    for (const s of t.cloud.store.all('stock').filter((s) => s['sku'] === p.sku))
      await t.db
        .collection('stock')
        .doc(s._id)
        .update({ data: { onHand: (s['reserved'] as number) + qty } });
    const account = t.cloud.store.get('accounts', 'dealer-001')!.doc as unknown as { receivable: number; creditReserved: number };
    await t.db
      .collection('dealers')
      .doc('dealer-001')
      .update({ data: { creditLimit: account.receivable + account.creditReserved + p.listPrice * qty } });
    const { order } = okData(
      await orders<SubmitOutput>('submit', { clientOrderId: clientId(), lines: [{ sku: p.sku, qty }], address: ADDRESS }, 'demo-dealer-a'),
    );
    expect(order.payable).toBeGreaterThan(threshold);
    expect(order.status).toBe('pending_approval');
    expect(order.approval!.steps.map((s) => s.role)).toEqual(bigRule().rule.steps.map((s) => s.role));
    return order;
  }

  it('refuses the brand admin who approved the manager’s step when they try the finance step too, and changes nothing', async () => {
    const order = await bigOrder();
    const [first, second] = order.approval!.steps;
    okData(await orders('approve', { orderId: order.id }, 'demo-admin'));
    const before = stored(order.id);
    const again = await orders('approve', { orderId: order.id }, 'demo-admin');
    expect(codeOf(again)).toBe('FORBIDDEN');
    if (!again.ok) expect(again.error.message).toBe(`职责分离：您已审批本订单的「${first!.label}」，「${second!.label}」须由另一位审批人处理`);
    expect(stored(order.id)).toEqual(before);
    expect(before.status).toBe('pending_approval');
    // Someone else may: the cloud console approves the finance step.
    const approved = okData(await orders<OrderView>('approve', { orderId: order.id }));
    expect(approved.status).toBe('approved');
    expect(stored(order.id).approval.steps.map((s) => s.approvedBy?.id)).toEqual(['demo-admin', 'console']);
  });

  it('lets the channel manager and the brand admin each approve their own step', async () => {
    const order = await bigOrder();
    okData(await orders('approve', { orderId: order.id }, 'demo-manager'));
    expect(okData(await orders<OrderView>('approve', { orderId: order.id }, 'demo-admin')).status).toBe('approved');
  });

  it('still lets the person who approved one step reject the next (rejecting lets nothing through)', async () => {
    const order = await bigOrder();
    okData(await orders('approve', { orderId: order.id }, 'demo-admin'));
    expect(okData(await orders<OrderView>('reject', { orderId: order.id, reason: '金额需复核' }, 'demo-admin')).status).toBe('rejected');
  });

  it('allows one person both steps only when every rule behind them says allowSameApprover', async () => {
    const rules = (t.cloud.store.all('approval_rules') as unknown as Array<{ _id: string; rule: Record<string, unknown> & { enabled: boolean } }>).filter(
      (r) => r.rule.enabled,
    );
    const originals = rules.map((r) => r.rule);
    try {
      // Only the two-step rule waives it: the manager step is also asked for by the other amount rule, so it still holds.
      okData(await admin('upsertApprovalRule', { rule: { ...bigRule().rule, allowSameApprover: true } }));
      const partly = await bigOrder();
      okData(await orders('approve', { orderId: partly.id }, 'demo-admin'));
      expect(codeOf(await orders('approve', { orderId: partly.id }, 'demo-admin'))).toBe('FORBIDDEN');
      // Every rule waives it: the admin may do both.
      for (const r of originals) okData(await admin('upsertApprovalRule', { rule: { ...r, allowSameApprover: true } }));
      const waived = await bigOrder();
      expect(waived.approval!.matched.every((m) => m.allowSameApprover === true)).toBe(true);
      okData(await orders('approve', { orderId: waived.id }, 'demo-admin'));
      expect(okData(await orders<OrderView>('approve', { orderId: waived.id }, 'demo-admin')).status).toBe('approved');
    } finally {
      for (const r of originals) okData(await admin('upsertApprovalRule', { rule: r }));
    }
  });
});
