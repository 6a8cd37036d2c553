/**
 * What the local cloud promises, stated through wx-server-sdk's public API only.
 *
 * Everything below `openTarget()` uses nothing but the SDK (db.collection(...), db.command,
 * db.runTransaction, ...), so the same suite can check a real environment: replace the body of
 * openTarget() by
 *
 *   const sdk = require('wx-server-sdk');
 *   sdk.init({ env: process.env.CONFORMANCE_ENV, secretId: process.env.TENCENTCLOUD_SECRETID,
 *              secretKey: process.env.TENCENTCLOUD_SECRETKEY });
 *   return { sdk, db: sdk.database(), cleanup: () => undefined };
 *
 * and run it with those variables set (collections are created through db.createCollection()
 * under a per-run prefix; delete them in the console afterwards). Nothing else changes.
 */
import { createTestCloud } from '../../helpers/local-cloud';
import type { Command, Database, Sdk } from '../../helpers/local-cloud';

/* eslint-disable @typescript-eslint/no-explicit-any -- SDK results are untyped */

interface Target {
  sdk: Sdk;
  db: Database;
  cleanup: () => void;
}

/** The only local-specific part of this file. */
function openTarget(): Target {
  const t = createTestCloud({ standardCollections: false });
  return { sdk: t.sdk, db: t.db, cleanup: t.cleanup };
}

let target: Target;
let db: Database;
let _: Command;
const run = `c${Date.now().toString(36)}`;
let seq = 0;

/** A new empty collection, created through the public API. */
async function freshCollection(label: string): Promise<string> {
  const name = `${run}_${label}_${++seq}`;
  await db.createCollection(name);
  return name;
}

/** The error a promise rejects with (fails the test when it resolves). */
async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

const ids = (list: Array<{ _id: string }>) => list.map((d) => d._id).sort();

beforeAll(() => {
  target = openTarget();
  db = target.db;
  _ = db.command;
});
afterAll(() => target.cleanup());

