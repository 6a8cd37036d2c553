import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser';
import type { RunningServer } from '../helpers/server';
import { startServer } from '../helpers/server';

jest.setTimeout(120_000);

describe('the mini-program in a browser against npm start', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const outside: string[] = [];
  /** The function calls the app made, as fn.action, in order. */
  const calls: string[] = [];
  /** Calls (fn.action) and scripts (their path), in the order they were asked for. */
  const requested: string[] = [];
  /** How many of `requested` there were when the first product card was on screen. */
  let atFirstCard = -1;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) outside.push(r.url());
      const fn = /\/__cloud\/call\/(\w+)/.exec(r.url())?.[1];
      if (fn) calls.push(`${fn}.${String((r.postDataJSON() as { action?: string } | null)?.action)}`);
      if (fn || r.resourceType() === 'script')
        requested.push(fn ? `${fn}.${String((r.postDataJSON() as { action?: string } | null)?.action)}` : new URL(r.url()).pathname);
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens on the catalog tab with the dealer’s products and the five tabs, its code all in the scripts index.html names, each launch call once', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('.catalog-item').first().waitFor();
    atFirstCard = requested.length;
    for (const label of ['商品', '购物车', '订单', '返利', '我的']) {
      await page.locator('.weui-tabbar__label').getByText(label, { exact: true }).waitFor();
    }
    // The launch starts users.me and the first page while the page's code loads; the page takes those answers.
    expect(calls.filter((c) => c === 'users.me' || c === 'catalog.list')).toEqual(['users.me', 'catalog.list']);
    // The catalog's code comes with the app's, in the scripts index.html names (miniapp/config/index.ts, eagerFirstPage):
    // no chunk is asked for after the app has run before the first card shows.
    const html = await (await fetch(`${server.url}/`)).text();
    const scripts = requested.slice(0, atFirstCard).filter((r) => r.startsWith('/js/'));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((r) => !html.includes(r))).toEqual([]);
    expect(requested.slice(0, atFirstCard)).toContain('users.me');
  });

  it('draws the first card without the input schemas, which come with the first call the launch did not start', async () => {
    const isSchemas = (r: string) => /^\/js\/contracts\.[0-9a-f]+\.js$/.test(r);
    // services/contracts-loader.h5.ts: zod and the contracts are a chunk of their own, not asked for before the first card.
    expect(atFirstCard).toBeGreaterThan(0);
    expect(requested.slice(0, atFirstCard).filter(isSchemas)).toEqual([]);
    // A category is a call of the page's own: its input is checked, so the schemas load first, then the call goes out.
    const answered = page.waitForResponse((r) => r.url().includes('/__cloud/call/catalog'));
    await page.locator('.taro_page:visible .catalog-tab').nth(1).click();
    await answered;
    await page.locator('.taro_page:visible .catalog-item').first().waitFor();
    const schemas = requested.findIndex(isSchemas);
    expect(schemas).toBeGreaterThanOrEqual(atFirstCard);
    expect(requested.lastIndexOf('catalog.list')).toBeGreaterThan(schemas);
  });

  it('shows the default persona, dealer A, with its seeded dealer on 我的', async () => {
    await page.goto(`${server.url}/#/pages/me/index`);
    await page.locator('.me-name').waitFor();
    expect(await page.locator('.me-name').textContent()).toBe('王建国');
    expect(await page.locator('.me-role').textContent()).toContain('经销商');
    expect(await page.locator('.me-dealer').textContent()).toBe('杭州恒泰商贸有限公司');
    expect(await page.locator('.me-level').textContent()).toBe('一级核心经销商');
  });

  it('switches persona to dealer B and sees the other dealer', async () => {
    await page.locator('.persona-switch:visible').last().click();
    await page.locator('.persona-option-demo-dealer-b').last().click();
    await page.goto(`${server.url}/#/pages/me/index`);
    await page.waitForFunction(() => document.querySelector('.me-name')?.textContent === '李秀英');
    expect(await page.locator('.me-dealer').textContent()).toBe('深圳润丰食品有限公司');
    expect(await page.locator('.me-region').textContent()).toBe('华南大区');
  });

  it('switches to the brand admin, who belongs to no dealer', async () => {
    await page.locator('.persona-switch:visible').last().click();
    await page.locator('.persona-option-demo-admin').last().click();
    await page.goto(`${server.url}/#/pages/me/index`);
    await page.waitForFunction(() => document.querySelector('.me-name')?.textContent === '赵敏');
    expect(await page.locator('.me-role').textContent()).toContain('品牌管理员');
  });

  it('opened as the brand admin, the app lands on 订单, and 商品 says what it is for instead of refusing', async () => {
    // A fresh start of the app on its first page (商品), as the admin chosen above.
    await page.goto('about:blank');
    calls.length = 0;
    await page.goto(`${server.url}/`);
    await page.waitForURL(/#\/pages\/orders\/index/, { timeout: 15_000 });
    await page.locator('.taro_page:visible .order-card').first().waitFor();
    // The launch asks the catalog only for a caller it is for: the remembered admin gets users.me, not catalog.list.
    expect(calls).toContain('users.me');
    expect(calls).not.toContain('catalog.list');
    await page.locator('.taro_page:visible .orders-approvals').waitFor();
    await page.locator('.weui-tabbar__label').getByText('商品', { exact: true }).click();
    await page.locator('.taro_page:visible .tab-closed-catalog').waitFor();
    expect(await page.locator('.taro_page:visible .tab-closed-catalog .page-state-title').textContent()).toBe('商品目录供经销商订货使用');
    expect(await page.locator('.taro_page:visible .catalog-item').count()).toBe(0);
  });

  it('made no request beyond the local server', () => {
    expect(outside).toEqual([]);
  });
});
