import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { EJSON } from 'bson';
import { LocalCloud } from '../../mocks/cloud';
import { DAY_MS } from '../../shared/time';
import type { SeedDataSet, SeedMarker } from '../../mocks/seed/data';
import { DEFAULT_REFERENCE_DATE, PERSONAS, SEEDED_COLLECTIONS, describeDataSet, generate, summarize } from '../../mocks/seed/data';
import type { SeedResult } from '../../mocks/seed';
import { seed } from '../../mocks/seed';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';
import { TEST_REFERENCE_DATE } from '../helpers/clock';
import { copySnapshotStorage, seedSnapshot } from '../helpers/seed-snapshot';
import { COLLECTIONS } from '../../shared/collections';
import type { OrderDoc } from '../../shared/models';
import type { Actor, Order, OrderCommand, OrderEvent, Shipment } from '../../shared/orders';
import { addressSchema, decide, newOrder } from '../../shared/orders';
import { APPROVAL_THRESHOLD, HISTORY_APPROVAL_RULE, LEVEL_PRICE_RATE, LIVE_RULES_WINDOW_MS } from '../../mocks/seed/history';
import { buildApprovalRules } from '../../mocks/seed/pricing';
import { evaluateApproval, approvalFactsOf } from '../../shared/orders';
import type { WithId } from '../../mocks/seed/data';

jest.setTimeout(60_000);

const REFERENCE = Date.parse(DEFAULT_REFERENCE_DATE);
/** Submitted or approved and not yet shipped: holding stock and credit. */
const unshipped = (o: OrderDoc) => o.status === 'pending_approval' || o.status === 'approved';
/** Placed before the last days, under the history's approval rule. */
const historic = (o: OrderDoc) => o.createdAt < REFERENCE - LIVE_RULES_WINDOW_MS;
const dirs: string[] = [];
const clouds: LocalCloud[] = [];

function newCloud(): LocalCloud {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
  dirs.push(dir);
  const cloud = new LocalCloud({ dbFile: ':memory:', storageDir: path.join(dir, 'storage') });
  clouds.push(cloud);
  return cloud;
}

/** A cloud holding a copy of the tests' seeded snapshot: what seed() wrote at the default reference date. */
function snapshotCloud(): LocalCloud {
  if (TEST_REFERENCE_DATE !== DEFAULT_REFERENCE_DATE) throw new Error('the seeded snapshot is not at the default reference date');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
  dirs.push(dir);
  const snapshot = seedSnapshot();
  copySnapshotStorage(snapshot.storageDir, path.join(dir, 'storage'));
  const cloud = new LocalCloud({ dbFile: ':memory:', dbImage: snapshot.dbImage, storageDir: path.join(dir, 'storage') });
  clouds.push(cloud);
  return cloud;
}

/** Close a cloud a test is done with: each holds the whole demo data parsed, and the file's heap (so its GC time) grows with every one left open. */
function done(cloud: LocalCloud): void {
  cloud.close();
  clouds.splice(clouds.indexOf(cloud), 1);
}

/** Every stored document of the seeded collections, as canonical extended JSON, in _id order. */
function dump(cloud: LocalCloud): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of SEEDED_COLLECTIONS) {
    out[name] = cloud.store
      .all(name)
      .map((d) => EJSON.stringify(d, { relaxed: false }))
      .sort();
  }
  return out;
}

let data: SeedDataSet;
let marker: SeedMarker;
/** generate({ seed: 7 }), made once with the clock trap armed and compared with the default seed's. */
let seven: SeedDataSet | undefined;
/** dump() of an untouched copy of the seeded snapshot: every copy dumps alike, so it is made once. */
let snapshotDump: Record<string, string[]> | undefined;
const dumpOfFreshSnapshot = (cloud: LocalCloud) => (snapshotDump ??= dump(cloud));
/** One cloud seeded with the defaults, shared by the tests that only read it. */
let shared: TestCloud;
let sharedResult: SeedResult;

beforeAll(() => {
  data = generate();
  marker = data.system[0]!;
  shared = createTestCloud({ standardCollections: false });
  sharedResult = seed(shared.cloud);
});

