/**
 * Order notifications as WeChat subscription messages, end to end through the local cloud: who
 * receives which template, that each message opens its own order, that channel managers hear only
 * of their regions, and that nobody is sent anything they did not accept (a one-time grant per
 * 允许, used up by the message). Every expectation is a whole list of messages, so removing or
 * misdirecting any notification fails a test.
 */
import type { MeOutput, OrderView, RecordSubscriptionOutput, SubmitOutput } from '../../shared/contracts';
import type { NotifyTemplate } from '../../shared/orders';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = () => `notify-test-${String(++seq).padStart(8, '0')}`;

type Registered = Extract<MeOutput, { registered: true }>;
interface Sent {
  touser: string;
  templateId: string;
  page: string | null;
}

describe('order notifications as subscription messages', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());

  const orders = <T>(action: string, input: Record<string, unknown>, openid: string) => t.call<T>('orders', { action, ...input }, openid);
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  const users = () =>
    t.cloud.store.all('users') as unknown as Array<{ _id: string; openid: string; role: string; dealerId: string | null; regions?: string[]; status: string }>;
  const dealerA = () => t.cloud.store.get('dealers', 'dealer-001')!.doc as unknown as { region: string };
  const page = (orderId: string) => `packages/orders/detail/index?id=${encodeURIComponent(orderId)}`;
  const tmpl = (template: NotifyTemplate) => `local-${template}`;
  /** Messages recorded after `from`, as who / which template / which page, in a stable order. */
  const sentSince = (from: number): Sent[] =>
    t.cloud
      .subscribeMessages()
      .slice(from)
      .map((m) => ({ touser: m.touser, templateId: m.templateId, page: m.page }))
      .sort((a, b) => `${a.touser}|${a.templateId}`.localeCompare(`${b.touser}|${b.templateId}`));
  const mark = () => t.cloud.subscribeMessages().length;

  /**
   * The user taps 允许 for these templates: WeChat records the grant (the local cloud plays the
   * dialog) and the app reports it with users.recordSubscription, exactly as the mini-program does.
   */
  const consent = async (openid: string, templates: NotifyTemplate[]): Promise<RecordSubscriptionOutput> => {
    const me = okData(await t.call<MeOutput>('users', { action: 'me' }, openid)) as Registered;
    const ids = templates.map((tp) => me.notifications.find((n) => n.template === tp)!.templateId);
    t.cloud.acceptSubscription(openid, ids);
    return okData(await t.call<RecordSubscriptionOutput>('users', { action: 'recordSubscription', accepted: templates }, openid));
  };
  const remaining = (openid: string, template: NotifyTemplate) =>
    (t.cloud.store.get('subscriptions', `${openid}:${template}`)?.doc['remaining'] as number | undefined) ?? 0;

  /** A dealer-A order of ¥3,698 that needs the channel manager (the rule set up in beforeAll). */
  const bigOrder = async (openid = 'demo-dealer-a'): Promise<OrderView> => {
    const { order } = okData(
      await orders<SubmitOutput>('submit', { clientOrderId: clientId(), lines: [{ sku: 'sku-0004', qty: 150, unit: '箱' }], address: ADDRESS }, openid),
    );
    expect(order.status).toBe('pending_approval');
    expect(order.approval?.steps.map((s) => s.role)).toEqual(['manager']);
    return order;
  };

  beforeAll(async () => {
    // Orders over ¥3,000 wait for the channel manager (through the admin action, as a brand admin
    // would), and the warehouse holds enough of the SKU for every order of this file.
    okData(
      await t.call(
        'admin',
        {
          action: 'upsertApprovalRule',
          rule: {
            code: 'order_amount_over',
            id: 'apr-3k',
            name: '三千元以上订单审批',
            args: { thresholdFen: 300_000 },
            steps: [{ role: 'manager', label: '渠道经理审批' }],
          },
        },
        undefined,
        'wx_devtools',
      ),
    );
    await t.db
      .collection('stock')
      .doc('stock-wh-east-sku-0004')
      .update({ data: { onHand: 1_000_000 } });
    const base = { name: '测试', mobile: null, createdAt: 0 };
    // A second channel manager of dealer A's region who never accepts anything, one who left
    // (disabled) but had accepted, and a second buyer of dealer A.
    await t.db.collection('users').add({
      data: {
        ...base,
        _id: 'test-manager-east',
        openid: 'test-manager-east',
        role: 'manager',
        dealerId: null,
        regions: [dealerA().region],
        status: 'active',
      },
    });
    await t.db.collection('users').add({
      data: {
        ...base,
        _id: 'test-manager-gone',
        openid: 'test-manager-gone',
        role: 'manager',
        dealerId: null,
        regions: [dealerA().region],
        status: 'disabled',
      },
    });
    await t.db
      .collection('users')
      .add({ data: { ...base, _id: 'test-buyer-a', openid: 'test-buyer-a', role: 'dealer', dealerId: 'dealer-001', status: 'active' } });
  });

  beforeEach(async () => {
    // Nobody has a grant at the start of a test: on WeChat's side nor in the app's record.
    t.cloud.revokeSubscriptions();
    for (const doc of t.cloud.store.all('subscriptions')) await t.db.collection('subscriptions').doc(doc._id).remove();
  });

  it('users.me lists the templates each role receives, with the id the consent dialog needs', async () => {
    const templatesOf = async (openid: string) => (okData(await t.call<MeOutput>('users', { action: 'me' }, openid)) as Registered).notifications;
    expect(await templatesOf('demo-dealer-a')).toEqual([
      { template: 'order_approved', templateId: tmpl('order_approved'), title: '订单审核通过通知' },
      { template: 'order_rejected', templateId: tmpl('order_rejected'), title: '订单审核驳回通知' },
      { template: 'order_cancelled', templateId: tmpl('order_cancelled'), title: '订单取消通知' },
      { template: 'order_shipped', templateId: tmpl('order_shipped'), title: '订单发货通知' },
      { template: 'order_proxy_placed', templateId: tmpl('order_proxy_placed'), title: '代客下单待确认提醒' },
      { template: 'must_read_reminder', templateId: tmpl('must_read_reminder'), title: '学习任务提醒' },
      { template: 'return_decided', templateId: tmpl('return_decided'), title: '退货审批结果通知' },
      { template: 'return_credited', templateId: tmpl('return_credited'), title: '退货退款通知' },
    ]);
    expect((await templatesOf('demo-manager')).map((n) => n.template)).toEqual([
      'order_pending_approval',
      'order_cancelled',
      'must_read_reminder',
      'insight_alert',
      'insight_brief',
      'return_requested',
    ]);
    expect((await templatesOf('demo-admin')).map((n) => n.template)).toEqual([
      'order_pending_approval',
      'order_to_ship',
      'return_requested',
      'return_shipped_back',
    ]);
    // Clerks receive no order template, only the enablement hub's must-read reminder.
    expect((await templatesOf('demo-clerk')).map((n) => n.template)).toEqual(['must_read_reminder']);
  });

  it('users.recordSubscription adds one grant per accepted template; a template the role never receives, or a clerk, records nothing', async () => {
    expect(await consent('demo-dealer-a', ['order_approved', 'order_shipped'])).toEqual({
      subscriptions: [
        { template: 'order_approved', remaining: 1 },
        { template: 'order_shipped', remaining: 1 },
      ],
    });
    expect((await consent('demo-dealer-a', ['order_approved'])).subscriptions).toEqual([{ template: 'order_approved', remaining: 2 }]);
    const before = JSON.stringify(t.cloud.store.all('subscriptions'));
    const foreign = await t.call('users', { action: 'recordSubscription', accepted: ['order_shipped', 'order_pending_approval'] }, 'demo-dealer-a');
    expect(codeOf(foreign)).toBe('INVALID_INPUT');
    if (!foreign.ok) expect(foreign.error.issues?.map((i) => i.path)).toEqual(['accepted.1']);
    expect(codeOf(await t.call('users', { action: 'recordSubscription', accepted: ['order_approved', 'order_approved'] }, 'demo-dealer-a'))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(await t.call('users', { action: 'recordSubscription', accepted: ['order_approved'] }, 'demo-clerk'))).toBe('FORBIDDEN');
    expect(codeOf(await t.call('users', { action: 'recordSubscription', accepted: ['order_approved'] }, 'someone-new'))).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(t.cloud.store.all('subscriptions'))).toBe(before);
  });

  it("an order waiting for approval reaches exactly the active channel managers of the dealer's region who accepted, linking to that order", async () => {
    const managers = users().filter((u) => u.role === 'manager');
    const inRegion = managers.filter((u) => u.status === 'active' && (u.regions ?? []).includes(dealerA().region));
    expect(inRegion.map((u) => u.openid).sort()).toEqual(['demo-manager', 'test-manager-east']);
    // Every manager accepts except test-manager-east; those of other regions and the one who left must still hear nothing.
    const elsewhere = managers.filter((u) => !(u.regions ?? []).includes(dealerA().region));
    expect(elsewhere.length).toBeGreaterThan(0);
    for (const m of [...elsewhere, ...managers.filter((u) => u.openid === 'demo-manager')]) await consent(m.openid, ['order_pending_approval']);
    t.cloud.acceptSubscription('test-manager-gone', [tmpl('order_pending_approval')]);
    await t.db
      .collection('subscriptions')
      .doc('test-manager-gone:order_pending_approval')
      .set({ data: { openid: 'test-manager-gone', template: 'order_pending_approval', remaining: 1, updatedAt: 0 } });
    // The admin accepted too, but this order's only step is the channel manager's.
    await consent('demo-admin', ['order_pending_approval']);

    const from = mark();
    const order = await bigOrder();
    expect(sentSince(from)).toEqual([{ touser: 'demo-manager', templateId: tmpl('order_pending_approval'), page: page(order.id) }]);
    const message = t.cloud.subscribeMessages().at(-1)!;
    expect(message.data['character_string1']!.value).toBe(order.orderNo);
    expect(message.data['thing4']!.value.length).toBeGreaterThan(0);
    expect(message.miniprogramState).toBe('formal');

    // The grant is used up: the next order waiting for approval sends nothing, until the manager accepts again.
    expect(remaining('demo-manager', 'order_pending_approval')).toBe(0);
    const quiet = mark();
    await bigOrder();
    expect(sentSince(quiet)).toEqual([]);
    await consent('demo-manager', ['order_pending_approval']);
    const again = mark();
    const third = await bigOrder();
    expect(sentSince(again)).toEqual([{ touser: 'demo-manager', templateId: tmpl('order_pending_approval'), page: page(third.id) }]);
  });

  it("approving tells the dealer's users who accepted order_approved and the admins who accepted order_to_ship, each linking to the order", async () => {
    const order = await bigOrder();
    await consent('test-buyer-a', ['order_approved']);
    await consent('demo-admin', ['order_to_ship']);
    // Dealer B's owner accepted order_approved: an order of dealer A is none of B's business.
    await consent('demo-dealer-b', ['order_approved']);
    const from = mark();
    okData(await orders<OrderView>('approve', { orderId: order.id }, 'demo-manager'));
    expect(sentSince(from)).toEqual([
      { touser: 'demo-admin', templateId: tmpl('order_to_ship'), page: page(order.id) },
      { touser: 'test-buyer-a', templateId: tmpl('order_approved'), page: page(order.id) },
    ]);
  });

  it('rejecting sends order_rejected with the reason, and each shipment order_shipped, to the dealer users who accepted them', async () => {
    const rejected = await bigOrder();
    await consent('demo-dealer-a', ['order_rejected', 'order_shipped']);
    const from = mark();
    okData(await orders<OrderView>('reject', { orderId: rejected.id, reason: '超出本月配额，请分批下单' }, 'demo-manager'));
    expect(sentSince(from)).toEqual([{ touser: 'demo-dealer-a', templateId: tmpl('order_rejected'), page: page(rejected.id) }]);
    expect(t.cloud.subscribeMessages().at(-1)!.data['thing4']!.value).toBe('超出本月配额，请分批下单');

    const shipped = await bigOrder();
    const approved = okData(await orders<OrderView>('approve', { orderId: shipped.id }, 'demo-manager'));
    const r = approved.reservations[0]!;
    const before = mark();
    okData(
      await orders<OrderView>(
        'ship',
        { orderId: shipped.id, warehouseId: r.warehouseId, carrier: '顺丰速运', trackingNo: 'SF2000001', lines: [{ sku: r.sku, qty: r.qty }] },
        'demo-admin',
      ),
    );
    expect(sentSince(before)).toEqual([{ touser: 'demo-dealer-a', templateId: tmpl('order_shipped'), page: page(shipped.id) }]);
  });

  it('a grant WeChat no longer holds (turned off in settings) is refused with 43101 and forgotten; the order is unaffected', async () => {
    await consent('demo-manager', ['order_pending_approval']);
    t.cloud.revokeSubscriptions('demo-manager');
    const from = mark();
    const order = await bigOrder();
    expect(order.status).toBe('pending_approval');
    expect(sentSince(from)).toEqual([]);
    expect(remaining('demo-manager', 'order_pending_approval')).toBe(0);
  });
});
