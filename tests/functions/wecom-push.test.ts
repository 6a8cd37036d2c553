import { FakeWecom } from '../../mocks/wecom/server';
import { randomAesKey } from '../../mocks/wecom/callbacks';
import { generate } from '../../mocks/seed';
import { AT_LIMIT_CUSTOMER, SECOND_CLERK_CUSTOMER } from '../../mocks/seed/wecom';
import type { PushTaskView } from '../../shared/contracts';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * 总部一键下发 through the wecom function and the fake WeCom server: the plan within WeCom's
 * per-customer limit, the confirmation (one WeCom task per clerk, never two), the clerk's
 * confirmation in WeCom, the execution HQ and a dealer owner see, reminders, Moments, the 话术 library.
 */
jest.setTimeout(30_000);
const fake = new FakeWecom({ corpId: 'wwtest00000000push01', token: 'TestToken2026', aesKey: randomAesKey(), secret: 'test-secret' });
const demo = generate();
const clerk = demo.users.find((u) => u.openid === 'demo-clerk')!;
const winterCode = demo.campaign_codes.find((c) => c.clerkId === clerk._id && c.campaignId === 'qh-winter-2026')!;
// The store's other clerk with a customer (the seed gives one to her).
const second = { _id: demo.wecom_customers.find((c) => c._id === SECOND_CLERK_CUSTOMER)!.relations[0]!.userId };
const content = {
  title: '暖冬热饮上新',
  text: '天冷了，青禾热饮全线上新，点卡片领 ¥10 立减券。',
  card: { campaignId: 'qh-winter-2026', title: '领 ¥10 热饮立减券' },
  channel: 'single',
  audience: { regions: ['east'], levels: ['A'], tags: [] },
};

let t: ReturnType<typeof seededCloud>;
const saved = { ...process.env };
beforeAll(async () => {
  await fake.start();
  Object.assign(process.env, fake.env(), { WECOM_PROCESS_AFTER_ANSWER: '0', WECOM_RETRY_BASE_MS: '1', WECOM_RETRY_CAP_MS: '5', LOCAL_CLOUD_QUIET: '1' });
  t = seededCloud();
  for (const s of demo.wecom_staff) fake.addMember(s._id, s.name);
  for (const c of demo.wecom_customers) for (const r of c.relations) fake.addContact({ userId: r.userId, name: c.name ?? '客户', externalUserId: c._id });
});
afterAll(async () => {
  t.cleanup();
  await fake.stop();
  process.env = saved;
});

const admin = <T = PushTaskView>(event: Record<string, unknown>) => t.call<T>('wecom', event, 'demo-admin');
const clerkOf = (v: PushTaskView, userId: string) => v.clerks.find((c) => c.userId === userId)!;
async function drain(): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await t.cloud.trigger('wecom', 'processQueue');
    if (!t.cloud.store.all('wecom_jobs').some((j) => j['status'] === 'pending' || j['status'] === 'running')) return;
  }
  throw new Error('queue did not drain');
}

