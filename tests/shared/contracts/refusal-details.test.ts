import { creditRefusalOf, shortagesOf } from '@shared/contracts/orders';
import type { SubmitRefusalDetails } from '@shared/contracts/orders';
import { lineErrorsOf, lineFixDetails } from '@shared/contracts/pricing';
import { allocateStock } from '@shared/orders/stock';
import { checkCredit } from '@shared/orders/credit';

/*
 * The refusal details travel as a plain object (ErrorBody.details). These pin the readers the
 * mini-program uses to what the shared rules actually produce, so a renamed field fails here
 * rather than silently emptying the checkout's 库存不足 / 信用额度不足 panels.
 */
describe('refusal details in the contracts', () => {
  it('reads OUT_OF_STOCK shortages exactly as allocateStock reports them, dropping malformed entries', () => {
    const allocation = allocateStock({
      lines: [{ sku: 'sku-1', qty: 10 }],
      stock: [{ sku: 'sku-1', warehouseId: 'wh-1', onHand: 4, reserved: 1 }],
      warehouses: [{ id: 'wh-1', regions: ['east'] }],
      dealerRegion: 'east',
    });
    expect(allocation.ok).toBe(false);
    if (allocation.ok) return;
    const details: SubmitRefusalDetails['OUT_OF_STOCK'] = { shortages: allocation.shortages };
    const wire = JSON.parse(JSON.stringify({ ...details, shortages: [...details.shortages, { sku: 'bad' }] })) as Record<string, unknown>;
    expect(shortagesOf(wire)).toEqual([{ sku: 'sku-1', requested: 10, available: 3 }]);
    expect(shortagesOf(undefined)).toEqual([]);
  });

  it('reads CREDIT_LIMIT_EXCEEDED headroom and shortBy as checkCredit reports them, null when missing', () => {
    const check = checkCredit({ limit: 10_000, used: 2_000, reserved: 3_000 }, 8_000);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    const details: SubmitRefusalDetails['CREDIT_LIMIT_EXCEEDED'] = { headroom: check.headroom, shortBy: check.shortBy };
    expect(creditRefusalOf(JSON.parse(JSON.stringify(details)) as Record<string, unknown>)).toEqual({ headroom: 5_000, shortBy: 3_000 });
    expect(creditRefusalOf({ headroom: 'lots' })).toEqual({ headroom: null, shortBy: null });
  });

  it('reads line errors and the suggested quantities of a refused line, ignoring fields of the wrong type', () => {
    expect(lineErrorsOf({ lineErrors: [{ lineIndex: 0, sku: 'sku-1', code: 'MOQ_NOT_MET', message: '最少 2 箱', details: {} }, 7] })).toEqual([
      { sku: 'sku-1', message: '最少 2 箱' },
    ]);
    expect(lineFixDetails({ suggestedQty: [4, 'x', 6], unit: '箱', moq: '2' })).toEqual({ suggestedQty: [4, 6], unit: '箱' });
    expect(lineFixDetails({ suggestedQty: 2 })).toEqual({ suggestedQty: 2 });
  });
});
