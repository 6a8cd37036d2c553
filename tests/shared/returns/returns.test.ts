import fc from 'fast-check';
import type { OrderLine } from '../../../shared/orders/types';
import type { ReturnCommand, ReturnRequest, ReturnStatus } from '../../../shared/returns';
import { checkRequest, creditShares, decideReturn, DEFAULT_RETURN_POLICY, RETURN_STATUSES, returnCommandsFor } from '../../../shared/returns';

const T0 = Date.UTC(2026, 10, 10, 2);
const DAY = 86_400_000;
const line = (payable: number, qty: number): OrderLine => ({
  sku: 'sku-1',
  name: '矿泉水',
  categoryId: 'c',
  kind: 'item',
  qty,
  shippedQty: qty,
  listPrice: 100,
  unitPrice: 100,
  payable,
});
const request = (status: ReturnStatus): ReturnRequest => ({
  id: 'rr-1',
  orderId: 'o-1',
  orderNo: 'SO1',
  dealerId: 'dealer-1',
  dealerRegion: 'east',
  dealerName: '经销商',
  status,
  lines: [{ sku: 'sku-1', name: '矿泉水', qty: 3, restockQty: null, scrapQty: null, amount: null }],
  reason: '破损',
  photos: [],
  shipment: null,
  warehouseId: null,
  amount: null,
  createdAt: T0,
  updatedAt: T0,
  events: [],
});
const ACTORS = {
  dealer: { role: 'dealer', id: 'd', dealerId: 'dealer-1' },
  manager: { role: 'manager', id: 'm' },
  admin: { role: 'admin', id: 'a' },
  system: { role: 'system', id: 'system' },
} as const;
const COMMANDS: Record<string, ReturnCommand> = {
  approve: { type: 'approve' },
  reject: { type: 'reject', reason: '不在范围' },
  ship_back: { type: 'ship_back', carrier: '顺丰', trackingNo: 'SF1' },
  receive: { type: 'receive', warehouseId: 'wh', lines: [{ sku: 'sku-1', restockQty: 2, scrapQty: 1 }] },
  credit: { type: 'credit', amounts: [{ sku: 'sku-1', amount: 30 }] },
};

describe('the return request state machine', () => {
  test('accepts exactly the commands the table gives each role in each state, and refuses the rest with a stable code', () => {
    for (const status of RETURN_STATUSES) {
      for (const [name, actor] of Object.entries(ACTORS)) {
        const allowed = returnCommandsFor(status, actor.role);
        for (const command of Object.values(COMMANDS)) {
          const d = decideReturn(request(status), command, actor, T0 + DAY);
          if (allowed.includes(command.type)) expect([name, command.type, d.ok]).toEqual([name, command.type, true]);
          else expect(['FORBIDDEN', 'CONFLICT']).toContain(d.ok ? 'ok' : d.code);
        }
      }
    }
  });

  test('a receipt must account for every unit as restocked or scrapped, and then asks for the credit', () => {
    const bad = decideReturn(
      request('shipped_back'),
      { type: 'receive', warehouseId: 'wh', lines: [{ sku: 'sku-1', restockQty: 1, scrapQty: 1 }] },
      ACTORS.admin,
      T0,
    );
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const good = decideReturn(request('shipped_back'), COMMANDS.receive!, ACTORS.admin, T0);
    expect(good.ok && good.effects).toEqual([{ type: 'credit' }]);
  });

  test('another dealer may not act on the request', () => {
    expect(decideReturn(request('approved'), COMMANDS.ship_back!, { role: 'dealer', id: 'x', dealerId: 'dealer-2' }, T0)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});

describe('what may come back and what it is worth', () => {
  const order = { status: 'delivered' as const, deliveredAt: T0, lines: [line(1000, 7)] };

  test('refuses more than delivered − returned − held, and after the window', () => {
    const held = { ...order, returned: { 'sku-1': { qty: 2, amount: 286 } }, returning: { 'sku-1': 3 } };
    expect(checkRequest(held, { lines: [{ sku: 'sku-1', qty: 3 }], reason: '破损', photos: [] }, T0, DEFAULT_RETURN_POLICY)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(checkRequest(held, { lines: [{ sku: 'sku-1', qty: 2 }], reason: '破损', photos: [] }, T0, DEFAULT_RETURN_POLICY).ok).toBe(true);
    const late = T0 + (DEFAULT_RETURN_POLICY.returnWindowDays + 1) * DAY;
    expect(checkRequest(order, { lines: [{ sku: 'sku-1', qty: 1 }], reason: '破损', photos: [] }, late, DEFAULT_RETURN_POLICY)).toMatchObject({
      ok: false,
      code: 'CONFLICT',
    });
  });

  test('returns of a line in any split add up to at most its payable, and to exactly it when all units come back', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 200 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (payable, qty, parts) => {
          let returned = { qty: 0, amount: 0 };
          for (const p of parts) {
            const n = Math.min(p, qty - returned.qty);
            if (n === 0) break;
            const [share] = creditShares({ ...order, lines: [line(payable, qty)], returned: { 'sku-1': returned } }, [{ sku: 'sku-1', qty: n }]);
            expect(share!.amount).toBeGreaterThanOrEqual(0);
            returned = { qty: returned.qty + n, amount: returned.amount + share!.amount };
            expect(returned.amount).toBeLessThanOrEqual(payable);
          }
          if (returned.qty === qty) expect(returned.amount).toBe(payable);
        },
      ),
    );
  });
});
