/**
 * The declared indexes (shared/indexes.ts) serve the queries the actions make. The check runs in
 * every function test from DEFAULT_THRESHOLD documents; here it runs on the demo data from 50,
 * so orders, payments, stock, products, users, dealers and the campaign and rebate collections
 * are all judged while each function's reading actions run as each persona.
 */
import { IndexCheck, refusals } from '../../mocks/cloud/db/index-check';
import { INDEXES } from '../../shared/indexes';
import type { Envelope } from '../helpers/seeded';
import { seededCloud } from '../helpers/seeded';

jest.setTimeout(60_000);

const t = seededCloud();
afterAll(() => t.cleanup());

/** Each call with its persona; every one must answer ok with the check on. */
const CALLS: Array<[fn: string, event: Record<string, unknown>, openid: string | undefined, source?: string]> = (
  [
    ['users', { action: 'me' }, 'demo-dealer-a'],
    ['catalog', { action: 'list' }, 'demo-dealer-a'],
    ['catalog', { action: 'list', keyword: '茶' }, 'demo-dealer-a'],
    ['orders', { action: 'list' }, 'demo-dealer-a'],
    ['orders', { action: 'list', group: 'to_ship' }, 'demo-dealer-a'],
    ['orders', { action: 'list' }, 'demo-manager'],
    ['orders', { action: 'list', placedByMe: true }, 'demo-manager'],
    ['orders', { action: 'list', placedByMe: true, group: 'pending' }, 'demo-manager'],
    ['orders', { action: 'list', group: 'done' }, 'demo-admin'],
    ['orders', { action: 'list' }, undefined, 'wx_devtools'],
    ['orders', { action: 'pendingApprovals' }, 'demo-manager'],
    ['orders', { action: 'pendingApprovals' }, 'demo-admin'],
    ['orders', { action: 'statement', month: '2026-11' }, 'demo-dealer-a'],
    ['rebates', { action: 'progress' }, 'demo-dealer-a'],
    ['rebates', { action: 'wallet' }, 'demo-dealer-a'],
    ['rebates', { action: 'settlements' }, 'demo-dealer-a'],
    ['campaigns', { action: 'list' }, 'demo-dealer-a'],
    ['campaigns', { action: 'list' }, 'demo-admin'],
    ['wecom', { action: 'myCustomers' }, 'demo-clerk'],
    ['admin', { action: 'listRules' }, undefined, 'wx_devtools'],
  ] as const
).map(([fn, event, openid, source]) => [fn, event, openid, source ?? 'wx_client']);

const call = (fn: string, event: Record<string, unknown>, openid?: string, source?: string) =>
  t.cloud.invoke(fn, event, { openid, source }) as Promise<Envelope>;

describe('the declared indexes', () => {
  beforeEach(() => {
    t.cloud.db.indexCheck = new IndexCheck(50);
  });

  // Every row has all four cells: jest takes a handler with more parameters than cells for a done-callback one.
  test.each(CALLS)('serve %s %j as %s (%s)', async (fn, event, openid, source) => {
    const res = await call(fn, event, openid, source);
    expect(refusals.map((e) => e.message)).toEqual([]);
    expect(res.ok ? 'ok' : res.error).toBe('ok');
  });

  test('serve the second page of a dealer’s orders (the cursor’s $or: one branch per index seek)', async () => {
    const first = await call('orders', { action: 'list', limit: 5 }, 'demo-dealer-a');
    const cursor = first.ok ? (first.data as { nextCursor: string | null }).nextCursor : null;
    expect(cursor).not.toBeNull();
    const second = await call('orders', { action: 'list', limit: 5, cursor }, 'demo-dealer-a');
    expect(refusals.map((e) => e.message)).toEqual([]);
    expect(second.ok).toBe(true);
  });

  test('serve the timers that sweep orders', async () => {
    for (const [fn, name] of [
      ['orders', 'autoConfirm'],
      ['orders', 'autoComplete'],
      ['orders', 'expireProxy'],
    ] as const) {
      const res = (await t.cloud.trigger(fn, name)) as Envelope;
      expect({ name, answer: res.ok ? 'ok' : res.error, refused: refusals.map((e) => e.message) }).toEqual({ name, answer: 'ok', refused: [] });
    }
  });

  test('without the dealer’s (dealerId, createdAt, _id) index, a dealer’s order list is refused with the collection, the query and the index it needs', async () => {
    const without = INDEXES.filter((i) => !(i.collection === 'orders' && i.name === 'dealerId_1_createdAt_-1__id_-1'));
    expect(without).toHaveLength(INDEXES.length - 1);
    t.cloud.db.indexCheck = new IndexCheck(50, without);
    const res = await call('orders', { action: 'list' }, 'demo-dealer-a');
    const found = refusals.splice(0).map((e) => e.message);
    expect(res.ok ? 'ok' : res.error.code).toBe('INTERNAL');
    expect(found[0]).toContain('orders where {dealerId=} orderBy createdAt desc, _id desc on orders');
    expect(found[0]).toContain("index('orders', {dealerId: 1, createdAt: -1, _id: -1})");
  });

  test('judge only collections at the threshold or above: a handful of warehouses is read whole, thousands of orders are not', async () => {
    t.cloud.db.indexCheck = new IndexCheck(50, []);
    await expect(t.db.collection('warehouses').where({ name: '华东仓' }).get()).resolves.toBeDefined();
    await expect(t.db.collection('orders').where({ remark: '加急' }).get()).rejects.toThrow(/no declared index serves orders where \{remark=\}/);
    await expect(t.db.collection('orders').doc('order-000001').get()).resolves.toBeDefined();
    refusals.splice(0);
  });
});
