import { NO_CATEGORIES } from '../../../shared/targeting';
import { Refusal } from '../../../shared/envelope';
import { decideSubmission, takeCounters, takeStock } from '../../../shared/orders';
import type { PlacingContext, Takes } from '../../../shared/orders';
import { dealer, submittedOrder, T0 } from './fixtures';

/** The submit decision and the limits the submit writer re-checks inside its transaction (shared/orders/placement.ts). */
const ctx: PlacingContext = {
  dealer: { id: 'dealer-1', level: 'gold', joinedAt: T0 - 400 * 86_400_000, creditLimit: 1_000_000 },
  actor: dealer,
  now: T0,
  approvalRules: [],
  categories: NO_CATEGORIES,
  priorOrders: 10,
};
const account = { receivable: 0, creditReserved: 0, rebateBalance: 0, orderCount: 10 };

describe('decideSubmission: check credit, decide approval, decide', () => {
  test('an order within the headroom and no approval rule is approved at once, its payable held', () => {
    const order = submittedOrder();
    const d = decideSubmission(order, account, ctx);
    if (d instanceof Refusal) throw new Error(d.message);
    expect(d.next.status).toBe('approved');
    expect(d.next.creditReserved).toBe(order.payable);
  });

  test('an order over the headroom is refused with the headroom and the shortfall', () => {
    const order = submittedOrder();
    const d = decideSubmission(order, { ...account, receivable: 1_000_000 - order.payable + 1 }, ctx);
    expect(d).toBeInstanceOf(Refusal);
    expect(d instanceof Refusal && { code: d.code, details: d.details }).toEqual({
      code: 'CREDIT_LIMIT_EXCEEDED',
      details: { headroom: order.payable - 1, shortBy: 1 },
    });
  });
});

describe('takeStock: the stock of an order re-checked on the rows the transaction read', () => {
  const stock: Takes['stock'] = [
    { rowId: 'stock-wh-east-TEA', sku: 'TEA', qty: 6 },
    { rowId: 'stock-wh-east-TEA', sku: 'TEA', qty: 2 },
    { rowId: 'stock-wh-east-CUP', sku: 'CUP', qty: 5 },
  ];

  test('two reservations of one row add up, and the rows come back with this order counted', () => {
    const rows = new Map([
      ['stock-wh-east-TEA', { onHand: 10, reserved: 2 }],
      ['stock-wh-east-CUP', { onHand: 5, reserved: 0 }],
    ]);
    expect(takeStock(stock, rows)).toEqual(
      new Map([
        ['stock-wh-east-TEA', 10],
        ['stock-wh-east-CUP', 5],
      ]),
    );
  });

  test('a row that a parallel order has taken since allocation is refused with what is left', () => {
    const rows = new Map([
      ['stock-wh-east-TEA', { onHand: 10, reserved: 3 }],
      ['stock-wh-east-CUP', { onHand: 5, reserved: 0 }],
    ]);
    const r = takeStock(stock, rows);
    expect(r instanceof Refusal && { code: r.code, details: r.details }).toEqual({
      code: 'OUT_OF_STOCK',
      details: { shortages: [{ sku: 'TEA', requested: 2, available: 1 }] },
    });
  });

  test('a missing row is out of stock', () => {
    const r = takeStock(stock, new Map([['stock-wh-east-TEA', { onHand: 10, reserved: 0 }]]));
    expect(r instanceof Refusal && r.code).toBe('OUT_OF_STOCK');
  });
});

describe('takeCounters: promotion uses and rebate re-checked on what the transaction read', () => {
  const takes: Pick<Takes, 'promotions' | 'rebate'> = { promotions: [{ usageId: 'dealer-1:r1', ruleId: 'r1', name: '首单立减', limit: 2 }], rebate: 500 };

  test('a use within the limit is counted once more', () => {
    expect(takeCounters(takes, new Map([['dealer-1:r1', 1]]), 500)).toEqual(new Map([['dealer-1:r1', { ruleId: 'r1', count: 2 }]]));
  });

  test('a promotion whose last use another order took is a CONFLICT that says so', () => {
    const r = takeCounters(takes, new Map([['dealer-1:r1', 2]]), 500);
    expect(r instanceof Refusal && { code: r.code, reason: r.details?.['reason'] }).toEqual({ code: 'CONFLICT', reason: 'promotion_used_up' });
  });

  test('a rebate spend above the balance read is refused', () => {
    const r = takeCounters(takes, new Map(), 499);
    expect(r instanceof Refusal && { code: r.code, details: r.details }).toEqual({ code: 'INVALID_INPUT', details: { rebateBalance: 499 } });
  });
});
