/**
 * 洞察 in a real browser against `npm start`: the night of the demo's planted order spike raises
 * its alert to 华东's channel manager; the manager goes 我的 → 洞察 → 预警, opens the alert from
 * the inbox, reads what to do and marks it handled with a note, and finds it under 已处理.
 */
import type { Page } from 'playwright-core';
import type { InsightAlertView } from '../../shared/contracts';
import type { RunningServer } from '../helpers/server';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(120_000);

const MANAGER = 'demo-manager';
// The demo's planted spike order is placed on this day (mocks/seed/history: anomalies.spike), as in tests/functions/insights.test.ts.
const SPIKE_DAY = '2026-09-11';

describe('the 洞察 alert inbox in the browser', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask } = useBrowserApp((app) => ({ server, page } = app));
  /** Taro's H5 keeps earlier pages in the DOM, hidden: act on the one showing. */
  const shown = (selector: string) => page.locator(`.taro_page:visible ${selector}`).last();

  it('opens the spike alert from the inbox and marks it handled with a note', async () => {
    await ask('insights', { action: 'runDay', day: SPIKE_DAY }, 'demo-admin');
    const [spike] = (await ask<{ items: InsightAlertView[] }>('insights', { action: 'alerts' }, MANAGER)).items.filter((a) => a.kind === 'order_spike');
    expect(spike).toBeDefined();

    await page.goto(`${server.url}/`);
    await page.evaluate((o) => localStorage.setItem('local.persona', JSON.stringify({ data: o })), MANAGER);
    await page.goto(`${server.url}/#/pages/me/index`);
    await shown('.me-insights').click();
    await shown('.insights-entry-alerts').click();
    await shown('.insights-alert-order_spike').click();

    await expect(shown('.insights-alert-title').textContent()).resolves.toBe(spike!.title);
    await expect(shown('.insights-alert-message').textContent()).resolves.toBe(spike!.message);
    await shown('.insights-alert-note-input textarea').fill('已电话核实，是门店开业备货，补货中');
    await shown('.insights-alert-submit').click();
    await expect(shown('.insights-alert-note').textContent()).resolves.toBe('已电话核实，是门店开业备货，补货中');

    const handled = (await ask<{ items: InsightAlertView[] }>('insights', { action: 'alerts', status: 'handled' }, MANAGER)).items;
    expect(handled.find((a) => a.id === spike!.id)).toMatchObject({ status: 'handled', handledBy: MANAGER, note: '已电话核实，是门店开业备货，补货中' });

    // Back in the inbox: gone from 待处理, listed under 已处理.
    await page.goBack();
    await shown('.insights-switch-status-handled').click();
    await shown('.insights-alert-order_spike').waitFor();
  });
});