describe('an HQ content task for 华东 with a mini-program card', () => {
  let plan: PushTaskView;

  it('plans per clerk within the month’s limit: who receives it, and who is skipped and why — and sends nothing yet', async () => {
    plan = okData(await admin({ action: 'pushPlan', ...content }));
    const mine = clerkOf(plan, 'zhangxiaoli');
    expect(mine).toEqual(expect.objectContaining({ customers: 2, code: winterCode._id, status: 'planned' }));
    expect(mine.skipped).toEqual([
      expect.objectContaining({ externalUserId: AT_LIMIT_CUSTOMER, reason: 'over_limit', reasonText: `本月已收到 30 条企业群发（上限 30 条）` }),
    ]);
    expect(clerkOf(plan, second._id)).toEqual(expect.objectContaining({ customers: 1, status: 'planned' }));
    expect(clerkOf(plan, second._id).code).toMatch(/^Q/);
    expect(plan.window).toEqual(expect.objectContaining({ rule: 'month_days', limit: 30 }));
    expect(fake.callsTo('externalcontact/add_msg_template')).toHaveLength(0);
  });

  it('is HQ’s to plan: a clerk or a dealer owner is refused, and a Moments post cannot carry a card', async () => {
    expect((await t.call('wecom', { action: 'pushPlan', ...content }, 'demo-clerk')).ok).toBe(false);
    expect((await t.call('wecom', { action: 'pushPlan', ...content }, 'demo-dealer-a')).ok).toBe(false);
    const moment = (await admin({ action: 'pushPlan', ...content, channel: 'moment' })) as Envelope;
    expect(moment.ok ? null : moment.error.code).toBe('INVALID_INPUT');
  });

  it('on confirmation creates one WeCom task per clerk, sent by her, whose card opens her own campaign code', async () => {
    const view = okData(await admin({ action: 'pushConfirm', taskId: plan.taskId }));
    const calls = fake.callsTo('externalcontact/add_msg_template');
    expect(calls.map((c) => c.body!['sender']).sort()).toEqual(['zhangxiaoli', second._id].sort());
    const mine = calls.find((c) => c.body!['sender'] === 'zhangxiaoli')!.body!;
    expect((mine['external_userid'] as string[]).sort()).toEqual(['wmDemoCustomer0002', 'wmDemoCustomer0003']);
    const card = (mine['attachments'] as Array<{ msgtype: string; miniprogram?: { page: string } }>).find((a) => a.msgtype === 'miniprogram')!;
    expect(card.miniprogram!.page).toContain(`scene=${winterCode._id}`);
    expect(view.clerks.every((c) => c.status === 'created' && !c.sent)).toBe(true);
    // The budget counted each receiving customer once.
    const budget = t.cloud.store.all('wecom_push_budget').find((b) => b['externalUserId'] === SECOND_CLERK_CUSTOMER)!;
    expect(budget['count']).toBe(1);
  });

  it('a second confirmation (a double tap, a retry) creates nothing more and consumes no budget again', async () => {
    await admin({ action: 'pushConfirm', taskId: plan.taskId });
    await drain();
    expect(fake.callsTo('externalcontact/add_msg_template')).toHaveLength(2);
    expect(t.cloud.store.all('wecom_push_budget').find((b) => b['externalUserId'] === SECOND_CLERK_CUSTOMER)!['count']).toBe(1);
  });

  it('a retry after WeCom made the task but its answer was lost adopts that task instead of making a second', async () => {
    const id = `${plan.taskId}:${second._id}`;
    const made = t.cloud.store.get('wecom_push_sends', id)!.doc['msgid'];
    await t.db
      .collection('wecom_push_sends')
      .doc(id)
      .update({ data: { status: 'queued', msgid: null } });
    await t.db
      .collection('wecom_jobs')
      .doc(`push:${id}`)
      .update({ data: { status: 'pending', attempts: 1, nextAt: 0 } });
    await drain();
    expect(t.cloud.store.get('wecom_push_sends', id)!.doc['msgid']).toBe(made);
    expect(fake.callsTo('externalcontact/add_msg_template')).toHaveLength(2);
  });

  it('after the demo clerk sends it in WeCom, HQ sees her as sent with each customer delivered, and the other clerk as not sent', async () => {
    expect(fake.push.confirmSend('zhangxiaoli')).toBe(1);
    const view = okData(await admin({ action: 'pushTask', taskId: plan.taskId, refresh: true }));
    expect(clerkOf(view, 'zhangxiaoli')).toEqual(expect.objectContaining({ sent: true, delivered: 2, statusText: '已发送' }));
    expect(clerkOf(view, second._id)).toEqual(expect.objectContaining({ sent: false, statusText: '已下发，待导购发送' }));
    expect(view.dealers).toEqual([expect.objectContaining({ dealerId: clerk.dealerId, clerks: 2, sent: 1, rate: 50 })]);
    expect(view.totals).toEqual(expect.objectContaining({ sent: 1, rate: 50 }));
  });

  it('the dealer owner sees their own clerks’ execution; another dealer’s owner sees none of them', async () => {
    const own = okData(await t.call<PushTaskView>('wecom', { action: 'pushTask', taskId: plan.taskId }, 'demo-dealer-a'));
    expect(own.clerks.map((c) => c.userId).sort()).toEqual(['zhangxiaoli', second._id].sort());
    const other = okData(await t.call<PushTaskView>('wecom', { action: 'pushTask', taskId: plan.taskId }, 'demo-dealer-b'));
    expect(other.clerks).toHaveLength(0);
  });

  it('reminds only those who have not sent, at most 3 times in 24 hours as WeCom allows', async () => {
    const r = okData(await admin<{ reminded: number }>({ action: 'pushRemind', taskId: plan.taskId }));
    expect(r.reminded).toBe(1);
    expect(fake.callsTo('externalcontact/remind_groupmsg_send')).toHaveLength(1);
    await admin({ action: 'pushRemind', taskId: plan.taskId });
    await admin({ action: 'pushRemind', taskId: plan.taskId });
    const fourth = okData(await admin<{ reminded: number; refused: Array<{ reason: string }> }>({ action: 'pushRemind', taskId: plan.taskId }));
    expect(fourth).toEqual({ reminded: 0, refused: [expect.objectContaining({ reason: '24 小时内已提醒 3 次' })] });
    expect(fake.callsTo('externalcontact/remind_groupmsg_send')).toHaveLength(3);
  });

  it('re-checks the budget when confirming: a customer who reached the limit since the plan is skipped then', async () => {
    const next = okData(await admin({ action: 'pushPlan', ...content, title: '暖冬第二波' }));
    expect(clerkOf(next, second._id).customers).toBe(1);
    const key = `${SECOND_CLERK_CUSTOMER}:${next.window.key}`;
    await t.db
      .collection('wecom_push_budget')
      .doc(key)
      .set({ data: { externalUserId: SECOND_CLERK_CUSTOMER, window: next.window.key, count: 30, taskIds: [], updatedAt: 0 } });
    const view = okData(await admin({ action: 'pushConfirm', taskId: next.taskId }));
    expect(clerkOf(view, second._id)).toEqual(expect.objectContaining({ customers: 0, status: 'empty' }));
    expect(clerkOf(view, second._id).skipped[0]!.reasonText).toBe('本月已收到 30 条企业群发（上限 30 条）');
    expect(fake.callsTo('externalcontact/add_msg_template').filter((c) => c.body!['sender'] === second._id)).toHaveLength(1);
  });
});

