import type { Page } from 'playwright-core';
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
} {
  let server: RunningServer | undefined;
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    server = await startServer();
    const browser = await launchChromium();
    close = () => browser.close();
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // The page's clock starts where the server's does and runs on (the statement opens on
    // "last month" by the phone's clock).
    await page.clock.install({ time: TEST_NOW });
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
  };
}
