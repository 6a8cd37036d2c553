/**
 * An order from cart to completion in a real browser against `npm start` (the H5 build and the
 * local cloud with the demo data), switching persona as each party takes its turn: the dealer
 * orders over ¥10,000 -> 待审批 -> the channel manager approves from 订单审批 -> the admin ships
 * with a tracking number -> the dealer confirms receipt -> the admin completes -> the dealer's
 * order page shows 已完成 with the full timeline.
 */
import type { Page } from 'playwright-core';
import type { OrderView } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import { formatShanghai } from '../../shared/time';
import type { QuoteResult } from '../../shared/pricing';
import type { RunningServer } from '../helpers/server';
import { useBrowserApp } from '../helpers/browser-app';

jest.setTimeout(240_000);

describe('ordering in the browser against npm start', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask } = useBrowserApp((app) => ({ server, page } = app));

  /** Taro's H5 keeps earlier pages in the DOM, hidden: act on the one showing. */
  const shown = (selector: string) => page.locator(`.taro_page:visible ${selector}`).last();
  /** A fresh load of a route (nothing left over from the previous persona's pages). */
  const visit = async (hash: string) => {
    await page.goto('about:blank');
    await page.goto(`${server.url}/#${hash}`);
  };
  const switchPersona = async (openid: string) => {
    await visit('/pages/me/index');
    await page.locator('.persona-switch:visible').last().click();
    await page.locator(`.persona-option-${openid}`).last().click();
  };
  /** Taro H5's showModal: press its confirm button. */
  const confirmModal = async () => {
    await page.locator('.taro-model__confirm:visible').click();
  };
  /** The local build's stand-in for WeChat's subscription-consent dialog (miniapp services/persona.ts): press 允许. */
  const allowNotifications = async () => {
    await page.locator('.taro-modal__title:visible', { hasText: '允许发送以下消息？' }).waitFor();
    await confirmModal();
  };
  /** The subscription messages the local cloud recorded for a persona (as template id and page). */
  const messagesTo = async (openid: string) =>
    ((await (await fetch(`${server.url}/__cloud/messages?touser=${openid}`)).json()) as Array<{ templateId: string; page: string }>).map((m) => ({
      templateId: m.templateId,
      page: m.page,
    }));
  const statusIs = async (label: string) => {
    await page.waitForFunction(
      (text) => Array.from(document.querySelectorAll('.order-status')).some((n) => (n as HTMLElement).offsetParent !== null && n.textContent === text),
      label,
      { timeout: 15_000 },
    );
  };

  it('goes from the cart over ¥10,000 through approval, shipment and receipt to 已完成, with the timeline on the order page', async () => {
    const lines = [{ sku: 'sku-0275', qty: 240, unit: '件' }];
    const quote = await ask<QuoteResult>('pricing', { action: 'quote', lines }, 'demo-dealer-a');
    expect(quote.totals.payable).toBeGreaterThan(1_000_000);
    expect(quote.totals.payable).toBeLessThan(20_000_000);

    // Dealer A puts 240 件 in the cart from the product page.
    await visit('/packages/product/detail/index?sku=sku-0275');
    await shown('.product-stepper').waitFor();
    await shown('.product-stepper-input input').fill('240');
    await expect(shown('.product-stepper-total').textContent()).resolves.toContain('240 件');
    await shown('.product-add').click();

    // The cart prices it and 去结算 opens the checkout.
    await visit('/pages/cart/index');
    await page.waitForFunction(
      (text) => Array.from(document.querySelectorAll('.cart-total-payable')).some((n) => (n as HTMLElement).offsetParent !== null && n.textContent === text),
      formatFen(quote.totals.payable),
    );
    await page.locator('.cart-checkout:not(.cart-checkout-off):visible').last().click();
    await shown('.checkout-payable').waitFor();
    expect(await shown('.checkout-payable').textContent()).toBe(formatFen(quote.totals.payable));

    const address = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 100 号' };
    for (const [key, value] of Object.entries(address)) await shown(`.checkout-input-${key} input`).fill(value);
    await shown('.checkout-remark-input textarea').fill('浏览器端到端测试');
    await shown('.checkout-submit').click();
    // The tap asks consent to the order's notifications; the dealer allows them.
    await allowNotifications();

    // The order page: waiting for the channel manager.
    await statusIs('待审批');
    const orderId = decodeURIComponent(/[?&]id=([^&]+)/.exec(page.url())![1]!);
    expect(await shown('.order-waiting').textContent()).toContain('渠道经理');
    expect(await shown('.order-approval-rule-why').textContent()).toContain('¥');
    const placed = await ask<OrderView>('orders', { action: 'get', orderId }, 'demo-dealer-a');
    expect(placed.status).toBe('pending_approval');
    expect(placed.payable).toBe(quote.totals.payable);
    expect(placed.remark).toBe('浏览器端到端测试');

    // The cart gave up what was ordered; the order is under 待审批 on the 订单 tab.
    const cart = await page.evaluate(() => JSON.parse(localStorage.getItem('cart.v1') ?? '{"data":null}') as { data: unknown });
    expect(cart.data).toEqual([]);
    await visit('/pages/orders/index');
    await shown('.orders-tab-pending').click();
    await shown(`.order-card-${cssId(orderId)}`).waitFor();
    expect(await shown(`.order-card-${cssId(orderId)} .order-card-status`).textContent()).toBe('待审批');

    // The channel manager approves from 我的 → 订单审批.
    await switchPersona('demo-manager');
    await visit('/pages/me/index');
    await shown('.me-approvals').click();
    await shown(`.approval-card-${cssId(orderId)}`).click();
    await shown('.order-approve').click();
    await confirmModal();
    await allowNotifications();
    await statusIs('待发货');
    // The dealer allowed it at 提交订单: 审核通过 reaches them and opens this order.
    const link = `packages/orders/detail/index?id=${encodeURIComponent(orderId)}`;
    expect(await messagesTo('demo-dealer-a')).toEqual([{ templateId: 'local-order_approved', page: link }]);

    // The admin ships everything with a tracking number.
    await switchPersona('demo-admin');
    await visit(`/packages/orders/detail/index?id=${encodeURIComponent(orderId)}`);
    await shown('.order-ship').click();
    await shown('.ship-tracking input').fill('SF8000000001');
    expect(await shown('.ship-submit').textContent()).toBe('发出 240 件');
    await shown('.ship-submit').click();
    await confirmModal();
    await statusIs('已发货');
    expect(await messagesTo('demo-dealer-a')).toEqual([
      { templateId: 'local-order_approved', page: link },
      { templateId: 'local-order_shipped', page: link },
    ]);
    expect(await shown('.order-shipment-tracking').textContent()).toBe('SF8000000001');

    // The dealer confirms receipt.
    await switchPersona('demo-dealer-a');
    await visit(`/packages/orders/detail/index?id=${encodeURIComponent(orderId)}`);
    await shown('.order-confirm-receipt').click();
    await confirmModal();
    await statusIs('已收货');

    // The admin completes it.
    await switchPersona('demo-admin');
    await visit(`/packages/orders/detail/index?id=${encodeURIComponent(orderId)}`);
    await shown('.order-complete').click();
    await confirmModal();
    await statusIs('已完成');

    // The dealer's order page: 已完成 and the whole story, newest first, with who and when.
    await switchPersona('demo-dealer-a');
    await visit('/pages/orders/index');
    await shown('.orders-tab-done').click();
    await shown(`.order-card-${cssId(orderId)}`).click();
    await statusIs('已完成');
    const done = await ask<OrderView>('orders', { action: 'get', orderId }, 'demo-dealer-a');
    expect(done.status).toBe('completed');
    const at = (i: number) => formatShanghai(done.events[i]!.at).slice(0, 16);
    // Who acted, by name and role (never an openid).
    const who = (i: number) => done.events[i]!.actor.name;
    expect(done.events.map((e) => e.actor.role)).toEqual(['dealer', 'manager', 'admin', 'dealer', 'admin']);
    const timeline = await page.locator('.taro_page:visible .order-event').allTextContents();
    expect(timeline.map((s) => s.replace(/\s+/g, ' ').trim())).toEqual([
      `订单完成${who(4)} · 品牌管理员 · ${at(4)}`,
      `确认收货${who(3)} · 经销商 · ${at(3)}`,
      `发货（顺丰速运 SF8000000001）${who(2)} · 品牌管理员 · ${at(2)}`,
      `渠道经理审批通过，订单已审批${who(1)} · 渠道经理 · ${at(1)}`,
      `提交订单，等待审批${who(0)} · 经销商 · ${at(0)}`,
    ]);
    expect(await shown('.order-line-sku-0275 .order-line-qty').textContent()).toContain('订 240 件 · 已发 240 件');
  });
});

/** An order id as part of a class selector (ids are URL-safe: letters, digits, - and _). */
function cssId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, (c) => `\\${c}`);
}
