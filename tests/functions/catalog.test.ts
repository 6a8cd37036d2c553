import fs from 'node:fs';
import path from 'node:path';
import type { InvocationTrace } from '../../mocks/cloud';
import type { CatalogDetail, CatalogListOutput } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

describe('catalog through the local cloud', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const list = (input: Record<string, unknown>, openid = 'demo-dealer-a') => t.call<CatalogListOutput>('catalog', { action: 'list', ...input }, openid);

  it('lists on-sale products with the dealer’s own price and the category tree on the first page', async () => {
    const page = okData(await list({ limit: 5 }));
    expect(page.items).toHaveLength(5);
    expect(page.categories?.length).toBeGreaterThan(3);
    const first = page.items[0]!;
    expect(first.price).toBeLessThan(first.listPrice);
    expect(first.priceLabel).toBe('华东一级经销商价');
  });

  it('gives dealers of different levels and regions different prices for the same SKU', async () => {
    const a = okData(await list({ limit: 1 }, 'demo-dealer-a')).items[0]!;
    const b = okData(await list({ limit: 1 }, 'demo-dealer-b')).items[0]!;
    expect(a.sku).toBe(b.sku);
    expect(a.price).not.toBe(b.price);
    expect(b.priceLabel).toBe('二级经销商价');
  });

  it('pages through the whole catalog by cursor without gaps or duplicates', async () => {
    const seen: string[] = [];
    let cursor: string | null | undefined;
    let pages = 0;
    do {
      const page = okData(await list({ limit: 50, ...(cursor ? { cursor } : {}) }));
      seen.push(...page.items.map((i) => i.sku));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    const visibleOnSale = t.cloud.store
      .all('products')
      .filter((p) => p['status'] === 'on_sale')
      .filter((p) => {
        const v = p['visibility'] as { levels: string[]; regions: string[]; dealerIds: string[] };
        return (
          (v.levels.length === 0 || v.levels.includes('A')) &&
          (v.regions.length === 0 || v.regions.includes('east')) &&
          (v.dealerIds.length === 0 || v.dealerIds.includes('dealer-001'))
        );
      });
    expect(seen.sort()).toEqual(visibleOnSale.map((p) => p._id).sort());
  });

  it('filters by a top-level category including its subcategories', async () => {
    const page = okData(await list({ categoryId: 'cat-01', limit: 50 }));
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((i) => i.categoryId.startsWith('cat-01'))).toBe(true);
  });

  it('searches by keyword literally, so regex characters are harmless', async () => {
    const hits = okData(await list({ keyword: '矿泉水', limit: 50 }));
    expect(hits.items.length).toBeGreaterThan(0);
    expect(hits.items.every((i) => i.name.includes('矿泉水') || i.spec.includes('矿泉水'))).toBe(true);
    expect(okData(await list({ keyword: '.*' })).items).toEqual([]);
  });

  it('hides out-of-stock products when asked for in-stock only', async () => {
    const all: string[] = [];
    const inStock: string[] = [];
    for (const [bucket, extra] of [
      [all, {}],
      [inStock, { inStock: true }],
    ] as const) {
      let cursor: string | null = null;
      do {
        const page: CatalogListOutput = okData(await list({ limit: 50, ...extra, ...(cursor ? { cursor } : {}) }));
        bucket.push(...page.items.map((i) => i.sku));
        cursor = page.nextCursor;
      } while (cursor);
    }
    expect(inStock.length).toBeLessThan(all.length);
    expect(all).toContain('sku-0040');
    expect(inStock).not.toContain('sku-0040');
  });

  it('hides a product limited to level A from a level-B dealer, in the list and by SKU', async () => {
    const limited = t.cloud.store.all('products').find((p) => (p['visibility'] as { levels: string[] }).levels.includes('A'))!;
    expect(okData(await t.call<CatalogDetail>('catalog', { action: 'get', sku: limited._id }, 'demo-dealer-a')).sku).toBe(limited._id);
    const res = await t.call('catalog', { action: 'get', sku: limited._id }, 'demo-dealer-b');
    expect(res.ok ? 'ok' : res.error.code).toBe('NOT_FOUND');
  });

  it('explains a product’s price step by step, with tiers, stock by warehouse and promotions', async () => {
    const d = okData(await t.call<CatalogDetail>('catalog', { action: 'get', sku: 'sku-0001' }, 'demo-dealer-a'));
    expect(d.steps.map((s) => s.label)).toEqual(['目录价', '华东一级经销商价']);
    expect(d.tiers.map((r) => r.minLabel)).toEqual(['20 箱', '60 箱']);
    expect(d.tiers[1]!.unitPrice).toBeLessThan(d.tiers[0]!.unitPrice);
    expect(d.stock.map((s) => s.warehouseName)).toEqual(['华东仓', '华南仓']);
    expect(d.promotions.map((p) => p.ruleId)).toContain('promo-full-2000-100');
  });

  it('refuses a bad cursor, and callers who are not dealers or clerks', async () => {
    const bad = await list({ cursor: 'garbage' });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_INPUT');
    const manager = await list({}, 'demo-manager');
    expect(manager.ok ? 'ok' : manager.error.code).toBe('FORBIDDEN');
    const stranger = await list({}, 'nobody');
    expect(stranger.ok ? 'ok' : stranger.error.code).toBe('UNAUTHENTICATED');
  });

  it('gives every product a picture: a link to its PNG in cloud storage, the same in the list and on the product', async () => {
    const items = okData(await list({ limit: 20 })).items;
    const link = /^http:\/\/127\.0\.0\.1:\d+\/__storage\/(products\/[0-9a-f]{24}\.png)$/;
    for (const item of items) {
      const m = link.exec(item.image ?? '');
      expect(m).not.toBeNull();
      const png = fs.readFileSync(path.join(t.cloud.storage.root, m![1]!));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeLessThan(8 * 1024);
    }
    // Sizes of one flavour share a picture; flavours do not.
    expect(new Set(items.map((i) => i.image)).size).toBeGreaterThan(3);
    const first = items[0]!;
    const detail = okData(await t.call<CatalogDetail>('catalog', { action: 'get', sku: first.sku }, 'demo-dealer-a'));
    expect(detail.image).toBe(first.image);
  });

  it('answers the first page in 3 rounds in sequence: the caller, then the reads, then the stock and the picture links together', async () => {
    // A warm instance, as the bench measures: its compiled rule index is current (the price rules are not read again).
    okData(await list({ limit: 20 }));
    const traces: InvocationTrace[] = [];
    const stop = t.cloud.recordRoundTrips((r) => traces.push(r), { requests: true });
    // Under the latency model, as in the cloud: a local answer in no time would finish the stock read before the SDK sends getTempFileURL.
    t.cloud.latencyMs = 25;
    try {
      okData(await list({ limit: 20 }));
    } finally {
      t.cloud.latencyMs = 0;
      stop();
    }
    // In CloudBase each round is a network hop, what a dealer waits for (npm run bench -- latency).
    expect(traces[0]!.sequential).toBe(3);
    expect(traces[0]!.requests!.filter((r) => r.what === 'getTempFileURL' || r.what === 'getDocument stock').map((r) => r.depth)).toEqual([3, 3]);
    // The categories are read once, for the tree shown and the rules that name a category.
    expect(traces[0]!.requests!.filter((r) => r.what === 'getDocument categories')).toHaveLength(1);
  });
});
