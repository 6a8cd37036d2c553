import { allocateStock, availableToPromise, checkCredit, creditGate, creditHeadroom } from '../../../shared/orders';
import type { StockLevel } from '../../../shared/orders';

describe('credit headroom', () => {
  test('is the limit minus open receivables minus what open orders reserve', () => {
    expect(creditHeadroom({ limit: 100_000, used: 30_000, reserved: 20_000 })).toBe(50_000);
    expect(creditHeadroom({ limit: 100_000, used: 90_000, reserved: 20_000 })).toBe(-10_000);
  });

  test('an order that fits exactly passes', () => {
    expect(checkCredit({ limit: 100_000, used: 30_000, reserved: 20_000 }, 50_000)).toEqual({ ok: true, headroom: 50_000 });
  });

  test('one fen over is refused with how much is available, needed and missing', () => {
    expect(checkCredit({ limit: 100_000, used: 30_000, reserved: 20_000 }, 50_001)).toEqual({
      ok: false,
      code: 'CREDIT_LIMIT_EXCEEDED',
      headroom: 50_000,
      shortBy: 1,
      message: '信用额度不足：可用 ¥500.00，本单 ¥500.01，还差 ¥0.01。请先回款或减少下单金额',
    });
  });

  test('an overdrawn dealer sees a negative headroom and the full amount missing', () => {
    const c = checkCredit({ limit: 10_000_000, used: 10_000_000, reserved: 120_000 }, 8_000_000);
    expect(c).toMatchObject({ ok: false, headroom: -120_000, shortBy: 8_120_000 });
    expect(!c.ok && c.message).toBe('信用额度不足：可用 -¥1,200.00，本单 ¥80,000.00，还差 ¥81,200.00。请先回款或减少下单金额');
  });

  test('an order paid entirely with rebate (0 fen) always passes', () => {
    expect(checkCredit({ limit: 0, used: 500, reserved: 0 }, 0).ok).toBe(true);
  });
});

describe('credit gate under credit_overdraw rules', () => {
  const position = { limit: 100_000, used: 30_000, reserved: 20_000 };
  const overdraw = (toleranceFen: number, enabled = true) => ({ code: 'credit_overdraw', enabled, args: { toleranceFen } });
  const amountRule = { code: 'order_amount_over', enabled: true, args: { thresholdFen: 1 } };

  test('an order that fits reserves its credit now, whatever the rules', () => {
    expect(creditGate(checkCredit(position, 50_000), [], [overdraw(0)])).toEqual({ ok: true, reserve: 'now' });
  });

  test('without an enabled credit_overdraw rule an order over the headroom is refused as checkCredit refuses it', () => {
    const check = checkCredit(position, 60_000);
    expect(creditGate(check, ['order_amount_over'], [amountRule])).toEqual(check);
    expect(creditGate(check, [], [overdraw(1_000_000, false)])).toEqual(check);
  });

  test('an order the rule matched waits for approval holding no credit', () => {
    expect(creditGate(checkCredit(position, 60_000), ['credit_overdraw'], [overdraw(0)])).toEqual({ ok: true, reserve: 'on_approval' });
  });

  test('an overdraw within the tolerance reserves its credit now; one fen beyond it does not pass unmatched', () => {
    expect(creditGate(checkCredit(position, 60_000), [], [overdraw(10_000)])).toEqual({ ok: true, reserve: 'now' });
    expect(creditGate(checkCredit(position, 60_001), [], [overdraw(10_000)])).toMatchObject({ ok: false, code: 'CREDIT_LIMIT_EXCEEDED', shortBy: 10_001 });
  });
});

describe('stock', () => {
  const warehouses = [
    { id: 'wh-east', regions: ['east'] },
    { id: 'wh-north', regions: ['north'] },
    { id: 'wh-south', regions: ['south'] },
  ];
  const stock: StockLevel[] = [
    { sku: 'TEA', warehouseId: 'wh-east', onHand: 10, reserved: 4 },
    { sku: 'TEA', warehouseId: 'wh-north', onHand: 50, reserved: 0 },
    { sku: 'TEA', warehouseId: 'wh-south', onHand: 20, reserved: 0 },
    { sku: 'CUP', warehouseId: 'wh-north', onHand: 3, reserved: 5 },
    { sku: 'CUP', warehouseId: 'wh-south', onHand: 8, reserved: 0 },
  ];

  test('available to promise is on hand minus reserved, never below zero', () => {
    expect(availableToPromise({ onHand: 10, reserved: 4 })).toBe(6);
    expect(availableToPromise({ onHand: 3, reserved: 5 })).toBe(0);
  });

  test('takes from the dealer’s region warehouse first, then the one with the most stock', () => {
    expect(allocateStock({ lines: [{ sku: 'TEA', qty: 30 }], stock, warehouses, dealerRegion: 'east' })).toEqual({
      ok: true,
      reservations: [
        { sku: 'TEA', warehouseId: 'wh-east', qty: 6 },
        { sku: 'TEA', warehouseId: 'wh-north', qty: 24 },
      ],
    });
  });

  test('a line the region warehouse can fill stays in one warehouse', () => {
    expect(allocateStock({ lines: [{ sku: 'TEA', qty: 15 }], stock, warehouses, dealerRegion: 'south' })).toEqual({
      ok: true,
      reservations: [{ sku: 'TEA', warehouseId: 'wh-south', qty: 15 }],
    });
  });

  test('with no warehouse in the region, the one with most stock goes first, ties by id', () => {
    const even: StockLevel[] = [
      { sku: 'X', warehouseId: 'b', onHand: 5, reserved: 0 },
      { sku: 'X', warehouseId: 'a', onHand: 5, reserved: 0 },
    ];
    expect(allocateStock({ lines: [{ sku: 'X', qty: 7 }], stock: even, warehouses, dealerRegion: 'west' })).toEqual({
      ok: true,
      reservations: [
        { sku: 'X', warehouseId: 'a', qty: 5 },
        { sku: 'X', warehouseId: 'b', qty: 2 },
      ],
    });
  });

  test('lines of one SKU (an item and its gift) are reserved together', () => {
    const out = allocateStock({
      lines: [
        { sku: 'CUP', qty: 5 },
        { sku: 'CUP', qty: 3 },
      ],
      stock,
      warehouses,
      dealerRegion: 'north',
    });
    expect(out).toEqual({ ok: true, reservations: [{ sku: 'CUP', warehouseId: 'wh-south', qty: 8 }] });
  });

  test('reports every short SKU with what was asked and what is available, and reserves nothing', () => {
    const out = allocateStock({
      lines: [
        { sku: 'CUP', qty: 9 },
        { sku: 'TEA', qty: 76 },
        { sku: 'TEA', qty: 1 },
        { sku: 'GONE', qty: 1 },
      ],
      stock,
      warehouses,
      dealerRegion: 'east',
    });
    expect(out).toEqual({
      ok: false,
      code: 'OUT_OF_STOCK',
      shortages: [
        { sku: 'CUP', requested: 9, available: 8 },
        { sku: 'TEA', requested: 77, available: 76 },
        { sku: 'GONE', requested: 1, available: 0 },
      ],
      message: '库存不足：CUP 需 9 件，可订 8 件；TEA 需 77 件，可订 76 件；GONE 需 1 件，可订 0 件。请减少数量或换一个商品',
    });
  });

  test('asking for exactly what is available succeeds', () => {
    expect(allocateStock({ lines: [{ sku: 'TEA', qty: 76 }], stock, warehouses, dealerRegion: 'east' }).ok).toBe(true);
  });
});
