import fc from 'fast-check';
import { accrue, aggregateFrom, deliveryAggregateSchema, deliveryOfOrder, emptyAggregate, mergeAggregates, periodRange } from '../../../shared/rebates';
import type { Delivery } from '../../../shared/rebates';
import { dealer, delivery, sh } from './fixtures';

describe('accrue: per-dealer per-period aggregates of net deliveries', () => {
  const march = emptyAggregate(dealer.id, '2025-03');

  test('adds a delivery’s lines by SKU, by category and in total', () => {
    const agg = accrue(
      march,
      delivery(sh(2025, 3, 5), [
        ['TEA-1', 'cat-tea', 24, 24_000],
        ['SNK-1', 'cat-snack', 6, 3_000],
        ['TEA-2', 'cat-tea', 1, 2_000],
      ]),
    );
    expect(agg.total).toEqual({ amount: 29_000, qty: 31 });
    expect(agg.byCategory).toEqual({ 'cat-tea': { amount: 26_000, qty: 25 }, 'cat-snack': { amount: 3_000, qty: 6 } });
    expect(agg.bySku['TEA-1']).toEqual({ amount: 24_000, qty: 24, categories: { 'cat-tea': { amount: 24_000, qty: 24 } } });
  });

  test('a return (negative lines) subtracts, and a cell that nets to zero disappears', () => {
    const a = accrue(
      march,
      delivery(sh(2025, 3, 5), [
        ['TEA-1', 'cat-tea', 24, 24_000],
        ['SNK-1', 'cat-snack', 6, 3_000],
      ]),
    );
    const b = accrue(a, delivery(sh(2025, 3, 5), [['SNK-1', 'cat-snack', -6, -3_000]]));
    expect(b.total).toEqual({ amount: 24_000, qty: 24 });
    expect(b.bySku['SNK-1']).toBeUndefined();
    expect(b.byCategory['cat-snack']).toBeUndefined();
  });

  test('never mutates the aggregate it is given', () => {
    const a = accrue(march, delivery(sh(2025, 3, 5), [['TEA-1', 'cat-tea', 24, 24_000]]));
    const frozen = JSON.stringify(a);
    accrue(
      a,
      delivery(sh(2025, 3, 6), [
        ['TEA-1', 'cat-tea', 1, 1_000],
        ['TEA-9', 'cat-new', 1, 1],
      ]),
    );
    expect(JSON.stringify(a)).toBe(frozen);
    expect(JSON.stringify(march)).toBe(JSON.stringify(emptyAggregate(dealer.id, '2025-03')));
  });

  test('a delivery at 23:59:59.999 on the last day accrues to the month; one at 00:00:00 on the next first day is refused', () => {
    expect(accrue(march, delivery(sh(2025, 3, 31, 23, 59, 59, 999), [['TEA-1', 'cat-tea', 1, 100]])).total.amount).toBe(100);
    expect(() => accrue(march, delivery(sh(2025, 4, 1), [['TEA-1', 'cat-tea', 1, 100]]))).toThrow(RangeError);
    expect(() => accrue(march, delivery(sh(2025, 2, 28, 23, 59, 59, 999), [['TEA-1', 'cat-tea', 1, 100]]))).toThrow(RangeError);
  });

  test('refuses another dealer’s delivery and non-integer amounts (caller bugs)', () => {
    expect(() => accrue(march, delivery(sh(2025, 3, 5), [['TEA-1', 'cat-tea', 1, 100]], 'someone-else'))).toThrow(RangeError);
    expect(() => accrue(march, delivery(sh(2025, 3, 5), [['TEA-1', 'cat-tea', 1, 100.5]]))).toThrow(RangeError);
  });

  test('keeps a SKU’s lines apart by the category they carried (a SKU moved between categories)', () => {
    const a = aggregateFrom(dealer.id, '2025-03', [
      delivery(sh(2025, 3, 1), [['TEA-1', 'cat-tea', 2, 2_000]]),
      delivery(sh(2025, 3, 20), [['TEA-1', 'cat-gift', 1, 1_000]]),
    ]);
    expect(a.bySku['TEA-1']).toEqual({ amount: 3_000, qty: 3, categories: { 'cat-tea': { amount: 2_000, qty: 2 }, 'cat-gift': { amount: 1_000, qty: 1 } } });
  });

  test('aggregateFrom leaves out other dealers’ deliveries and those outside the period', () => {
    const a = aggregateFrom(dealer.id, '2025-03', [
      delivery(sh(2025, 3, 1), [['TEA-1', 'cat-tea', 1, 100]]),
      delivery(sh(2025, 4, 1), [['TEA-1', 'cat-tea', 1, 1_000]]),
      delivery(sh(2025, 3, 2), [['TEA-1', 'cat-tea', 1, 10_000]], 'other'),
    ]);
    expect(a.total).toEqual({ amount: 100, qty: 1 });
  });

  test('an aggregate may cover part of a period (a campaign window), and deliveries outside that part are refused', () => {
    const part = emptyAggregate(dealer.id, '2025-03', { start: sh(2025, 3, 10), end: sh(2025, 3, 20) });
    expect(() => accrue(part, delivery(sh(2025, 3, 20), [['TEA-1', 'cat-tea', 1, 1]]))).toThrow(RangeError);
    expect(accrue(part, delivery(sh(2025, 3, 10), [['TEA-1', 'cat-tea', 1, 1]])).total.qty).toBe(1);
    expect(() => emptyAggregate(dealer.id, '2025-03', { start: sh(2025, 2, 28), end: sh(2025, 3, 2) })).toThrow(RangeError);
  });

  test('three months merge into their quarter exactly as the quarter’s own aggregate', () => {
    const ds = [
      delivery(sh(2025, 1, 3), [['TEA-1', 'cat-tea', 2, 2_000]]),
      delivery(sh(2025, 2, 3), [
        ['TEA-1', 'cat-tea', 1, 1_000],
        ['SNK-1', 'cat-snack', 5, 500],
      ]),
      delivery(sh(2025, 3, 31, 23, 59, 59, 999), [['SNK-1', 'cat-snack', -5, -500]]),
    ];
    const months = ['2025-01', '2025-02', '2025-03'].map((m) => aggregateFrom(dealer.id, m, ds));
    expect(mergeAggregates(dealer.id, '2025-Q1', months)).toEqual(aggregateFrom(dealer.id, '2025-Q1', ds));
    expect(() => mergeAggregates(dealer.id, '2025-Q1', [months[0]!, months[0]!])).toThrow(RangeError);
    expect(() => mergeAggregates(dealer.id, '2025-Q2', months)).toThrow(RangeError);
  });

  test('a delivered order becomes a delivery of its item lines at deliveredAt; gifts and undelivered orders count nothing', () => {
    const line = { name: 'x', listPrice: 1000, unitPrice: 1000, shippedQty: 0 };
    const order = {
      orderNo: 'SO-1',
      dealerId: dealer.id,
      deliveredAt: sh(2025, 3, 5),
      lines: [
        { ...line, sku: 'TEA-1', categoryId: 'cat-tea', kind: 'item' as const, qty: 12, payable: 11_000 },
        { ...line, sku: 'CUP-1', categoryId: 'cat-gift', kind: 'gift' as const, qty: 1, payable: 0 },
      ],
    };
    expect(deliveryOfOrder(order)).toEqual({
      ref: 'SO-1',
      dealerId: dealer.id,
      at: sh(2025, 3, 5),
      lines: [{ sku: 'TEA-1', categoryId: 'cat-tea', qty: 12, payable: 11_000 }],
    });
    expect(deliveryOfOrder({ ...order, deliveredAt: null })).toBeNull();
  });

  test('a stored aggregate validates against its schema', () => {
    const a = aggregateFrom(dealer.id, '2025-03', [delivery(sh(2025, 3, 1), [['TEA-1', 'cat-tea', 1, 100]])]);
    expect(deliveryAggregateSchema.parse(a)).toEqual(a);
    expect(deliveryAggregateSchema.safeParse({ ...a, period: '2025-3' }).success).toBe(false);
  });
});

