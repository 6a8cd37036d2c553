import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { startServer } from '../helpers/server';

jest.setTimeout(180_000);

/**
 * The clerk persona opens a campaign and gets a code image and a poster; a visitor opens the
 * landing link and leaves a lead; the funnel shows it under that clerk. Against `npm start`.
 */
describe('campaign sharing in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let clerk: Page;
  const CAMPAIGN = 'qh-winter-2026';

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    clerk = await browser.newPage({ viewport: { width: 390, height: 844 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The clerk's own funnel row as the function answers it (over the same HTTP endpoint the app uses). */
  const leadsOfClerk = async (): Promise<number> => {
    const res = await fetch(`${server.url}/__cloud/call/campaigns`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-local-openid': 'demo-clerk' },
      body: JSON.stringify({ action: 'funnel', campaignId: CAMPAIGN }),
    });
    const body = (await res.json()) as { data: { funnel: { totals: { leads: number } } } };
    return body.data.funnel.totals.leads;
  };

  let landingLink = '';

  it('lets the clerk open a campaign from 我的 and get a code image and a poster', async () => {
    await clerk.goto(`${server.url}/#/pages/me/index`);
    await clerk.locator('.persona-switch:visible').last().click();
    await clerk.locator('.persona-option-demo-clerk').last().click();
    // A fresh load as the clerk: nothing left over from the pages the previous persona opened.
    await clerk.goto('about:blank');
    await clerk.goto(`${server.url}/#/pages/me/index`);
    await clerk.waitForFunction(() => document.querySelector('.me-name')?.textContent === '张晓丽');
    await clerk.locator('.taro_page:visible .me-campaigns').last().click();
    await clerk.locator(`.campaign-item-${CAMPAIGN}`).last().click();

    await clerk.locator('.campaign-code-text').last().waitFor();
    const code = (await clerk.locator('.campaign-code-text').last().textContent())!.trim();
    expect(code).toMatch(/^Q[0-9A-Z]{10}$/);
    // The code image is a real PNG served from local cloud storage.
    await clerk.waitForFunction(() => {
      const imgs = Array.from(document.querySelectorAll('.campaign-code-image img')) as HTMLImageElement[];
      return imgs.some((i) => i.complete && i.naturalWidth > 0);
    });
    // The poster is drawn on a Canvas 2D and exported as a PNG.
    await clerk.locator('.campaign-poster-image img').last().waitFor({ state: 'attached' });
    const poster = await clerk.locator('.campaign-poster-image img').last().getAttribute('src');
    expect(poster).toMatch(/^data:image\/png;base64,/);
    expect(poster!.length).toBeGreaterThan(5000);
    expect(await clerk.locator('.campaign-poster-failed').count()).toBe(0);

    landingLink = (await clerk.locator('.campaign-landing-link').last().textContent())!.trim();
    expect(landingLink).toBe(`${server.url}/#/packages/campaign/landing/index?scene=${code}`);

    // Her own WeCom 「联系我」 code, made on request through the (fake) WeCom API, with her campaign code as its state.
    await clerk.locator('.campaign-wecom-make').last().click();
    await clerk.waitForFunction(() => {
      const imgs = Array.from(document.querySelectorAll('.campaign-wecom-image img')) as HTMLImageElement[];
      return imgs.some((i) => i.complete && i.naturalWidth > 0);
    });
    expect(await clerk.locator('.campaign-wecom-state').last().textContent()).toBe(`活动码 ${code}`);
  });

  it('lets a visitor open the landing link and leave a lead, which the funnel shows under that clerk', async () => {
    const before = await leadsOfClerk();
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    // A consumer: an openid the system has never seen.
    await context.addInitScript(() => localStorage.setItem('local.persona', JSON.stringify({ data: 'e2e-visitor-0001' })));
    const visitor = await context.newPage();
    await visitor.goto(landingLink);
    await visitor.locator('.landing-title').last().waitFor();
    expect(await visitor.locator('.landing-sharer').last().textContent()).toContain('张晓丽');
    await visitor.locator('.landing-name input').last().fill('陈女士');
    await visitor.locator('.landing-mobile input').last().fill('13800138000');
    await visitor.locator('.landing-consent').last().click();
    await visitor.locator('.landing-submit').last().click();
    await visitor.locator('.landing-coupon').last().waitFor();
    expect((await visitor.locator('.landing-coupon-code').last().textContent())!.replace(/\s/g, '')).toHaveLength(12);
    await context.close();

    expect(await leadsOfClerk()).toBe(before + 1);
    await clerk.goto(`${server.url}/#/packages/campaign/funnel/index?id=${CAMPAIGN}`);
    await clerk.locator('.funnel-sharer-demo-clerk').last().waitFor();
    await clerk.waitForFunction(
      (want) => Array.from(document.querySelectorAll('.funnel-sharer-demo-clerk .funnel-leads .funnel-value')).some((e) => e.textContent === String(want)),
      before + 1,
    );
    expect(await clerk.locator('.funnel-sharer-demo-clerk').last().textContent()).toContain('张晓丽');
  });

  it('shows a visitor with a malformed code a kind page', async () => {
    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/#/packages/campaign/landing/index?scene=%E4%B8%AD`);
    await visitor.locator('.landing-unknown').last().waitFor();
    expect(await visitor.locator('.landing-unknown').last().textContent()).toContain('活动码无法识别');
    await visitor.close();
  });
});
