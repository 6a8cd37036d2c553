import { Db } from '../../cloudfunctions/_kit/db';
import type { CampaignTallyDoc } from '../../shared/campaigns';
import { CAMPAIGN_EXAMPLE } from '../../shared/contracts';
import type { CouponView, FunnelView, LandingView, ShareKit } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Leads arriving together at one sharer's code (issue 13): none fails because of the others, and
 * the funnel counts each exactly once, also when a lead's function stopped between its commit and
 * its count reaching the counters. Through the local cloud and the real wx-server-sdk.
 */
const CLERK = 'demo-clerk';
const LEADS = 40;
jest.setTimeout(60_000);

describe('leads arriving at the same moment', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const call = <T>(action: string, input: Record<string, unknown> = {}, openid?: string) =>
    t.call<T>('campaigns', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const lead = (scene: string, openid: string) =>
    call<{ coupon: CouponView; replayed: boolean }>('lead', { scene, name: '陈女士', mobile: '13800138000', consent: true }, openid);
  const totals = async (campaignId: string) => okData(await call<FunnelView>('funnel', { campaignId })).funnel.totals;
  const tallies = (campaignId: string) => t.cloud.store.all('campaign_tallies').filter((d) => d['campaignId'] === campaignId);

  async function sharedCode(campaignId: string): Promise<string> {
    okData(await call('create', { ...CAMPAIGN_EXAMPLE, id: campaignId, period: { from: '2026-01-01', to: '2030-12-31' } }));
    okData(await call('publish', { campaignId }));
    return okData(await call<ShareKit>('myCode', { campaignId }, CLERK)).code;
  }

  it('takes all of 40 leads sent at once through one code, a double submission once, and the funnel counts each lead exactly once', async () => {
    const id = 'leads-at-once';
    const code = await sharedCode(id);
    const consumers = Array.from({ length: LEADS }, (_, i) => `rush-consumer-${String(i).padStart(2, '0')}`);
    // Five of them tap the button twice: both submissions in flight with the other leads.
    const sent = [...consumers, ...consumers.slice(0, 5)];
    const answers = await Promise.all(sent.map((openid) => lead(code, openid)));
    const failed = answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : `${a.error.code}: ${a.error.message}`));
    expect(failed).toEqual([]);
    const coupons = answers.map((a) => okData(a).coupon.couponCode);
    expect(new Set(coupons).size).toBe(LEADS);
    expect(answers.filter((a) => okData(a).replayed)).toHaveLength(5);
    expect(t.cloud.store.all('campaign_leads').filter((d) => d['campaignId'] === id)).toHaveLength(LEADS);
    // Each lead also counted its consumer's first visit of the day.
    expect(await totals(id)).toMatchObject({ leads: LEADS, visits: LEADS, uniqueVisitors: LEADS });
    expect(tallies(id)).toEqual([]);
  });

  it('counts a lead whose function stopped after its commit at the next funnel read, once however many read at once', async () => {
    const id = 'lead-stopped-after-commit';
    const code = await sharedCode(id);
    okData(await call<LandingView>('landing', { scene: code }, 'stopped-consumer'));
    okData(await lead(code, 'stopped-consumer'));
    expect(await totals(id)).toMatchObject({ visits: 1, leads: 1 });
    // Put the database back as a stop between the lead's commit and its count leaves it: the
    // lead's tally still there, the counter row without it.
    const db = new Db();
    const row = t.cloud.store.all('campaign_stats').find((d) => d['campaignId'] === id)!;
    const tally = { ...row, visits: 0, uniqueVisitors: 0, leads: 1, redemptions: 0, sales: 0, at: 0 } as unknown as CampaignTallyDoc & { _id?: string };
    delete tally._id;
    await db.transaction(async (tx) => {
      await tx.update('campaign_stats', row._id as string, { leads: db.command['inc']!(-1) });
      await tx.add('campaign_tallies', { _id: `lead:${id}:stopped-consumer`, ...tally });
    });
    expect(tallies(id)).toHaveLength(1);
    const read = await Promise.all([totals(id), totals(id), totals(id)]);
    expect(read.map((r) => r.leads)).toEqual([1, 1, 1]);
    expect(await totals(id)).toMatchObject({ visits: 1, leads: 1 });
    expect(tallies(id)).toEqual([]);
  });
});