describe('a Moments task', () => {
  it('goes out as add_moment_task per clerk, is followed to its moment_id, and counts as sent once she publishes', async () => {
    const plan = okData(await admin({ action: 'pushPlan', ...content, channel: 'moment', card: null, title: '暖冬朋友圈' }));
    await admin({ action: 'pushConfirm', taskId: plan.taskId });
    await drain();
    expect(fake.callsTo('externalcontact/add_moment_task').length).toBeGreaterThanOrEqual(2);
    fake.push.publishMoments('zhangxiaoli');
    const view = okData(await admin({ action: 'pushTask', taskId: plan.taskId, refresh: true }));
    expect(clerkOf(view, 'zhangxiaoli').sent).toBe(true);
    expect(clerkOf(view, second._id).sent).toBe(false);
  });
});

describe('a customer-group task', () => {
  it('goes out as add_msg_template with chat_type group per clerk, naming no customer, with her own code on the card, and counts as sent once she sends it', async () => {
    const plan = okData(await admin({ action: 'pushPlan', ...content, channel: 'group', title: '暖冬客户群' }));
    const before = fake.callsTo('externalcontact/add_msg_template').length;
    await admin({ action: 'pushConfirm', taskId: plan.taskId });
    await drain();
    const calls = fake.callsTo('externalcontact/add_msg_template').slice(before);
    // Every clerk of the chosen stores gets one, customers or not: their groups are WeCom's to know, not ours.
    const clerks = plan.clerks.map((c) => c.userId).sort();
    expect(clerks).toEqual(expect.arrayContaining(['zhangxiaoli', second._id]));
    expect(calls.map((c) => c.body!['sender']).sort()).toEqual(clerks);
    for (const c of calls) {
      expect(c.body!['chat_type']).toBe('group');
      // WeCom sends a group message to the sender's customer groups: there is no customer list to give.
      expect(c.body!['external_userid']).toBeUndefined();
    }
    const mine = calls.find((c) => c.body!['sender'] === 'zhangxiaoli')!.body!;
    const card = (mine['attachments'] as Array<{ msgtype: string; miniprogram?: { page: string } }>).find((a) => a.msgtype === 'miniprogram')!;
    expect(card.miniprogram!.page).toContain(`scene=${winterCode._id}`);
    // She sends this task's message (an earlier task of hers may still wait in WeCom).
    const msgid = String(t.cloud.store.get('wecom_push_sends', `${plan.taskId}:zhangxiaoli`)!.doc['msgid']);
    expect(fake.push.confirmSend('zhangxiaoli', msgid)).toBe(1);
    const view = okData(await admin({ action: 'pushTask', taskId: plan.taskId, refresh: true }));
    expect(clerkOf(view, 'zhangxiaoli').sent).toBe(true);
    expect(clerkOf(view, second._id).sent).toBe(false);
  });
});

describe('the 话术 library', () => {
  it('shows a clerk the scripts of campaigns she may share, counts each copy, and lets HQ edit them', async () => {
    const list = okData(
      await t.call<{ items: Array<{ scriptId: string; uses: number; campaignTitle: string }> }>('wecom', { action: 'scripts' }, 'demo-clerk'),
    );
    const welcome = list.items.find((s) => s.scriptId === 'sc-winter-welcome')!;
    expect(welcome.campaignTitle).toBe('青禾暖冬 热饮季');
    expect(okData(await t.call<{ uses: number }>('wecom', { action: 'scriptUse', scriptId: 'sc-winter-welcome' }, 'demo-clerk')).uses).toBe(welcome.uses + 1);
    const saved = okData(
      await admin<{ scriptId: string; created: boolean }>({
        action: 'scriptSave',
        campaignId: 'qh-winter-2026',
        title: '周末邀约',
        text: '周末到店试饮，领券更优惠。',
      }),
    );
    expect(saved.created).toBe(true);
    await admin({ action: 'scriptSave', scriptId: 'sc-winter-remind', campaignId: 'qh-winter-2026', title: '到店提醒', text: 'x', archived: true });
    const after = okData(await t.call<{ items: Array<{ scriptId: string }> }>('wecom', { action: 'scripts' }, 'demo-clerk')).items.map((s) => s.scriptId);
    expect(after).toContain(saved.scriptId);
    expect(after).not.toContain('sc-winter-remind');
    const gone = (await t.call('wecom', { action: 'scriptUse', scriptId: 'sc-winter-remind' }, 'demo-clerk')) as Envelope;
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
    expect((await t.call('wecom', { action: 'scriptSave', campaignId: 'qh-winter-2026', title: '越权', text: 'x' }, 'demo-clerk')).ok).toBe(false);
  });
});