afterAll(() => {
  shared.cleanup();
  for (const c of clouds) c.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** The items that break a rule, so a failure names them instead of stopping at the first. */
const violations = <T>(items: readonly T[], ok: (item: T) => boolean): T[] => items.filter((it) => !ok(it));

/** The command that recorded an event. */
function commandOf(doc: WithId<OrderDoc>, e: OrderEvent): OrderCommand {
  switch (e.type) {
    case 'submitted':
      return {
        type: 'submit',
        approval: { matched: doc.approval!.matched, steps: doc.approval!.steps.map((s) => ({ role: s.role, label: s.label, ruleIds: s.ruleIds })) },
      };
    case 'step_approved':
    case 'approved':
      return { type: 'approve_step' };
    case 'shipped': {
      const s = (e.data as { shipment: Shipment }).shipment;
      return { type: 'ship', carrier: s.carrier, trackingNo: s.trackingNo, warehouseId: s.warehouseId, lines: s.lines };
    }
    case 'delivered':
      return { type: 'confirm_receipt' };
    case 'completed':
      return { type: 'complete' };
    default:
      throw new Error(`unexpected event ${e.type}`);
  }
}

/**
 * Rebuild a stored order from scratch the way the orders function would: newOrder from its
 * lines (stock reserved at its warehouse), then each recorded event's command through decide by
 * the recorded actor at the recorded time. A refusal or a different event comes back as text.
 */
function replay(doc: WithId<OrderDoc>): Order | string {
  let order = newOrder({
    id: doc._id,
    orderNo: doc.orderNo,
    dealerId: doc.dealerId,
    lines: doc.lines.map(({ shippedQty: _shipped, ...l }) => l),
    rebateUsed: doc.rebateUsed,
    reservations: doc.lines.map((l) => ({ sku: l.sku, warehouseId: doc.warehouseIds[0]!, qty: l.qty })),
    createdAt: doc.createdAt,
  });
  for (const e of doc.events) {
    const actor: Actor = e.actor.role === 'dealer' ? { ...e.actor, dealerId: doc.dealerId } : { ...e.actor };
    const d = decide(order, commandOf(doc, e), actor, e.at);
    if (!d.ok) return `${e.type} refused: ${d.message}`;
    if (!isDeepStrictEqual(d.event, e)) return `${e.type}: recorded event differs from decide's`;
    order = d.next;
  }
  return order;
}

describe('seeding the local cloud', () => {
  it('seeding twice with the same seed gives identical documents', () => {
    // The other seeding ran in another process: the tests' seeded snapshot (tests/helpers/seed-snapshot.ts).
    const other = snapshotCloud();
    expect(dumpOfFreshSnapshot(other)).toEqual(dump(shared.cloud));
    done(other);
    expect(JSON.stringify(generate())).toBe(JSON.stringify(data));
  });

  it('the generator reads neither the clock nor Math.random', () => {
    const now = jest.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now called');
    });
    const random = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    // new Date() and Date() read the clock too (dayjs() does so): only dates of given times pass.
    const RealDate = globalThis.Date;
    globalThis.Date = new Proxy(RealDate, {
      construct(target, args: unknown[], newTarget) {
        if (args.length === 0) throw new Error('new Date() called');
        return Reflect.construct(target, args, newTarget === globalThis.Date ? target : newTarget) as object;
      },
      apply() {
        throw new Error('Date() called');
      },
    });
    try {
      // Another seed than the default's, kept for the next case: one generation proves both.
      expect(() => (seven = generate({ seed: 7 }))).not.toThrow();
    } finally {
      globalThis.Date = RealDate;
      now.mockRestore();
      random.mockRestore();
    }
  });

  it('a different seed gives a different data set of the same shape', () => {
    const other = seven ?? generate({ seed: 7 });
    expect(other.orders).not.toEqual(data.orders);
    expect(other.products.length).toBe(data.products.length);
    expect(other.dealers.length).toBe(data.dealers.length);
    seven = undefined;
  });

  it('creates every collection the app uses, including ones it does not fill', () => {
    expect(sharedResult.seeded).toBe(true);
    expect(sharedResult.created).toEqual([...COLLECTIONS]);
    for (const name of COLLECTIONS) expect(shared.cloud.store.hasCollection(name)).toBe(true);
    expect(sharedResult.counts).toEqual({ ...marker.counts, system: 1 });
  });

  it('seeding is idempotent: a second call inserts nothing', () => {
    const before = dump(shared.cloud);
    const versions = () => ['users', 'orders', 'system'].flatMap((c) => shared.cloud.store.all(c).map((d) => shared.cloud.store.get(c, d._id)?.ver));
    const versionsBefore = versions();
    const second = seed(shared.cloud);
    expect(second).toEqual({ seeded: false, counts: sharedResult.counts, created: [], dropped: [] });
    expect(dump(shared.cloud)).toEqual(before);
    // Not rewritten with the same content either: no document got a new version.
    expect(versions()).toEqual(versionsBefore);
  });

  it('reset starts over', () => {
    // A seeded cloud (the tests' seeded snapshot, which seed() wrote) that the demo then changed.
    const cloud = snapshotCloud();
    const fresh = dumpOfFreshSnapshot(cloud);
    cloud.db.handle('database.removeDocument', { collectionName: 'users', query: EJSON.stringify({ _id: PERSONAS.clerk }), queryType: 'DOC', multi: false });
    cloud.db.handle('database.insertDocument', { collectionName: 'audit_log', data: [EJSON.stringify({ _id: 'x', what: 'demo click' })] });
    expect(seed(cloud).seeded).toBe(false);
    expect(cloud.store.get('users', PERSONAS.clerk)).toBeNull();

    const result = seed(cloud, { reset: true });
    expect(result.seeded).toBe(true);
    expect(result.dropped).toEqual(expect.arrayContaining(['users', 'orders', 'audit_log', 'system']));
    expect(dump(cloud)).toEqual(fresh);
    expect(cloud.store.all('audit_log')).toEqual([]);
    done(cloud);
    snapshotDump = undefined;
  });

  it('refuses to seed over app data written without the marker', () => {
    const cloud = newCloud();
    for (const name of COLLECTIONS) cloud.db.handle('database.addCollection', { collectionName: name });
    cloud.db.handle('database.insertDocument', { collectionName: 'orders', data: [EJSON.stringify({ _id: 'by-hand', orderNo: 'X' })] });
    expect(() => seed(cloud)).toThrow(/--reset/);
  });

  it('the personas are recognised by users.me', async () => {
    const me = async (openid: string) => (await shared.cloud.invoke('users', { action: 'me' }, { openid })) as { ok: boolean; data: Record<string, unknown> };
    const a = await me(PERSONAS.dealerA);
    expect(a.ok).toBe(true);
    expect(a.data).toEqual(expect.objectContaining({ registered: true, role: 'dealer', name: '王建国' }));
    expect(a.data['dealer']).toEqual(expect.objectContaining({ id: 'dealer-001', name: '杭州恒泰商贸有限公司', level: 'A', region: 'east' }));
    expect((await me(PERSONAS.manager)).data).toEqual(expect.objectContaining({ role: 'manager', dealer: null }));
    expect((await me(PERSONAS.admin)).data).toEqual(expect.objectContaining({ role: 'admin', dealer: null }));
  });
});

