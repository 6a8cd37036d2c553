import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { startServer } from '../helpers/server';

jest.setTimeout(60_000);

/** Run before the page's own scripts: counts the loading skeletons (PageState, status loading) ever put on the page. */
const COUNT_SKELETONS = `(() => {
  window.skeletons = 0;
  new MutationObserver((records) => {
    for (const r of records)
      r.addedNodes.forEach((n) => {
        if (n.nodeType === 1 && (n.matches('.page-state-loading') || n.querySelector('.page-state-loading'))) window.skeletons += 1;
      });
  }).observe(document, { childList: true, subtree: true });
})();`;

const APP_SCRIPT = /\/js\/app\.[0-9a-f]+\.js$/;

describe('a first visit to the H5 catalog and the launch’s answers', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A new phone (nothing remembered) on the catalog, recording its function calls as fn.action. */
  async function firstVisit(): Promise<{ page: Page; calls: string[] }> {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const calls: string[] = [];
    page.on('request', (r) => {
      const fn = /\/__cloud\/call\/(\w+)/.exec(r.url())?.[1];
      if (fn) calls.push(`${fn}.${String((r.postDataJSON() as { action?: string } | null)?.action)}`);
    });
    await page.addInitScript(COUNT_SKELETONS);
    return { page, calls };
  }

  it('draws the first page in the catalog’s first render when users.me and catalog.list answered before the app’s code ran: no loading skeleton, one request each', async () => {
    const { page, calls } = await firstVisit();
    // The app's script is held until both launch calls have answered.
    let answered = 0;
    let bothIn!: () => void;
    const both = new Promise<void>((resolve) => (bothIn = resolve));
    page.on('requestfinished', (r) => {
      if (/\/__cloud\/call\/(users|catalog)$/.test(r.url()) && ++answered === 2) bothIn();
    });
    await page.route(APP_SCRIPT, async (route) => {
      await both;
      await route.continue();
    });
    await page.goto(`${server.url}/`);
    await page.locator('.catalog-item').first().waitFor();
    expect(await page.evaluate(() => (window as { skeletons?: number }).skeletons)).toBe(0);
    expect(calls).toEqual(['users.me', 'catalog.list']);
    await page.context().close();
  });

  it('shows the loading skeleton and then the first page when catalog.list answers after the page is up, still one request each', async () => {
    const { page, calls } = await firstVisit();
    // The catalog's answer is held until the page shows its loading state.
    await page.route('**/__cloud/call/catalog', async (route) => {
      await page.locator('.page-state-loading').first().waitFor();
      await route.continue();
    });
    await page.goto(`${server.url}/`);
    await page.locator('.catalog-item').first().waitFor();
    expect(await page.evaluate(() => (window as { skeletons?: number }).skeletons)).toBeGreaterThan(0);
    expect(calls).toEqual(['users.me', 'catalog.list']);
    expect(await page.locator('.page-state-loading').count()).toBe(0);
    await page.context().close();
  });
});