describe('property: recomputing from raw lines equals incremental accrual', () => {
  const { start, end } = periodRange('2025-Q1');
  const line = fc.tuple(
    fc.constantFrom('TEA-1', 'TEA-2', 'SNK-1', 'CUP-1'),
    fc.constantFrom('cat-tea', 'cat-snack', 'cat-gift'),
    fc.integer({ min: -50, max: 200 }),
    fc.integer({ min: -50_000, max: 500_000 }),
  );
  const deliveryArb = fc.record({
    at: fc.integer({ min: start, max: end - 1 }),
    lines: fc.array(line, { minLength: 1, maxLength: 5 }),
  });
  const toDelivery = (d: { at: number; lines: Array<[string, string, number, number]> }, i: number): Delivery => ({
    ref: `D${i}`,
    dealerId: dealer.id,
    at: d.at,
    lines: d.lines.map(([sku, categoryId, qty, payable]) => ({ sku, categoryId, qty, payable })),
  });

  test('accruing deliveries one by one, in any order, gives the aggregate recomputed from all of them', () => {
    fc.assert(
      fc.property(fc.array(deliveryArb, { maxLength: 25 }), fc.infiniteStream(fc.nat()), (raw, seeds) => {
        const ds = raw.map(toDelivery);
        const shuffled = [...ds];
        for (let i = shuffled.length - 1; i > 0; i--) {
          const j = seeds.next().value % (i + 1);
          [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
        }
        const incremental = shuffled.reduce(accrue, emptyAggregate(dealer.id, '2025-Q1'));
        expect(incremental).toEqual(aggregateFrom(dealer.id, '2025-Q1', ds));
      }),
    );
  });

  test('total = Σ categories = Σ SKUs, and each SKU = Σ its category cells', () => {
    fc.assert(
      fc.property(fc.array(deliveryArb, { maxLength: 25 }), (raw) => {
        const a = aggregateFrom(dealer.id, '2025-Q1', raw.map(toDelivery));
        const sum = (xs: Array<{ amount: number; qty: number }>) =>
          xs.reduce((s, t) => ({ amount: s.amount + t.amount, qty: s.qty + t.qty }), { amount: 0, qty: 0 });
        expect(sum(Object.values(a.byCategory))).toEqual(a.total);
        expect(sum(Object.values(a.bySku))).toEqual(a.total);
        for (const cell of Object.values(a.bySku)) expect(sum(Object.values(cell.categories))).toEqual({ amount: cell.amount, qty: cell.qty });
      }),
    );
  });

  test('a delivery followed by its exact return leaves the aggregate as it was', () => {
    fc.assert(
      fc.property(fc.array(deliveryArb, { maxLength: 10 }), deliveryArb, (raw, extra) => {
        const base = aggregateFrom(dealer.id, '2025-Q1', raw.map(toDelivery));
        const d = toDelivery(extra, 99);
        const back: Delivery = { ...d, ref: 'R99', lines: d.lines.map((l) => ({ ...l, qty: -l.qty, payable: -l.payable })) };
        expect(accrue(accrue(base, d), back)).toEqual(base);
      }),
    );
  });
});
