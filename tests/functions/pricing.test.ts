import type { QuoteResult } from '../../shared/pricing';
import { okData, seededCloud } from '../helpers/seeded';

describe('pricing.quote through the local cloud', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const quote = (lines: unknown, openid = 'demo-dealer-a', extra: Record<string, unknown> = {}) =>
    t.call<QuoteResult>('pricing', { action: 'quote', lines, ...extra }, openid);

  it('prices the same cart differently for dealers A and B, each line with its steps', async () => {
    const cart = [{ sku: 'sku-0001', qty: 10, unit: '箱' }];
    const a = okData(await quote(cart, 'demo-dealer-a'));
    const b = okData(await quote(cart, 'demo-dealer-b'));
    expect(a.totals.payable).toBeLessThan(b.totals.payable);
    expect(a.lines[0]!.steps.map((s) => s.label)).toContain('华东一级经销商价');
    expect(b.lines[0]!.steps.map((s) => s.label)).toContain('二级经销商价');
    expect(a.lines[0]!.qty).toBe(240);
  });

  it('refuses a price sent by the client instead of using it', async () => {
    const res = await quote([{ sku: 'sku-0001', qty: 10, unit: '箱', price: 1 }]);
    expect(res.ok ? 'ok' : res.error.code).toBe('INVALID_INPUT');
    const res2 = await quote([{ sku: 'sku-0001', qty: 10, unit: '箱' }], 'demo-dealer-a', { totalPrice: 1 });
    expect(res2.ok ? 'ok' : res2.error.code).toBe('INVALID_INPUT');
  });

  it('reports a quantity below the minimum with a message that says what to change', async () => {
    const r = okData(await quote([{ sku: 'sku-0001', qty: 1, unit: '箱' }]));
    expect(r.ok).toBe(false);
    expect(r.lines[0]!.error?.code).toBe('MOQ_NOT_MET');
    expect(r.lines[0]!.error?.message).toContain('最少 5 箱');
  });

  it('takes ¥100 off every full ¥2000 and says how far the next step is', async () => {
    const small = okData(await quote([{ sku: 'sku-0001', qty: 10, unit: '箱' }]));
    expect(small.totals.orderDiscountTotal).toBe(0);
    expect(small.almostReached.map((a) => a.message).join()).toMatch(/再买 ¥[\d.,]+ 减 ¥100/);
    const big = okData(await quote([{ sku: 'sku-0004', qty: 120, unit: '箱' }]));
    expect(big.totals.goodsTotal).toBeGreaterThanOrEqual(200000);
    expect(big.totals.orderDiscountTotal).toBe(Math.min(5, Math.floor(big.totals.goodsTotal / 200000)) * 10000);
    expect(big.lines.reduce((n, l) => n + l.payable, 0)).toBe(big.totals.payable);
  });

  it('applies the dealer’s contract price over its price list', async () => {
    const contract = t.cloud.store.all('price_rules').find((r) => r._id.startsWith('ct-dealer-001'))!;
    const sku = (contract['rule'] as { products: { skus: string[] } }).products.skus[0]!;
    const product = t.cloud.store.all('products').find((p) => p._id === sku)!;
    const r = okData(await quote([{ sku, qty: product['moq'] as number }]));
    expect(r.lines[0]!.steps.map((s) => s.code)).toContain('contract_price');
    const b = okData(await quote([{ sku, qty: product['moq'] as number }], 'demo-dealer-b'));
    expect(b.lines[0]!.steps.map((s) => s.code)).not.toContain('contract_price');
  });

  it('sees a rule change at once: an admin disables the 满减 and the next quote no longer has it', async () => {
    const cart = [{ sku: 'sku-0004', qty: 120, unit: '箱' }];
    expect(okData(await quote(cart)).totals.orderDiscountTotal).toBeGreaterThan(0);
    okData(await t.call('admin', { action: 'disableRule', id: 'promo-full-2000-100', reason: '测试停用' }, 'demo-admin'));
    expect(okData(await quote(cart)).totals.orderDiscountTotal).toBe(0);
  });

  it('spends no more rebate than the wallet holds, and only dealers may quote', async () => {
    const r = await quote([{ sku: 'sku-0001', qty: 10, unit: '箱' }], 'demo-dealer-b', { rebateToUse: 50_000_000 });
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_INPUT');
    if (!r.ok) expect(r.error.message).toContain('本单最多可用返利');
    const clerk = await quote([{ sku: 'sku-0001', qty: 10, unit: '箱' }], 'demo-clerk');
    expect(clerk.ok ? 'ok' : clerk.error.code).toBe('FORBIDDEN');
  });
});
