/**
 * The campaign subpackage (packages/campaign) as built for WeChat, in miniprogram-simulate,
 * against the real campaigns function on a local cloud seeded with the demo data set: a clerk's
 * list, kit and funnel, the consumer's landing page, and redemption in store.
 */
import { TextDecoder, TextEncoder } from 'node:util';
import v8 from 'node:v8';
import type { FunnelView, ShareKit } from '../../shared/contracts';
import { groupCouponCode } from '../../shared/campaigns';
import { CAMPAIGN_IDS } from '../../mocks/seed/campaigns';
import { FakeWecom } from '../../mocks/wecom/server';
import { randomAesKey } from '../../mocks/wecom/callbacks';
import { generate } from '../../mocks/seed';
import type { Envelope } from '../helpers/seeded';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { RenderedPage } from './support/weapp';
import { find, textOf, waitFor, waitForRendered } from './support/weapp';

jest.setTimeout(60_000);

// The local cloud's open-API layer (protobuf, PNG encoding) runs here beside jsdom, which has no TextEncoder nor structuredClone.
const g = globalThis as unknown as Record<string, unknown>;
g['TextEncoder'] ??= TextEncoder;
g['TextDecoder'] ??= TextDecoder;
g['structuredClone'] ??= (v: unknown) => v8.deserialize(v8.serialize(v));

