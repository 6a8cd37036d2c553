/**
 * The 返利 tab in a real browser against `npm start` (the H5 build and the local cloud with the
 * demo data): dealer A reads its quarterly volume rebate, an order of dealer A is delivered
 * through the real orders function (submit, approve when needed, ship, confirm receipt), and the
 * tab's progress and projection move by what was delivered.
 */
import type { Page } from 'playwright-core';
import type { OrderView, RebateProgressOutput, SubmitOutput } from '../../shared/contracts';
import { formatYuan } from '../../shared/orders/format';
import type { RunningServer } from '../helpers/server';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(180_000);

const DEALER = 'demo-dealer-a';
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号' };
const VOLUME = '.rebates-policy-rb-quarter-volume';

describe('rebates in the browser against npm start', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask } = useBrowserApp((app) => ({ server, page } = app));
  const quarterly = async (dealer = DEALER) =>
    (await ask<RebateProgressOutput>('rebates', { action: 'progress' }, dealer)).evaluations.find((e) => e.policyId === 'rb-quarter-volume')!;

  /** Taro's H5 keeps earlier pages in the DOM, hidden: act on the one showing. */
  const shown = (selector: string) => page.locator(`.taro_page:visible ${selector}`).last();
  /** Wait until a visible node matching the selector reads exactly `text`. */
  const showsText = (selector: string, text: string) =>
    page.waitForFunction(
      ([sel, want]) => Array.from(document.querySelectorAll(sel)).some((n) => (n as HTMLElement).offsetParent !== null && n.textContent === want),
      [selector, text] as const,
      { timeout: 15_000 },
    );

  const switchPersona = async (openid: string) => {
    await page.goto(`${server.url}/#/pages/me/index`);
    await page.locator('.persona-switch:visible').last().click();
    await page.locator(`.persona-option-${openid}`).last().click();
  };

  /** Submit, approve if the rules hold it (manager), ship every reservation (admin), confirm receipt: a delivery. */
  async function deliver(lines: Array<{ sku: string; qty: number; unit: string }>): Promise<OrderView> {
    const clientOrderId = `e2e-rebates-${Date.now().toString(36)}`;
    const { order } = await ask<SubmitOutput>('orders', { action: 'submit', clientOrderId, lines, address: ADDRESS, remark: '', rebateToUse: 0 }, DEALER);
    let current = order;
    if (current.status === 'pending_approval') current = await ask<OrderView>('orders', { action: 'approve', orderId: order.id }, 'demo-manager');
    expect(current.status).toBe('approved');
    let n = 0;
    for (const r of current.reservations) {
      current = await ask<OrderView>(
        'orders',
        {
          action: 'ship',
          orderId: order.id,
          warehouseId: r.warehouseId,
          carrier: '顺丰速运',
          trackingNo: `SF7${String(++n).padStart(9, '0')}`,
          lines: [{ sku: r.sku, qty: r.qty }],
        },
        'demo-admin',
      );
    }
    expect(current.status).toBe('shipped');
    return ask<OrderView>('orders', { action: 'confirmReceipt', orderId: order.id }, DEALER);
  }

  // At the tests' reference date dealer A has passed the top tier (no hint, 已达最高档 in the
  // explanation) and dealer B is short of its next one (the 冲档 hint): each reads what it has.
  it.each([
    ['dealer A, past the top tier, reads no hint', 'demo-dealer-a', false],
    ['dealer B, short of the next tier, reads the 冲档 hint', 'demo-dealer-b', true],
  ] as const)('%s on 返利, with basis, earned, projection, balance and the explanation the server gave', async (_name, dealer, hinted) => {
    const q = await quarterly(dealer);
    expect(q.basis).toBeGreaterThan(0);
    expect(q.hint !== null).toBe(hinted);
    await switchPersona(dealer);
    await page.goto(`${server.url}/#/pages/rebates/index`);
    await shown(VOLUME).waitFor();

    expect(await shown(`${VOLUME} .rebates-policy-name`).textContent()).toBe('季度进货阶梯返利');
    expect(await shown(`${VOLUME} .rebates-policy-period`).textContent()).toBe('本季度');
    expect(await shown(`${VOLUME} .rebates-progress-basis`).textContent()).toBe(`已进货 ${formatYuan(q.basis)}`);
    expect(await shown(`${VOLUME} .rebates-policy-earned`).textContent()).toBe(formatYuan(q.earned));
    expect(await shown(`${VOLUME} .rebates-policy-projected`).textContent()).toBe(formatYuan(q.projectedEarned));
    if (hinted) expect(await shown(`${VOLUME} .rebates-hint-text`).textContent()).toBe(q.hint);
    else expect(await page.locator(`.taro_page:visible ${VOLUME} .rebates-hint-text`).count()).toBe(0);
    const { balance } = await ask<{ balance: number }>('rebates', { action: 'wallet' }, dealer);
    expect(balance).toBeGreaterThan(0);
    expect(await shown('.rebates-balance').textContent()).toBe(formatYuan(balance));

    await shown(`${VOLUME} .rebates-policy-explain-toggle`).click();
    await shown(`${VOLUME} .rebates-policy-trace-line`).first().waitFor();
    expect(await page.locator(`.taro_page:visible ${VOLUME} .rebates-policy-trace-line`).allTextContents()).toEqual(q.trace.map((s) => s.text));
  });

  it('after an order of dealer A is delivered, coming back to 返利 shows the quarterly progress and projection moved', async () => {
    const before = await quarterly();
    await switchPersona(DEALER);
    await page.goto(`${server.url}/#/pages/rebates/index`);
    await showsText(`${VOLUME} .rebates-progress-basis`, `已进货 ${formatYuan(before.basis)}`);
    const delivered = await deliver([{ sku: 'sku-0001', qty: 20, unit: '箱' }]);
    expect(delivered.status).toBe('delivered');
    const after = await quarterly();
    expect(after.basis - before.basis).toBe(delivered.payable);
    expect(after.projectedBasis).toBeGreaterThan(before.projectedBasis);
    expect(after.projectedEarned).toBeGreaterThan(before.projectedEarned);

    // The tab still shows the old figures until it asks again.
    expect(await shown(`${VOLUME} .rebates-progress-basis`).textContent()).toBe(`已进货 ${formatYuan(before.basis)}`);

    // Leave for another tab and come back: the tab re-asks when it shows.
    await page.locator('.weui-tabbar__label').getByText('订单', { exact: true }).click();
    await page.locator('.weui-tabbar__label').getByText('返利', { exact: true }).click();
    await showsText(`${VOLUME} .rebates-progress-basis`, `已进货 ${formatYuan(after.basis)}`);
    expect(await shown(`${VOLUME} .rebates-policy-projected`).textContent()).toBe(formatYuan(after.projectedEarned));
    expect(await shown(`${VOLUME} .rebates-policy-projected-basis`).textContent()).toBe(formatYuan(after.projectedBasis));
    expect(await shown(`${VOLUME} .rebates-policy-earned`).textContent()).toBe(formatYuan(after.earned));
    if (after.hint) expect(await shown(`${VOLUME} .rebates-hint-text`).textContent()).toBe(after.hint);
  });
});
