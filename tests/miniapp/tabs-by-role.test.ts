/**
 * The tab bar by role, on the weapp build against the real functions: each role lands on a tab
 * that works for it, and a tab that is not for it says what it is for (and where to go) without
 * calling an action the role may not use. The app remembers who the caller is between tabs;
 * tests that change the caller's role make it forget first (app.forgetCaller).
 */
import type { Envelope } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { RenderedPage } from './support/weapp';
import { find, textOf, waitFor as waitForState } from './support/weapp';

// Generous bounds on waiting for a state, never a time to sleep: a loaded CI machine (two jest
// workers on two cores) can take seconds to load a function the first time, and a passing
// check returns as soon as the state is there.
jest.setTimeout(90_000);
const waitFor = <T>(check: () => T) => waitForState(check, 15_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */
const wx = (): any => (globalThis as any).wx;

describe('the tabs by role', () => {
  let calls: Array<{ name: string; action: unknown; code: string }> = [];
  const sim = simulatedApp({
    caller: 'demo-manager',
    pages: Object.fromEntries(['catalog', 'cart', 'orders', 'rebates', 'me'].map((tab) => [tab, `pages/${tab}/index`])),
    intercept: async ({ name, data }, ask) => {
      const answer = (await ask()) as Envelope<unknown>;
      calls.push({ name, action: data['action'], code: answer.ok ? 'ok' : answer.error.code });
      return answer;
    },
  });
  const { app } = sim;
  /** Every call the app has made has been answered (and, through intercept, recorded in `calls`). */
  const settled = () => waitFor(() => expect(sim.answered).toBe(sim.calls.length));
  beforeEach(() => {
    calls = [];
    wx().removeStorageSync('cart.v1');
  });
  // A call still in flight when a test ends would land in the next test's `calls`: let it finish here.
  afterEach(settled);

  const open = (tab: string): RenderedPage => sim.open(tab);
  const as = (who: string) => {
    sim.caller = who;
    app.forgetCaller();
  };
  const switchedTo = () => app.wxCalls.filter((c) => c.api === 'switchTab').map((c) => (c.args as { url: string }).url);
  const refused = () => calls.filter((c) => c.code === 'FORBIDDEN' || c.code === 'UNAUTHENTICATED');
  const closedTitle = (p: RenderedPage) => textOf(find(p, '.page-state-title'));

  it('a channel manager opening the app on 商品 lands on 订单 without the catalog being asked', async () => {
    // The first screen of a launch (app.json's first page) as a manager, with nothing remembered.
    as('demo-manager');
    const launch = open('catalog');
    await waitFor(() => expect(switchedTo()).toEqual(['/pages/orders/index']));
    expect(calls).toEqual([{ name: 'users', action: 'me', code: 'ok' }]);
    // The page may render its closed state a tick after switchTab was asked for: wait for it.
    await waitFor(() => expect(closedTitle(launch)).toBe('商品目录供经销商订货使用'));

    // 订单 works for the manager, with their approvals one tap away.
    const orders = open('orders');
    await waitFor(() => expect(orders.querySelectorAll('.order-card').length).toBeGreaterThan(0));
    find(orders, '.orders-approvals')!.dispatchEvent('tap');
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'navigateTo', args: expect.objectContaining({ url: '/packages/approvals/index' }) }));
    expect(refused()).toEqual([]);
  });

  it('later, 商品, 购物车 and 返利 tell the manager what they are for and lead to 订单, asking nothing', async () => {
    const catalog = open('catalog');
    await waitFor(() => expect(find(catalog, '.tab-closed-catalog')).not.toBeNull());
    expect(textOf(find(catalog, '.page-state-description'))).toContain('只对经销商和所属导购开放');
    // Only the first screen of a launch moves by itself; a tab the caller tapped stays.
    expect(switchedTo()).toEqual([]);
    find(catalog, '.tab-closed-home')!.dispatchEvent('tap');
    await waitFor(() => expect(switchedTo()).toEqual(['/pages/orders/index']));
    expect(textOf(find(catalog, '.tab-closed-home'))).toBe('去看订单');

    wx().setStorageSync('cart.v1', [{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    const cart = open('cart');
    await waitFor(() => expect(closedTitle(cart)).toBe('购物车供经销商下单使用'));
    const rebates = open('rebates');
    await waitFor(() => expect(closedTitle(rebates)).toBe('返利仅对经销商账号开放'));
    expect(find(rebates, '.rebates-balance')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('an admin lands on 订单 too, and 购物车 and 返利 say what they are for without pricing or rebates being asked', async () => {
    as('demo-admin');
    wx().setStorageSync('cart.v1', [{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    const cart = open('cart');
    await waitFor(() => expect(find(cart, '.tab-closed-cart')).not.toBeNull());
    expect(textOf(find(cart, '.tab-closed-home'))).toBe('去看订单');
    const rebates = open('rebates');
    await waitFor(() => expect(find(rebates, '.tab-closed-rebates')).not.toBeNull());
    const orders = open('orders');
    await waitFor(() => expect(orders.querySelectorAll('.order-card').length).toBeGreaterThan(0));
    expect(find(orders, '.orders-approvals')).not.toBeNull();
    expect(calls.map((c) => `${c.name}.${String(c.action)}`)).toEqual(['users.me', 'orders.list']);
    expect(refused()).toEqual([]);
  });

  it('a clerk sees 商品 at their dealer’s prices but without 加入购物车, and 购物车 says the clerk does not order there', async () => {
    as('demo-clerk');
    const catalog = open('catalog');
    await waitFor(() => expect(catalog.querySelectorAll('.catalog-item').length).toBeGreaterThan(0));
    expect(find(catalog, '.catalog-item-price')).not.toBeNull();
    expect(find(catalog, '.catalog-item-add')).toBeNull();

    wx().setStorageSync('cart.v1', [{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    const cart = open('cart');
    await waitFor(() => expect(find(cart, '.tab-closed-cart')).not.toBeNull());
    expect(textOf(find(cart, '.page-state-description'))).toContain('导购不在小程序里下单');
    find(cart, '.tab-closed-home')!.dispatchEvent('tap');
    await waitFor(() => expect(switchedTo()).toEqual(['/pages/catalog/index']));
    const rebates = open('rebates');
    await waitFor(() => expect(find(rebates, '.tab-closed-rebates')).not.toBeNull());
    expect(calls.map((c) => `${c.name}.${String(c.action)}`)).toEqual(['users.me', 'catalog.list']);
    expect(refused()).toEqual([]);
  });

  it('a dealer has every tab: 商品 with 加入购物车, 购物车 priced, 订单 and 返利', async () => {
    as('demo-dealer-a');
    const catalog = open('catalog');
    await waitFor(() => expect(find(catalog, '.catalog-item-add')).not.toBeNull());
    wx().setStorageSync('cart.v1', [{ sku: 'sku-0001', qty: 5, unit: '箱' }]);
    const cart = open('cart');
    await waitFor(() => expect(find(cart, '.cart-total-payable')).not.toBeNull());
    const rebates = open('rebates');
    await waitFor(() => expect(find(rebates, '.rebates-balance')).not.toBeNull());
    const orders = open('orders');
    await waitFor(() => expect(orders.querySelectorAll('.order-card').length).toBeGreaterThan(0));
    expect(find(orders, '.orders-approvals')).toBeNull();
    expect(find(catalog, '.tab-closed')).toBeNull();
    expect(refused()).toEqual([]);
    expect(switchedTo()).toEqual([]);
  });

  it('someone not registered is told how to get an account, and 去开通账号 leads to 我的', async () => {
    as('someone-new');
    const catalog = open('catalog');
    await waitFor(() => expect(find(catalog, '.tab-closed-catalog')).not.toBeNull());
    expect(textOf(find(catalog, '.page-state-description'))).toContain('开通经销商账号后');
    find(catalog, '.tab-closed-home')!.dispatchEvent('tap');
    await waitFor(() => expect(switchedTo()).toEqual(['/pages/me/index']));
    const me = open('me');
    await waitFor(() => expect(find(me, '.me-apply')).not.toBeNull());
    expect(refused()).toEqual([]);
  });

  it('a role the phone remembers wrongly is corrected by the first refusal, and the tab then explains itself', async () => {
    // The phone still remembers the dealer, but a channel manager is calling now.
    as('demo-dealer-a');
    const me = open('me');
    await waitFor(() => expect(find(me, '.me-statement')).not.toBeNull());
    // 我的 also asks 赋能中心's badge count: let it answer before the caller changes.
    await waitFor(() => expect(calls.map((c) => c.action)).toContain('mustReadCount'));
    await settled();
    sim.caller = 'demo-manager';
    calls = [];
    const rebates = open('rebates');
    await waitFor(() => expect(find(rebates, '.tab-closed-rebates')).not.toBeNull());
    expect(calls).toEqual([
      { name: 'rebates', action: 'progress', code: 'FORBIDDEN' },
      { name: 'users', action: 'me', code: 'ok' },
    ]);
    // Now remembered: the cart asks nothing.
    calls = [];
    const cart = open('cart');
    await waitFor(() => expect(find(cart, '.tab-closed-cart')).not.toBeNull());
    expect(calls).toEqual([]);
  });
});