describe('the demo data set', () => {
  it('the personas exist with the documented roles and dealers', () => {
    const user = (openid: string) => data.users.find((u) => u.openid === openid)!;
    const dealer = (id: string | null) => data.dealers.find((d) => d._id === id)!;
    const a = user(PERSONAS.dealerA);
    expect(a).toMatchObject({ _id: 'demo-dealer-a', role: 'dealer', name: '王建国', dealerId: 'dealer-001', status: 'active' });
    expect(dealer(a.dealerId)).toMatchObject({ level: 'A', region: 'east', city: '杭州', contactName: '王建国', status: 'active' });
    const b = user(PERSONAS.dealerB);
    expect(b.role).toBe('dealer');
    expect(dealer(b.dealerId)).toMatchObject({ level: 'B', region: 'south' });
    expect(user(PERSONAS.clerk)).toMatchObject({ role: 'clerk', dealerId: 'dealer-001' });
    expect(user(PERSONAS.manager)).toMatchObject({ role: 'manager', dealerId: null, regions: ['east', 'south'] });
    expect(user(PERSONAS.admin)).toMatchObject({ role: 'admin', dealerId: null });
    expect(summarize(data).personas.map((p) => p.openid)).toEqual(Object.values(PERSONAS));
  });

  it('demo-dealer-a and demo-dealer-b are in different regions and levels', () => {
    const dealerOf = (openid: string) => data.dealers.find((d) => d._id === data.users.find((u) => u.openid === openid)?.dealerId)!;
    const a = dealerOf(PERSONAS.dealerA);
    const b = dealerOf(PERSONAS.dealerB);
    expect(a.region).not.toBe(b.region);
    expect(a.level).not.toBe(b.level);
  });

  it('every dealer has exactly one owner and every user points at an existing dealer', () => {
    const ids = new Set(data.dealers.map((d) => d._id));
    const ownersOf = (id: string) => data.users.filter((u) => u.role === 'dealer' && u.dealerId === id);
    expect(
      violations(data.dealers, (d) => {
        const owners = ownersOf(d._id);
        return owners.length === 1 && owners[0]!.name === d.contactName && owners[0]!.mobile === d.contactMobile;
      }),
    ).toEqual([]);
    expect(
      violations(
        data.users,
        (u) =>
          (u.role === 'dealer' || u.role === 'clerk' ? ids.has(u.dealerId ?? '') : u.dealerId === null) &&
          u._id === u.openid &&
          /^1390000\d{4}$/.test(u.mobile ?? ''),
      ),
    ).toEqual([]);
    expect(new Set(data.users.map((u) => u.openid)).size).toBe(data.users.length);
    expect(new Set(data.dealers.map((d) => d.name)).size).toBe(data.dealers.length);
  });

  it('second-tier dealers point at a level-A dealer of the same region', () => {
    const byId = new Map(data.dealers.map((d) => [d._id, d]));
    const secondTier = data.dealers.filter((d) => d.parentDealerId);
    expect(secondTier.length).toBeGreaterThan(10);
    expect(
      violations(secondTier, (d) => {
        const parent = byId.get(d.parentDealerId!);
        return parent !== undefined && parent.level === 'A' && parent.region === d.region && d.level !== 'A';
      }),
    ).toEqual([]);
  });

  it('has about sixty dealers over the three levels and five regions with credit limits in whole yuan', () => {
    expect(data.dealers.length).toBeGreaterThanOrEqual(55);
    expect(new Set(data.dealers.map((d) => d.level))).toEqual(new Set(['A', 'B', 'C']));
    expect(new Set(data.dealers.map((d) => d.region))).toEqual(new Set(['east', 'south', 'north', 'west', 'central']));
    expect(violations(data.dealers, (d) => Number.isInteger(d.creditLimit) && d.creditLimit % 100 === 0 && d.joinedAt < REFERENCE)).toEqual([]);
  });

  it('products have integer prices, a 箱 of 6, 12 or 24 件 and order rules their 箱 can meet', () => {
    expect(data.products.length).toBeGreaterThanOrEqual(280);
    const categories = new Map(data.categories.map((c) => [c._id, c]));
    expect(
      violations(
        data.products,
        (p) =>
          p._id === p.sku &&
          Number.isInteger(p.listPrice) &&
          p.listPrice > 0 &&
          p.packUnits[0]?.name === '件' &&
          p.packUnits[0].factor === 1 &&
          p.packUnits[1]?.name === '箱' &&
          [6, 12, 24].includes(p.packUnits[1].factor) &&
          p.moq > 0 &&
          p.moq % p.multiple === 0 &&
          typeof categories.get(p.categoryId)?.parentId === 'string',
      ),
    ).toEqual([]);
    expect(data.products.filter((p) => p.status === 'off_sale').length).toBeGreaterThan(0);
    expect(data.products.some((p) => p.visibility.levels.includes('A'))).toBe(true);
    expect(data.products.some((p) => p.visibility.regions.length > 0)).toBe(true);
  });

  it('stock exists for every SKU in both warehouses in base units, reserved for exactly the open orders, and a few SKUs are sold out everywhere', () => {
    expect(data.stock).toHaveLength(data.products.length * data.warehouses.length);
    const factor = new Map(data.products.map((p) => [p.sku, p.packUnits[1]!.factor]));
    const promised = new Map<string, number>();
    for (const o of data.orders.filter(unshipped))
      for (const r of o.reservations) promised.set(`${r.warehouseId}:${r.sku}`, (promised.get(`${r.warehouseId}:${r.sku}`) ?? 0) + r.qty);
    expect([...promised.values()].some((q) => q > 0)).toBe(true);
    expect(
      violations(
        data.stock,
        (s) =>
          Number.isInteger(s.onHand) &&
          s.onHand >= s.reserved &&
          s.onHand % factor.get(s.sku)! === 0 &&
          s.reserved === (promised.get(`${s.warehouseId}:${s.sku}`) ?? 0),
      ),
    ).toEqual([]);
    expect(marker.outOfStock.length).toBeGreaterThan(0);
    for (const sku of marker.outOfStock) {
      expect(data.stock.filter((s) => s.sku === sku).every((s) => s.onHand === 0)).toBe(true);
      expect(data.products.find((p) => p.sku === sku)?.status).toBe('on_sale');
    }
  });

  it('every order is an Order whose money adds up: shipped ones owe their payable, open ones hold their stock and credit', () => {
    expect(data.orders.length).toBeGreaterThan(2000);
    const products = new Map(data.products.map((p) => [p.sku, p]));
    const dealers = new Map(data.dealers.map((d) => [d._id, d]));
    expect(
      violations(data.orders, (o) => {
        const level = dealers.get(o.dealerId)!.level;
        return (
          ['pending_approval', 'approved', 'shipped', 'delivered', 'completed'].includes(o.status) &&
          o.lines.length > 0 &&
          o.lines.every((l) => {
            const p = products.get(l.sku)!;
            return (
              l.kind === 'item' &&
              l.categoryId === p.categoryId &&
              l.listPrice === p.listPrice &&
              l.unitPrice === Math.round(p.listPrice * LEVEL_PRICE_RATE[level]!) &&
              l.payable === l.qty * l.unitPrice &&
              l.shippedQty === (unshipped(o) ? 0 : l.qty)
            );
          }) &&
          o.payable === o.lines.reduce((sum, l) => sum + l.payable, 0) &&
          o.listTotal === o.lines.reduce((sum, l) => sum + l.qty * l.listPrice, 0) &&
          o.rebateUsed === 0 &&
          o.creditReserved === (unshipped(o) ? o.payable : 0) &&
          o.receivableBooked === (unshipped(o) ? 0 : o.payable) &&
          o.reservations.length === (unshipped(o) ? o.lines.length : 0) &&
          o.shipments.reduce((sum, s) => sum + s.amount, 0) === (unshipped(o) ? 0 : o.payable) &&
          o.closedAt === null &&
          o.closeReason === null &&
          o.events[o.events.length - 1]?.to === o.status
        );
      }).map((o) => o.orderNo),
    ).toEqual([]);
  });

  it('every order replays through newOrder + decide to exactly what is stored', () => {
    const bad: string[] = [];
    for (const doc of data.orders) {
      const replayed = replay(doc);
      const {
        _id,
        clientOrderId: _c,
        dealerName: _n,
        dealerLevel: _l,
        dealerRegion: _r,
        address: _a,
        remark: _m,
        source: _s,
        warehouseIds: _w,
        updatedAt: _u,
        ...state
      } = doc;
      if (typeof replayed === 'string') bad.push(`${doc.orderNo}: ${replayed}`);
      else if (!isDeepStrictEqual(replayed, { id: _id, ...state })) bad.push(`${doc.orderNo}: the replayed order differs from the stored one`);
    }
    expect(bad).toEqual([]);
  });

  it('orders carry the stored fields beside the Order: dealer, address, source, warehouse', () => {
    const dealers = new Map(data.dealers.map((d) => [d._id, d]));
    const keys = [
      '_id',
      'orderNo',
      'dealerId',
      'status',
      'lines',
      'listTotal',
      'payable',
      'rebateUsed',
      'creditReserved',
      'receivableBooked',
      'reservations',
      'approval',
      'shipments',
      'createdAt',
      'approvedAt',
      'shippedAt',
      'fullyShippedAt',
      'deliveredAt',
      'completedAt',
      'closedAt',
      'closeReason',
      'events',
      'clientOrderId',
      'dealerName',
      'dealerLevel',
      'dealerRegion',
      'address',
      'remark',
      'source',
      'warehouseIds',
      'updatedAt',
    ].sort();
    const warehouseOf = (region: string) => data.warehouses.find((w) => w.regions.includes(region))!._id;
    expect(
      violations(data.orders, (o) => {
        const d = dealers.get(o.dealerId)!;
        return (
          JSON.stringify(Object.keys(o).sort()) === JSON.stringify(keys) &&
          /^[A-Za-z0-9_-]{16,64}$/.test(o.clientOrderId) &&
          o.dealerName === d.name &&
          o.dealerLevel === d.level &&
          o.dealerRegion === d.region &&
          addressSchema.safeParse(o.address).success &&
          o.address?.name === d.contactName &&
          o.address.mobile === d.contactMobile &&
          o.address.city === `${d.city}市` &&
          o.source === 'seed' &&
          typeof o.remark === 'string' &&
          JSON.stringify(o.warehouseIds) === JSON.stringify([warehouseOf(d.region)]) &&
          o.shipments.length === (unshipped(o) ? 0 : 1) &&
          o.shipments.every((s) => s.warehouseId === warehouseOf(d.region) && s.by.role === 'admin') &&
          o.updatedAt === o.events[o.events.length - 1]!.at
        );
      }).map((o) => o.orderNo),
    ).toEqual([]);
    const tracking = data.orders.flatMap((o) => o.shipments.map((s) => s.trackingNo));
    expect(new Set(tracking).size).toBe(tracking.length);
    expect(new Set(data.orders.map((o) => o.clientOrderId)).size).toBe(data.orders.length);
  });

  it("orders over ¥50,000 were approved by their region's channel manager, the rest automatically", () => {
    const dealers = new Map(data.dealers.map((d) => [d._id, d]));
    const managers = data.users.filter((u) => u.role === 'manager');
    const manual = data.orders.filter((o) => historic(o) && o.payable > APPROVAL_THRESHOLD);
    expect(manual.length).toBeGreaterThan(20);
    expect(
      violations(data.orders.filter(historic), (o) => {
        const a = o.approval!;
        if (o.payable <= APPROVAL_THRESHOLD)
          return a.auto && a.steps.length === 0 && a.matched.length === 0 && o.approvedAt === o.createdAt && o.events[0]!.to === 'approved';
        const by = a.steps[0]?.approvedBy;
        const manager = managers.find((m) => m.openid === by?.id);
        return (
          !a.auto &&
          a.matched.length === 1 &&
          a.matched[0]!.ruleId === HISTORY_APPROVAL_RULE.id &&
          a.matched[0]!.code === 'order_amount_over' &&
          a.matched[0]!.explanation.includes('超过 ¥50,000.00') &&
          a.steps.length === 1 &&
          a.currentStep === 1 &&
          by?.role === 'manager' &&
          manager !== undefined &&
          (manager.regions ?? []).includes(dealers.get(o.dealerId)!.region) &&
          o.events.map((e) => e.type).join() === ['submitted', 'approved', 'shipped', 'delivered', 'completed'].slice(0, o.events.length).join() &&
          o.events[0]!.to === 'pending_approval'
        );
      }).map((o) => o.orderNo),
    ).toEqual([]);
  });

  it("the last two days' orders ran under today's approval rules, and the ones they matched still wait for the channel manager", () => {
    const live = data.orders.filter((o) => !historic(o));
    const rules = buildApprovalRules(REFERENCE).map((d) => d.rule);
    const dealers = new Map(data.dealers.map((d) => [d._id, d]));
    const before = (o: OrderDoc) => data.orders.filter((x) => x.dealerId === o.dealerId && x.createdAt < o.createdAt).length;
    expect(live.length).toBeGreaterThan(0);
    expect(
      violations(live, (o) => {
        const d = dealers.get(o.dealerId)!;
        const outcome = evaluateApproval(
          approvalFactsOf(o, { level: d.level, joinedAt: d.joinedAt, orderCount: before(o) }, { limit: d.creditLimit, used: 0, reserved: 0 }, o.createdAt),
          rules,
        );
        return (
          JSON.stringify(o.approval!.matched.map((m) => m.ruleId)) === JSON.stringify(outcome.matched.map((m) => m.ruleId)) &&
          (outcome.required ? o.status === 'pending_approval' && o.approvedAt === null : o.approval!.auto && o.approvedAt === o.createdAt)
        );
      }).map((o) => o.orderNo),
    ).toEqual([]);
    // Each persona dealer has one planted order waiting for its region's manager.
    expect(marker.awaitingApproval).toHaveLength(2);
    const waiting = data.orders.filter((o) => marker.awaitingApproval.includes(o.orderNo));
    const personaDealers = [PERSONAS.dealerA, PERSONAS.dealerB].map((openid) => data.users.find((u) => u.openid === openid)!.dealerId);
    expect(waiting.map((o) => o.dealerId).sort()).toEqual([...personaDealers].sort());
    expect(waiting.every((o) => o.status === 'pending_approval' && o.payable > 1_000_000 && o.payable < 20_000_000)).toBe(true);
  });

  it("orders still under way at the reference date are the last days' ones, waiting for approval, shipment or receipt", () => {
    const open = data.orders.filter((o) => o.status !== 'completed');
    const statuses = new Set(open.map((o) => o.status));
    for (const s of ['pending_approval', 'approved', 'shipped']) expect(statuses.has(s as OrderDoc['status'])).toBe(true);
    // Nothing open from before the auto-confirmation window (10 days after shipping) plus transit.
    expect(violations(open, (o) => o.createdAt >= REFERENCE - 16 * DAY_MS && o.events.every((e) => e.at < REFERENCE))).toEqual([]);
    // An order the state machine would already have moved on is not left open: the reference date cuts its timeline.
    expect(violations(data.orders, (o) => o.createdAt < REFERENCE)).toEqual([]);
  });

  it('order lines respect each product’s minimum and multiple and reference real products and dealers', () => {
    const products = new Map(data.products.map((p) => [p.sku, p]));
    const dealers = new Set(data.dealers.map((d) => d._id));
    expect(
      violations(
        data.orders,
        (o) =>
          dealers.has(o.dealerId) &&
          new Set(o.lines.map((l) => l.sku)).size === o.lines.length &&
          o.lines.every((l) => {
            const p = products.get(l.sku);
            return p !== undefined && l.name === p.name && l.qty >= p.moq && l.qty % p.multiple === 0;
          }),
      ),
    ).toEqual([]);
  });

  it('history is twelve months of orders before the reference date, the completed ones each with an ordered audit trail', () => {
    const owners = new Map(data.users.filter((u) => u.role === 'dealer').map((u) => [u.dealerId, u.openid]));
    expect(data.orders.filter((o) => o.status === 'completed').length).toBeGreaterThan(data.orders.length * 0.95);
    expect(
      violations(
        data.orders.filter((o) => o.status === 'completed'),
        (o) => {
          const types = o.events.map((e) => e.type).join();
          const times = [o.createdAt, ...(o.approval?.auto ? [] : [o.approvedAt]), o.shippedAt, o.deliveredAt, o.completedAt] as number[];
          const owner = owners.get(o.dealerId);
          const delivered = o.events[o.events.length - 2]!;
          return (
            o.source === 'seed' &&
            o.createdAt >= REFERENCE - 366 * DAY_MS &&
            o.completedAt !== null &&
            o.completedAt < REFERENCE &&
            (types === 'submitted,shipped,delivered,completed' || types === 'submitted,approved,shipped,delivered,completed') &&
            o.events.every((e, i) => e.at === times[i] && e.from === (i === 0 ? 'submitted' : o.events[i - 1]!.to)) &&
            times.every((t, i) => i === 0 || t > times[i - 1]!) &&
            o.events[0]!.actor.role === 'dealer' &&
            o.events[0]!.actor.id === owner &&
            o.fullyShippedAt === o.shippedAt &&
            // Receipt confirmed by the owner, or by the system once autoConfirmDays (10) had passed.
            (delivered.actor.id === owner || (delivered.actor.role === 'system' && o.deliveredAt! >= o.shippedAt! + 10 * DAY_MS)) &&
            o.events[o.events.length - 1]!.actor.role === 'system'
          );
        },
      ).map((o) => o.orderNo),
    ).toEqual([]);
    expect(new Set(data.orders.map((o) => o.orderNo)).size).toBe(data.orders.length);
    expect(new Set(data.orders.map((o) => o._id)).size).toBe(data.orders.length);
  });

  it('orders peak before 春节 and in summer', () => {
    const months = new Map(summarize(data).monthlyAmount.map((m) => [m.month, m.amount]));
    const march = months.get('2026-03')!;
    expect(months.get('2026-01')!).toBeGreaterThan(march * 1.4);
    expect(months.get('2026-07')!).toBeGreaterThan(march * 1.4);
  });

  it('the planted anomalies are there to be found', () => {
    const { churn, spike, offMix } = marker.anomalies;
    const of = (id: string) => data.orders.filter((o) => o.dealerId === id);
    // Churn: the last 60 days bring a fraction of what the 60 days before did.
    const recent = of(churn.dealerId).filter((o) => o.createdAt >= REFERENCE - 60 * DAY_MS).length;
    const before = of(churn.dealerId).filter((o) => o.createdAt >= REFERENCE - 120 * DAY_MS && o.createdAt < REFERENCE - 60 * DAY_MS).length;
    expect(recent * 4).toBeLessThan(before);
    // Spike: about ten times the dealer's median order.
    const totals = of(spike.dealerId)
      .map((o) => o.payable)
      .sort((x, y) => x - y);
    const median = totals[Math.floor(totals.length / 2)]!;
    expect(spike.payable).toBe(Math.max(...totals));
    expect(spike.payable).toBeGreaterThan(median * 8);
    // Off-mix: nobody else in the dealer's region ever ordered that SKU.
    const region = data.dealers.find((d) => d._id === offMix.dealerId)!.region;
    const buyers = new Set(data.orders.filter((o) => o.lines.some((l) => l.sku === offMix.sku)).map((o) => data.dealers.find((d) => d._id === o.dealerId)!));
    expect([...buyers].filter((d) => d.region === region).map((d) => d._id)).toEqual([offMix.dealerId]);
    expect(offMix.orderNos.length).toBeGreaterThan(0);
  });

  it('moving the reference date moves the whole history', () => {
    const ref = Date.parse('2027-06-01T00:00:00+08:00');
    const later = generate({ referenceDate: ref });
    expect(later.system[0]!.referenceDate).toBe(ref);
    expect(later.orders.length).toBeGreaterThan(2000);
    expect(violations(later.orders, (o) => o.createdAt >= ref - 366 * DAY_MS && o.completedAt! < ref)).toEqual([]);
  });

  it('describes itself for the README with counts and personas', () => {
    const text = describeDataSet(data);
    expect(text).toContain('王建国');
    expect(text).toContain('杭州恒泰商贸有限公司');
    expect(text).toContain(`| orders | ${data.orders.length} |`);
    expect(text).toContain(`| accounts | ${data.dealers.length} |`);
    expect(text).toContain(`| payments | ${data.payments.length} |`);
    for (const n of marker.credit.nearLimit) expect(text).toContain(n.dealerName);
    expect(text).toContain(HISTORY_APPROVAL_RULE.id);
    for (const openid of Object.values(PERSONAS)) expect(text).toContain(openid);
  });
});

