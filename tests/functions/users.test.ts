import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';

type Envelope = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string; issues?: Array<{ path: string; code: string }> } };

describe('users.me through the local cloud', () => {
  let t: TestCloud;
  const call = (event: unknown, openid?: string) => t.cloud.invoke('users', event, { openid }) as Promise<Envelope>;

  beforeAll(async () => {
    t = createTestCloud();
    await t.db.collection('dealers').add({
      data: {
        _id: 'dealer-east-1',
        name: '杭州鑫达商贸有限公司',
        code: 'D001',
        level: 'A',
        region: 'east',
        city: '杭州',
        parentDealerId: null,
        contactName: '王',
        contactMobile: '13800000000',
        creditLimit: 5_000_000_00,
        status: 'active',
        joinedAt: 0,
      },
    });
    await t.db
      .collection('users')
      .add({ data: { openid: 'o-dealer', name: '王建国', role: 'dealer', dealerId: 'dealer-east-1', mobile: '13800000000', status: 'active', createdAt: 0 } });
    await t.db
      .collection('users')
      .add({ data: { openid: 'o-admin', name: '品牌管理员', role: 'admin', dealerId: null, mobile: null, status: 'active', createdAt: 0 } });
    await t.db
      .collection('users')
      .add({ data: { openid: 'o-gone', name: '离职导购', role: 'clerk', dealerId: 'dealer-east-1', mobile: null, status: 'disabled', createdAt: 0 } });
  });
  afterAll(() => t.cleanup());

  it('answers a registered dealer with its role and dealer, identity taken from the platform', async () => {
    const res = await call({ action: 'me' }, 'o-dealer');
    expect(res).toEqual({
      ok: true,
      data: expect.objectContaining({
        registered: true,
        openid: 'o-dealer',
        name: '王建国',
        role: 'dealer',
        dealer: {
          id: 'dealer-east-1',
          name: '杭州鑫达商贸有限公司',
          level: 'A',
          levelName: '一级核心经销商',
          region: 'east',
          regionName: '华东大区',
          parentDealerId: null,
        },
      }),
    });
  });

  it('answers brand staff with no dealer', async () => {
    const res = await call({ action: 'me' }, 'o-admin');
    expect(res.data).toEqual(expect.objectContaining({ registered: true, role: 'admin', dealer: null }));
  });

  it('tells an unknown openid it is not registered instead of failing', async () => {
    const res = await call({ action: 'me' }, 'o-stranger');
    expect(res).toEqual({ ok: true, data: { registered: false, openid: 'o-stranger' } });
  });

  it('ignores an openid smuggled in the payload: an unknown field is refused', async () => {
    const res = await call({ action: 'me', openid: 'o-admin' }, 'o-stranger');
    expect(res.ok).toBe(false);
    expect(res.error?.code).toBe('INVALID_INPUT');
    expect(res.error?.issues?.[0]?.code).toBe('unrecognized_keys');
    expect(res.error?.message).toMatch(/openid/);
  });

  it('refuses an unknown action with INVALID_INPUT naming the known ones', async () => {
    const res = await call({ action: 'delete_everything' }, 'o-admin');
    expect(res.error?.code).toBe('INVALID_INPUT');
    expect(res.error?.issues?.[0]?.path).toBe('action');
    expect(res.error?.message).toContain('me');
  });

  it('refuses a payload without an action', async () => {
    const res = await call({}, 'o-admin');
    expect(res.error?.code).toBe('INVALID_INPUT');
  });

  it('accepts the userInfo field the platform adds to calls from the mini-program', async () => {
    const res = await call({ action: 'me', userInfo: { appId: 'wx1', openId: 'o-dealer' } }, 'o-dealer');
    expect(res.ok).toBe(true);
  });

  it('keeps concurrent callers apart: each sees its own identity', async () => {
    const ids = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 'o-dealer' : i % 3 === 1 ? 'o-admin' : `o-x${i}`));
    const results = await Promise.all(ids.map((id) => call({ action: 'me' }, id)));
    results.forEach((r, i) => expect(r.data?.['openid']).toBe(ids[i]));
  });

  it('runs the same way from the ncc bundle that is uploaded to the cloud', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const bundle = path.join(__dirname, '..', '..', 'cloudfunctions', 'users', 'index.js');
    if (!fs.existsSync(bundle)) throw new Error('cloudfunctions/users/index.js is missing: run `npm run build:functions` first');
    const { LocalCloud } = await import('../../mocks/cloud');
    const bundled = new LocalCloud({ dbFile: ':memory:', storageDir: path.join(t.dir, 'b'), mode: 'bundle' }).install();
    try {
      for (const n of ['users', 'dealers']) bundled.db.handle('database.addCollection', { collectionName: n });
      const res = (await bundled.invoke('users', { action: 'me' }, { openid: 'o-nobody' })) as Envelope;
      expect(res).toEqual({ ok: true, data: { registered: false, openid: 'o-nobody' } });
    } finally {
      bundled.close();
      t.cloud.install();
    }
  });
});
