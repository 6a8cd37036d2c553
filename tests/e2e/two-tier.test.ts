/**
 * 二级分销 in a real browser against `npm start` (docs/two-tier.md): the brand has enabled a
 * first-tier dealer, which holds stock. Its owner sets a SKU's 下级供货价 on its page (a price over
 * the brand's bounds is refused with the range in words); a child's order goes to the first-tier,
 * whose owner opens 下级订单 from 我的, accepts and ships the order there; 我的库存 then shows its
 * stock lower by what shipped, and the child's 订单 → 向上级订货 shows it shipped; once it is
 * received, the brand admin's 分销流向 shows the line (first-tier → child → SKU: quantity, amount,
 * average price).
 */
import Database from 'better-sqlite3';
import type { Page } from 'playwright-core';
import type { TwoTierDemo } from '../../mocks/seed/two-tier';
import type { SubmitOutput } from '../../shared/contracts';
import type { TierStockItem } from '../../shared/contracts/tier';
import { formatFen } from '../../shared/money';
import { useBrowserApp } from '../helpers/browser-app';
import type { RunningServer } from '../helpers/server';

jest.setTimeout(90_000);

type Doc = Record<string, unknown> & { _id: string };

describe('a second-tier order through its first-tier in the browser against npm start', () => {
  let server!: RunningServer;
  let page!: Page;
  const { ask, shown, visit, as } = useBrowserApp((app) => ({ server, page } = app));
  const docs = (coll: string): Doc[] => {
    const db = new Database(server.dbFile, { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT id, body FROM docs WHERE coll = ?').all(coll) as Array<{ id: string; body: string }>;
      return rows.map((r) => ({ ...(JSON.parse(r.body) as Record<string, unknown>), _id: r.id }));
    } finally {
      db.close();
    }
  };

  /** Switch persona: forget the role the phone remembered, and let 我的 learn the new one. */
  const become = async (openid: string) => {
    await as(openid);
    await page.evaluate(() => localStorage.removeItem('session.me.v1'));
    await visit('/pages/me/index');
    await page.waitForFunction((o) => (localStorage.getItem('session.me.v1') ?? '').includes(o), openid, { timeout: 30_000 });
  };

  it('the first-tier prices within the brand’s bounds, accepts and ships a child’s order, its stock goes down, and the brand’s sell-through shows the line', async () => {
    // The demo's enabled first-tier and one child (mocks/seed/two-tier.ts), with their owners.
    const demo = docs('system').find((d) => d._id === 'seed')!['twoTier'] as TwoTierDemo;
    const dealers = new Map(docs('dealers').map((d) => [d._id, d]));
    const first = dealers.get(demo.firstTierId)!;
    const child = dealers.get(demo.childId)!;
    const seller = demo.firstTierOwner;
    const buyer = demo.childOwner;
    const product = docs('products').find(
      (p) => p['status'] === 'on_sale' && Object.values(p['visibility'] as Record<string, unknown[]>).every((v) => v.length === 0),
    )!;
    const sku = product['sku'] as string;
    const qty = product['moq'] as number;
    const list = product['listPrice'] as number;
    const ceil = Math.floor((list * 13000) / 10000);
    const price = Math.floor(list * 1.2);
    const yuan = (fen: number) => (fen / 100).toFixed(2);

    // The brand (re)enables it with bounds of list price to +30 %; it counts more stock in.
    await ask('dealers', { action: 'setTwoTier', dealerId: first._id, enabled: true, floorBp: 10000, ceilBp: 13000 }, 'demo-admin');
    await ask('tier', { action: 'setPrice', sku, unitPrice: list }, seller);
    const opening = await ask<TierStockItem>(
      'tier',
      { action: 'adjustStock', sku, delta: 3 * qty, reason: '期初库存', requestId: 'e2e-two-tier-opening-01' },
      seller,
    );
    // 下级供货价: a price above the bounds is refused with the range in words; one within them is saved.
    await become(seller);
    await visit('/packages/tier/prices/index');
    const row = shown(`.tier-price-${sku}`);
    await row.locator('.tier-price-edit').click();
    await row.locator('.tier-price-input input').fill(yuan(ceil + 1));
    await row.locator('.tier-price-save').click();
    await row.locator('.tier-price-error', { hasText: `${formatFen(list)} – ${formatFen(ceil)}` }).waitFor({ timeout: 15_000 });
    await row.locator('.tier-price-input input').fill(yuan(price));
    await row.locator('.tier-price-save').click();
    await row.locator('.tier-price-current', { hasText: formatFen(price) }).waitFor({ timeout: 15_000 });

    // The child orders: it goes to the first-tier at its price.
    const address = { name: '陈立', mobile: '13900000002', province: '浙江省', city: '宁波市', district: '海曙区', detail: '中山路 1 号' };
    const { order } = await ask<SubmitOutput>('orders', { action: 'submit', clientOrderId: 'e2e-two-tier-order-0001', lines: [{ sku, qty }], address }, buyer);
    expect(order).toMatchObject({ supplierDealerId: first._id, payable: price * qty });

    // The first-tier's owner: 我的 → 下级订单, 接单, then 发货 with a tracking number.
    await visit('/pages/me/index');
    await shown('.me-tier-incoming').click();
    const card = shown(`.tier-card-${order.orderNo}`);
    await card.locator('.tier-accept').click();
    await card.locator('.tier-order-status', { hasText: '待发货' }).waitFor({ timeout: 15_000 });
    await card.locator('.tier-ship').click();
    await card.locator('.tier-tracking input').fill('SF20261203001');
    await card.locator('.tier-ship-submit').click();
    await card.locator('.tier-order-status', { hasText: '已发货' }).waitFor({ timeout: 15_000 });

    // 我的库存: on hand lower by what shipped, nothing held any more.
    await visit('/packages/tier/stock/index');
    await shown(`.tier-stock-${sku} .tier-stock-onhand`)
      .filter({ hasText: String(opening.onHand - qty) })
      .waitFor({ timeout: 15_000 });
    expect(await shown(`.tier-stock-${sku} .tier-stock-reserved`).textContent()).toBe('0');

    // The child sees it shipped by its first-tier: 订单 → 向上级订货.
    await become(buyer);
    await page.locator('.weui-tabbar__label').getByText('订单', { exact: true }).click();
    await shown('.orders-tier').click();
    await shown('.tier-supplier-name')
      .filter({ hasText: String(first['name']) })
      .waitFor({ timeout: 15_000 });
    await shown(`.tier-card-${order.orderNo} .tier-order-status`).filter({ hasText: '已发货' }).waitFor({ timeout: 15_000 });

    // The child receives it; the brand admin's 分销流向 (from 我的) shows first-tier → child → SKU.
    await ask('orders', { action: 'confirmReceipt', orderId: order.id }, buyer);
    await become('demo-admin');
    await shown('.me-sellthrough').click();
    const tierCard = shown('.tier-flow-tier').filter({ hasText: String(first['name']) });
    const line = tierCard.locator('.tier-flow-child', { hasText: String(child['name']) }).locator(`.tier-flow-line-${sku}`);
    await line.waitFor({ timeout: 15_000 });
    expect(await line.locator('.tier-flow-qty').textContent()).toBe(`${qty} 件`);
    expect(await line.locator('.tier-flow-amount').textContent()).toBe(formatFen(price * qty));
    expect(await line.locator('.tier-flow-avg').textContent()).toBe(`均价 ${formatFen(price)}`);
  });
});
