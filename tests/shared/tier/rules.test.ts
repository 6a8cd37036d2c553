import type { TierOrderDoc } from '../../../shared/tier';
import { boundsOf, decideTier, paymentProblem, priceOutOfBounds, sellThroughRows } from '../../../shared/tier';

/** The pure rules of 二级分销 (shared/tier): bounds, the first-tier's commands, payment once, sell-through. */
const order = (over: Partial<TierOrderDoc> = {}): TierOrderDoc =>
  ({
    orderNo: 'TO2026120300000001',
    dealerId: 'child',
    supplierDealerId: 'first',
    supplierName: '一级',
    dealerName: '二级',
    status: 'approved',
    lines: [
      { sku: 'a', name: 'A', categoryId: 'c', kind: 'item', qty: 12, shippedQty: 0, listPrice: 100, unitPrice: 110, payable: 1320 },
      { sku: 'b', name: 'B', categoryId: 'c', kind: 'item', qty: 6, shippedQty: 0, listPrice: 333, unitPrice: 350, payable: 2100 },
    ],
    payable: 3420,
    shipments: [],
    events: [],
    paid: 0,
    paidAt: null,
    ...over,
  }) as TierOrderDoc;
const seller = { role: 'dealer' as const, id: 'seller-openid', dealerId: 'first' };

describe('two-tier rules', () => {
  it('keeps every price inside the bounds within the basis points: the floor rounds up and the ceiling down', () => {
    expect(boundsOf(333, { floorBp: 10_000, ceilBp: 13_000 })).toEqual({ floor: 333, ceil: 432 });
    expect(boundsOf(333, { floorBp: 10_050, ceilBp: 10_050 })).toEqual({ floor: 335, ceil: 334 });
    expect(priceOutOfBounds(432, 333, { floorBp: 10_000, ceilBp: 13_000 })).toBeNull();
    expect(priceOutOfBounds(433, 333, { floorBp: 10_000, ceilBp: 13_000 })).toContain('¥3.33 至 ¥4.32');
  });

  it('ships a child’s order whole, by the first-tier only, consuming exactly what it held', () => {
    const part = decideTier(order(), { type: 'ship', carrier: '顺丰', trackingNo: 'SF1', lines: [{ sku: 'a', qty: 12 }] }, 'supplier', seller, 1);
    expect(part.ok ? 'ok' : part.code).toBe('INVALID_INPUT');
    const byChild = decideTier(order(), { type: 'ship', carrier: '顺丰', trackingNo: 'SF1', lines: [] }, 'buyer', seller, 1);
    expect(byChild.ok ? 'ok' : byChild.code).toBe('FORBIDDEN');
    const whole = decideTier(
      order(),
      {
        type: 'ship',
        carrier: '顺丰',
        trackingNo: 'SF1',
        lines: [
          { sku: 'b', qty: 6 },
          { sku: 'a', qty: 12 },
        ],
      },
      'supplier',
      seller,
      1,
    );
    expect(whole.ok && [whole.next.status, whole.consume, whole.release]).toEqual([
      'shipped',
      [
        { sku: 'a', qty: 12 },
        { sku: 'b', qty: 6 },
      ],
      [],
    ]);
  });

  it('records a payment once, never above what is payable', () => {
    expect(paymentProblem(order(), 3421)?.code).toBe('INVALID_INPUT');
    expect(paymentProblem(order(), 3420)).toBeNull();
    expect(paymentProblem(order({ paidAt: 5, paid: 3420 }), 1)?.code).toBe('CONFLICT');
  });

  it('sums sell-through per first-tier, child and SKU with the average price rounded half up', () => {
    const rows = sellThroughRows([
      order(),
      order({ lines: [{ sku: 'b', name: 'B', categoryId: 'c', kind: 'item', qty: 1, shippedQty: 1, listPrice: 333, unitPrice: 351, payable: 351 }] }),
    ]);
    expect(rows.map((r) => [r.sku, r.qty, r.amount, r.avgUnitPrice])).toEqual([
      ['a', 12, 1320, 110],
      ['b', 7, 2451, 350],
    ]);
  });
});
