import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EJSON } from 'bson';
import { LocalCloud } from '../../mocks/cloud';
import { DAY_MS } from '../../mocks/seed/calendar';
import type { SeedDataSet, SeedMarker } from '../../mocks/seed/data';
import { DEFAULT_REFERENCE_DATE, PERSONAS, SEEDED_COLLECTIONS, describeDataSet, generate, summarize } from '../../mocks/seed/data';
import type { SeedResult } from '../../mocks/seed';
import { seed } from '../../mocks/seed';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';
import { COLLECTIONS } from '../../shared/collections';

jest.setTimeout(60_000);

const REFERENCE = Date.parse(DEFAULT_REFERENCE_DATE);
const dirs: string[] = [];
const clouds: LocalCloud[] = [];

function newCloud(): LocalCloud {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-test-'));
  dirs.push(dir);
  const cloud = new LocalCloud({ dbFile: ':memory:', storageDir: path.join(dir, 'storage') });
  clouds.push(cloud);
  return cloud;
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

describe('seeding the local cloud', () => {
  it('seeding twice with the same seed gives identical documents', () => {
    const other = newCloud();
    seed(other);
    expect(dump(other)).toEqual(dump(shared.cloud));
    expect(JSON.stringify(generate())).toBe(JSON.stringify(data));
  });

  it('a different seed gives a different data set of the same shape', () => {
    const other = generate({ seed: 7 });
    expect(other.orders).not.toEqual(data.orders);
    expect(other.products.length).toBe(data.products.length);
    expect(other.dealers.length).toBe(data.dealers.length);
  });

  it('the generator reads neither the clock nor Math.random', () => {
    const now = jest.spyOn(Date, 'now').mockImplementation(() => {
      throw new Error('Date.now called');
    });
    const random = jest.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    try {
      expect(() => generate({ seed: 3 })).not.toThrow();
    } finally {
      now.mockRestore();
      random.mockRestore();
    }
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
    const cloud = newCloud();
    seed(cloud);
    const fresh = dump(cloud);
    cloud.db.handle('database.removeDocument', { collectionName: 'users', query: EJSON.stringify({ _id: PERSONAS.clerk }), queryType: 'DOC', multi: false });
    cloud.db.handle('database.insertDocument', { collectionName: 'audit_log', data: [EJSON.stringify({ _id: 'x', what: 'demo click' })] });
    expect(seed(cloud).seeded).toBe(false);
    expect(cloud.store.get('users', PERSONAS.clerk)).toBeNull();

    const result = seed(cloud, { reset: true });
    expect(result.seeded).toBe(true);
    expect(result.dropped).toEqual(expect.arrayContaining(['users', 'orders', 'audit_log', 'system']));
    expect(dump(cloud)).toEqual(fresh);
    expect(cloud.store.all('audit_log')).toEqual([]);
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

  it('stock exists for every SKU in both warehouses in base units, and a few SKUs are sold out everywhere', () => {
    expect(data.stock).toHaveLength(data.products.length * data.warehouses.length);
    const factor = new Map(data.products.map((p) => [p.sku, p.packUnits[1]!.factor]));
    expect(violations(data.stock, (s) => Number.isInteger(s.onHand) && s.onHand >= 0 && s.onHand % factor.get(s.sku)! === 0 && s.reserved === 0)).toEqual([]);
    expect(marker.outOfStock.length).toBeGreaterThan(0);
    for (const sku of marker.outOfStock) {
      expect(data.stock.filter((s) => s.sku === sku).every((s) => s.onHand === 0)).toBe(true);
      expect(data.products.find((p) => p.sku === sku)?.status).toBe('on_sale');
    }
  });

  it('every order total equals the sum of its lines', () => {
    expect(data.orders.length).toBeGreaterThan(2000);
    expect(
      violations(
        data.orders,
        (o) =>
          o.lines.length > 0 &&
          o.totalAmount === o.lines.reduce((sum, l) => sum + l.amount, 0) &&
          o.lines.every((l) => Number.isInteger(l.qty) && l.qty > 0 && Number.isInteger(l.unitPrice) && l.amount === l.qty * l.unitPrice),
      ),
    ).toEqual([]);
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

  it('history is twelve months of completed orders before the reference date, each with an ordered audit trail', () => {
    const types = ['submitted', 'approved', 'shipped', 'delivered', 'completed'].join();
    expect(
      violations(data.orders, (o) => {
        const times = [o.createdAt, o.approvedAt, o.shippedAt, o.deliveredAt, o.completedAt] as number[];
        return (
          o.status === 'completed' &&
          o.source === 'seed' &&
          o.createdAt >= REFERENCE - 366 * DAY_MS &&
          o.completedAt !== null &&
          o.completedAt < REFERENCE &&
          o.events.map((e) => e.type).join() === types &&
          o.events.every((e, i) => e.at === times[i] && e.actor.length > 0) &&
          times.every((t, i) => i === 0 || t > times[i - 1]!)
        );
      }),
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
      .map((o) => o.totalAmount)
      .sort((x, y) => x - y);
    const median = totals[Math.floor(totals.length / 2)]!;
    expect(spike.totalAmount).toBe(Math.max(...totals));
    expect(spike.totalAmount).toBeGreaterThan(median * 8);
    // Off-mix: nobody else in the dealer's region ever ordered that SKU.
    const region = data.dealers.find((d) => d._id === offMix.dealerId)!.region;
    const buyers = new Set(
      data.orders.filter((o) => o.lines.some((l) => l.sku === offMix.sku)).map((o) => data.dealers.find((d) => d._id === o.dealerId)!),
    );
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
    for (const openid of Object.values(PERSONAS)) expect(text).toContain(openid);
  });
});
