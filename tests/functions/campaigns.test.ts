import fs from 'node:fs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { resolveCode } from '../../cloudfunctions/_capabilities/campaign-codes';
import { Db } from '../../cloudfunctions/_kit/db';
import { CAMPAIGN_EXAMPLE } from '../../shared/contracts';
import type { CampaignDetail, CampaignSummary, CouponView, FunnelView, LandingView, ShareKit } from '../../shared/contracts';
import type { InvocationTrace } from '../../mocks/cloud';
import { CAMPAIGN_IDS } from '../../mocks/seed/campaigns';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * The campaigns function through the local cloud on the demo data: codes, the landing page,
 * leads and coupons, redemption, the funnel and who may see what.
 */
const CLERK = 'demo-clerk';
const OWNER_A = 'demo-dealer-a';
const OWNER_B = 'demo-dealer-b';
const MANAGER = 'demo-manager';
const ADMIN = 'demo-admin';
const LANDING = 'packages/campaign/landing/index';

jest.setTimeout(120_000);

describe('campaigns through the local cloud', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const call = <T>(action: string, input: Record<string, unknown> = {}, openid?: string) =>
    t.call<T>('campaigns', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  const users = () =>
    t.cloud.store.all('users') as unknown as Array<{ _id: string; openid: string; role: string; dealerId: string | null; status: string; regions?: string[] }>;
  /** Another active clerk of dealer-001 besides the demo clerk. */
  const otherClerkA = () => users().find((u) => u.role === 'clerk' && u.dealerId === 'dealer-001' && u.openid !== CLERK && u.status === 'active')!.openid;

  let seq = 0;
  const consumer = () => `test-consumer-${String(++seq).padStart(5, '0')}`;
  const kit = (id: string, over: Record<string, unknown> = {}) => ({ ...CAMPAIGN_EXAMPLE, id, period: { from: '2026-01-01', to: '2030-12-31' }, ...over });
  async function running(id: string, over: Record<string, unknown> = {}): Promise<string> {
    okData(await call('create', kit(id, over)));
    okData(await call('publish', { campaignId: id }));
    return id;
  }
  const myCode = async (campaignId: string, openid: string) => okData(await call<ShareKit>('myCode', { campaignId }, openid));
  const landing = (scene: string, openid: string) => call<LandingView>('landing', { scene }, openid);
  const lead = (scene: string, openid: string, name = '陈女士', mobile = '13800138000') =>
    call<{ coupon: CouponView; replayed: boolean }>('lead', { scene, name, mobile, consent: true }, openid);
  const funnel = async (campaignId: string, openid?: string) => okData(await call<FunnelView>('funnel', { campaignId }, openid));

  describe('codes', () => {
    it('gives a clerk one code per campaign, reused, with a mini-program code image made once that opens the landing page', async () => {
      const id = await running('code-reuse');
      const before = t.cloud.counters.openapi;
      const first = await myCode(id, CLERK);
      const again = await myCode(id, CLERK);
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.code).toBe(first.code);
      expect(again.qrFileId).toBe(first.qrFileId);
      expect(t.cloud.counters.openapi - before).toBe(1);
      expect(first.landingPage).toBe(LANDING);
      const rel = t.cloud.storage.pathOf(first.qrFileId)!;
      const png = PNG.sync.read(fs.readFileSync(t.cloud.storage.fileOf(rel)!));
      const text = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? '';
      expect(text).toContain(`/#/${LANDING}?scene=${first.code}`);
      // The same sharer in another campaign gets another code.
      const other = await running('code-reuse-2');
      expect((await myCode(other, CLERK)).code).not.toBe(first.code);
    });

    it('makes one code document when the same clerk asks ten times at once', async () => {
      const id = await running('code-race');
      const kits = await Promise.all(Array.from({ length: 10 }, () => call<ShareKit>('myCode', { campaignId: id }, CLERK)));
      const codes = new Set(kits.map((k) => okData(k).code));
      expect(codes.size).toBe(1);
      expect(t.cloud.store.all('campaign_codes').filter((d) => d['campaignId'] === id)).toHaveLength(1);
      expect(kits.filter((k) => okData(k).created)).toHaveLength(1);
    });

    it('resolves a code to campaign, dealer and clerk for the WeCom hooks, and null for anything else', async () => {
      const id = await running('code-resolve');
      const { code } = await myCode(id, CLERK);
      const db = new Db();
      expect(await resolveCode(db, code)).toEqual({ campaignId: id, dealerId: 'dealer-001', clerkId: CLERK });
      expect(await resolveCode(db, code.toLowerCase())).toEqual({ campaignId: id, dealerId: 'dealer-001', clerkId: CLERK });
      expect(await resolveCode(db, 'Q0000000000')).toBeNull();
      expect(await resolveCode(db, 'not-a-code')).toBeNull();
      expect(await resolveCode(db, '')).toBeNull();
    });
  });

  describe('attribution', () => {
    it('attributes a visit, a lead and a redemption with its sale to the campaign, the dealer and the clerk', async () => {
      const id = await running('attr-flow');
      const { code } = await myCode(id, CLERK);
      const visitor = consumer();
      const page = okData(await landing(code, visitor));
      expect(page).toMatchObject({ code, visitCounted: true, dealerName: '杭州恒泰商贸有限公司', coupon: null, campaign: { id, phase: 'running' } });

      const { coupon, replayed } = okData(await lead(code, visitor));
      expect(replayed).toBe(false);
      expect(coupon).toMatchObject({ status: 'issued', campaignId: id, valueFen: 1000, dealerName: '杭州恒泰商贸有限公司' });
      const leadDoc = t.cloud.store.get('campaign_leads', `${id}:${visitor}`)!.doc;
      expect(leadDoc).toMatchObject({ campaignId: id, code, dealerId: 'dealer-001', clerkId: CLERK, mobile: '13800138000', couponCode: coupon.couponCode });

      // The page opened again shows the coupon and does not count a second visit today.
      const back = okData(await landing(code, visitor));
      expect(back.visitCounted).toBe(false);
      expect(back.coupon?.couponCode).toBe(coupon.couponCode);

      // Another clerk of the same store redeems it: the sale still belongs to the clerk who shared.
      const redeemed = okData(await call<{ coupon: CouponView }>('redeem', { couponCode: coupon.couponCode, saleAmount: 8800 }, otherClerkA()));
      expect(redeemed.coupon).toMatchObject({ status: 'redeemed', saleAmount: 8800 });

      const f = await funnel(id, CLERK);
      expect(f.scope).toBe('own');
      expect(f.funnel.bySharer).toEqual([
        expect.objectContaining({
          clerkId: CLERK,
          code,
          visits: 1,
          uniqueVisitors: 1,
          leads: 1,
          redemptions: 1,
          sales: 8800,
          leadRate: 10000,
          redemptionRate: 10000,
        }),
      ]);
      const all = await funnel(id, ADMIN);
      expect(all.funnel.totals).toMatchObject({ visits: 1, uniqueVisitors: 1, leads: 1, redemptions: 1, sales: 8800, cost: CAMPAIGN_EXAMPLE.cost });
      expect(all.funnel.totals.roi).toBe(Math.round(((8800 - CAMPAIGN_EXAMPLE.cost) * 10000) / CAMPAIGN_EXAMPLE.cost));
      expect(all.funnel.byDealer).toEqual([expect.objectContaining({ dealerId: 'dealer-001', sharers: 1, leads: 1 })]);
    });

    it('counts a visit once per visitor per code per day, and a visitor once as unique under the first code', async () => {
      const id = await running('attr-unique');
      const a = await myCode(id, CLERK);
      const b = await myCode(id, otherClerkA());
      const v = consumer();
      expect(okData(await landing(a.code, v)).visitCounted).toBe(true);
      expect(okData(await landing(a.code, v)).visitCounted).toBe(false);
      expect(okData(await landing(b.code, v)).visitCounted).toBe(true);
      const f = await funnel(id, ADMIN);
      const row = (code: string) => f.funnel.bySharer.find((s) => s.code === code)!;
      expect(row(a.code)).toMatchObject({ visits: 1, uniqueVisitors: 1 });
      expect(row(b.code)).toMatchObject({ visits: 1, uniqueVisitors: 0 });
      expect(f.funnel.totals).toMatchObject({ visits: 2, uniqueVisitors: 1 });
    });

    it('does not count a sharer opening their own code, and refuses their own lead', async () => {
      const id = await running('attr-self');
      const { code } = await myCode(id, CLERK);
      expect(okData(await landing(code, CLERK)).visitCounted).toBe(false);
      expect(codeOf(await lead(code, CLERK))).toBe('FORBIDDEN');
      expect((await funnel(id, ADMIN)).funnel.totals.visits).toBe(0);
    });

    it('takes one lead per consumer per campaign: a second submission returns the same coupon and counts nothing', async () => {
      const id = await running('attr-replay');
      const { code } = await myCode(id, CLERK);
      const v = consumer();
      okData(await landing(code, v));
      const [one, two] = await Promise.all([lead(code, v), lead(code, v, '陈小姐')]);
      const coupons = new Set([okData(one).coupon.couponCode, okData(two).coupon.couponCode]);
      expect(coupons.size).toBe(1);
      expect([okData(one).replayed, okData(two).replayed].sort()).toEqual([false, true]);
      expect(t.cloud.store.all('campaign_coupons').filter((c) => c['campaignId'] === id)).toHaveLength(1);
      expect((await funnel(id, ADMIN)).funnel.totals.leads).toBe(1);
    });

    it('refuses a lead without consent or with a malformed mobile, before anything is stored', async () => {
      const id = await running('attr-validate');
      const { code } = await myCode(id, CLERK);
      const v = consumer();
      expect(codeOf(await call('lead', { scene: code, name: '陈', mobile: '12345', consent: true }, v))).toBe('INVALID_INPUT');
      expect(codeOf(await call('lead', { scene: code, name: '陈', mobile: '13800138000', consent: false }, v))).toBe('INVALID_INPUT');
      expect(codeOf(await call('lead', { scene: code, name: '', mobile: '13800138000', consent: true }, v))).toBe('INVALID_INPUT');
      expect(t.cloud.store.all('campaign_leads').filter((l) => l['campaignId'] === id)).toHaveLength(0);
    });
  });

  describe('redemption', () => {
    it('redeems a coupon once when two clerks scan it at the same moment', async () => {
      const id = await running('redeem-race');
      const { code } = await myCode(id, CLERK);
      const v = consumer();
      okData(await landing(code, v));
      const { coupon } = okData(await lead(code, v));
      const results = await Promise.all([
        call<{ coupon: CouponView }>('redeem', { couponCode: coupon.couponCode, saleAmount: 6000 }, CLERK),
        call<{ coupon: CouponView }>('redeem', { couponCode: coupon.couponCode, saleAmount: 7000 }, otherClerkA()),
        call<{ coupon: CouponView }>('redeem', { couponCode: coupon.couponCode, saleAmount: 8000 }, OWNER_A),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map(codeOf)).toEqual(['CONFLICT', 'CONFLICT']);
      const won = results.find((r) => r.ok)!;
      const f = await funnel(id, ADMIN);
      expect(f.funnel.totals).toMatchObject({ redemptions: 1, sales: okData(won).coupon.saleAmount });
      // Later scans say when it was used.
      const later = await call('redeem', { couponCode: coupon.couponCode, saleAmount: 6000 }, CLERK);
      expect(later.ok ? '' : later.error.message).toMatch(/已于 .+核销/);
    });

    it('refuses a coupon of another store, a malformed code and a sale below the minimum spend', async () => {
      const id = await running('redeem-rules');
      const { code } = await myCode(id, CLERK);
      const v = consumer();
      const { coupon } = okData(await lead(code, v));
      expect(codeOf(await call('redeem', { couponCode: coupon.couponCode, saleAmount: 9000 }, OWNER_B))).toBe('FORBIDDEN');
      expect(codeOf(await call('coupon', { couponCode: coupon.couponCode }, OWNER_B))).toBe('FORBIDDEN');
      expect(codeOf(await call('redeem', { couponCode: 'ABCD', saleAmount: 9000 }, CLERK))).toBe('NOT_FOUND');
      expect(codeOf(await call('redeem', { couponCode: coupon.couponCode, saleAmount: 4999 }, CLERK))).toBe('INVALID_INPUT');
      // Typed loosely (lower case, spaces) it is still found.
      const typed = coupon.couponCode.toLowerCase().replace(/(.{4})/g, '$1 ');
      expect(okData(await call<CouponView>('coupon', { couponCode: typed }, CLERK)).status).toBe('issued');
    });
  });

  describe('the landing page', () => {
    it.each([
      ['an empty scene', ' ', 'empty'],
      ['a scene of the wrong shape', 'abc', 'bad_shape'],
      ['a scene with characters no code has', 'Q12345678*9', 'bad_chars'],
      ['a scene longer than any code', 'Q'.repeat(40), 'too_long'],
      ['broken percent-encoding', '%E4%B8', 'bad_chars'],
    ])('answers %s with a friendly NOT_FOUND and its reason, not a crash', async (_what, scene, reason) => {
      const r = await landing(scene, consumer());
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error).toMatchObject({ code: 'NOT_FOUND', details: { reason } });
      expect(r.error.message).toMatch(/活动码/);
    });

    it('answers a well-formed code nobody was given with NOT_FOUND reason unknown', async () => {
      const r = await landing('Q0000000000', consumer());
      expect(r.ok ? null : r.error.details).toEqual({ reason: 'unknown' });
    });

    it('stops counting visits and taking leads once an admin ends the campaign', async () => {
      const id = await running('landing-ended');
      const { code } = await myCode(id, CLERK);
      okData(await call('end', { campaignId: id, reason: '预算用完' }));
      const page = okData(await landing(code, consumer()));
      expect(page).toMatchObject({ visitCounted: false, campaign: { phase: 'over', phaseLabel: '已结束' } });
      expect(codeOf(await lead(code, consumer()))).toBe('CONFLICT');
      expect(codeOf(await call('myCode', { campaignId: id }, CLERK))).toBe('CONFLICT');
    });

    it('needs an identity: a call without an OPENID is refused', async () => {
      const { code } = await myCode(await running('landing-anon'), CLERK);
      expect(codeOf(await t.call('campaigns', { action: 'landing', scene: code }, undefined, 'wx_http'))).toBe('UNAUTHENTICATED');
    });

    it('counts a visit in 4 rounds in sequence: the store is read beside the visit’s transaction, not after its commit', async () => {
      const { code } = await myCode(await running('landing-rounds'), CLERK);
      // A first visit makes the function know the code, so the next one reads the visitor beside the campaign.
      okData(await landing(code, consumer()));
      const traces: InvocationTrace[] = [];
      const stop = t.cloud.recordRoundTrips((r) => traces.push(r), { requests: true });
      // Under the latency model, as in the cloud, so requests sent together are counted together.
      t.cloud.latencyMs = 25;
      let page: LandingView;
      try {
        page = okData(await landing(code, consumer()));
      } finally {
        t.cloud.latencyMs = 0;
        stop();
      }
      expect(page).toMatchObject({ visitCounted: true, store: { name: '杭州恒泰商贸有限公司' } });
      // In CloudBase each round is a network hop, what a consumer waits for after the scan (npm run bench -- latency).
      expect(traces[0]!.sequential).toBe(4);
      expect(traces[0]!.requests!.find((r) => r.what === 'getDocument dealers')?.depth).toBe(2);
    });
  });

  describe('kits and who sees them', () => {
    it('keeps a draft from sharers until it is published, and refuses a second create of the same id', async () => {
      okData(await call('create', kit('kit-draft')));
      const ids = async (openid: string) => okData(await call<{ items: CampaignSummary[] }>('list', {}, openid)).items.map((c) => c.id);
      expect(await ids(CLERK)).not.toContain('kit-draft');
      expect(codeOf(await call('get', { campaignId: 'kit-draft' }, CLERK))).toBe('NOT_FOUND');
      expect(codeOf(await call('create', kit('kit-draft')))).toBe('CONFLICT');
      okData(await call('publish', { campaignId: 'kit-draft' }));
      expect(await ids(CLERK)).toContain('kit-draft');
      const detail = okData(await call<CampaignDetail>('get', { campaignId: 'kit-draft' }, CLERK));
      expect(detail).toMatchObject({ phase: 'running', cost: null, copyTexts: CAMPAIGN_EXAMPLE.copyTexts });
      expect(okData(await call<CampaignDetail>('get', { campaignId: 'kit-draft' }, ADMIN)).cost).toBe(CAMPAIGN_EXAMPLE.cost);
      expect(codeOf(await call('publish', { campaignId: 'kit-draft' }))).toBe('CONFLICT');
    });

    it('lets an admin change a draft, checks the merged kit as a whole, and refuses changes once it is published', async () => {
      okData(await call('create', kit('kit-edit')));
      const coupon = { title: '到店立减 ¥12', valueFen: 1200, minSpendFen: 6000, validDays: 30 };
      okData(await call('update', { campaignId: 'kit-edit', changes: { coupon, period: { from: '2026-02-01', to: '2031-01-31' } } }));
      const stored = t.cloud.store.get('campaigns', 'kit-edit')!.doc as Record<string, unknown>;
      expect(stored['coupon']).toEqual(coupon);
      expect(stored['title']).toBe(CAMPAIGN_EXAMPLE.title);
      // The period's instants follow the new days (Shanghai midnight of 2026-02-01).
      expect(stored['startAt']).toBe(Date.parse('2026-02-01T00:00:00+08:00'));
      const before = JSON.stringify(t.cloud.store.get('campaigns', 'kit-edit')!.doc);
      const bad = await call('update', { campaignId: 'kit-edit', changes: { period: { from: '2031-02-01', to: '2031-01-31' } } });
      expect(bad.ok ? null : bad.error).toMatchObject({ code: 'INVALID_INPUT', issues: [expect.objectContaining({ path: 'changes.period.to' })] });
      expect(codeOf(await call('update', { campaignId: 'kit-edit', changes: {} }))).toBe('INVALID_INPUT');
      expect(codeOf(await call('update', { campaignId: 'kit-edit', changes: { title: '改标题' } }, CLERK))).toBe('FORBIDDEN');
      expect(codeOf(await call('update', { campaignId: 'no-such-kit', changes: { title: '改标题' } }))).toBe('NOT_FOUND');
      expect(JSON.stringify(t.cloud.store.get('campaigns', 'kit-edit')!.doc)).toBe(before);
      okData(await call('publish', { campaignId: 'kit-edit' }));
      expect(codeOf(await call('update', { campaignId: 'kit-edit', changes: { title: '改标题' } }))).toBe('CONFLICT');
    });

    it('shows a campaign only to the dealer levels and regions it is meant for', async () => {
      const ids = async (openid: string) => okData(await call<{ items: CampaignSummary[] }>('list', {}, openid)).items.map((c) => c.id);
      // The seeded 新春礼盒 is for level-A dealers in 华东: dealer A (华东, A) sees it, dealer B (华南, B) does not.
      expect(await ids(OWNER_A)).toContain(CAMPAIGN_IDS.newYear);
      expect(await ids(OWNER_B)).not.toContain(CAMPAIGN_IDS.newYear);
      expect(codeOf(await call('myCode', { campaignId: CAMPAIGN_IDS.newYear }, OWNER_B))).toBe('NOT_FOUND');
      expect(await ids(OWNER_B)).toContain(CAMPAIGN_IDS.winter);
      expect(await ids(CLERK)).not.toContain(CAMPAIGN_IDS.draft);
      expect(await ids(ADMIN)).toContain(CAMPAIGN_IDS.draft);
    });

    it('lets only brand admins and the console create, publish, end and export', async () => {
      for (const openid of [CLERK, OWNER_A, MANAGER, 'a-stranger']) {
        const expected = openid === 'a-stranger' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
        expect(codeOf(await call('create', kit('kit-forbidden'), openid))).toBe(expected);
        expect(codeOf(await call('publish', { campaignId: CAMPAIGN_IDS.draft }, openid))).toBe(expected);
        expect(codeOf(await call('end', { campaignId: CAMPAIGN_IDS.winter, reason: '测试' }, openid))).toBe(expected);
        expect(codeOf(await call('funnelCsv', { campaignId: CAMPAIGN_IDS.winter }, openid))).toBe(expected);
      }
      expect(t.cloud.store.get('campaigns', 'kit-forbidden')).toBeNull();
      expect(codeOf(await call('myCode', { campaignId: CAMPAIGN_IDS.winter }, MANAGER))).toBe('FORBIDDEN');
    });
  });

  describe('the funnel', () => {
    it('shows a clerk only their own row, a dealer owner only its sharers, a manager only its regions, an admin everything', async () => {
      const id = CAMPAIGN_IDS.summer;
      const rows = t.cloud.store.all('campaign_stats').filter((s) => s['campaignId'] === id);
      const clerkRows = (await funnel(id, CLERK)).funnel.bySharer;
      expect(clerkRows.length).toBeGreaterThan(0);
      expect(clerkRows.every((r) => r.clerkId === CLERK)).toBe(true);
      const dealerView = await funnel(id, OWNER_A);
      expect(dealerView.scope).toBe('dealer');
      expect(new Set(dealerView.funnel.bySharer.map((r) => r.dealerId))).toEqual(new Set(['dealer-001']));
      expect(dealerView.funnel.bySharer.length).toBe(new Set(rows.filter((r) => r['dealerId'] === 'dealer-001').map((r) => r['code'])).size);
      expect(dealerView.funnel.totals.roi).toBeNull();
      const northManager = users().find((u) => u.role === 'manager' && (u.regions ?? []).includes('north'))!.openid;
      expect((await funnel(id, northManager)).funnel.bySharer).toEqual([]);
      const managerView = await funnel(id, MANAGER);
      expect(managerView.funnel.totals.visits).toBe(rows.reduce((n, r) => n + (r['visits'] as number), 0));
      const adminView = await funnel(id, ADMIN);
      expect(adminView.scope).toBe('all');
      expect(adminView.funnel.totals.roi).not.toBeNull();
      // A dealer owner of another dealer sees nothing of dealer A's sharers.
      expect((await funnel(id, OWNER_B)).funnel.bySharer.every((r) => r.dealerId !== 'dealer-001')).toBe(true);
    });

    it('equals a direct count of the raw events on a generated data set', async () => {
      const id = await running('funnel-generated');
      const sharers = users()
        .filter((u) => (u.role === 'clerk' || u.role === 'dealer') && u.status === 'active' && u.dealerId)
        .slice(0, 12);
      const codes: Array<{ code: string; dealerId: string; openid: string }> = [];
      for (const s of sharers) {
        const r = await call<ShareKit>('myCode', { campaignId: id }, s.openid);
        if (r.ok) codes.push({ code: r.data.code, dealerId: s.dealerId!, openid: s.openid });
      }
      expect(codes.length).toBeGreaterThan(6);
      // A deterministic pseudo-random walk: consumers open one or two codes, some leave leads, some are redeemed.
      let x = 12345;
      const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
      const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
      const sales = new Map<string, number>();
      for (let i = 0; i < 120; i++) {
        const v = consumer();
        const first = pick(codes);
        await landing(first.code, v);
        if (rnd() < 0.3) await landing(pick(codes).code, v);
        if (rnd() < 0.2) await landing(first.code, v);
        if (rnd() < 0.35) {
          const leadCode = rnd() < 0.8 ? first : pick(codes);
          const { coupon } = okData(await lead(leadCode.code, v, '测试', `139${String(10000000 + i)}`));
          if (rnd() < 0.5) {
            const amount = 5000 + Math.floor(rnd() * 20000);
            const redeemer = sharers.find((s) => s.dealerId === leadCode.dealerId)!.openid;
            okData(await call('redeem', { couponCode: coupon.couponCode, saleAmount: amount }, redeemer));
            sales.set(coupon.couponCode, amount);
          }
        }
      }
      const of = (coll: string) => t.cloud.store.all(coll).filter((d) => d['campaignId'] === id);
      const visits = of('campaign_visits');
      const visitors = of('campaign_visitors');
      const leads = of('campaign_leads');
      const redeemed = of('campaign_coupons').filter((c) => c['status'] === 'redeemed');
      const direct = (code: string) => ({
        visits: visits.filter((d) => d['code'] === code).length,
        uniqueVisitors: visitors.filter((d) => d['firstCode'] === code).length,
        leads: leads.filter((d) => d['code'] === code).length,
        redemptions: redeemed.filter((d) => d['code'] === code).length,
        sales: redeemed.filter((d) => d['code'] === code).reduce((n, d) => n + (d['saleAmount'] as number), 0),
      });
      const f = await funnel(id, ADMIN);
      for (const { code } of codes) {
        const row = f.funnel.bySharer.find((r) => r.code === code);
        const want = direct(code);
        if (want.visits + want.leads === 0) expect(row).toBeUndefined();
        else expect(row).toMatchObject(want);
      }
      expect(f.funnel.totals).toMatchObject({
        visits: visits.length,
        uniqueVisitors: visitors.length,
        leads: leads.length,
        redemptions: redeemed.length,
        sales: [...sales.values()].reduce((a, b) => a + b, 0),
      });
      // By dealer adds up to the same totals.
      expect(f.funnel.byDealer.reduce((n, d) => n + d.visits, 0)).toBe(visits.length);
    });

    it('equals a direct count on the seeded history of the summer campaign', async () => {
      const id = CAMPAIGN_IDS.summer;
      const of = (coll: string) => t.cloud.store.all(coll).filter((d) => d['campaignId'] === id);
      const redeemed = of('campaign_coupons').filter((c) => c['status'] === 'redeemed');
      const f = await funnel(id, ADMIN);
      expect(f.funnel.totals).toMatchObject({
        visits: of('campaign_visits').length,
        uniqueVisitors: of('campaign_visitors').length,
        leads: of('campaign_leads').length,
        redemptions: redeemed.length,
        sales: redeemed.reduce((n, d) => n + (d['saleAmount'] as number), 0),
      });
      expect(f.funnel.totals.visits).toBeGreaterThan(100);
      expect(f.campaign.phase).toBe('over');
    });

    it('exports the whole funnel as CSV for the console', async () => {
      const r = okData(await call<{ filename: string; csv: string }>('funnelCsv', { campaignId: CAMPAIGN_IDS.summer }));
      expect(r.filename).toMatch(/^funnel-qh-summer-2026-\d{8}\.csv$/);
      const lines = r.csv
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines[0]).toBe('经销商编号,经销商,导购编号,导购,活动码,访问,独立访客,留资,核销,销售额(元),留资率,核销率');
      const f = await funnel(CAMPAIGN_IDS.summer, ADMIN);
      expect(lines).toHaveLength(1 + f.funnel.bySharer.length + 3);
      expect(lines.find((l) => l.startsWith(',合计,'))).toContain(`,${f.funnel.totals.visits},`);
    });
  });
});
