import type { IndexField, QueryShape } from '../../shared/indexes';
import { INDEXES, QUERIES, indexNeeded, serves, servingIndex } from '../../shared/indexes';
import { COLLECTIONS } from '../../shared/collections';

const asc = (field: string): IndexField => ({ field, order: 'asc' });
const desc = (field: string): IndexField => ({ field, order: 'desc' });
const shape = (equal: string[], sort: IndexField[] = [], range: string[] = []): QueryShape => ({ collection: 'orders', equal, range, sort });

describe('an index serves a query (equality prefix, then the sort)', () => {
  const dealerNewest = [asc('dealerId'), desc('createdAt'), desc('_id')];

  test('an index led by the equality field and carrying the sort serves it, in either direction', () => {
    expect(serves(dealerNewest, shape(['dealerId'], [desc('createdAt'), desc('_id')]))).toBe(true);
    expect(serves(dealerNewest, shape(['dealerId'], [asc('createdAt'), asc('_id')]))).toBe(true);
  });

  test('a sort with mixed directions the index does not have is not served', () => {
    expect(serves(dealerNewest, shape(['dealerId'], [desc('createdAt'), asc('_id')]))).toBe(false);
  });

  test('the sort must follow the equality prefix directly: a field between them breaks the order', () => {
    expect(serves([asc('dealerId'), asc('status'), desc('createdAt')], shape(['dealerId'], [desc('createdAt')]))).toBe(false);
  });

  test('other equality fields filter what the prefix found; a sort field pinned by equality is skipped', () => {
    expect(serves(dealerNewest, shape(['dealerId', 'status'], [desc('createdAt')]))).toBe(true);
    expect(serves(dealerNewest, shape(['createdAt', 'dealerId'], [desc('createdAt'), desc('_id')]))).toBe(true);
  });

  test('an index not led by one of the equality fields does not serve the query, even if it carries the sort', () => {
    expect(serves([desc('createdAt'), desc('_id')], shape(['dealerId'], [desc('createdAt'), desc('_id')]))).toBe(false);
    expect(serves([asc('status')], shape(['dealerId']))).toBe(false);
  });

  test('with no equality field, the sort or (unsorted) a range field must lead the index', () => {
    expect(serves([desc('createdAt'), desc('_id')], shape([], [desc('createdAt'), desc('_id')]))).toBe(true);
    expect(serves([asc('deliveredAt')], shape([], [], ['deliveredAt']))).toBe(true);
    expect(serves([asc('dealerId'), asc('deliveredAt')], shape([], [], ['deliveredAt']))).toBe(false);
    expect(serves([asc('dealerId')], shape([]))).toBe(false);
  });

  test('_id by equality is always served; a walk of _id alone uses the built-in index; paging one dealer by _id needs (dealerId, _id)', () => {
    expect(servingIndex(shape(['_id']), [])).toBe('_id');
    expect(servingIndex(shape([], [asc('_id')], ['_id']), [])).toBe('_id');
    expect(servingIndex(shape(['dealerId'], [asc('_id')], ['_id']), [])).toBeNull();
    expect(servingIndex(shape(['dealerId'], [asc('_id')], ['_id']))).toMatchObject({ name: 'dealerId_1__id_1' });
  });

  test('the index a query needs is its equality fields, then its sort', () => {
    const needed = indexNeeded(shape(['status', 'dealerId'], [desc('createdAt')]));
    expect(needed).toEqual([asc('dealerId'), asc('status'), desc('createdAt')]);
    expect(serves(needed, shape(['status', 'dealerId'], [desc('createdAt')]))).toBe(true);
  });
});

describe('the declared indexes', () => {
  test('name existing collections, have unique names per collection and at least one field', () => {
    for (const i of INDEXES) {
      expect(COLLECTIONS).toContain(i.collection);
      expect(i.fields.length).toBeGreaterThan(0);
    }
    const names = INDEXES.map((i) => `${i.collection}.${i.name}`);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('the query patterns (QUERIES)', () => {
  test.each(QUERIES.map((query) => [query.by, query.collection, query] as const))('%s on %s is served by a declared index', (_by, _coll, query) => {
    expect(servingIndex(query)).not.toBeNull();
  });
});

describe('accepted scans (ACCEPTED_SCANS)', () => {
  test('let through a query whose only condition is the accepted field, and nothing that sorts or seeks besides', () => {
    expect(servingIndex({ collection: 'orders', equal: [], range: [], sort: [], filter: ['_openid'] }, [])).toBe('accepted-scan');
    expect(servingIndex({ collection: 'orders', equal: [], range: [], sort: [asc('createdAt')], filter: ['_openid'] }, [])).toBeNull();
    expect(servingIndex({ collection: 'orders', equal: [], range: [], sort: [], filter: ['remark'] }, [])).toBeNull();
  });
});
