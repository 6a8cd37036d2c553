/**
 * 洞察 in a real browser against `npm start`: the night of the demo's planted order spike raises
 * its alert to 华东's channel manager; the manager goes 我的 → 洞察 → 预警, opens the alert from
 * the inbox, reads what to do and marks it handled with a note, and finds it under 已处理. The
 * forecast chart draws on the H5 canvas (uCharts), its numbers printed beside it.
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
  const { ask, shown, as } = useBrowserApp((app) => ({ server, page } = app));
  /** Taro's H5 keeps earlier pages in the DOM, hidden: act on the one showing. */

  it('opens the spike alert from the inbox and marks it handled with a note', async () => {
    await ask('insights', { action: 'runDay', day: SPIKE_DAY }, 'demo-admin');
    const [spike] = (await ask<{ items: InsightAlertView[] }>('insights', { action: 'alerts' }, MANAGER)).items.filter((a) => a.kind === 'order_spike');
    expect(spike).toBeDefined();

    await as(MANAGER);
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

  it('draws the forecast with its bands on the H5 canvas and prints the same numbers as text', async () => {
    // The first night of a month stores the forecasts (insight_forecasts) the page reads.
    await ask('insights', { action: 'runDay', day: '2026-11-01' }, 'demo-admin');
    await page.goto(`${server.url}/#/packages/insights/forecasts/index`);
    await shown('.insights-forecast-month').first().waitFor();
    expect(await page.locator('.taro_page:visible .insights-forecast-month').count()).toBe(3);
    // uCharts has drawn when the canvas holds more than its white background: the band's blues and the lines.
    const colours = await page.waitForFunction(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.taro_page #forecast-chart canvas');
      const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data;
      if (!data) return 0;
      const seen = new Set<number>();
      for (let i = 0; i < data.length; i += 4 * 7) seen.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
      return seen.size > 8 ? seen.size : 0;
    });
    expect(await colours.jsonValue()).toBeGreaterThan(8);
  });
});
