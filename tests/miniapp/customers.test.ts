/**
 * 我的客户 (packages/customers) as built for WeChat (dist/weapp), rendered by miniprogram-simulate,
 * calling the real wecom function on a seeded local cloud through the built adapter.
 */
import { simulatedApp } from './helpers/simulated-app';
import type { RenderedPage } from './support/weapp';
import { find, textOf, waitFor } from './support/weapp';

describe('the 我的客户 page', () => {
  const sim = simulatedApp({ caller: 'demo-clerk', pages: { list: 'packages/customers/list/index', me: 'pages/me/index' } });
  const { app } = sim;
  let page: RenderedPage | null = null;

  it('shows the clerk her customers, newest first, each with its channel and clerk tags', async () => {
    sim.caller = 'demo-clerk';
    page = sim.open('list');
    await waitFor(() => expect(page!.querySelectorAll('.customer')).toHaveLength(3));
    expect(textOf(find(page, '.customers-total'))).toBe('共 3 位客户');
    const names = page.querySelectorAll('.customer-name').map((n) => textOf(n));
    expect(names).toEqual(['周阿姨', '刘先生', '陈女士']);
    expect(page.querySelectorAll('.customer-tag-channel').map((n) => textOf(n))).toEqual(Array(3).fill('渠道：杭州恒泰商贸有限公司'));
    expect(page.querySelectorAll('.customer-tag-clerk').map((n) => textOf(n))).toEqual(Array(3).fill('导购：张晓丽'));
  });

  it('shows a clerk with no WeCom customers what will appear here', async () => {
    sim.caller = 'seed-user-059';
    page = sim.open('list');
    await waitFor(() => expect(find(page!, '.page-state-empty')).not.toBeNull());
    expect(textOf(find(page, '.page-state-title'))).toBe('还没有企业微信客户');
  });

  it('tells a manager, who has no customers of their own, that they may not', async () => {
    sim.caller = 'demo-manager';
    page = sim.open('list');
    await waitFor(() => expect(find(page!, '.page-state-error')).not.toBeNull());
  });

  it('is reached from 我的 by clerks', async () => {
    sim.caller = 'demo-clerk';
    page = sim.open('me');
    await waitFor(() => expect(find(page!, '.me-customers')).not.toBeNull());
    find(page, '.me-customers')!.dispatchEvent('tap');
    await waitFor(() =>
      expect(app.wxCalls.some((c) => c.api === 'navigateTo' && JSON.stringify(c.args).includes('/packages/customers/list/index'))).toBe(true),
    );
  });
});
