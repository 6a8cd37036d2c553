import type { QuoteResult } from '../../shared/pricing';
import { okData, seededCloud } from '../helpers/seeded';

/** A line in a unit the product is not sold in says which units it is: each once, the base unit first. */
describe('the units offered when a line names one the product does not have', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());

  it('lists every unit once (the base unit is also among the pack units: 件、箱, not 件、件、箱)', async () => {
    const p = t.cloud.store.get('products', 'sku-0001')!.doc as unknown as {
      name: string;
      baseUnit: string;
      packUnits: Array<{ name: string; factor: number }>;
    };
    // The demo data lists the base unit among the pack units too, which is what repeated it.
    expect(p.packUnits.map((u) => u.name)).toContain(p.baseUnit);
    const units = [...new Set([p.baseUnit, ...p.packUnits.map((u) => u.name)])];
    const r = okData(await t.call<QuoteResult>('pricing', { action: 'quote', lines: [{ sku: 'sku-0001', qty: 1, unit: '吨' }] }, 'demo-dealer-a'));
    const error = r.lines[0]!.error!;
    expect(error.code).toBe('INVALID_UNIT');
    expect(error.message).toBe(`${p.name} 不能按「吨」订购，可选单位：${units.join('、')}`);
    expect(error.details).toEqual({ units });
  });
});
