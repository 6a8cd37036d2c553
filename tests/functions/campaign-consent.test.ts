import { LEAD_PRIVACY } from '../../shared/campaigns';
import { CAMPAIGN_EXAMPLE } from '../../shared/contracts';
import type { CampaignDetail, ConsentView, CouponView, LandingView, ShareKit } from '../../shared/contracts';
import { CAMPAIGN_IDS } from '../../mocks/seed/campaigns';
import type { Envelope } from '../helpers/seeded';
import { DAY_MS } from '../../shared/time';
import { freezeClock, TEST_NOW } from '../helpers/clock';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * The lead form's consent under the Personal Information Protection Law: recorded with the lead
 * (version and time), required, and withdrawable by the consumer, which deletes the mobile number
 * and is audited. Through the local cloud on the demo data.
 */
const CLERK = 'demo-clerk';
jest.setTimeout(60_000);

describe('consent given with a lead, and its withdrawal', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const call = <T>(action: string, input: Record<string, unknown> = {}, openid?: string) =>
    t.call<T>('campaigns', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  type Lead = { openid: string; mobile: string | null; consentAt: number; consentVersion?: string; consentWithdrawnAt?: number };
  const leadOf = (openid: string) => (t.cloud.store.all('campaign_leads') as unknown as Lead[]).find((l) => l.openid === openid);
  const audits = () => t.cloud.store.all('audit_log') as unknown as Array<{ action: string; actorId: string; before: unknown; after: unknown }>;

  const CAMPAIGN = 'consent-test';
  let scene = '';
  beforeAll(async () => {
    okData(await call('create', { ...CAMPAIGN_EXAMPLE, id: CAMPAIGN, period: { from: '2026-01-01', to: '2030-12-31' } }));
    okData(await call('publish', { campaignId: CAMPAIGN }));
    scene = okData(await call<ShareKit>('myCode', { campaignId: CAMPAIGN }, CLERK)).code;
    // A still clock: the times recorded are the times of the calls.
    freezeClock(TEST_NOW);
  });
  const lead = (openid: string, extra: Record<string, unknown> = {}) =>
    call<{ coupon: CouponView }>(
      'lead',
      { scene, name: '陈女士', mobile: '13800138000', consent: true, consentVersion: LEAD_PRIVACY.version, ...extra },
      openid,
    );

  it('records the version of the notice and the time of consent with the lead', async () => {
    okData(await lead('consent-visitor-01'));
    const stored = leadOf('consent-visitor-01')!;
    expect(stored.mobile).toBe('13800138000');
    expect(stored.consentVersion).toBe(LEAD_PRIVACY.version);
    expect(stored.consentAt).toBe(TEST_NOW);
    const view = okData(await call<LandingView>('landing', { scene }, 'consent-visitor-01'));
    expect(view.consent).toEqual({ version: LEAD_PRIVACY.version, at: stored.consentAt, withdrawnAt: null });
  });

  it('refuses a lead without the consent box ticked, or agreed to another version of the notice, and stores nothing', async () => {
    const noConsent = await lead('consent-visitor-02', { consent: false });
    expect(codeOf(noConsent)).toBe('INVALID_INPUT');
    expect(!noConsent.ok && noConsent.error.issues?.map((i) => i.path)).toEqual(['consent']);
    const oldNotice = await lead('consent-visitor-02', { consentVersion: '2020-01-01' });
    expect(codeOf(oldNotice)).toBe('CONFLICT');
    expect(!oldNotice.ok && oldNotice.error.details?.['reason']).toBe('consent_version');
    expect(leadOf('consent-visitor-02')).toBeUndefined();
  });

  it('deletes the mobile number when the consumer withdraws, keeps the coupon, audits it without the number, and answers a retry alike', async () => {
    const { coupon } = okData(await lead('consent-visitor-03'));
    const first = okData(await call<{ consent: ConsentView }>('withdrawConsent', { campaignId: CAMPAIGN }, 'consent-visitor-03'));
    expect(first.consent.withdrawnAt).toBe(TEST_NOW);
    expect(leadOf('consent-visitor-03')!.mobile).toBeNull();
    const entries = audits().filter((a) => a.action === 'campaigns.withdrawConsent' && a.actorId === 'consent-visitor-03');
    expect(entries).toHaveLength(1);
    expect(JSON.stringify(entries[0])).not.toContain('13800138000');
    const again = okData(await call<{ consent: ConsentView }>('withdrawConsent', { campaignId: CAMPAIGN }, 'consent-visitor-03'));
    expect(again).toEqual(first);
    expect(audits().filter((a) => a.action === 'campaigns.withdrawConsent' && a.actorId === 'consent-visitor-03')).toHaveLength(1);
    const view = okData(await call<LandingView>('landing', { scene }, 'consent-visitor-03'));
    expect(view.coupon?.couponCode).toBe(coupon.couponCode);
    expect(view.consent?.withdrawnAt).toBe(first.consent.withdrawnAt);
    // Leaving the form again gives the same coupon back and does not bring the number back.
    okData(await lead('consent-visitor-03'));
    expect(leadOf('consent-visitor-03')!.mobile).toBeNull();
  });

  it("lets nobody withdraw another consumer's consent: only the caller's own lead is found", async () => {
    okData(await lead('consent-visitor-04'));
    expect(codeOf(await call('withdrawConsent', { campaignId: CAMPAIGN }, 'consent-visitor-05'))).toBe('NOT_FOUND');
    expect(leadOf('consent-visitor-04')!.mobile).toBe('13800138000');
  });

  it("gives a sharer's poster the campaign's product with a loadable picture, and their store's address", async () => {
    const kit = okData(await call<CampaignDetail>('get', { campaignId: CAMPAIGN_IDS.winter }, CLERK));
    expect(kit.product).toMatchObject({ sku: expect.stringMatching(/^sku-/), name: expect.any(String) });
    // A link the canvas can load (getTempFileURL's answer), or null while the product has no picture.
    expect(kit.product!.image === null || /^https?:\/\//.test(kit.product!.image)).toBe(true);
    expect(kit.store?.address).toContain('杭州市');
  });

  it("shows the consumer the store's address and map position on the landing page", async () => {
    const view = okData(await call<LandingView>('landing', { scene }, 'consent-visitor-01'));
    expect(view.store.name).toBe('杭州恒泰商贸有限公司');
    expect(view.store.address).toContain('杭州市');
    expect(view.store.location).toEqual({ latitude: expect.any(Number), longitude: expect.any(Number) });
  });

  it('deletes the mobile numbers of a campaign 180 days after it ended, once, with an audit entry that holds a count, not a number', async () => {
    okData(await lead('consent-visitor-06'));
    const ended = okData(await call<{ endedAt: number }>('end', { campaignId: CAMPAIGN, reason: '测试留存期' })).endedAt;
    const purge = async (daysAfter: number) => {
      freezeClock(ended + daysAfter * DAY_MS);
      const res = (await t.cloud.trigger('campaigns', 'purgeLeadMobiles')) as Envelope<{ campaigns: number; purged: number }>;
      return okData(res);
    };
    const purges = () => audits().filter((a) => a.action === 'campaigns.purgeLeadMobiles' && JSON.stringify(a).includes(CAMPAIGN));
    await purge(LEAD_PRIVACY.retentionDays - 1);
    expect(leadOf('consent-visitor-06')!.mobile).toBe('13800138000');
    expect(purges()).toHaveLength(0);
    await purge(LEAD_PRIVACY.retentionDays + 1);
    expect(leadOf('consent-visitor-06')!.mobile).toBeNull();
    expect(leadOf('consent-visitor-04')!.mobile).toBeNull();
    expect(purges()).toHaveLength(1);
    expect(JSON.stringify(purges())).not.toContain('13800138000');
    const again = await purge(LEAD_PRIVACY.retentionDays + 2);
    expect(again.purged).toBe(0);
    expect(purges()).toHaveLength(1);
    freezeClock(TEST_NOW);
  });
});
