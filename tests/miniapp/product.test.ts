/**
 * 商品详情 (packages/product/detail) as built for WeChat, in miniprogram-simulate, against the real
 * catalog and pricing functions on a local cloud seeded with the demo data set.
 */
import type { CatalogDetail } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import type { QuoteResult } from '../../shared/pricing';
import type { Envelope } from '../helpers/seeded';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { RenderedPage, SimNode } from './support/weapp';
import { find, textOf, waitFor } from './support/weapp';

jest.setTimeout(30_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */
const wx = (): any => (globalThis as any).wx;

describe('the product page', () => {
  const sim = simulatedApp({ caller: 'demo-dealer-a', pages: { product: 'packages/product/detail/index' }, toasts: true });
  const { calls, t, toasts } = sim;
  const openid = sim.caller;
  beforeEach(() => {
    wx().removeStorageSync('cart.v1');
  });

  const open = (sku: string): RenderedPage => sim.open('product', { sku });
  const detail = async (sku: string): Promise<CatalogDetail> =>
    okData((await t.cloud.invoke('catalog', { action: 'get', sku }, { openid })) as Envelope<CatalogDetail>);
  const quote = async (sku: string, qty: number, unit: string): Promise<QuoteResult> =>
    okData((await t.cloud.invoke('pricing', { action: 'quote', lines: [{ sku, qty, unit }] }, { openid })) as Envelope<QuoteResult>);
  /** The chosen quantity as the page states it ("5 箱 = 120 件"); the simulator keeps no input values. */
  const chosen = (p: SimNode): string => textOf(find(p, '.product-stepper-total'));
  const type = (p: SimNode, value: string) => find(p, '.product-stepper-input')!.dispatchEvent('input', { detail: { value } });
  const quotes = () => calls.filter((c) => c.name === 'pricing');

  it('shows the product, its price against the list price, and the steps that made it', async () => {
    const d = await detail('sku-0001');
    const p = open('sku-0001');
    await waitFor(() => expect(textOf(find(p, '.product-name'))).toBe(d.name));
    expect(textOf(find(p, '.product-spec'))).toBe(d.spec);
    expect(textOf(find(p, '.product-price'))).toBe(`${formatFen(d.price)}/件`);
    expect(textOf(find(p, '.product-list-price'))).toBe(`目录价 ${formatFen(d.listPrice)}`);
    expect(textOf(find(p, '.product-price-label'))).toBe('华东一级经销商价');

    // 为什么是这个价: 目录价, then the level/region price list, with what it saved in green.
    await waitFor(() => expect(p.querySelectorAll('.product-step').length).toBeGreaterThanOrEqual(2));
    const steps = p.querySelectorAll('.product-step').map(textOf);
    expect(steps[0]).toContain('目录价');
    expect(steps[1]).toContain('华东一级经销商价');
    const saved = p.querySelectorAll('.price-step-saved').map(textOf);
    expect(saved[0]).toMatch(/^省 ¥\d+\.\d\d$/);

    // Tiers of the water range, stock by warehouse.
    expect(p.querySelectorAll('.product-tier').map(textOf)).toEqual(d.tiers.map((r) => `满 ${r.minLabel}${formatFen(r.unitPrice)}/件`));
    expect(d.tiers.length).toBeGreaterThan(0);
    expect(p.querySelectorAll('.product-stock-row').map((n) => textOf(n))).toEqual(
      d.stock.map((w) => `${w.warehouseName}${w.available > 0 ? `${Math.floor(w.available / 24)} 箱（${w.available} 件）` : '缺货'}`),
    );
    // Promotions on offer: the order-wide 满减 applies to every product.
    expect(p.querySelectorAll('.product-promotion').map(textOf)).toContain('每满 ¥2000 减 ¥100');
  });

  it('starts the stepper at the minimum order in 箱 and refuses to go below it', async () => {
    const p = open('sku-0001');
    await waitFor(() => expect(find(p, '.product-stepper')).not.toBeNull());
    expect(chosen(p)).toBe('5 箱 = 120 件');
    expect(textOf(find(p, '.product-stepper-unit'))).toBe('箱');
    expect(find(p, '.product-unit-1')!.dom.className).toContain('product-unit-active');

    find(p, '.product-stepper-minus')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.product-stepper-hint'))).toBe('最少 5 箱，不能再少了'));
    expect(chosen(p)).toBe('5 箱 = 120 件');

    find(p, '.product-stepper-plus')!.dispatchEvent('tap');
    await waitFor(() => expect(chosen(p)).toBe('6 箱 = 144 件'));
    expect(find(p, '.product-stepper-hint')).toBeNull();
  });

  it("typing less than the minimum shows the server's message and keeps it out of the cart", async () => {
    const p = open('sku-0001');
    await waitFor(() => expect(find(p, '.product-stepper')).not.toBeNull());
    type(p, '2');
    await waitFor(() => expect(textOf(find(p, '.product-qty-error'))).toContain('最少 5 箱'));
    // The server was asked too, and its answer is what stays on screen.
    await waitFor(() => expect(quotes().some((c) => JSON.stringify(c.data['lines']) === JSON.stringify([{ sku: 'sku-0001', qty: 2, unit: '箱' }]))).toBe(true));
    const server = await quote('sku-0001', 2, '箱');
    expect(server.lines[0]!.error!.code).toBe('MOQ_NOT_MET');
    await waitFor(() => expect(textOf(find(p, '.product-qty-error'))).toBe(server.lines[0]!.error!.message));
    expect(find(p, '.product-quote-amount')).toBeNull();

    find(p, '.product-add')!.dispatchEvent('tap');
    await waitFor(() => expect(toasts.map((x) => x['title'])).toContain(server.lines[0]!.error!.message));
    expect(wx().getStorageSync('cart.v1')).toBe('');
  });

  it('prices the chosen quantity live through pricing.quote, so a tier shows in the line price', async () => {
    const d = await detail('sku-0001');
    const tier = d.tiers[0]!;
    const boxes = tier.minQty / 24;
    const p = open('sku-0001');
    await waitFor(() => expect(find(p, '.product-quote-amount')).not.toBeNull());
    const atMoq = await quote('sku-0001', 5, '箱');
    expect(textOf(find(p, '.product-quote-amount'))).toBe(`小计 ${formatFen(atMoq.lines[0]!.amount)}`);

    type(p, String(boxes - 1));
    type(p, String(boxes));
    const atTier = await quote('sku-0001', boxes, '箱');
    expect(atTier.lines[0]!.unitPrice).toBe(tier.unitPrice);
    await waitFor(() => expect(textOf(find(p, '.product-quote-amount'))).toBe(`小计 ${formatFen(atTier.lines[0]!.amount)}`));
    expect(textOf(find(p, '.product-quote-unit-price'))).toBe(`${formatFen(tier.unitPrice)}/件 · 共 ${tier.minQty} 件`);
    expect(textOf(find(p, '.product-tier-active'))).toContain(tier.minLabel);
    expect(textOf(find(p, '.product-section-caption'))).toBe(`按 ${boxes} 箱 计算`);
    // Debounced: the keystroke in between was not priced.
    const asked = quotes().map((c) => (c.data['lines'] as Array<{ qty: number }>)[0]!.qty);
    expect(asked).not.toContain(boxes - 1);
    // Only SKU, quantity and unit go to the server: never a price.
    for (const c of quotes()) expect(Object.keys((c.data['lines'] as object[])[0]!).sort()).toEqual(['qty', 'sku', 'unit']);
  });

  it('switching to 件 keeps the amount and steps by the order multiple', async () => {
    const d = await detail('sku-0001');
    const p = open('sku-0001');
    await waitFor(() => expect(find(p, '.product-stepper')).not.toBeNull());
    find(p, '.product-unit-0')!.dispatchEvent('tap');
    await waitFor(() => expect(chosen(p)).toBe('120 件 = 5 箱'));
    find(p, '.product-stepper-plus')!.dispatchEvent('tap');
    await waitFor(() => expect(chosen(p)).toMatch(new RegExp(`^${120 + d.multiple} 件`)));
    // Two quick taps: the first goes back to the minimum, the second is refused, in the chosen unit.
    find(p, '.product-stepper-minus')!.dispatchEvent('tap');
    find(p, '.product-stepper-minus')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.product-stepper-hint'))).toBe('最少 120 件，不能再少了'));
    expect(chosen(p)).toBe('120 件 = 5 箱');
    // A quantity that is not a multiple gets the server's wording.
    type(p, '121');
    await waitFor(() => expect(textOf(find(p, '.product-qty-error'))).toContain('的倍数'));
  });

  it('加入购物车 puts the chosen quantity and unit in the local cart, with no price', async () => {
    const p = open('sku-0001');
    await waitFor(() => expect(find(p, '.product-stepper')).not.toBeNull());
    find(p, '.product-stepper-plus')!.dispatchEvent('tap');
    find(p, '.product-stepper-plus')!.dispatchEvent('tap');
    await waitFor(() => expect(chosen(p)).toBe('7 箱 = 168 件'));
    find(p, '.product-add')!.dispatchEvent('tap');
    await waitFor(() => expect(wx().getStorageSync('cart.v1')).toEqual([{ sku: 'sku-0001', qty: 7, unit: '箱' }]));
    await waitFor(() => expect(toasts.map((x) => x['title'])).toContain('已加入购物车 7 箱'));
  });

  it('an unknown SKU shows the error with 重试', async () => {
    const p = open('sku-9999');
    await waitFor(() => expect(find(p, '.page-state-error')).not.toBeNull());
    expect(textOf(find(p, '.page-state-message')).length).toBeGreaterThan(0);
    expect(find(p, '.page-state-retry')).not.toBeNull();
    expect(find(p, '.product-stepper')).toBeNull();
  });
});
