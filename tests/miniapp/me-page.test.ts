/**
 * The 我的 tab as built for WeChat (dist/weapp), rendered by miniprogram-simulate, calling the
 * real users function on a local cloud through the built adapter (Taro.cloud.callFunction).
 */
import { ROLE_LABELS } from '../../shared/roles';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';
import type { MiniApp, RenderedPage } from './support/weapp';
import { bootMiniApp, find, textOf, waitFor } from './support/weapp';

describe('the 我的 page', () => {
  let t: TestCloud;
  let app: MiniApp;
  let meId: string;
  let page: RenderedPage | null = null;

  /** Who the platform says is calling. */
  let openid = 'o-dealer';
  /** What reached the cloud, as the function saw it. */
  let calls: Array<{ name: string; data: Record<string, unknown>; openid: string }> = [];
  /** Test switches for the transport beneath the adapter. */
  let failNextCalls = 0;
  let answerOverride: unknown = undefined;
  let gate: Promise<void> | null = null;

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
        contactName: '王建国',
        contactMobile: '13800000000',
        creditLimit: 500_000_00,
        status: 'active',
        joinedAt: 0,
      },
    });
    await t.db.collection('users').add({
      data: { openid: 'o-dealer', name: '王建国', role: 'dealer', dealerId: 'dealer-east-1', mobile: '13800000000', status: 'active', createdAt: 0 },
    });
    await t.db.collection('users').add({
      data: { openid: 'o-admin', name: '李品牌', role: 'admin', dealerId: null, mobile: null, status: 'active', createdAt: 0 },
    });

    app = bootMiniApp(async (name, data) => {
      calls.push({ name, data, openid });
      if (gate) await gate;
      if (failNextCalls > 0) {
        failNextCalls--;
        throw new Error('request:fail timeout');
      }
      if (answerOverride !== undefined) return answerOverride;
      return t.cloud.invoke(name, data, { openid });
    });
    meId = app.loadPage('pages/me/index');
  });

  afterAll(() => t.cleanup());

  beforeEach(() => {
    calls = [];
    failNextCalls = 0;
    answerOverride = undefined;
    gate = null;
    app.wxCalls.length = 0;
  });

  afterEach(() => {
    if (page) app.close(page);
    page = null;
  });

  /** The users.me calls among them (the profile's own; 赋能中心's badge asks its count beside them). */
  const asksOfMe = () => calls.filter((c) => c.name === 'users');

  const open = (who: string): RenderedPage => {
    openid = who;
    page = app.open(meId);
    return page;
  };

  it("shows the registered dealer's name, role and dealer from users.me, then asks the must-read badge's count and its 二级分销 role once", async () => {
    const p = open('o-dealer');
    await waitFor(() => expect(textOf(find(p, '.me-name'))).toBe('王建国'));
    expect(textOf(find(p, '.me-role'))).toBe(ROLE_LABELS.dealer);
    expect(textOf(find(p, '.me-dealer'))).toBe('杭州鑫达商贸有限公司');
    expect(textOf(find(p, '.me-level'))).toBe('一级核心经销商');
    expect(textOf(find(p, '.me-region'))).toBe('华东大区');
    expect(find(p, '.me-unregistered')).toBeNull();
    // users.me first, shaped { action, ...input }: identity travels with the platform, never in the
    // payload; then, with the profile on screen, the one small count behind 赋能中心's badge and
    // tier.status (whether the dealer sells on to, or orders through, a first-tier: its 二级分销 entries).
    await waitFor(() => expect(calls).toHaveLength(3));
    expect(calls).toEqual([
      { name: 'users', data: { action: 'me' }, openid: 'o-dealer' },
      { name: 'enablement', data: { action: 'mustReadCount' }, openid: 'o-dealer' },
      { name: 'tier', data: { action: 'status' }, openid: 'o-dealer' },
    ]);
  });

  it('shows a skeleton while users.me is on its way, then the profile', async () => {
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const p = open('o-dealer');
    await waitFor(() => expect(calls).toHaveLength(1));
    // Taro flushes setData asynchronously: wait for the skeleton rather than expect it at once.
    await waitFor(() => expect(find(p, '.page-state-loading')).not.toBeNull());
    expect(find(p, '.me-name')).toBeNull();
    release();
    await waitFor(() => expect(textOf(find(p, '.me-name'))).toBe('王建国'));
    expect(find(p, '.page-state-loading')).toBeNull();
  });

  it('shows brand staff as belonging to no dealer', async () => {
    const p = open('o-admin');
    await waitFor(() => expect(textOf(find(p, '.me-name'))).toBe('李品牌'));
    expect(textOf(find(p, '.me-role'))).toBe(ROLE_LABELS.admin);
    expect(textOf(find(p, '.me-dealer'))).toContain('不隶属经销商');
    expect(find(p, '.me-level')).toBeNull();
  });

  it('an unknown openid sees the unregistered state', async () => {
    const p = open('o-stranger');
    await waitFor(() => expect(find(p, '.me-unregistered')).not.toBeNull());
    expect(textOf(find(p, '.me-openid'))).toBe('o-stranger');
    expect(textOf(p)).toContain('请联系品牌方开通经销商账号');
    expect(find(p, '.me-name')).toBeNull();

    const apply = find(p, '.me-apply');
    expect(textOf(apply)).toBe('申请成为经销商');
    apply!.dispatchEvent('tap');
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'navigateTo', args: expect.objectContaining({ url: '/packages/account/apply/index' }) }));
  });

  it('tapping retry after a failed call calls users.me again', async () => {
    failNextCalls = 1;
    const p = open('o-dealer');
    await waitFor(() => expect(find(p, '.page-state-error')).not.toBeNull());
    expect(textOf(find(p, '.page-state-message'))).toContain('检查网络后重试');
    expect(find(p, '.me-name')).toBeNull();
    expect(calls).toHaveLength(1);

    find(p, '.page-state-retry')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.me-name'))).toBe('王建国'));
    expect(asksOfMe()).toHaveLength(2);
    expect(asksOfMe()[1]).toEqual({ name: 'users', data: { action: 'me' }, openid: 'o-dealer' });
    expect(find(p, '.page-state-error')).toBeNull();
  });

  it("shows the envelope's own message when the function answers an error", async () => {
    answerOverride = { ok: false, error: { code: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' } };
    const p = open('o-dealer');
    await waitFor(() => expect(textOf(find(p, '.page-state-message'))).toBe('操作太频繁，请稍后再试'));
    expect(find(p, '.page-state-retry')).not.toBeNull();
  });

  it('treats an answer that is not an envelope as an error instead of rendering it', async () => {
    answerOverride = '<html>502 Bad Gateway</html>';
    const p = open('o-dealer');
    await waitFor(() => expect(find(p, '.page-state-error')).not.toBeNull());
    expect(textOf(find(p, '.page-state-message'))).toContain('请检查网络后重试');
    expect(find(p, '.me-name')).toBeNull();
  });

  it('pulling down re-asks users.me, so a newly opened account appears, and stops the refresh indicator', async () => {
    const p = open('o-newcomer');
    await waitFor(() => expect(find(p, '.me-unregistered')).not.toBeNull());

    // The brand opens the account meanwhile.
    await t.db.collection('users').add({
      data: { openid: 'o-newcomer', name: '赵新', role: 'dealer', dealerId: 'dealer-east-1', mobile: null, status: 'active', createdAt: 0 },
    });
    (p.instance as unknown as { onPullDownRefresh: () => void }).onPullDownRefresh();

    await waitFor(() => expect(textOf(find(p, '.me-name'))).toBe('赵新'));
    expect(find(p, '.me-unregistered')).toBeNull();
    expect(asksOfMe()).toHaveLength(2);
    await waitFor(() => expect(app.wxCalls.map((c) => c.api)).toContain('stopPullDownRefresh'));
  });

  describe('the must-read badge on 赋能中心', () => {
    const MUST_READ = {
      _id: 'me-test-policy',
      title: '年度返利政策',
      summary: '',
      kind: 'policy',
      fileId: 'cloud://test-env.local-bucket/enablement/me-test.pdf',
      fileType: 'pdf',
      target: { levels: [], regions: [], dealerIds: [] },
      roles: ['dealer', 'clerk'],
      mustReadBy: 4_102_444_800_000,
      version: 1,
      status: 'published',
      publishedAt: 0,
      updatedAt: 0,
      updatedBy: 'test',
    };
    beforeAll(async () => {
      await t.db.collection('enablement_resources').add({ data: MUST_READ });
      await t.db.collection('users').add({
        data: { openid: 'o-clerk', name: '孙导购', role: 'clerk', dealerId: 'dealer-east-1', mobile: null, status: 'active', createdAt: 0 },
      });
    });
    afterAll(async () => {
      await t.db.collection('enablement_resources').doc(MUST_READ._id).remove();
    });

    it('counts the must-reads a dealer has not read, and is gone when 我的 shows again after the reading', async () => {
      const p = open('o-dealer');
      await waitFor(() => expect(textOf(find(p, '.me-hub-badge'))).toBe('1 份必读未读 ›'));
      const read = (await t.cloud.invoke('enablement', { action: 'markRead', resourceId: MUST_READ._id, version: 1 }, { openid: 'o-dealer' })) as {
        ok: boolean;
      };
      expect(read.ok).toBe(true);
      (p.instance as unknown as { onShow: () => void }).onShow();
      await waitFor(() => expect(find(p, '.me-hub-badge')).toBeNull());
      expect(textOf(find(p, '.me-enablement'))).toContain('政策、培训与必读资料');
      expect(calls.filter((c) => c.name === 'enablement')).toHaveLength(2);
    });

    it('gives a clerk the way to 赋能中心, with the badge', async () => {
      const p = open('o-clerk');
      await waitFor(() => expect(textOf(find(p, '.me-hub-badge'))).toBe('1 份必读未读 ›'));
      find(p, '.me-enablement')!.dispatchEvent('tap');
      await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'navigateTo', args: expect.objectContaining({ url: '/packages/enablement/index' }) }));
    });

    it('asks no count for an admin, who reads nothing in the hub', async () => {
      const p = open('o-admin');
      await waitFor(() => expect(find(p, '.me-enablement')).not.toBeNull());
      expect(calls.map((c) => c.name)).toEqual(['users']);
      expect(find(p, '.me-hub-badge')).toBeNull();
    });
  });
});
