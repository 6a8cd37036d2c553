import type { Locator, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { TEST_NOW } from './clock';
import type { RunningServer } from './server';
import { callFunction, startServer } from './server';

type Answer<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

/**
 * One `npm start` server with its own database and one phone-sized browser page for a browser
 * test file: started before its tests, stopped after. `onReady` receives them; `ask` calls a
 * function through the server's endpoint as a persona and returns its data (or throws).
 */
export function useBrowserApp(onReady: (app: { server: RunningServer; page: Page }) => void): {
  ask: <T>(fn: string, body: Record<string, unknown>, openid: string) => Promise<T>;
  /** Taro's H5 keeps earlier pages in the DOM, hidden: a locator in the page showing. */
  shown: (selector: string) => Locator;
  /** Open a route (`/packages/…?x=1`) afresh. */
  visit: (hash: string) => Promise<void>;
  /** Act as a persona from the next navigation on (the local build's persona switch). */
  as: (openid: string) => Promise<void>;
} {
  let server: RunningServer | undefined;
  let current: Page | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    server = await startServer();
    const browser = await launchChromium();
    close = () => browser.close();
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // The page's clock starts where the server's does and runs on (the statement opens on
    // "last month" by the phone's clock).
    await page.clock.install({ time: TEST_NOW });
    current = page;
    onReady({ server, page });
  });
  afterAll(async () => {
    await close?.();
    await server?.stop();
  });
  return {
    ask: async <T>(fn: string, body: Record<string, unknown>, openid: string): Promise<T> => {
      if (!server) throw new Error('the server is not running yet');
      const res = (await callFunction(server.url, fn, body, openid)).json as Answer<T>;
      if (!res.ok) throw new Error(`${fn}.${String(body['action'])}: ${res.error.code} ${res.error.message}`);
      return res.data;
    },
    shown: (selector) => running().page.locator(`.taro_page:visible ${selector}`).last(),
    visit: async (hash) => {
      const { page, url } = running();
      await page.goto('about:blank');
      await page.goto(`${url}/#${hash}`);
    },
    as: async (openid) => {
      const { page, url } = running();
      await page.goto(`${url}/`);
      await page.evaluate((o) => localStorage.setItem('local.persona', JSON.stringify({ data: o })), openid);
    },
  };
  function running(): { page: Page; url: string } {
    if (!server || !current) throw new Error('the server is not running yet');
    return { page: current, url: server.url };
  }
}
