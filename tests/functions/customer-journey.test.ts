import { FakeWecom } from '../../mocks/wecom/server';
import { httpAccessEvent, randomAesKey } from '../../mocks/wecom/callbacks';
import type { SignedRequest } from '../../mocks/wecom/callbacks';
import { generate } from '../../mocks/seed';
import type { CustomerItem, PushTaskView } from '../../shared/contracts';
import type { CustomerJourneyView } from '../../shared/contracts/wecom-journey';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * One record per customer journey, through the wecom and campaigns functions and the fake WeCom
 * server: a customer added through the clerk's 「联系我」 code who then opens the landing page,
 * leaves a lead and redeems is one customer with that whole timeline; HQ's message she received is
 * on it; only those who serve her see it; and on the clerk's departure it moves with her.
 */
jest.setTimeout(30_000);
const fake = new FakeWecom({ corpId: 'wwtest0000journey01', token: 'TestToken2026', aesKey: randomAesKey(), secret: 'test-secret' });
const demo = generate();
const clerk = demo.users.find((u) => u.openid === 'demo-clerk')!;
const owner = demo.users.find((u) => u.role === 'dealer' && u.dealerId === clerk.dealerId && u.status === 'active')!;
const sameStore = demo.wecom_staff.find((s) => s.dealerId === clerk.dealerId && s.clerkId !== clerk._id && s.status === 'active')!;
const otherStore = demo.users.find((u) => u.role === 'clerk' && u.status === 'active' && u.dealerId !== clerk.dealerId)!;
const CONSUMER = { openid: 'consumer-lin', unionid: 'union-lin-0001' };

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

const post = (req: SignedRequest) => t.cloud.invoke('wecom', httpAccessEvent('POST', req.query, req.body), { source: 'wx_http' });
const asConsumer = <T>(fn: string, event: Record<string, unknown>) => t.cloud.invoke(fn, event, CONSUMER) as Promise<Envelope<T>>;
const journey = (openid: string, externalUserId: string) => t.call<CustomerJourneyView>('wecom', { action: 'customerJourney', externalUserId }, openid);
async function drain(): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await t.cloud.trigger('wecom', 'processQueue');
    if (!t.cloud.store.all('wecom_jobs').some((j) => j['status'] === 'pending' || j['status'] === 'running')) return;
  }
  throw new Error('queue did not drain');
}