describe('the campaign pages', () => {
  const pages = Object.fromEntries(['list', 'detail', 'landing', 'redeem', 'funnel'].map((p) => [p, `packages/campaign/${p}/index`]));
  const sim = simulatedApp({ caller: 'demo-clerk', pages });
  const { app, calls, t } = sim;
  const open = (name: string, query: Record<string, string> = {}): RenderedPage => sim.open(name, query);
  const winterCode = async () =>
    okData((await t.cloud.invoke('campaigns', { action: 'myCode', campaignId: CAMPAIGN_IDS.winter }, { openid: 'demo-clerk' })) as Envelope<ShareKit>).code;

  it('lists the campaigns a clerk may share, running first, and opens one', async () => {
    sim.caller = 'demo-clerk';
    const p = open('list');
    await waitFor(() => expect(p.querySelectorAll('.campaign-item').length).toBe(3));
    expect(textOf(p.querySelectorAll('.campaign-item')[0])).toContain('青禾暖冬 热饮季');
    expect(textOf(p.querySelectorAll('.campaign-item')[0])).toContain('进行中');
    expect(find(p, `.campaign-item-${CAMPAIGN_IDS.draft}`)).toBeNull();
    find(p, `.campaign-item-${CAMPAIGN_IDS.winter}`)!.dispatchEvent('tap');
    await waitFor(() =>
      expect(app.wxCalls).toContainEqual({
        api: 'navigateTo',
        args: expect.objectContaining({ url: `/packages/campaign/detail/index?id=${CAMPAIGN_IDS.winter}` }),
      }),
    );
  });

  it('gives the clerk their code image, copy texts that copy with one tap and a share card carrying the code', async () => {
    sim.caller = 'demo-clerk';
    const code = await winterCode();
    const p = open('detail', { id: CAMPAIGN_IDS.winter });
    await waitFor(() => expect(textOf(find(p, '.campaign-code-text'))).toBe(code));
    expect(find(p, '.campaign-code-image')).not.toBeNull();
    expect(calls.map((c) => c.data['action'])).toEqual(expect.arrayContaining(['get', 'myCode']));
    expect(textOf(find(p, '.campaign-landing-link'))).toBe(`/packages/campaign/landing/index?scene=${code}`);
    find(p, '.campaign-copy-0')!.dispatchEvent('tap');
    await waitFor(() =>
      expect(app.wxCalls).toContainEqual({ api: 'setClipboardData', args: expect.objectContaining({ data: expect.stringContaining('青禾热饮') }) }),
    );
    const share = (p.instance as unknown as { onShareAppMessage: (o: unknown) => { title: string; path: string } }).onShareAppMessage({ from: 'button' });
    expect(share).toMatchObject({ title: '送你一张青禾热饮 ¥10 立减券', path: `/packages/campaign/landing/index?scene=${code}` });
    // No Canvas 2D in the simulator: the page says so instead of hanging.
    await waitFor(() => expect(find(p, '.campaign-poster-failed') ?? find(p, '.campaign-poster-image')).not.toBeNull());
  });

  it('makes the clerk’s own WeCom 「联系我」 code on request, and tells a sharer without a WeCom account why not', async () => {
    const fake = new FakeWecom({ corpId: 'wwminiapp000000corp1', token: 'MiniToken2026', aesKey: randomAesKey(), secret: 'mini-secret' });
    await fake.start();
    // Set and later remove the fake's settings key by key: process.env itself is the local cloud's per-call overlay.
    const settings = fake.env();
    Object.assign(process.env, settings);
    for (const s of generate().wecom_staff) fake.addMember(s._id, s.name);
    try {
      sim.caller = 'demo-clerk';
      const code = await winterCode();
      const p = open('detail', { id: CAMPAIGN_IDS.winter });
      await waitFor(() => expect(find(p, '.campaign-wecom-make')).not.toBeNull());
      expect(find(p, '.campaign-wecom-image')).toBeNull();
      find(p, '.campaign-wecom-make')!.dispatchEvent('tap');
      await waitFor(() => expect(find(p, '.campaign-wecom-image')).not.toBeNull());
      expect(textOf(find(p, '.campaign-wecom-state'))).toBe(`活动码 ${code}`);
      expect(calls).toContainEqual({ name: 'wecom', data: { action: 'contactWay', campaignId: CAMPAIGN_IDS.winter } });
      expect(fake.callsTo('externalcontact/add_contact_way').map((c) => c.body?.['state'])).toEqual([code]);
      app.close(p);

      sim.caller = 'demo-dealer-a';
      const q = open('detail', { id: CAMPAIGN_IDS.winter });
      await waitFor(() => expect(find(q, '.campaign-wecom-make')).not.toBeNull());
      find(q, '.campaign-wecom-make')!.dispatchEvent('tap');
      await waitFor(() => expect(textOf(find(q, '.campaign-wecom-failed'))).toContain('企业微信账号还没有登记'));
    } finally {
      for (const k of Object.keys(settings)) delete process.env[k];
      await fake.stop();
    }
  });

  it('shows a consumer a kind page for a malformed scene without asking the server', async () => {
    sim.caller = 'wx-consumer-1';
    const p = open('landing', { scene: 'not-a-code' });
    await waitFor(() => expect(find(p, '.landing-unknown')).not.toBeNull());
    expect(textOf(p as never)).toContain('活动码无法识别');
    expect(calls.filter((c) => c.name === 'campaigns')).toEqual([]);
  });

  it('shows a consumer a kind page for a well-formed code nobody was given', async () => {
    sim.caller = 'wx-consumer-1';
    const p = open('landing', { scene: 'Q0000000000' });
    await waitFor(() => expect(find(p, '.landing-unknown')).not.toBeNull());
    expect(textOf(p as never)).toContain('没有找到这个活动');
  });

  it('lets a consumer leave a lead and shows the coupon, which the clerk then redeems in store', async () => {
    const code = await winterCode();
    sim.caller = 'wx-consumer-2';
    const p = open('landing', { scene: encodeURIComponent(code) });
    await waitFor(() => expect(textOf(find(p, '.landing-title'))).toBe('青禾暖冬 热饮季'));
    expect(textOf(find(p, '.landing-sharer'))).toContain('张晓丽');
    find(p, '.landing-name')!.dispatchEvent('input', { detail: { value: '陈女士' } });
    find(p, '.landing-mobile')!.dispatchEvent('input', { detail: { value: '1380013' } });
    find(p, '.landing-consent')!.dispatchEvent('tap');
    find(p, '.landing-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.landing-error'))).toContain('手机号'));
    find(p, '.landing-mobile')!.dispatchEvent('input', { detail: { value: '13800138000' } });
    find(p, '.landing-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.landing-coupon')).not.toBeNull());
    const couponCode = textOf(find(p, '.landing-coupon-code')).replace(/\s/g, '');
    expect(couponCode).toHaveLength(12);
    expect(p.querySelectorAll('.qr-dark').length).toBeGreaterThan(50);
    app.close(p);

    sim.caller = 'demo-clerk';
    const r = open('redeem');
    await waitFor(() => expect(find(r, '.redeem-code')).not.toBeNull());
    // Each tap below reads what was typed: wait until React has rendered it.
    const typed = groupCouponCode(couponCode).toLowerCase();
    let mark = r.updates.length;
    find(r, '.redeem-code')!.dispatchEvent('input', { detail: { value: typed } });
    await waitForRendered(r, typed, mark);
    find(r, '.redeem-lookup')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(r, '.redeem-status'))).toBe('可核销'));
    mark = r.updates.length;
    find(r, '.redeem-amount')!.dispatchEvent('input', { detail: { value: '88.5' } });
    await waitForRendered(r, '88.5', mark);
    find(r, '.redeem-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(r, '.redeem-done'))).toContain('¥88.50'));
    // A second lookup says it was used.
    mark = r.updates.length;
    find(r, '.redeem-code')!.dispatchEvent('input', { detail: { value: couponCode } });
    await waitForRendered(r, couponCode, mark);
    find(r, '.redeem-lookup')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(r, '.redeem-status'))).toBe('已核销'));
  });

  it('shows the clerk their own funnel, with the figures the function computes', async () => {
    sim.caller = 'demo-clerk';
    const f = okData(
      (await t.cloud.invoke('campaigns', { action: 'funnel', campaignId: CAMPAIGN_IDS.winter }, { openid: 'demo-clerk' })) as Envelope<FunnelView>,
    );
    const p = open('funnel', { id: CAMPAIGN_IDS.winter });
    await waitFor(() => expect(p.querySelectorAll('.funnel-sharer').length).toBe(1));
    expect(textOf(find(p, '.funnel-sharer-demo-clerk'))).toContain('张晓丽');
    expect(textOf(find(p, '.funnel-totals .funnel-leads'))).toBe(`${f.funnel.totals.leads}留资`);
    expect(find(p, '.funnel-dealer')).toBeNull();
    expect(find(p, '.funnel-roi')).toBeNull();
  });
});
