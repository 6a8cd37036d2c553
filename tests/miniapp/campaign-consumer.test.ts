/**
 * The consumer's side of a campaign as built for WeChat, in miniprogram-simulate, against the
 * campaigns function on the demo data: the privacy notice and consent of the lead form, the
 * coupon's store and map, withdrawing consent, the policy page and 去逛逛.
 */
import v8 from 'node:v8';
import { TextDecoder, TextEncoder } from 'node:util';
import type { Envelope } from '../helpers/seeded';
import { okData } from '../helpers/seeded';
import type { ShareKit } from '../../shared/contracts';
import { LEAD_PRIVACY } from '../../shared/campaigns';
import { CAMPAIGN_IDS } from '../../mocks/seed/campaigns';
import { simulatedApp } from './helpers/simulated-app';
import { find, textOf, waitFor } from './support/weapp';

jest.setTimeout(60_000);

const g = globalThis as unknown as Record<string, unknown>;
g['TextEncoder'] ??= TextEncoder;
g['TextDecoder'] ??= TextDecoder;
g['structuredClone'] ??= (v: unknown) => v8.deserialize(v8.serialize(v));

describe('a consumer on the campaign landing page', () => {
  const sim = simulatedApp({
    caller: 'wx-consumer-pipl',
    pages: { landing: 'packages/campaign/landing/index', privacy: 'packages/campaign/privacy/index' },
    modals: true,
  });
  const { app, calls, t } = sim;
  const winterCode = async () =>
    okData((await t.cloud.invoke('campaigns', { action: 'myCode', campaignId: CAMPAIGN_IDS.winter }, { openid: 'demo-clerk' })) as Envelope<ShareKit>).code;
  const leadOf = (openid: string) =>
    (t.cloud.store.all('campaign_leads') as unknown as Array<{ openid: string; mobile: string | null; consentVersion?: string }>).find(
      (l) => l.openid === openid,
    );

  it('states purpose and retention, links the policy, and sends nothing until the unticked box is ticked', async () => {
    sim.caller = 'wx-consumer-pipl-1';
    const p = sim.open('landing', { scene: await winterCode() });
    await waitFor(() => expect(find(p, '.landing-notice')).not.toBeNull());
    expect(textOf(find(p, '.landing-notice'))).toContain(LEAD_PRIVACY.purpose);
    expect(textOf(find(p, '.landing-notice'))).toContain(`${LEAD_PRIVACY.retentionDays} 天`);
    expect(find(p, '.landing-consent-box-on')).toBeNull();
    find(p, '.landing-name')!.dispatchEvent('input', { detail: { value: '陈女士' } });
    find(p, '.landing-mobile')!.dispatchEvent('input', { detail: { value: '13800138000' } });
    find(p, '.landing-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.landing-error'))).toContain('勾选'));
    expect(calls.filter((c) => c.data['action'] === 'lead')).toEqual([]);
    find(p, '.landing-privacy-link')!.dispatchEvent('tap');
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'navigateTo', args: expect.objectContaining({ url: '/packages/campaign/privacy/index' }) }));
  });

  it("records the consent with the lead, shows the store's address with a map, and 撤回同意 deletes the number", async () => {
    sim.caller = 'wx-consumer-pipl-2';
    const located: unknown[] = [];
    sim.wx().openLocation = (args: { success?: () => void }) => {
      located.push(args);
      args.success?.();
    };
    const p = sim.open('landing', { scene: await winterCode() });
    await waitFor(() => expect(find(p, '.landing-consent')).not.toBeNull());
    find(p, '.landing-name')!.dispatchEvent('input', { detail: { value: '陈女士' } });
    find(p, '.landing-mobile')!.dispatchEvent('input', { detail: { value: '13800138000' } });
    find(p, '.landing-consent')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.landing-consent-box-on')).not.toBeNull());
    find(p, '.landing-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.landing-coupon')).not.toBeNull());
    expect(leadOf('wx-consumer-pipl-2')).toMatchObject({ mobile: '13800138000', consentVersion: LEAD_PRIVACY.version });
    expect(textOf(find(p, '.landing-store-address'))).toContain('杭州市上城区');
    find(p, '.landing-store-map')!.dispatchEvent('tap');
    await waitFor(() =>
      expect(located).toEqual([expect.objectContaining({ latitude: expect.any(Number), longitude: expect.any(Number), name: '杭州恒泰商贸有限公司' })]),
    );
    find(p, '.landing-withdraw')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.landing-withdrawn')).not.toBeNull());
    expect(sim.modals).toHaveLength(1);
    expect(leadOf('wx-consumer-pipl-2')!.mobile).toBeNull();
    expect(find(p, '.landing-coupon-code')).not.toBeNull();
  });

  it('shows the privacy policy, section by section', async () => {
    const p = sim.open('privacy');
    await waitFor(() => expect(textOf(p as never)).toContain('保存多久'));
    expect(textOf(p as never)).toContain(`版本 ${LEAD_PRIVACY.version}`);
  });

  it("takes 去逛逛 on an unreadable code to the consumer's home tab, not to the dealers' catalog", async () => {
    sim.caller = 'wx-consumer-pipl-3';
    const p = sim.open('landing', { scene: 'not-a-code' });
    await waitFor(() => expect(find(p, '.landing-home')).not.toBeNull());
    find(p, '.landing-home')!.dispatchEvent('tap');
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'switchTab', args: expect.objectContaining({ url: '/pages/me/index' }) }));
  });
});