describe("a customer added through the clerk's 「联系我」 code who visits, leaves a lead and redeems", () => {
  let code = '';
  let campaign = { id: '', title: '' };
  let ext = '';

  beforeAll(async () => {
    const list = okData(await t.call<{ items: Array<{ id: string; title: string; phase: string }> }>('campaigns', { action: 'list' }, 'demo-clerk'));
    campaign = list.items.find((c) => c.phase === 'running')!;
    code = okData(await t.call<{ code: string }>('campaigns', { action: 'myCode', campaignId: campaign.id }, 'demo-clerk')).code;
    okData(await t.call('wecom', { action: 'contactWay', campaignId: campaign.id }, 'demo-clerk'));
    // She scans the clerk's 「联系我」 code: WeCom calls back with its state, the profile sync learns her unionid.
    const added = fake.addContact({ userId: 'zhangxiaoli', name: '林女士', unionid: CONSUMER.unionid, state: code });
    ext = added.externalUserId;
    await post(fake.callback({ changeType: 'add_external_contact', userId: 'zhangxiaoli', externalUserId: ext, state: code, createTime: added.createTime }));
    await drain();
    // In the mini-program: the landing page links her (linkMe), she leaves a lead; in store the clerk redeems her coupon.
    okData(await asConsumer('campaigns', { action: 'landing', scene: code }));
    expect(okData(await asConsumer<{ linked: boolean }>('wecom', { action: 'linkMe' })).linked).toBe(true);
    const lead = okData(
      await asConsumer<{ coupon: { couponCode: string } }>('campaigns', { action: 'lead', scene: code, name: '林女士', mobile: '13900139000', consent: true }),
    );
    okData(await t.call('campaigns', { action: 'redeem', couponCode: lead.coupon.couponCode, saleAmount: 12_800 }, 'demo-clerk'));
  });

  it('is one customer: one record for the WeCom contact and the mini-program user, joined by unionid', async () => {
    const records = t.cloud.store.all('wecom_customers').filter((c) => c['unionid'] === CONSUMER.unionid);
    expect(records.map((r) => r._id)).toEqual([ext]);
    expect(records[0]!['linkedOpenids']).toEqual([CONSUMER.openid]);
    // linkMe again (the landing page on another day) writes nothing.
    const before = JSON.stringify([t.cloud.store.all('wecom_links'), t.cloud.store.all('wecom_customers')]);
    await asConsumer('wecom', { action: 'linkMe' });
    expect(JSON.stringify([t.cloud.store.all('wecom_links'), t.cloud.store.all('wecom_customers')])).toBe(before);
  });

  it('the clerk sees the whole timeline: added through her 「联系我」 code, the visit, the lead, the coupon and the redemption with its amount', async () => {
    const j = okData(await journey('demo-clerk', ext));
    expect(j.customer).toEqual(expect.objectContaining({ name: '林女士', userId: 'zhangxiaoli', clerkName: clerk.name, linkedUsers: 1 }));
    expect(j.customer.tags.map((x) => x.kind).sort()).toEqual(['campaign', 'channel', 'clerk']);
    expect(j.broughtBy).toEqual({ campaignId: campaign.id, campaignTitle: campaign.title, code, clerkName: clerk.name, via: 'contact_way' });
    const kinds = j.entries.map((e) => e.kind);
    expect([...kinds].sort()).toEqual(['added', 'coupon', 'lead', 'redemption', 'visit']);
    expect(j.entries.find((e) => e.kind === 'added')!.text).toBe(`扫「联系我」码添加了导购${clerk.name}`);
    expect(j.entries.find((e) => e.kind === 'redemption')).toEqual(
      expect.objectContaining({ amount: 12_800, code, campaignTitle: campaign.title, ownStore: true }),
    );
    expect(j.entries.find((e) => e.kind === 'redemption')!.text).toContain('¥128.00');
    expect(j.totals).toEqual({ visits: 1, leads: 1, coupons: 1, redemptions: 1, sales: 12_800 });
    // Newest first; at the same instant the later step first.
    expect(j.entries.map((e) => e.at)).toEqual([...j.entries.map((e) => e.at)].sort((a, b) => b - a));
    expect(kinds.indexOf('redemption')).toBeLessThan(kinds.indexOf('lead'));
  });

  it('an HQ message she received (WeCom says delivered) is on the timeline', async () => {
    const content = { title: '暖冬热饮上新', text: '天冷了，青禾热饮上新。', channel: 'single', audience: { regions: [], levels: [], tags: [] } };
    const plan = okData(await t.call<PushTaskView>('wecom', { action: 'pushPlan', ...content }, 'demo-admin'));
    okData(await t.call('wecom', { action: 'pushConfirm', taskId: plan.taskId }, 'demo-admin'));
    await drain();
    fake.push.confirmSend('zhangxiaoli');
    okData(await t.call('wecom', { action: 'pushTask', taskId: plan.taskId, refresh: true }, 'demo-admin'));
    const message = okData(await journey('demo-clerk', ext)).entries.find((e) => e.kind === 'message');
    expect(message?.text).toBe(`收到${clerk.name}转发的「暖冬热饮上新」`);
  });

  it('her store’s owner and the brand see it; a clerk of another store does not, and cannot tell whether she exists', async () => {
    expect(okData(await journey(owner.openid, ext)).entries).toHaveLength(6);
    expect(okData(await journey('demo-admin', ext)).entries).toHaveLength(6);
    const other = (await journey(otherStore.openid, ext)) as Envelope;
    const nobody = (await journey(otherStore.openid, 'wmNoSuchCustomer')) as Envelope;
    expect(other.ok ? null : other.error).toEqual(nobody.ok ? null : nobody.error);
    expect(other.ok ? null : other.error.code).toBe('NOT_FOUND');
    const consumer = (await asConsumer('wecom', { action: 'customerJourney', externalUserId: ext })) as Envelope;
    expect(consumer.ok ? null : consumer.error.code).toBe('UNAUTHENTICATED');
  });

  it('我的客户 lists her with the campaign and code that brought her, page by page', async () => {
    const first = okData(
      await t.call<{ items: CustomerItem[]; total: number; nextCursor: string | null }>('wecom', { action: 'myCustomers', limit: 2 }, 'demo-clerk'),
    );
    expect(first.items[0]).toEqual(
      expect.objectContaining({ externalUserId: ext, code, campaignId: campaign.id, campaignTitle: campaign.title, linked: true }),
    );
    expect(first.nextCursor).toBe('2');
    const rest = okData(
      await t.call<{ items: CustomerItem[]; nextCursor: string | null }>('wecom', { action: 'myCustomers', limit: 2, cursor: first.nextCursor }, 'demo-clerk'),
    );
    const all = [...first.items, ...rest.items].map((i) => i.externalUserId);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toHaveLength(Math.min(4, first.total));
    const bad = (await t.call('wecom', { action: 'myCustomers', cursor: '-1' }, 'demo-clerk')) as Envelope;
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
  });

  it("on the clerk's departure the whole timeline moves with the customer to the clerk who takes over", async () => {
    const before = okData(await journey('demo-clerk', ext));
    okData(await t.call('wecom', { action: 'transferCustomers', handoverUserId: 'zhangxiaoli', takeoverUserId: sameStore._id, mode: 'on_job' }, 'demo-admin'));
    await fake.completeTransfers(1, false);
    const check = t.cloud.store.all('wecom_jobs').find((j) => j['kind'] === 'transfer_check')!;
    await t.db
      .collection('wecom_jobs')
      .doc(check._id)
      .update({ data: { nextAt: 0 } });
    await drain();
    const taker = demo.users.find((u) => u._id === sameStore.clerkId)!;
    const after = okData(await journey(taker.openid, ext));
    expect(after.customer.userId).toBe(sameStore._id);
    expect(after.broughtBy).toEqual(before.broughtBy);
    expect(after.entries.filter((e) => e.kind !== 'transferred')).toEqual(before.entries);
    expect(after.entries.find((e) => e.kind === 'transferred')!.text).toBe(`由${clerk.name}转交给${sameStore.name}`);
    const gone = (await journey('demo-clerk', ext)) as Envelope;
    expect(gone.ok ? null : gone.error.code).toBe('NOT_FOUND');
  });
});