describe('documents', () => {
  let coll: string;
  beforeEach(async () => {
    coll = await freshCollection('docs');
  });

  test('add() stores a document under a generated 32-hex-digit _id and doc().get() returns it', async () => {
    const res = await db.collection(coll).add({ data: { name: '甲', n: 1 } });
    expect(res._id).toMatch(/^[0-9a-f]{32}$/);
    const got = await db.collection(coll).doc(res._id).get();
    expect(got.data).toEqual({ _id: res._id, name: '甲', n: 1 });
  });

  test('add() keeps a caller-given _id', async () => {
    const res = await db.collection(coll).add({ data: { _id: 'mine', n: 1 } });
    expect(res._id).toBe('mine');
    expect((await db.collection(coll).doc('mine').get()).data.n).toBe(1);
  });

  test('add() of an array inserts every document and returns their ids in order', async () => {
    const res = await db.collection(coll).add({ data: [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }] });
    expect(res._ids).toEqual(['a', 'b', 'c']);
    expect((await db.collection(coll).count()).total).toBe(3);
  });

  test('doc().get() of a missing document rejects', async () => {
    const e = await rejection(db.collection(coll).doc('missing').get());
    expect(String(e.errMsg ?? e.message)).toMatch(/does not exist/);
  });

  test('set() replaces the whole document and creates a missing one', async () => {
    await db.collection(coll).add({ data: { _id: 'x', a: 1, b: { c: 2 } } });
    const replaced = await db
      .collection(coll)
      .doc('x')
      .set({ data: { z: 9 } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await db.collection(coll).doc('x').get()).data).toEqual({ _id: 'x', z: 9 });
    const created = await db
      .collection(coll)
      .doc('y')
      .set({ data: { fresh: true } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    expect((await db.collection(coll).doc('y').get()).data).toEqual({ _id: 'y', fresh: true });
  });

  test('update() merges nested objects field by field instead of replacing them', async () => {
    await db.collection(coll).add({ data: { _id: 'x', a: 1, o: { keep: 1, change: 1 } } });
    const res = await db
      .collection(coll)
      .doc('x')
      .update({ data: { o: { change: 2, added: 3 } } });
    expect(res.stats.updated).toBe(1);
    expect((await db.collection(coll).doc('x').get()).data).toEqual({ _id: 'x', a: 1, o: { keep: 1, change: 2, added: 3 } });
  });

  test('update() of a missing document reports 0 updated and creates nothing', async () => {
    const res = await db
      .collection(coll)
      .doc('ghost')
      .update({ data: { a: 1 } });
    expect(res.stats.updated).toBe(0);
    expect((await db.collection(coll).count()).total).toBe(0);
  });

  test('remove() deletes one document and reports 1, a missing one reports 0', async () => {
    await db.collection(coll).add({ data: [{ _id: 'a' }, { _id: 'b' }] });
    expect((await db.collection(coll).doc('a').remove()).stats.removed).toBe(1);
    expect((await db.collection(coll).doc('a').remove()).stats.removed).toBe(0);
    expect(ids((await db.collection(coll).get()).data)).toEqual(['b']);
  });

  test('Date values come back as Date objects with the same instant', async () => {
    const when = new Date('2024-02-29T12:34:56.789Z');
    await db.collection(coll).add({ data: { _id: 'd', when, list: [when], nested: { when } } });
    const { data } = await db.collection(coll).doc('d').get();
    expect(data.when).toBeInstanceOf(Date);
    expect(data.when.getTime()).toBe(when.getTime());
    expect(data.list[0].getTime()).toBe(when.getTime());
    expect(data.nested.when.getTime()).toBe(when.getTime());
    const found = await db
      .collection(coll)
      .where({ when: _.gte(new Date('2024-01-01')).and(_.lt(new Date('2024-03-01'))) })
      .get();
    expect(ids(found.data)).toEqual(['d']);
  });

  test('serverDate() is the server clock at write time, shifted by its offset', async () => {
    const before = Date.now();
    await db.collection(coll).add({ data: { _id: 's', at: db.serverDate(), later: db.serverDate({ offset: 60_000 }) } });
    const after = Date.now();
    const { data } = await db.collection(coll).doc('s').get();
    expect(data.at).toBeInstanceOf(Date);
    // A real server's clock may drift a little from ours.
    expect(data.at.getTime()).toBeGreaterThanOrEqual(before - 5_000);
    expect(data.at.getTime()).toBeLessThanOrEqual(after + 5_000);
    expect(data.later.getTime() - data.at.getTime()).toBe(60_000);
    await db
      .collection(coll)
      .doc('s')
      .update({ data: { touched: db.serverDate({ offset: -1000 }) } });
    const touched = (await db.collection(coll).doc('s').get()).data.touched;
    expect(touched).toBeInstanceOf(Date);
    expect(Math.abs(touched.getTime() - (Date.now() - 1000))).toBeLessThan(5_000);
  });

  test('serverDate() in a query condition is compared with the server clock', async () => {
    const hour = 3_600_000;
    await db.collection(coll).add({
      data: [
        { _id: 'past', at: new Date(Date.now() - hour) },
        { _id: 'future', at: new Date(Date.now() + hour) },
      ],
    });
    expect(
      ids(
        (
          await db
            .collection(coll)
            .where({ at: _.lt(db.serverDate()) })
            .get()
        ).data,
      ),
    ).toEqual(['past']);
    expect(
      (
        await db
          .collection(coll)
          .where({ at: _.lt(db.serverDate({ offset: 2 * hour })) })
          .count()
      ).total,
    ).toBe(2);
    const expired = await db
      .collection(coll)
      .where({ at: _.lte(db.serverDate()) })
      .update({ data: { expired: true } });
    expect(expired.stats.updated).toBe(1);
    const agg = await db
      .collection(coll)
      .aggregate()
      .match({ at: _.gt(db.serverDate()) })
      .end();
    expect(agg.list.map((d: any) => d._id)).toEqual(['future']);
  });
});

describe('queries', () => {
  let coll: string;
  const docs = [
    {
      _id: 'a',
      n: 1,
      tag: 'red',
      tags: ['x', 'y'],
      scores: [1, 5, 9],
      o: { k: 'alpha', deep: { v: 1 } },
      opt: 1,
      name: 'Apple',
      items: [
        { sku: 'p1', qty: 3 },
        { sku: 'p2', qty: 1 },
      ],
    },
    { _id: 'b', n: 2, tag: 'green', tags: ['y'], scores: [2], o: { k: 'beta', deep: { v: 2 } }, name: 'banana' },
    { _id: 'c', n: 3, tag: 'red', tags: ['x', 'y', 'z'], scores: [10, 20], o: { k: 'gamma', deep: { v: 3 } }, opt: null, name: 'Cherry' },
    { _id: 'd', n: 4, tag: 'blue', tags: [], scores: [], o: { k: 'delta', deep: { v: 4 } }, name: 'date' },
    { _id: 'e', n: 5, tag: 'green', tags: ['z'], scores: [7, 8], o: { k: 'epsilon', deep: { v: 5 } }, name: 'Elder' },
  ];
  beforeAll(async () => {
    coll = await freshCollection('query');
    await db.collection(coll).add({ data: docs });
  });
  const where = async (q: unknown) => ids((await db.collection(coll).where(q).get()).data);

  test('where() with plain values matches equality on every given field', async () => {
    expect(await where({ tag: 'red' })).toEqual(['a', 'c']);
    expect(await where({ tag: 'red', n: 3 })).toEqual(['c']);
  });

  test('eq and neq match equal and unequal values', async () => {
    expect(await where({ tag: _.eq('green') })).toEqual(['b', 'e']);
    expect(await where({ tag: _.neq('green') })).toEqual(['a', 'c', 'd']);
  });

  test('gt, gte, lt and lte compare numbers', async () => {
    expect(await where({ n: _.gt(3) })).toEqual(['d', 'e']);
    expect(await where({ n: _.gte(3) })).toEqual(['c', 'd', 'e']);
    expect(await where({ n: _.lt(2) })).toEqual(['a']);
    expect(await where({ n: _.lte(2) })).toEqual(['a', 'b']);
  });

  test('in and nin match membership in a list', async () => {
    expect(await where({ n: _.in([1, 4, 99]) })).toEqual(['a', 'd']);
    expect(await where({ n: _.nin([1, 4]) })).toEqual(['b', 'c', 'e']);
  });

  test('and/or combine conditions on one field and across fields', async () => {
    expect(await where({ n: _.gt(1).and(_.lt(4)) })).toEqual(['b', 'c']);
    expect(await where({ n: _.lt(2).or(_.gt(4)) })).toEqual(['a', 'e']);
    expect(await where(_.or([{ tag: 'blue' }, { n: _.gte(5) }]))).toEqual(['d', 'e']);
    expect(await where(_.and([{ tag: 'red' }, { n: _.gt(1) }]))).toEqual(['c']);
    expect(await where(_.or([_.and([{ tag: 'red' }, { n: 1 }]), { tag: 'blue' }]))).toEqual(['a', 'd']);
  });

  test('exists matches presence of a field, including one holding null', async () => {
    expect(await where({ opt: _.exists(true) })).toEqual(['a', 'c']);
    expect(await where({ opt: _.exists(false) })).toEqual(['b', 'd', 'e']);
  });

  test('size matches array length', async () => {
    expect(await where({ tags: _.size(0) })).toEqual(['d']);
    expect(await where({ tags: _.size(2) })).toEqual(['a']);
  });

  test('elemMatch matches when one element satisfies the condition, on scalars and on objects', async () => {
    expect(await where({ scores: _.elemMatch(_.gte(10)) })).toEqual(['c']);
    expect(await where({ scores: _.elemMatch({ $gt: 6, $lt: 9 }) })).toEqual(['e']);
    expect(await where({ items: _.elemMatch({ sku: 'p1', qty: _.gte(2) }) })).toEqual(['a']);
    expect(await where({ items: _.elemMatch({ sku: 'p2', qty: _.gte(2) }) })).toEqual([]);
  });

  test('elemMatch of a chained command (_.gt(6).lt(9)) is sent unencoded by the SDK and finds nothing', async () => {
    // A trap of @cloudbase/database 1.4.3: it serialises the command object itself
    // ({operator, operands, fieldName}). Write elemMatch({ $gt: 6, $lt: 9 }) instead.
    const res = await db
      .collection(coll)
      .where({ scores: _.elemMatch(_.gt(6).lt(9)) })
      .get()
      .catch(() => ({ data: [] }));
    expect(res.data).toEqual([]);
  });

  test('all matches arrays containing every listed value; a plain value matches any element', async () => {
    expect(await where({ tags: _.all(['x', 'y']) })).toEqual(['a', 'c']);
    expect(await where({ tags: 'z' })).toEqual(['c', 'e']);
  });

  test('mod matches by remainder', async () => {
    expect(await where({ n: _.mod(2, 1) })).toEqual(['a', 'c', 'e']);
    expect(await where({ n: _.mod(3, 0) })).toEqual(['c']);
  });

  test('nested fields match by dot path and by nested object', async () => {
    expect(await where({ 'o.k': 'beta' })).toEqual(['b']);
    expect(await where({ 'o.deep.v': _.gt(3) })).toEqual(['d', 'e']);
    expect(await where({ o: { deep: { v: 2 } } })).toEqual(['b']);
  });

  test('db.RegExp and JS RegExp match strings, with options', async () => {
    expect(await where({ name: db.RegExp({ regexp: '^[a-c]', options: 'i' }) })).toEqual(['a', 'b', 'c']);
    expect(await where({ name: db.RegExp({ regexp: '^[a-c]' }) })).toEqual(['b']);
    expect(await where({ name: /e$/ })).toEqual(['a', 'd']);
    expect(await where({ name: /^E/i })).toEqual(['e']);
    expect(await where({ 'o.k': /mm/ })).toEqual(['c']);
  });

  test('orderBy sorts by several fields in turn', async () => {
    const res = await db.collection(coll).orderBy('tag', 'asc').orderBy('n', 'desc').get();
    expect(res.data.map((d: any) => d._id)).toEqual(['d', 'e', 'b', 'c', 'a']);
  });

  test('skip and limit page through a sorted result', async () => {
    const page = (skip: number) => db.collection(coll).orderBy('n', 'asc').skip(skip).limit(2).get();
    expect((await page(0)).data.map((d: any) => d._id)).toEqual(['a', 'b']);
    expect((await page(2)).data.map((d: any) => d._id)).toEqual(['c', 'd']);
    expect((await page(4)).data.map((d: any) => d._id)).toEqual(['e']);
  });

  test('skip and limit page through an unsorted result in the order the documents were stored', async () => {
    const page = (skip: number) =>
      db
        .collection(coll)
        .where({ n: db.command.gte(1) })
        .skip(skip)
        .limit(2)
        .get();
    expect((await page(0)).data.map((d: any) => d._id)).toEqual(['a', 'b']);
    expect((await page(2)).data.map((d: any) => d._id)).toEqual(['c', 'd']);
    expect((await page(4)).data.map((d: any) => d._id)).toEqual(['e']);
    expect((await page(5)).data).toEqual([]);
  });

  test('field() returns only the chosen fields plus _id, or everything but excluded ones', async () => {
    const only = await db.collection(coll).where({ _id: 'a' }).field({ n: true, 'o.k': true }).get();
    expect(only.data).toEqual([{ _id: 'a', n: 1, o: { k: 'alpha' } }]);
    const but = await db.collection(coll).where({ _id: 'b' }).field({ o: false, scores: false, tags: false }).get();
    expect(but.data).toEqual([{ _id: 'b', n: 2, tag: 'green', name: 'banana' }]);
    const doc = await db.collection(coll).doc('c').field({ tag: true }).get();
    expect(doc.data).toEqual({ _id: 'c', tag: 'red' });
  });

  test('count() counts matching documents', async () => {
    expect((await db.collection(coll).count()).total).toBe(5);
    expect((await db.collection(coll).where({ tag: 'red' }).count()).total).toBe(2);
    expect((await db.collection(coll).where({ tag: 'none' }).count()).total).toBe(0);
  });
});

describe('documented limits', () => {
  let coll: string;
  beforeAll(async () => {
    coll = await freshCollection('many');
    const all = Array.from({ length: 1005 }, (_x, i) => ({ _id: `k${String(i).padStart(4, '0')}`, i }));
    for (let i = 0; i < all.length; i += 250) await db.collection(coll).add({ data: all.slice(i, i + 250) });
  });

  test('server-side get() returns 100 documents when no limit is given', async () => {
    expect((await db.collection(coll).get()).data).toHaveLength(100);
  });

  test('get() returns at most 1000 documents; the SDK clamps limit(1001) to 1000', async () => {
    expect((await db.collection(coll).limit(1000).get()).data).toHaveLength(1000);
    const clamped = await db.collection(coll).orderBy('i', 'asc').limit(1001).get();
    expect(clamped.data).toHaveLength(1000);
    expect(clamped.data[999].i).toBe(999);
    expect((await db.collection(coll).orderBy('i', 'asc').skip(1000).limit(1000).get()).data.map((d: any) => d.i)).toEqual([1000, 1001, 1002, 1003, 1004]);
  });

  test('count() is not capped', async () => {
    expect((await db.collection(coll).count()).total).toBe(1005);
  });

  test('where().update() and where().remove() act on every matching document, beyond 1000', async () => {
    const up = await db
      .collection(coll)
      .where({ i: _.gte(0) })
      .update({ data: { seen: true } });
    expect(up.stats.updated).toBe(1005);
    expect((await db.collection(coll).where({ seen: true }).count()).total).toBe(1005);
    const rm = await db
      .collection(coll)
      .where({ i: _.mod(2, 0) })
      .remove();
    expect(rm.stats.removed).toBe(503);
    expect((await db.collection(coll).count()).total).toBe(502);
  });
});

describe('update operators', () => {
  let coll: string;
  beforeEach(async () => {
    coll = await freshCollection('upd');
    await db.collection(coll).add({
      data: { _id: 'u', n: 10, f: 1.5, gone: 'x', list: [1, 2, 3, 2], tags: ['a'], o: { lo: 5, hi: 5, old: 'v' }, q: [1, 2, 3] },
    });
  });
  const update = (data: unknown) => db.collection(coll).doc('u').update({ data });
  const doc = async () => (await db.collection(coll).doc('u').get()).data;

  test('set replaces a field value, including a whole nested object', async () => {
    await update({ o: _.set({ only: 1 }), n: _.set(0) });
    const d = await doc();
    expect(d.o).toEqual({ only: 1 });
    expect(d.n).toBe(0);
  });

  test('inc adds (and subtracts) and creates a missing field', async () => {
    await update({ n: _.inc(5), f: _.inc(-0.5), fresh: _.inc(2) });
    const d = await doc();
    expect([d.n, d.f, d.fresh]).toEqual([15, 1, 2]);
  });

  test('where({ _id: _.in(ids), … }).update() changes the named documents that meet the rest of the condition, and only those', async () => {
    await db.collection(coll).add({ data: { _id: 'v', n: 10 } });
    await db.collection(coll).add({ data: { _id: 'w', n: 3 } });
    await db.collection(coll).add({ data: { _id: 'x', n: 10 } });
    const res = await db
      .collection(coll)
      .where({ _id: _.in(['u', 'v', 'w', 'missing']), n: 10 })
      .update({ data: { n: _.inc(1) } });
    expect(res.stats.updated).toBe(2);
    const ns = await Promise.all(['u', 'v', 'w', 'x'].map(async (id) => (await db.collection(coll).doc(id).get()).data.n));
    expect(ns).toEqual([11, 11, 3, 10]);
  });

  test('mul multiplies', async () => {
    await update({ n: _.mul(3), f: _.mul(2) });
    const d = await doc();
    expect([d.n, d.f]).toEqual([30, 3]);
  });

  test('remove deletes a field', async () => {
    await update({ gone: _.remove(), 'o.old': _.remove() });
    const d = await doc();
    expect('gone' in d).toBe(false);
    expect(d.o).toEqual({ lo: 5, hi: 5 });
  });

  test('push appends one value or several', async () => {
    await update({ tags: _.push('b') });
    expect((await doc()).tags).toEqual(['a', 'b']);
    await update({ tags: _.push(['c', 'd']) });
    expect((await doc()).tags).toEqual(['a', 'b', 'c', 'd']);
  });

  test('push with each, position and slice inserts at a position and trims', async () => {
    await update({ q: _.push({ each: [8, 9], position: 1 }) });
    expect((await doc()).q).toEqual([1, 8, 9, 2, 3]);
    await update({ q: _.push({ each: [0], position: 0, slice: 3 }) });
    expect((await doc()).q).toEqual([0, 1, 8]);
    await update({ q: _.push({ each: [7], slice: -2 }) });
    expect((await doc()).q).toEqual([8, 7]);
  });

  test('pull removes every element equal to a value or matching a condition', async () => {
    await update({ list: _.pull(2) });
    expect((await doc()).list).toEqual([1, 3]);
    await update({ list: _.pull(_.gt(2)) });
    expect((await doc()).list).toEqual([1]);
  });

  test('pullAll removes every element in the given list', async () => {
    await update({ list: _.pullAll([1, 2]) });
    expect((await doc()).list).toEqual([3]);
  });

  test('addToSet adds only absent values, one or several', async () => {
    await update({ tags: _.addToSet('a') });
    expect((await doc()).tags).toEqual(['a']);
    await update({ tags: _.addToSet('b') });
    expect((await doc()).tags).toEqual(['a', 'b']);
    await update({ tags: _.addToSet({ $each: ['b', 'c'] }) });
    expect((await doc()).tags).toEqual(['a', 'b', 'c']);
  });

  test('pop removes the last element and shift the first', async () => {
    await update({ q: _.pop(), list: _.shift() });
    const d = await doc();
    expect(d.q).toEqual([1, 2]);
    expect(d.list).toEqual([2, 3, 2]);
  });

  test('unshift prepends values', async () => {
    await update({ q: _.unshift([-1, 0]) });
    expect((await doc()).q).toEqual([-1, 0, 1, 2, 3]);
  });

  test('min and max keep the smaller or larger value', async () => {
    await update({ 'o.lo': _.min(3), 'o.hi': _.max(3) });
    expect((await doc()).o).toMatchObject({ lo: 3, hi: 5 });
    await update({ 'o.lo': _.min(9), 'o.hi': _.max(9) });
    expect((await doc()).o).toMatchObject({ lo: 3, hi: 9 });
  });

  test('rename moves a field to a new name', async () => {
    await update({ gone: _.rename('kept') });
    const d = await doc();
    expect('gone' in d).toBe(false);
    expect(d.kept).toBe('x');
  });

  test('update() refuses to change _id', async () => {
    await rejection(
      db
        .collection(coll)
        .doc('u')
        .update({ data: { _id: 'other' } }),
    );
    expect((await doc())._id).toBe('u');
  });
});

describe('aggregate', () => {
  let orders: string;
  let customers: string;
  beforeAll(async () => {
    orders = await freshCollection('orders');
    customers = await freshCollection('customers');
    await db.collection(customers).add({
      data: [
        { _id: 'c1', name: 'Ann', city: 'Hangzhou' },
        { _id: 'c2', name: 'Bo', city: 'Suzhou' },
      ],
    });
    await db.collection(orders).add({
      data: [
        { _id: 'o1', customer: 'c1', amount: 10, items: ['pen', 'ink'], status: 'paid' },
        { _id: 'o2', customer: 'c1', amount: 30, items: ['paper'], status: 'paid' },
        { _id: 'o3', customer: 'c2', amount: 5, items: ['pen'], status: 'paid' },
        { _id: 'o4', customer: 'c2', amount: 100, items: [], status: 'cancelled' },
      ],
    });
  });

  test('match, group with sum and avg, sort and limit compute a ranking', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection(orders)
      .aggregate()
      .match({ status: 'paid' })
      .group({ _id: '$customer', total: $.sum('$amount'), avg: $.avg('$amount'), count: $.sum(1) })
      .sort({ total: -1 })
      .limit(1)
      .end();
    expect(res.list).toEqual([{ _id: 'c1', total: 40, avg: 20, count: 2 }]);
  });

  test('project keeps and computes fields', async () => {
    const $ = db.command.aggregate;
    const res = await db
      .collection(orders)
      .aggregate()
      .match({ _id: 'o2' })
      .project({ _id: 0, amount: 1, doubled: $.multiply(['$amount', 2]) })
      .end();
    expect(res.list).toEqual([{ amount: 30, doubled: 60 }]);
  });

  test('lookup joins another collection and unwind spreads arrays', async () => {
    const res = await db
      .collection(orders)
      .aggregate()
      .match({ status: 'paid' })
      .lookup({ from: customers, localField: 'customer', foreignField: '_id', as: 'who' })
      .unwind('$who')
      .unwind('$items')
      .project({ _id: 0, item: '$items', city: '$who.city' })
      .sort({ item: 1, city: 1 })
      .end();
    expect(res.list).toEqual([
      { item: 'ink', city: 'Hangzhou' },
      { item: 'paper', city: 'Hangzhou' },
      { item: 'pen', city: 'Hangzhou' },
      { item: 'pen', city: 'Suzhou' },
    ]);
  });
});

