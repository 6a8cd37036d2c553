/**
 * The 商品 tab as built for WeChat (dist/weapp), in miniprogram-simulate, calling the real catalog
 * function on a local cloud seeded with the demo data set (mocks/seed).
 */
import type { CatalogItem, CatalogListOutput } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import type { Envelope } from '../helpers/seeded';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { RenderedPage, SimNode } from './support/weapp';
import { find, textOf, waitFor } from './support/weapp';

jest.setTimeout(30_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's page instance and wx are untyped */
const wx = (): any => (globalThis as any).wx;

describe('the 商品 tab', () => {
  let failNextCalls = 0;
  let gate: Promise<void> | null = null;
  let overlap = 0;
  let lastItems: CatalogItem[] = [];
  const sim = simulatedApp({
    caller: 'demo-dealer-a',
    pages: { catalog: 'pages/catalog/index' },
    toasts: true,
    intercept: async ({ data }, ask) => {
      if (gate) await gate;
      if (failNextCalls > 0) {
        failNextCalls--;
        throw new Error('request:fail timeout');
      }
      const answer = (await ask()) as Envelope<CatalogListOutput>;
      // A page that repeats the end of the previous one (the catalog changed in between).
      if (overlap && answer.ok && data['cursor']) answer.data.items = [...lastItems.slice(-overlap), ...answer.data.items];
      if (answer.ok && Array.isArray(answer.data.items)) lastItems = answer.data.items;
      return answer;
    },
  });
  const { app, calls, t, toasts } = sim;

  beforeEach(() => {
    gate = null;
    overlap = 0;
    failNextCalls = 0;
    wx().removeStorageSync('cart.v1');
  });

  const open = (): RenderedPage => sim.open('catalog');
  const items = (p: SimNode): SimNode[] => p.querySelectorAll('.catalog-item');
  const skuOf = (n: SimNode): string => /catalog-item-(sku-\d+)/.exec(n.dom.className)?.[1] ?? '';
  const skus = (p: SimNode): string[] => items(p).map(skuOf);
  const instance = (p: RenderedPage): any => p.instance;
  /**
   * Text of the first element with class `cls` inside a node. The simulator's querySelector works
   * from the page only, and the build prefixes classes with the component scope (main--), so
   * nested lookups read the DOM.
   */
  const textIn = (n: SimNode, cls: string): string => {
    const hit = [n.dom, ...Array.from(n.dom.querySelectorAll('*'))].find((e) => Array.from(e.classList).some((c) => c === cls || c.endsWith(`--${cls}`)));
    return (hit?.textContent ?? '').replace(/\s+/g, ' ').trim();
  };
  /** Every call sent so far answered and its page rendered: the footer is no longer 加载中… (a next page may be asked). */
  const settled = async (p: SimNode): Promise<void> => {
    await waitFor(() => {
      expect(sim.answered).toBe(calls.length);
      expect(find(p, '.catalog-end') ?? find(p, '.catalog-load-more')).not.toBeNull();
      expect(textOf(find(p, '.catalog-load-more'))).not.toBe('加载中…');
    });
  };

  /** What the function itself answers, for comparison with what the page shows. */
  const list = async (input: Record<string, unknown>, who = 'demo-dealer-a'): Promise<CatalogListOutput> =>
    okData((await t.cloud.invoke('catalog', { action: 'list', ...input }, { openid: who })) as Envelope<CatalogListOutput>);
  /** Every SKU dealer A can see, in catalog order (by SKU), following cursors. */
  const allVisible = async (input: Record<string, unknown> = {}): Promise<CatalogItem[]> => {
    const out: CatalogItem[] = [];
    let cursor: string | null = null;
    do {
      const res: CatalogListOutput = await list({ limit: 50, ...input, ...(cursor ? { cursor } : {}) });
      out.push(...res.items);
      cursor = res.nextCursor;
    } while (cursor);
    return out;
  };
  const product = (sku: string): Record<string, any> => t.cloud.store.get('products', sku)!.doc as Record<string, any>;

  it("shows the seeded catalog at the dealer's own price per 件 and per 箱, with the list price struck through", async () => {
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    const first = items(p)[0]!;
    expect(skuOf(first)).toBe('sku-0001');
    const doc = product('sku-0001');
    // 华东一级经销商价 is 83 % of list, rounded half up per 件 (mocks/seed/pricing.ts).
    const mine = Math.floor((doc['listPrice'] * 8300 + 5000) / 10000);
    expect(mine).toBeLessThan(doc['listPrice']);
    expect(textIn(first, 'catalog-item-name')).toBe(doc['name']);
    expect(textIn(first, 'catalog-item-price')).toBe(`${formatFen(mine)}/件`);
    expect(textIn(first, 'catalog-item-pack-price')).toBe(`${formatFen(mine * 24)}/箱`);
    expect(textIn(first, 'catalog-item-list-price')).toBe(formatFen(doc['listPrice']));
    // The water range has quantity tiers: the hint names the next one.
    expect(textIn(first, 'catalog-item-hint')).toMatch(/^满 \d+ 箱 ¥\d+\.\d\d\/件$/);
    expect(textIn(first, 'stock-tag')).toMatch(/^(有货|库存紧张|缺货)$/);
    expect(textIn(first, 'catalog-item-moq')).toBe('5 箱起订');
    expect(calls.filter((c) => c.name === 'catalog')).toEqual([{ name: 'catalog', data: { action: 'list', limit: 20 } }]);
    // Category tabs: 全部 and the five top-level categories of the seed.
    expect(p.querySelectorAll('.catalog-tab').map(textOf)).toEqual(['全部', '包装饮用水', '茶饮料', '果蔬汁', '碳酸及功能饮料', '植物蛋白及乳饮料']);
    expect(find(p, '.catalog-tab-all')!.dom.className).toContain('catalog-tab-active');
  });

  it('shows dealer B its own, different price for the same SKU', async () => {
    sim.caller = 'demo-dealer-b';
    const p = open();
    await waitFor(() => expect(items(p).length).toBeGreaterThan(0));
    const doc = product('sku-0001');
    const levelB = Math.floor((doc['listPrice'] * 9000 + 5000) / 10000);
    expect(textIn(items(p)[0]!, 'catalog-item-price')).toBe(`${formatFen(levelB)}/件`);
  });

  it('switching category shows only that category’s products, and 全部 brings everything back', async () => {
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    find(p, '.catalog-tab-cat-02')!.dispatchEvent('tap');
    const tea = (await allVisible({ categoryId: 'cat-02' })).map((i) => i.sku);
    expect(tea.length).toBeGreaterThan(20);
    await waitFor(() => expect(skus(p)).toEqual(tea.slice(0, 20)));
    for (const sku of skus(p)) expect(String(product(sku)['categoryId'])).toMatch(/^cat-02/);
    expect(find(p, '.catalog-tab-cat-02')!.dom.className).toContain('catalog-tab-active');
    expect(calls[calls.length - 1]!.data).toEqual({ action: 'list', limit: 20, categoryId: 'cat-02' });

    find(p, '.catalog-tab-all')!.dispatchEvent('tap');
    await waitFor(() => expect(skus(p)[0]).toBe('sku-0001'));
  });

  it('search finds products by name after the buyer stops typing, and 取消 clears it', async () => {
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    const before = calls.length;
    find(p, '.catalog-search-input')!.dispatchEvent('input', { detail: { value: '凉' } });
    find(p, '.catalog-search-input')!.dispatchEvent('input', { detail: { value: '凉茶' } });
    const expected = (await allVisible({ keyword: '凉茶' })).map((i) => i.sku);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(20);
    await waitFor(() => expect(skus(p)).toEqual(expected));
    for (const n of items(p)) expect(textIn(n, 'catalog-item-name')).toContain('凉茶');
    // Debounced: the intermediate keystroke was never searched.
    const searched = calls.slice(before).map((c) => c.data['keyword']);
    expect(searched).toEqual(['凉茶']);
    expect(textOf(find(p, '.catalog-end'))).toBe('没有更多了');

    find(p, '.catalog-search-cancel')!.dispatchEvent('tap');
    await waitFor(() => expect(skus(p)[0]).toBe('sku-0001'));
  });

  it('a search with no results says so and 清除筛选 brings the catalog back', async () => {
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    find(p, '.catalog-instock')!.dispatchEvent('tap');
    await waitFor(() => expect(calls[calls.length - 1]!.data['inStock']).toBe(true));
    find(p, '.catalog-search-input')!.dispatchEvent('input', { detail: { value: '不存在的商品' } });
    await waitFor(() => expect(textOf(find(p, '.page-state-title'))).toBe('没有找到相关商品'));
    expect(textOf(find(p, '.page-state-description'))).toContain('不存在的商品');
    expect(items(p)).toHaveLength(0);

    find(p, '.catalog-clear-filters')!.dispatchEvent('tap');
    await waitFor(() => expect(items(p)).toHaveLength(20));
    expect(calls[calls.length - 1]!.data).toEqual({ action: 'list', limit: 20 });
  });

  it('只看有货 leaves out products with nothing available', async () => {
    const all = await allVisible();
    const out = all.filter((i) => i.available <= 0).map((i) => i.sku);
    expect(out.length).toBeGreaterThan(0);
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    find(p, '.catalog-instock')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.catalog-instock-on')).not.toBeNull());
    const inStock = all.filter((i) => i.available > 0).map((i) => i.sku);
    await waitFor(() => expect(skus(p)).toEqual(inStock.slice(0, 20)));
    expect(p.querySelectorAll('.stock-tag-out')).toHaveLength(0);
  });

  it('reaching the bottom loads the next page once and appends it without duplicates', async () => {
    const all = (await allVisible()).map((i) => i.sku);
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    // Two bottom events in a row (a fast flick): one request.
    instance(p).onReachBottom();
    instance(p).onReachBottom();
    await waitFor(() => expect(items(p)).toHaveLength(40));
    expect(skus(p)).toEqual(all.slice(0, 40));
    expect(new Set(skus(p)).size).toBe(40);
    const pages = calls.filter((c) => c.data['cursor']);
    expect(pages).toHaveLength(1);
    expect(textOf(find(p, '.catalog-load-more'))).toContain('加载更多');

    // A next page that overlaps the last one adds only what is new.
    overlap = 3;
    instance(p).onReachBottom();
    await waitFor(() => expect(items(p)).toHaveLength(60));
    expect(skus(p)).toEqual(all.slice(0, 60));
    overlap = 0;

    // The footer is also a button (H5, or a list shorter than the screen).
    find(p, '.catalog-load-more')!.dispatchEvent('tap');
    await waitFor(() => expect(calls.filter((c) => c.data['cursor'])).toHaveLength(3));
    // 80 loaded: past the windowing threshold, the cards below the screen become a spacer.
    await waitFor(() => expect(find(p, '.catalog-spacer')).not.toBeNull());
    expect(skus(p)).toEqual(all.slice(0, skus(p).length));
    await waitFor(() => expect(find(p, '.catalog-load-more')).not.toBeNull());
    expect(find(p, '.catalog-end')).toBeNull();
  });

  it('windows a long list: cards far above the screen are replaced by a spacer, and scrolling moves the window', async () => {
    const all = (await allVisible()).map((i) => i.sku);
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    for (let n = 40; n <= 100; n += 20) {
      instance(p).onReachBottom();
      await waitFor(() => expect(calls.filter((c) => c.data['cursor'])).toHaveLength(n / 20 - 1));
      await settled(p);
    }
    // 100 loaded, far fewer rendered.
    const rendered = skus(p);
    expect(rendered.length).toBeLessThan(60);
    expect(rendered[0]).toBe('sku-0001');
    expect(find(p, '.catalog-spacer')).not.toBeNull();

    // Scroll about 60 cards down (272 design px each, 428 px wide screen in the simulator).
    instance(p).onPageScroll({ scrollTop: Math.round(60 * 272 * (428 / 750)) });
    await waitFor(() => expect(skus(p)[0]).not.toBe('sku-0001'));
    const moved = skus(p);
    const startAt = all.indexOf(moved[0]!);
    expect(startAt).toBeGreaterThan(40);
    expect(moved).toEqual(all.slice(startAt, startAt + moved.length));
    expect(moved).toContain(all[60]);
  });

  it('pulling down reloads the first page and stops the refresh indicator', async () => {
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    instance(p).onReachBottom();
    await waitFor(() => expect(items(p)).toHaveLength(40));
    instance(p).onPullDownRefresh();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    expect(calls[calls.length - 1]!.data).toEqual({ action: 'list', limit: 20 });
    await waitFor(() => expect(app.wxCalls.map((c) => c.api)).toContain('stopPullDownRefresh'));
  });

  it('shows a skeleton, then an error with 重试 when the call fails, and the catalog after retrying', async () => {
    failNextCalls = 1;
    let release!: () => void;
    gate = new Promise((resolve) => (release = resolve));
    const p = open();
    await waitFor(() => expect(find(p, '.page-state-loading')).not.toBeNull());
    expect(items(p)).toHaveLength(0);
    release();
    await waitFor(() => expect(find(p, '.page-state-error')).not.toBeNull());
    expect(textOf(find(p, '.page-state-message'))).toContain('检查网络后重试');
    find(p, '.page-state-retry')!.dispatchEvent('tap');
    await waitFor(() => expect(items(p)).toHaveLength(20));
    expect(find(p, '.page-state-error')).toBeNull();
  });

  it('加入购物车 adds the minimum order in 箱 to the local cart without opening the product', async () => {
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    p.querySelectorAll('.catalog-item-add')[0]!.dispatchEvent('tap');
    await waitFor(() => expect(wx().getStorageSync('cart.v1')).toEqual([{ sku: 'sku-0001', qty: 5, unit: '箱' }]));
    await waitFor(() => expect(toasts.map((x) => x['title'])).toContain('已加入 5 箱'));
    p.querySelectorAll('.catalog-item-add')[0]!.dispatchEvent('tap');
    await waitFor(() => expect(wx().getStorageSync('cart.v1')).toEqual([{ sku: 'sku-0001', qty: 10, unit: '箱' }]));
    expect(app.wxCalls.filter((c) => c.api === 'navigateTo')).toEqual([]);
  });

  it('tapping a product opens its page in the product subpackage', async () => {
    const p = open();
    await waitFor(() => expect(items(p)).toHaveLength(20));
    items(p)[2]!.dispatchEvent('tap');
    await waitFor(() =>
      expect(app.wxCalls).toContainEqual({ api: 'navigateTo', args: expect.objectContaining({ url: `/packages/product/detail/index?sku=${skus(p)[2]}` }) }),
    );
  });
});
