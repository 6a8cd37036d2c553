import { CAMPAIGN_EXAMPLE } from '../../shared/contracts';
import type { FunnelView, LandingView, ShareKit } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Consumers scanning one sharer's code at the same moment (issue 13): none gets an error because
 * of the others, and the funnel counts each visit and each new visitor exactly once. Through the
 * local cloud and the real wx-server-sdk.
 */
const CLERK = 'demo-clerk';
const VISITS = 60;
jest.setTimeout(60_000);

describe('visits arriving at the same moment', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const call = <T>(action: string, input: Record<string, unknown> = {}, openid?: string) =>
    t.call<T>('campaigns', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');

  it('answers all of 60 consumers scanning one code at once, and the funnel shows 60 visits by 60 unique visitors', async () => {
    const id = 'visits-at-once';
    okData(await call('create', { ...CAMPAIGN_EXAMPLE, id, period: { from: '2026-01-01', to: '2030-12-31' } }));
    okData(await call('publish', { campaignId: id }));
    const code = okData(await call<ShareKit>('myCode', { campaignId: id }, CLERK)).code;
    // One visit first, so the function knows the code: the 60 then take the landing's usual path.
    okData(await call<LandingView>('landing', { scene: code }, 'early-consumer'));
    const consumers = Array.from({ length: VISITS }, (_, i) => `scan-consumer-${String(i).padStart(2, '0')}`);
    const answers = await Promise.all(consumers.map((openid) => call<LandingView>('landing', { scene: code }, openid)));
    const failed = answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : `${a.error.code}: ${a.error.message}`));
    expect(failed).toEqual([]);
    expect(answers.every((a) => okData(a).visitCounted)).toBe(true);
    const totals = okData(await call<FunnelView>('funnel', { campaignId: id })).funnel.totals;
    expect(totals).toMatchObject({ visits: VISITS + 1, uniqueVisitors: VISITS + 1, leads: 0 });
  });
});
