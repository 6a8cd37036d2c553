import { FakeWecom } from '../../mocks/wecom/server';
import type { SignedRequest } from '../../mocks/wecom/callbacks';
import { contactEventXml, httpAccessEvent, randomAesKey, signedEcho, signedRequest } from '../../mocks/wecom/callbacks';
import { generate } from '../../mocks/seed';
import type { CustomerRecord } from '../../shared/wecom';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * The wecom function through the local cloud, against the fake WeCom server on loopback: the
 * callback's refusals, exactly-once processing, tagging, retries, and the departure hand-over.
 */
type Http = { statusCode: number; body: string };
// The departure tests move 230 customers through signed callbacks and the queue.
jest.setTimeout(30_000);
const CORP = 'wwtest00000000corp01';
const fake = new FakeWecom({ corpId: CORP, token: 'TestToken2026', aesKey: randomAesKey(), secret: 'test-secret' });
const demo = generate();
const clerk = demo.users.find((u) => u.openid === 'demo-clerk')!;
const winterCode = demo.campaign_codes.find((c) => c.clerkId === clerk._id)!;
const otherClerk = demo.wecom_staff.find((s) => s.dealerId === clerk.dealerId && s.clerkId !== clerk._id)!;

let t: ReturnType<typeof seededCloud>;
const saved = { ...process.env };

beforeAll(async () => {
  await fake.start();
  Object.assign(process.env, fake.env(), { WECOM_PROCESS_AFTER_ANSWER: '0', WECOM_RETRY_BASE_MS: '1', WECOM_RETRY_CAP_MS: '5', LOCAL_CLOUD_QUIET: '1' });
  t = seededCloud();
  for (const s of demo.wecom_staff) fake.addMember(s._id, s.name);
});
afterAll(async () => {
  t.cleanup();
  await fake.stop();
  process.env = saved;
});

const post = (req: SignedRequest, query: Record<string, string> = req.query) =>
  t.cloud.invoke('wecom', httpAccessEvent('POST', query, req.body), { source: 'wx_http' }) as Promise<Http>;
const customer = (id: string) => t.cloud.store.get('wecom_customers', id)?.doc as unknown as CustomerRecord | undefined;
async function drain(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const r = (await t.cloud.trigger('wecom', 'processQueue')) as Envelope<{ ran: number }>;
    const pending = t.cloud.store.all('wecom_jobs').filter((j) => j['status'] === 'pending' || j['status'] === 'running');
    if (okData(r).ran === 0 && pending.length === 0) return;
    await new Promise((res) => setTimeout(res, 10));
  }
  throw new Error('queue did not drain');
}
const snapshot = () => ['wecom_jobs', 'wecom_customers'].map((c) => JSON.stringify(t.cloud.store.all(c))).join('\n');

describe('the callback URL check (GET)', () => {
  it('answers the decrypted echostr of a correctly signed check', async () => {
    const q = signedEcho(fake.settings, '1288432023552776189');
    const res = (await t.cloud.invoke('wecom', httpAccessEvent('GET', q, null), { source: 'wx_http' })) as Http;
    expect(res).toEqual(expect.objectContaining({ statusCode: 200, body: '1288432023552776189' }));
  });

  it('refuses a check signed with another token', async () => {
    const q = signedEcho({ ...fake.settings, token: 'SomeoneElse' }, 'x');
    const res = (await t.cloud.invoke('wecom', httpAccessEvent('GET', q, null), { source: 'wx_http' })) as Http;
    expect(res.statusCode).toBe(403);
  });
});

