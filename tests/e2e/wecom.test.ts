import type { Browser, Page } from 'playwright-core';
import { generate } from '../../mocks/seed';
import { launchChromium } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { startServer } from '../helpers/server';

jest.setTimeout(120_000);

/**
 * The whole loop under `npm start`: the fake WeCom server makes a customer add the demo clerk
 * through her campaign code and sends the encrypted callback to the dev server's HTTP-access
 * route; the wecom function answers, applies the event, tags the customer in (fake) WeCom; the
 * clerk persona opens 我的客户 in a real browser and sees the customer with its tags.
 */
describe("a customer added on WeCom shows up in the clerk's 我的客户", () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let fakeUrl: string;
  const outside: string[] = [];
  const demo = generate();
  const clerk = demo.users.find((u) => u.openid === 'demo-clerk')!;
  const code = demo.campaign_codes.find((c) => c.clerkId === clerk._id)!;
  const campaign = demo.campaigns.find((c) => c._id === code.campaignId)!;

  beforeAll(async () => {
    server = await startServer();
    const m = /WECOM_FAKE (http:\/\/127\.0\.0\.1:\d+)/.exec(server.output());
    if (!m) throw new Error(`the fake WeCom server did not start:\n${server.output()}`);
    fakeUrl = m[1]!;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) outside.push(r.url());
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("the fake WeCom delivers an encrypted add_external_contact with the clerk's campaign code, and the app answers success", async () => {
    const res = await fetch(`${fakeUrl}/__fake/simulate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'zhangxiaoli', name: '王小姐', state: code._id, unionid: 'union-e2e-wang' }),
    });
    const answer = (await res.json()) as { status: number; body: string; externalUserId: string };
    expect(answer).toEqual(expect.objectContaining({ status: 200, body: 'success' }));
  });

  it('the clerk persona sees the new customer with its channel, clerk and campaign tags', async () => {
    await page.goto(`${server.url}/#/pages/me/index`);
    await page.locator('.persona-switch:visible').last().click();
    await page.locator('.persona-option-demo-clerk').last().click();
    const campaignTag = `活动：${campaign.title}`;
    // Tagging runs right after the callback was answered; reload until it has landed.
    for (let i = 0; i < 30; i++) {
      await page.goto(`${server.url}/#/packages/customers/list/index?r=${i}`);
      await page.locator('.customer-name').first().waitFor();
      const text = (await page.locator('.page-customers:visible').last().textContent()) ?? '';
      if (text.includes('王小姐') && text.includes(campaignTag)) break;
      await page.waitForTimeout(300);
    }
    const card = page.locator('.customer:visible', { hasText: '王小姐' });
    await card.waitFor();
    const text = (await card.textContent()) ?? '';
    const dealer = demo.dealers.find((d) => d._id === code.dealerId)!;
    expect(text).toContain(`渠道：${dealer.name}`);
    // The clerk by name only: issue 19 took the WeCom userid (zhangxiaoli) off the screen.
    expect(text).toContain(`导购：${clerk.name}`);
    expect(text).not.toContain('zhangxiaoli');
    expect(text).toContain(campaignTag);
  });

  it('the tags were set in WeCom too, through mark_tag on the fake server', async () => {
    const calls = (await (await fetch(`${fakeUrl}/__fake/calls`)).json()) as Array<{
      api: string;
      errcode: number;
      body: { userid?: string; add_tag?: string[] } | null;
    }>;
    const marks = calls.filter((c) => c.api === 'externalcontact/mark_tag' && c.errcode === 0 && c.body?.userid === 'zhangxiaoli');
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.at(-1)!.body!.add_tag).toHaveLength(3);
  });

  // One record per customer journey: 林女士 adds the clerk through her 「联系我」 code of the running
  // campaign, then (as the mini-program user with the same unionid) opens the landing page, leaves a
  // lead and redeems in store; the clerk taps her in 我的客户 and sees the whole timeline.
  it("a customer added through the clerk's 「联系我」 code who visits, leaves a lead and redeems shows that whole journey to the clerk", async () => {
    const cloudCall = async (fn: string, openid: string, body: Record<string, unknown>) =>
      (await (
        await fetch(`${server.url}/__cloud/call/${fn}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-local-openid': openid },
          body: JSON.stringify(body),
        })
      ).json()) as { ok: boolean; data?: Record<string, unknown> };
    const running = demo.campaign_codes.find((c) => c.clerkId === clerk._id && c.campaignId === 'qh-winter-2026')!;
    const title = demo.campaigns.find((c) => c._id === running.campaignId)!.title;
    expect((await cloudCall('wecom', 'demo-clerk', { action: 'contactWay', campaignId: running.campaignId })).ok).toBe(true);
    // The dev server gives each persona the UNIONID union-<openid> (as a mini-program bound to the Open Platform account gets one).
    const added = await fetch(`${fakeUrl}/__fake/simulate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userId: 'zhangxiaoli', name: '林女士', state: running._id, unionid: 'union-e2e-lin' }),
    });
    expect(added.status).toBe(200);
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addInitScript(() => localStorage.setItem('local.persona', JSON.stringify({ data: 'e2e-lin' })));
    const visitor = await context.newPage();
    await visitor.goto(`${server.url}/#/packages/campaign/landing/index?scene=${running._id}`);
    await visitor.locator('.landing-name input').last().fill('林女士');
    await visitor.locator('.landing-mobile input').last().fill('13900139000');
    await visitor.locator('.landing-consent').last().click();
    await visitor.locator('.landing-submit').last().click();
    const couponCode = (await visitor.locator('.landing-coupon-code').last().textContent())!.replace(/\s/g, '');
    await context.close();
    expect((await cloudCall('campaigns', 'demo-clerk', { action: 'redeem', couponCode, saleAmount: 12_800 })).ok).toBe(true);

    // The add is processed after WeCom's callback was answered: reload 我的客户 until she is there and linked.
    for (let i = 0; i < 30; i++) {
      await page.goto(`${server.url}/#/packages/customers/list/index?j=${i}`);
      await page.locator('.customer-name').first().waitFor();
      const card =
        (await page
          .locator('.customer:visible', { hasText: '林女士' })
          .first()
          .textContent({ timeout: 1000 })
          .catch(() => '')) ?? '';
      if (card.includes('已关联小程序')) break;
      await page.waitForTimeout(300);
    }
    const card = page.locator('.customer:visible', { hasText: '林女士' });
    expect(await card.textContent()).toContain(`来自活动「${title}」`);
    await card.click();
    await page.locator('.journey-step-redemption').last().waitFor();
    const journey = (await page.locator('.page-journey:visible').last().textContent()) ?? '';
    expect(journey).toContain(`活动「${title}」 · 扫导购的「联系我」码添加 · 导购 ${clerk.name}`);
    for (const step of ['添加企业微信', '访问活动页', '留资', '领券', '到店核销']) expect(journey).toContain(step);
    expect(journey).toContain('消费 ¥128.00');
    const kinds = await page.locator('.page-journey:visible .journey-step').evaluateAll((els) => els.map((e) => /journey-step-(\w+)/.exec(e.className)?.[1]));
    expect(kinds[0]).toBe('redemption');
    expect(kinds.at(-1)).toBe('added');
  });

  it('made no request beyond the local server', () => {
    expect(outside).toEqual([]);
  });
});