describe('credit accounts and payments', () => {
  const YUAN = 100;
  const shipmentsOf = (dealerId: string) => data.orders.filter((o) => o.dealerId === dealerId).flatMap((o) => o.shipments);
  const total = (xs: ReadonlyArray<{ amount: number }>) => xs.reduce((sum, x) => sum + x.amount, 0);
  const dealerOf = (id: string) => data.dealers.find((d) => d._id === id)!;

  it('every dealer has one account whose receivable is its shipments minus its payments', () => {
    expect(data.accounts.map((a) => a._id).sort()).toEqual(data.dealers.map((d) => d._id).sort());
    expect(
      violations(
        data.accounts,
        (a) =>
          a.dealerId === a._id &&
          a.receivable === total(shipmentsOf(a._id)) - total(data.payments.filter((p) => p.dealerId === a._id)) &&
          a.receivable >= 0 &&
          a.creditReserved === total(data.orders.filter((o) => o.dealerId === a._id).map((o) => ({ amount: o.creditReserved }))) &&
          // The wallet balance caches the ledger: the seeded settlement credits.
          a.rebateBalance === total(data.wallet_entries.filter((w) => w.dealerId === a._id)) &&
          Number.isInteger(a.updatedAt) &&
          a.updatedAt < REFERENCE,
      ),
    ).toEqual([]);
    // In the seeded cloud too.
    for (const a of data.accounts) expect(shared.cloud.store.get('accounts', a._id)?.doc).toEqual(a);
  });

  it('payments are well-formed, spread over the year and never pay more than was shipped by then', () => {
    expect(data.payments.length).toBeGreaterThan(300);
    expect(
      violations(
        data.payments,
        (p) =>
          Number.isSafeInteger(p.amount) &&
          p.amount > 0 &&
          p.at < REFERENCE &&
          p.at >= REFERENCE - 366 * DAY_MS &&
          ['银行转账', '承兑汇票', '现金', '其他'].includes(p.method) &&
          /^HK\d{12}$/.test(p.ref) &&
          p.ref.slice(2, 10) === new Date(p.at + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '') &&
          p.note.length > 0 &&
          data.dealers.some((d) => d._id === p.dealerId),
      ),
    ).toEqual([]);
    expect(new Set(data.payments.map((p) => p.ref)).size).toBe(data.payments.length);
    expect(new Set(data.payments.map((p) => new Date(p.at + 8 * 3_600_000).toISOString().slice(0, 7))).size).toBeGreaterThanOrEqual(12);
    // The running balance never goes below zero: at each payment, the dealer has paid at most what was shipped.
    const negative = data.payments.filter((p) => {
      const shipped = total(shipmentsOf(p.dealerId).filter((s) => s.at <= p.at));
      const paid = total(data.payments.filter((q) => q.dealerId === p.dealerId && q.at <= p.at));
      return paid > shipped;
    });
    expect(negative.map((p) => p.ref)).toEqual([]);
  });

  it('receivables are a few weeks of shipments and within every limit; one slow payer sits just under its limit', () => {
    const receivable = total(data.accounts.map((a) => ({ amount: a.receivable })));
    const shippedSince = (days: number) => total(data.orders.flatMap((o) => o.shipments).filter((s) => s.at >= REFERENCE - days * DAY_MS));
    expect(receivable).toBeGreaterThan(shippedSince(14));
    expect(receivable).toBeLessThan(shippedSince(56));
    expect(violations(data.accounts, (a) => a.receivable + a.creditReserved <= dealerOf(a._id).creditLimit)).toEqual([]);

    const near = marker.credit.nearLimit;
    expect(near.length).toBeGreaterThanOrEqual(1);
    for (const n of near) {
      const d = dealerOf(n.dealerId);
      const account = data.accounts.find((a) => a._id === n.dealerId)!;
      expect(n).toMatchObject({ dealerName: d.name, creditLimit: d.creditLimit, receivable: account.receivable, headroom: d.creditLimit - account.receivable });
      expect(data.users.find((u) => u.openid === n.ownerOpenid)).toMatchObject({ role: 'dealer', dealerId: n.dealerId, status: 'active' });
      expect(d.status).toBe('active');
      expect(n.headroom).toBeGreaterThan(0);
      expect(n.headroom).toBeLessThanOrEqual(d.creditLimit * 0.05);
      // A usual order of this dealer no longer fits.
      const payables = data.orders
        .filter((o) => o.dealerId === n.dealerId)
        .map((o) => o.payable)
        .sort((x, y) => x - y);
      expect(payables[Math.floor(payables.length / 2)]!).toBeGreaterThan(n.headroom);
    }
    // Nobody else is that close.
    const others = data.accounts.filter((a) => !near.some((n) => n.dealerId === a._id));
    expect(violations(others, (a) => a.receivable <= dealerOf(a._id).creditLimit * 0.8)).toEqual([]);
  });

  it('demo-dealer-a has at least ¥200,000 of credit headroom, and the personas are not the slow payer', () => {
    const dealerA = data.users.find((u) => u.openid === PERSONAS.dealerA)!.dealerId!;
    const account = data.accounts.find((a) => a._id === dealerA)!;
    expect(dealerOf(dealerA).creditLimit - account.receivable - account.creditReserved).toBeGreaterThanOrEqual(200_000 * YUAN);
    const personaDealers = data.users.filter((u) => u.openid === PERSONAS.dealerA || u.openid === PERSONAS.dealerB).map((u) => u.dealerId);
    expect(marker.credit.nearLimit.filter((n) => personaDealers.includes(n.dealerId))).toEqual([]);
  });

  it('no seeded order would have failed the credit check when it was submitted', () => {
    const over: string[] = [];
    for (const d of data.dealers) {
      const orders = data.orders.filter((o) => o.dealerId === d._id);
      const payments = data.payments.filter((p) => p.dealerId === d._id);
      for (const o of orders) {
        const t = o.createdAt;
        // Open receivables (shipped minus paid) + credit held by orders not yet shipped, before this one.
        const used = total(orders.filter((x) => x !== o && x.createdAt < t).map((x) => ({ amount: x.payable }))) - total(payments.filter((p) => p.at < t));
        if (used + o.payable > d.creditLimit) over.push(`${o.orderNo} (${d._id})`);
      }
    }
    expect(over).toEqual([]);
  });

  it('the suspended dealer still owes from before its suspension', () => {
    const [overdue] = marker.credit.overdue;
    expect(overdue).toBeDefined();
    expect(dealerOf(overdue!.dealerId).status).toBe('suspended');
    expect(overdue!.receivable).toBeGreaterThan(0);
    expect(overdue!.lastPaymentAt).not.toBeNull();
    expect(overdue!.lastPaymentAt!).toBeLessThan(REFERENCE - 120 * DAY_MS);
  });
});