describe('aggregate leaves the stored documents alone', () => {
  test('unwind with preserveNullAndEmptyArrays of an empty array does not remove the field from the document', async () => {
    const coll = await freshCollection('aggkeep');
    await db.collection(coll).add({ data: { _id: 'e', tags: [] } });
    const res = await db.collection(coll).aggregate().unwind({ path: '$tags', preserveNullAndEmptyArrays: true }).end();
    expect(res.list).toEqual([{ _id: 'e' }]);
    expect((await db.collection(coll).doc('e').get()).data).toEqual({ _id: 'e', tags: [] });
  });
});

describe('transactions', () => {
  let coll: string;
  beforeEach(async () => {
    coll = await freshCollection('tx');
    await db.collection(coll).add({
      data: [
        { _id: 'a', v: 100 },
        { _id: 'b', v: 0 },
      ],
    });
  });
  const value = async (id: string) => (await db.collection(coll).doc(id).get()).data.v;

  test('runTransaction commits every write together and returns the callback result', async () => {
    const result = await db.runTransaction(async (t: any) => {
      const a = (await t.collection(coll).doc('a').get()).data;
      await t
        .collection(coll)
        .doc('a')
        .update({ data: { v: a.v - 30 } });
      await t
        .collection(coll)
        .doc('b')
        .update({ data: { v: _.inc(30) } });
      await t.collection(coll).add({ data: { _id: 'log1', moved: 30 } });
      return 'done';
    });
    expect(result).toBe('done');
    expect([await value('a'), await value('b')]).toEqual([70, 30]);
    expect((await db.collection(coll).doc('log1').get()).data.moved).toBe(30);
  });

  test('an error thrown inside runTransaction rolls back every write', async () => {
    const e = await rejection(
      db.runTransaction(async (t: any) => {
        await t
          .collection(coll)
          .doc('a')
          .update({ data: { v: _.inc(-50) } });
        await t
          .collection(coll)
          .doc('b')
          .set({ data: { v: 50 } });
        await t.collection(coll).add({ data: { _id: 'log2' } });
        await t.collection(coll).doc('a').remove();
        throw new Error('boom');
      }),
    );
    expect(e.message).toBe('boom');
    expect([await value('a'), await value('b')]).toEqual([100, 0]);
    expect((await db.collection(coll).count()).total).toBe(2);
  });

  test('a transaction reads its own writes, and others do not see them before commit', async () => {
    await db.runTransaction(async (t: any) => {
      await t
        .collection(coll)
        .doc('a')
        .update({ data: { v: 1 } });
      expect((await t.collection(coll).doc('a').get()).data.v).toBe(1);
      await t.collection(coll).add({ data: { _id: 'new', v: 2 } });
      expect((await t.collection(coll).doc('new').get()).data.v).toBe(2);
      expect(await value('a')).toBe(100);
      expect((await db.collection(coll).where({ _id: 'new' }).count()).total).toBe(0);
    });
    expect(await value('a')).toBe(1);
    expect(await value('new')).toBe(2);
  });

  test('a where() query inside a transaction is refused', async () => {
    const e = await rejection(db.runTransaction(async (t: any) => t.collection(coll).where({ v: 100 }).get()));
    expect(e.errCode).toBeDefined();
  });

  test('where().update() and count() on a transaction collection run outside the transaction and survive its rollback', async () => {
    // The SDK sends no transactionId for them: they are not refused, they are simply not transactional.
    const t = await db.startTransaction();
    const up = await t
      .collection(coll)
      .where({ _id: 'a' })
      .update({ data: { v: 1 } });
    expect(up.stats.updated).toBe(1);
    expect((await t.collection(coll).count()).total).toBe(2);
    await t.rollback();
    expect(await value('a')).toBe(1);
  });

  test('startTransaction then commit applies the writes', async () => {
    const t = await db.startTransaction();
    await t
      .collection(coll)
      .doc('a')
      .update({ data: { v: _.inc(1) } });
    expect(await value('a')).toBe(100);
    await t.commit();
    expect(await value('a')).toBe(101);
  });

  test('startTransaction then rollback discards the writes', async () => {
    const t = await db.startTransaction();
    await t
      .collection(coll)
      .doc('a')
      .update({ data: { v: 0 } });
    await t.collection(coll).doc('b').remove();
    await t.rollback();
    expect([await value('a'), await value('b')]).toEqual([100, 0]);
  });

  test('a transaction whose document changed after it read it does not commit over the change', async () => {
    const t = await db.startTransaction();
    const seen = (await t.collection(coll).doc('a').get()).data.v;
    await db
      .collection(coll)
      .doc('a')
      .update({ data: { v: 5 } });
    await t
      .collection(coll)
      .doc('a')
      .update({ data: { v: seen + 1 } });
    await rejection(t.commit());
    expect(await value('a')).toBe(5);
  });

  test('a transaction does not commit over a document that was removed and created again after it read it', async () => {
    const t = await db.startTransaction();
    const seen = (await t.collection(coll).doc('a').get()).data.v;
    await db.collection(coll).doc('a').remove();
    await db.collection(coll).add({ data: { _id: 'a', v: 7 } });
    await t
      .collection(coll)
      .doc('a')
      .update({ data: { v: seen + 1 } });
    await rejection(t.commit());
    expect(await value('a')).toBe(7);
  });

  test('add() inside a transaction of an _id that exists fails with a duplicate key, and nothing of the transaction is written', async () => {
    const e = await rejection(
      db.runTransaction(async (t: any) => {
        await t.collection(coll).add({ data: { _id: 'fresh', v: 1 } });
        await t.collection(coll).add({ data: { _id: 'a', v: 2 } });
      }),
    );
    expect(String(e.errMsg ?? e.message)).toMatch(/duplicate/i);
    expect(await value('a')).toBe(100);
    expect((await db.collection(coll).count()).total).toBe(2);
  });

  test('50 concurrent runTransaction increments of one counter lose nothing', async () => {
    const n = 50;
    const increment = async (): Promise<void> => {
      // runTransaction retries a conflict 3 times; under heavy contention the caller retries too.
      for (let attempt = 0; ; attempt++) {
        try {
          await db.runTransaction(async (t: any) => {
            const cur = (await t.collection(coll).doc('a').get()).data.v;
            await t
              .collection(coll)
              .doc('a')
              .update({ data: { v: cur + 1 } });
          });
          return;
        } catch (e: any) {
          if (attempt > 200) throw e;
          await new Promise((r) => setTimeout(r, Math.random() * 5));
        }
      }
    };
    await Promise.all(Array.from({ length: n }, increment));
    expect(await value('a')).toBe(100 + n);
  });

  test('every concurrent runTransaction either lands or rejects: the counter equals the successes', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, () =>
        db.runTransaction(async (t: any) => {
          const cur = (await t.collection(coll).doc('b').get()).data.v;
          await t
            .collection(coll)
            .doc('b')
            .update({ data: { v: cur + 1 } });
        }),
      ),
    );
    const ok = outcomes.filter((o) => o.status === 'fulfilled').length;
    expect(ok).toBeGreaterThan(0);
    expect(await value('b')).toBe(ok);
  });
});

describe('errors', () => {
  test('any operation on a missing collection fails with -502005', async () => {
    const name = `${run}_never_created`;
    for (const call of [
      () => db.collection(name).get(),
      () => db.collection(name).add({ data: { a: 1 } }),
      () =>
        db
          .collection(name)
          .doc('x')
          .update({ data: { a: 1 } }),
      () => db.collection(name).count(),
    ]) {
      const e = await rejection(call());
      expect(e.errCode).toBe(-502005);
    }
  });

  test('add() with an _id that already exists fails and keeps the original', async () => {
    const coll = await freshCollection('dup');
    await db.collection(coll).add({ data: { _id: 'same', v: 1 } });
    const e = await rejection(db.collection(coll).add({ data: { _id: 'same', v: 2 } }));
    expect(String(e.errMsg ?? e.message)).toMatch(/duplicate/i);
    expect((await db.collection(coll).doc('same').get()).data.v).toBe(1);
  });

  test('creating a collection that exists fails', async () => {
    const coll = await freshCollection('twice');
    await rejection(db.createCollection(coll));
  });
});