describe('a callback that is not genuine, not fresh or not new is refused or ignored, and nothing is written', () => {
  const add = (externalUserId: string, extra: Partial<{ timestamp: number; aesKey: string; receiverId: string }> = {}) =>
    signedRequest(
      fake.settings,
      contactEventXml(CORP, { changeType: 'add_external_contact', userId: 'zhangxiaoli', externalUserId }, Math.floor(Date.now() / 1000)),
      extra,
    );

  it.each([
    [
      'unsigned',
      () => {
        const r = add('wmRefused01');
        return post(r, { timestamp: r.query.timestamp, nonce: r.query.nonce });
      },
      401,
    ],
    [
      'with a tampered signature',
      () => {
        const r = add('wmRefused02');
        const s = r.query.msg_signature;
        return post(r, { ...r.query, msg_signature: (s[0] === 'a' ? 'b' : 'a') + s.slice(1) });
      },
      403,
    ],
    [
      'with a tampered body',
      () => {
        const r = add('wmRefused03');
        return post({ ...r, body: r.body.replace(/Encrypt><!\[CDATA\[(.)/, (_m, c: string) => `Encrypt><![CDATA[${c === 'A' ? 'B' : 'A'}`) });
      },
      403,
    ],
    ['encrypted with another key (signature valid)', () => post(add('wmRefused04', { aesKey: randomAesKey() })), 403],
    ['for another receiver id', () => post(add('wmRefused05', { receiverId: 'wwSomeOtherCorp' })), 403],
    ['with a stale timestamp (10 minutes old)', () => post(add('wmRefused06', { timestamp: Math.floor(Date.now() / 1000) - 600 })), 403],
    ['from the future (10 minutes ahead)', () => post(add('wmRefused07', { timestamp: Math.floor(Date.now() / 1000) + 600 })), 403],
    [
      'with a malformed body',
      () => {
        const r = add('wmRefused08');
        return post({ ...r, body: '<xml><Encrypt>' });
      },
      400,
    ],
    ['whose decrypted XML is malformed', () => post(signedRequest(fake.settings, '<xml><MsgType>event</MsgType><Event>change_external_contact')), 400],
    [
      'whose event lacks fields',
      () =>
        post(
          signedRequest(
            fake.settings,
            `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[change_external_contact]]></Event><ChangeType><![CDATA[add_external_contact]]></ChangeType></xml>`,
          ),
        ),
      400,
    ],
    ['declaring an entity', () => post(signedRequest(fake.settings, '<!DOCTYPE xml [<!ENTITY x "y">]><xml><MsgType>&x;</MsgType></xml>')), 400],
  ])('%s', async (_what, send, status) => {
    const before = snapshot();
    const res = await send();
    expect(res.statusCode).toBe(status);
    expect(snapshot()).toBe(before);
  });

  it('a replay of an accepted request is refused; a redelivery of the same event is answered and ignored', async () => {
    const createTime = Math.floor(Date.now() / 1000);
    fake.addContact({ userId: 'zhangxiaoli', name: '重放测试', externalUserId: 'wmReplay01' });
    const xml = contactEventXml(CORP, { changeType: 'add_external_contact', userId: 'zhangxiaoli', externalUserId: 'wmReplay01', createTime }, createTime);
    const first = signedRequest(fake.settings, xml);
    expect(await post(first)).toEqual(expect.objectContaining({ statusCode: 200, body: 'success' }));
    const afterFirst = snapshot();

    expect((await post(first)).statusCode).toBe(403);
    expect(snapshot()).toBe(afterFirst);

    // WeCom's retry: same event, new timestamp, nonce and signature.
    const again = signedRequest(fake.settings, xml);
    expect(await post(again)).toEqual(expect.objectContaining({ statusCode: 200, body: 'success' }));
    expect(snapshot()).toBe(afterFirst);

    await drain();
    const c = customer('wmReplay01')!;
    expect(c.relations).toHaveLength(1);
    expect(
      t.cloud.store
        .all('wecom_jobs')
        .filter((j) => j['kind'] === 'apply_event' && (j['payload'] as { event: { externalUserId: string } }).event.externalUserId === 'wmReplay01'),
    ).toHaveLength(1);
  });

  it('answers events it does not act on with success and writes nothing', async () => {
    const before = snapshot();
    const res = await post(
      signedRequest(
        fake.settings,
        `<xml><ToUserName><![CDATA[${CORP}]]></ToUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content></xml>`,
      ),
    );
    expect(res).toEqual(expect.objectContaining({ statusCode: 200, body: 'success' }));
    expect(snapshot()).toBe(before);
  });

  it('HTTP access never reaches an action, even with an action-shaped event', async () => {
    const before = snapshot();
    const res = (await t.cloud.invoke(
      'wecom',
      { action: 'transferCustomers', handoverUserId: 'zhangxiaoli', takeoverUserId: otherClerk._id },
      { source: 'wx_http' },
    )) as Http;
    expect(res.statusCode).toBe(400);
    expect(snapshot()).toBe(before);
  });
});

describe("add_external_contact with a clerk's campaign code", () => {
  let ext: string;
  beforeAll(async () => {
    const created = fake.addContact({ userId: 'zhangxiaoli', name: '王小姐', unionid: 'union-wang-001', state: winterCode._id });
    ext = created.externalUserId;
    const res = await post(
      fake.callback({ changeType: 'add_external_contact', userId: 'zhangxiaoli', externalUserId: ext, state: winterCode._id, createTime: created.createTime }),
    );
    expect(res.statusCode).toBe(200);
  });

  it('answers in well under a second, before any WeCom API call', async () => {
    const created = fake.addContact({ userId: 'zhangxiaoli', name: '计时客户' });
    const calls = fake.calls.length;
    const started = Date.now();
    const res = await post(
      fake.callback({ changeType: 'add_external_contact', userId: 'zhangxiaoli', externalUserId: created.externalUserId, createTime: created.createTime }),
    );
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(fake.calls.length).toBe(calls);
  });

  it('saves a brand-owned customer with the clerk relation, the state resolved to campaign + dealer + clerk', async () => {
    await drain();
    const c = customer(ext)!;
    expect(c.name).toBe('王小姐');
    expect(c.unionid).toBe('union-wang-001');
    expect(c.relations).toEqual([
      expect.objectContaining({
        userId: 'zhangxiaoli',
        clerkId: clerk._id,
        dealerId: winterCode.dealerId,
        campaignId: winterCode.campaignId,
        state: winterCode._id,
        status: 'active',
        tagStatus: 'done',
      }),
    ]);
  });

  it('tags the customer in WeCom with channel, clerk and campaign tags, creating the missing corporate tags', async () => {
    const dealer = demo.dealers.find((d) => d._id === winterCode.dealerId)!;
    const campaign = demo.campaigns.find((c) => c._id === winterCode.campaignId)!;
    expect(fake.tagsOf(ext, 'zhangxiaoli')).toEqual([`导购/${clerk.name}·zhangxiaoli`, `活动/${campaign.title}`, `渠道/${dealer.name}`].sort());
    const marks = fake.callsTo('externalcontact/mark_tag').filter((c) => c.body?.['external_userid'] === ext);
    expect(marks).toHaveLength(1);
    expect(marks[0]!.errcode).toBe(0);
    expect(fake.callsTo('externalcontact/add_corp_tag').length).toBeGreaterThan(0);
    for (const g of fake.groups) for (const tag of g.tag) expect(Array.from(tag.name).length).toBeLessThanOrEqual(30);
  });

  it('the clerk sees the customer with its tags in 我的客户; another clerk does not', async () => {
    const mine = okData(
      await t.call<{ items: Array<{ externalUserId: string; name: string; tags: Array<{ name: string }> }> }>('wecom', { action: 'myCustomers' }, 'demo-clerk'),
    );
    const item = mine.items.find((i) => i.externalUserId === ext)!;
    expect(item.name).toBe('王小姐');
    expect(item.tags.map((x) => x.name)).toContain(`${clerk.name}·zhangxiaoli`);
    const other = demo.users.find((u) => u._id === otherClerk.clerkId)!;
    const theirs = okData(await t.call<{ items: Array<{ externalUserId: string }> }>('wecom', { action: 'myCustomers' }, other.openid));
    expect(theirs.items.some((i) => i.externalUserId === ext)).toBe(false);
  });

  it('one person added by a second clerk is one customer with two relations', async () => {
    const createTime = Math.floor(Date.now() / 1000) + 1;
    fake.addContact({ userId: otherClerk._id, name: '王小姐', externalUserId: ext });
    await post(fake.callback({ changeType: 'add_external_contact', userId: otherClerk._id, externalUserId: ext, createTime }));
    await drain();
    expect(t.cloud.store.all('wecom_customers').filter((c) => c._id === ext)).toHaveLength(1);
    expect(
      customer(ext)!
        .relations.map((r) => r.userId)
        .sort(),
    ).toEqual(['zhangxiaoli', otherClerk._id].sort());
    expect(fake.tagsOf(ext, otherClerk._id).some((x) => x.startsWith('导购/'))).toBe(true);
  });

  it('a mini-program user with the same unionid is linked to the customer', async () => {
    const res = (await t.cloud.invoke('wecom', { action: 'linkMe' }, { openid: 'consumer-wang', unionid: 'union-wang-001' })) as Envelope<{ linked: boolean }>;
    expect(okData(res).linked).toBe(true);
    expect(customer(ext)!.linkedOpenids).toEqual(['consumer-wang']);
  });

  it('edit, del_follow_user and del_external_contact update the relation; the record stays', async () => {
    const base = Math.floor(Date.now() / 1000) + 5;
    await post(fake.callback({ changeType: 'edit_external_contact', userId: 'zhangxiaoli', externalUserId: ext, createTime: base }));
    await post(fake.callback({ changeType: 'del_follow_user', userId: otherClerk._id, externalUserId: ext, createTime: base + 1 }));
    await drain();
    const c = customer(ext)!;
    expect(c.relations.find((r) => r.userId === otherClerk._id)!.status).toBe('deleted_by_customer');
    expect(c.relations.find((r) => r.userId === 'zhangxiaoli')!.status).toBe('active');
    await post(fake.callback({ changeType: 'del_external_contact', userId: otherClerk._id, externalUserId: ext, createTime: base + 2 }));
    await drain();
    expect(customer(ext)!.relations.find((r) => r.userId === otherClerk._id)!.status).toBe('deleted_by_clerk');
  });
});

describe('slow work is queued and retried', () => {
  it('a failed tagging call is retried with backoff and eventually succeeds', async () => {
    const created = fake.addContact({ userId: 'zhangxiaoli', name: '重试客户' });
    fake.failNext('externalcontact/mark_tag', -1, 2);
    await post(
      fake.callback({ changeType: 'add_external_contact', userId: 'zhangxiaoli', externalUserId: created.externalUserId, createTime: created.createTime }),
    );
    await drain();
    const marks = fake.callsTo('externalcontact/mark_tag').filter((c) => c.body?.['external_userid'] === created.externalUserId);
    expect(marks.map((m) => m.errcode)).toEqual([-1, -1, 0]);
    const job = t.cloud.store
      .all('wecom_jobs')
      .find((j) => j['kind'] === 'tag_relation' && (j['payload'] as { externalUserId: string }).externalUserId === created.externalUserId)!;
    expect(job).toEqual(expect.objectContaining({ status: 'done', attempts: 3 }));
    expect(customer(created.externalUserId)!.relations[0]!.tagStatus).toBe('done');
    expect(fake.tagsOf(created.externalUserId, 'zhangxiaoli')).toHaveLength(2);
  });

  it('an expired access token is refreshed and the call goes through', async () => {
    fake.expireTokens();
    const created = fake.addContact({ userId: 'zhangxiaoli', name: '令牌客户' });
    const before = fake.callsTo('gettoken').length;
    await post(
      fake.callback({ changeType: 'add_external_contact', userId: 'zhangxiaoli', externalUserId: created.externalUserId, createTime: created.createTime }),
    );
    await drain();
    expect(fake.callsTo('gettoken').length).toBeGreaterThan(before);
    expect(customer(created.externalUserId)!.name).toBe('令牌客户');
  });
});

describe('clerk departure: transferCustomers', () => {
  const leaver = 'wx-leaver-001';
  const taker = 'wx-taker-001';
  const ids: string[] = [];
  beforeAll(async () => {
    fake.addMember(leaver, '离职导购');
    fake.addMember(taker, '接替导购');
    for (const [id, clerkId] of [
      [leaver, clerk._id],
      [taker, otherClerk.clerkId],
    ] as const) {
      okData(await t.call('wecom', { action: 'setStaff', userId: id, clerkId, name: id === leaver ? '离职导购' : '接替导购' }, undefined, 'wx_devtools'));
    }
    for (let i = 0; i < 230; i++) {
      const created = fake.addContact({ userId: leaver, name: `客户${i}` });
      ids.push(created.externalUserId);
      await post(fake.callback({ changeType: 'add_external_contact', userId: leaver, externalUserId: created.externalUserId, createTime: created.createTime }));
    }
    await drain();
    fake.resign(leaver);
    // 230 signed callbacks and their queue: seconds on a busy 2-core machine.
  }, 60_000);

  it('is an admin action: clerks are forbidden, HTTP and anonymous callers unauthenticated', async () => {
    const payload = { action: 'transferCustomers', handoverUserId: leaver, takeoverUserId: taker };
    expect((await t.call('wecom', payload, 'demo-clerk')).ok).toBe(false);
    expect((await t.call('wecom', payload, 'demo-clerk')) as Envelope).toEqual(
      expect.objectContaining({ error: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    );
    expect((await t.call('wecom', payload, 'someone-new')) as Envelope).toEqual(
      expect.objectContaining({ error: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }),
    );
  });

  it("hands customers over in batches of 100 with each customer's outcome, keeping every record", async () => {
    // One customer was already transferred twice in the last 90 days: it is not sent.
    const limited = ids[0]!;
    const c0 = customer(limited)!;
    const now = Date.now();
    const twice = [1, 2].map((n) => ({
      runId: `old-${n}`,
      from: 'x',
      to: 'y',
      mode: 'on_job' as const,
      at: now - n * 86_400_000,
      errcode: 0,
      outcome: 'succeeded' as const,
      reason: null,
    }));
    const { _id: _omit, ...rest } = c0 as CustomerRecord & { _id: string };
    await t.db
      .collection('wecom_customers')
      .doc(limited)
      .set({ data: { ...rest, transfers: twice } });
    // One customer already left the leaver in WeCom: refused with 40131, stays with the leaver.
    fake.contacts.get(ids[1]!)!.follow.delete(leaver);

    const run = okData(
      await t.call<{
        batches: number;
        started: number;
        refused: number;
        skipped: number;
        outcomes: Array<{ externalUserId: string; errcode: number | null; outcome: string }>;
      }>('wecom', { action: 'transferCustomers', handoverUserId: leaver, takeoverUserId: taker, mode: 'resigned' }, 'demo-admin'),
    );
    expect(run).toEqual(expect.objectContaining({ batches: 3, started: 228, refused: 1, skipped: 1 }));
    expect(run.outcomes).toHaveLength(230);
    expect(run.outcomes.find((o) => o.externalUserId === ids[1])).toEqual(expect.objectContaining({ errcode: 40131, outcome: 'refused' }));
    expect(run.outcomes.find((o) => o.externalUserId === limited)).toEqual(expect.objectContaining({ errcode: null, outcome: 'skipped' }));
    const batches = fake.callsTo('externalcontact/resigned/transfer_customer');
    expect(batches.map((b) => (b.body!['external_userid'] as string[]).length)).toEqual([100, 100, 29]);

    for (const id of ids) {
      const c = customer(id)!;
      expect(c.name).toBeTruthy();
      expect(c.relations.length).toBeGreaterThanOrEqual(1);
    }
    const moved = customer(ids[5]!)!;
    expect(moved.relations.map((r) => [r.userId, r.status])).toEqual([
      [leaver, 'transferring'],
      [taker, 'pending_takeover'],
    ]);
    expect(moved.transfers.at(-1)).toEqual(expect.objectContaining({ outcome: 'started', errcode: 0, to: taker }));
    expect(customer(ids[1]!)!.relations[0]!.status).toBe('active');
    expect(t.cloud.store.all('wecom_transfers')).toHaveLength(1);
  });

  it("a second run sends nothing already in transfer; WeCom's takeover result completes the records", async () => {
    const again = okData(
      await t.call<{ started: number; customers: number }>(
        'wecom',
        { action: 'transferCustomers', handoverUserId: leaver, takeoverUserId: taker, mode: 'resigned' },
        'demo-admin',
      ),
    );
    expect(again.customers).toBe(2);
    await fake.completeTransfers(1, false);
    // The check job waits 24 hours; make it due now.
    const check = t.cloud.store.all('wecom_jobs').find((j) => j['kind'] === 'transfer_check')!;
    await t.db
      .collection('wecom_jobs')
      .doc(check._id)
      .update({ data: { nextAt: 0 } });
    await drain();
    const moved = customer(ids[5]!)!;
    expect(moved.relations.map((r) => [r.userId, r.status])).toEqual([
      [leaver, 'transferred_out'],
      [taker, 'active'],
    ]);
    expect(moved.transfers.at(-1)!.outcome).toBe('succeeded');
  });

  it('tags each taken-over customer for the new clerk, in place of the clerk who left', async () => {
    const moved = customer(ids[5]!)!;
    const leaverTags = moved.relations.find((r) => r.userId === leaver)!.tags.map((w) => `${w.group}/${w.name}`);
    const taken = moved.relations.find((r) => r.userId === taker)!;
    expect(taken.tagStatus).toBe('done');
    const takerTags = taken.tags.map((w) => `${w.group}/${w.name}`);
    const clerkTag = (tags: string[]) => tags.find((x) => x.startsWith('导购/'));
    expect(clerkTag(takerTags)).toBeDefined();
    expect(clerkTag(takerTags)).not.toBe(clerkTag(leaverTags));
    // What WeCom holds for the new clerk's relation: the new clerk's tags, and not the one who left.
    const inWecom = fake.tagsOf(ids[5]!, taker);
    expect(inWecom).toEqual(expect.arrayContaining(takerTags));
    expect(inWecom).not.toContain(clerkTag(leaverTags));
  });
});

describe('「联系我」 codes: contactWay', () => {
  let campaignId = '';
  let code = '';
  beforeAll(async () => {
    // A campaign running now, visible to the demo clerk, and her code in it (opening the share page makes it).
    const list = okData(await t.call<{ items: Array<{ id: string; phase: string }> }>('campaigns', { action: 'list' }, 'demo-clerk', 'wx_client'));
    campaignId = list.items.find((c) => c.phase === 'running')!.id;
    code = okData(await t.call<{ code: string }>('campaigns', { action: 'myCode', campaignId }, 'demo-clerk', 'wx_client')).code;
  });
  const call = (openid: string, id = campaignId) =>
    t.call<{ code: string; userId: string; qrCode: string; configId: string; created: boolean }>(
      'wecom',
      { action: 'contactWay', campaignId: id },
      openid,
      'wx_client',
    );
  const waysMade = () => fake.callsTo('externalcontact/add_contact_way').filter((c) => c.errcode === 0);

  it('makes a clerk’s code once, with her campaign code as its state, and a customer who scans it is attributed to the campaign', async () => {
    const first = okData(await call('demo-clerk'));
    expect(first).toEqual(expect.objectContaining({ code, userId: 'zhangxiaoli', created: true }));
    expect(first.qrCode).toMatch(/^http/);
    const made = waysMade();
    expect(made).toHaveLength(1);
    expect(made[0]!.body).toEqual(expect.objectContaining({ state: code, user: ['zhangxiaoli'], type: 1, scene: 2 }));
    const again = okData(await call('demo-clerk'));
    expect(again).toEqual({ ...first, created: false });
    expect(waysMade()).toHaveLength(1);

    const scanned = fake.addContact({ userId: 'zhangxiaoli', name: '扫码客户', state: code });
    await post(
      fake.callback({
        changeType: 'add_external_contact',
        userId: 'zhangxiaoli',
        externalUserId: scanned.externalUserId,
        state: code,
        createTime: scanned.createTime,
      }),
    );
    await drain();
    expect(customer(scanned.externalUserId)!.relations[0]).toEqual(expect.objectContaining({ campaignId, clerkId: clerk._id, state: code }));
  });

  it('makes one code in WeCom when a sharer asks five times at once', async () => {
    const sharer = demo.users.find((u) => u._id === otherClerk.clerkId)!;
    okData(await t.call('campaigns', { action: 'myCode', campaignId }, sharer.openid, 'wx_client'));
    const before = waysMade().length;
    const answers = await Promise.all(Array.from({ length: 5 }, () => call(sharer.openid)));
    expect(waysMade().length - before).toBe(1);
    const ok = answers.filter((a) => a.ok).map((a) => okData(a).configId);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    expect(new Set(ok).size).toBe(1);
    for (const a of answers.filter((x) => !x.ok)) expect(a.ok ? null : a.error.code).toBe('CONFLICT');
    expect(okData(await call(sharer.openid)).configId).toBe(ok[0]);
  });

  it('tells a sharer without a registered WeCom account, without a code yet, or of an ended campaign what to do', async () => {
    const owner = await call('demo-dealer-a');
    expect(owner.ok ? null : owner.error).toEqual(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('企业微信账号还没有登记') }));
    const noCode = await call('demo-clerk', 'no-such-campaign');
    expect(noCode.ok ? null : noCode.error).toEqual(expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('分享页') }));
    const ended = await call('demo-clerk', winterCode.campaignId);
    expect(ended.ok ? null : ended.error.code).toBe('CONFLICT');
    expect((await call('demo-manager')).ok).toBe(false);
  });
});
