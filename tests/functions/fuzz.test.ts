import { createHash } from 'node:crypto';
import { contracts } from '../../shared/contracts';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';

/**
 * The generic fuzz suite: every action of every function in shared/contracts (new actions join
 * automatically) receives many malformed payloads from several identities. Each must get an
 * error envelope (never INTERNAL, never a crash) and leave the database exactly as it was.
 */

type Envelope = { ok: boolean; error?: { code: string } };

const HUGE = 'x'.repeat(200_000);
/** Values that no sane field accepts as they are, whatever its type. */
const HOSTILE_VALUES: unknown[] = [
  HUGE,
  -1,
  1.5,
  -0.0001,
  1e308,
  Number.MAX_SAFE_INTEGER + 2,
  null,
  true,
  {},
  [],
  [null],
  { $gt: '' },
  { $where: 'sleep(1000)' },
  { __proto__: { admin: true } },
  '<script>alert(1)</script>',
  '\u0000',
];

/** Payloads that are wrong whatever the action (the action name is filled in). */
function genericPayloads(action: string): Array<[string, unknown]> {
  return [
    ['an unknown field', { action, unexpected: 1 }],
    ['a __proto__ key', JSON.parse(`{"action":"${action}","__proto__":{"role":"admin"}}`)],
    ['a constructor.prototype key', { action, constructor: { prototype: { role: 'admin' } } }],
    ['a $where key', { action, $where: 'this.role == "admin"' }],
    ['an operator as a key', { action, $set: { role: 'admin' } }],
    ['an action of the wrong type', { action: 1 }],
    ['an action with a trailing space', { action: `${action} ` }],
    ['an action that is a prototype property', { action: 'constructor' }],
    ['an action that is __proto__', { action: '__proto__' }],
    ['an action that is toString', { action: 'toString' }],
    ['a huge unknown field', { action, blob: HUGE }],
    ['a deeply nested unknown field', { action, deep: JSON.parse('['.repeat(500) + ']'.repeat(500)) }],
    ['an array instead of an object', [action]],
    ['a string instead of an object', action],
  ];
}

/** Break a valid example field by field: each variant must be refused. */
function fieldPayloads(action: string, example: Record<string, unknown>): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const field of Object.keys(example)) {
    const { [field]: _dropped, ...without } = example;
    if (_dropped !== undefined) out.push([`${field} missing`, { action, ...without }]);
    for (const value of HOSTILE_VALUES) {
      if (JSON.stringify(value) === JSON.stringify(example[field])) continue;
      out.push([`${field} = ${JSON.stringify(value)?.slice(0, 30)}`, { action, ...example, [field]: value }]);
    }
  }
  return out;
}

function snapshot(t: TestCloud): string {
  const h = createHash('sha256');
  for (const coll of t.cloud.store.listCollections()) {
    h.update(coll);
    for (const doc of [...t.cloud.store.all(coll)].sort((a, b) => a._id.localeCompare(b._id))) h.update(JSON.stringify(doc));
  }
  return h.digest('hex');
}

/** Callers with an OPENID (registered or not) and the console: each must be told what is malformed. */
const IDENTITIES = [{ source: 'wx_devtools' }, ...['fuzz-stranger', 'fuzz-dealer', 'fuzz-clerk', 'fuzz-manager', 'fuzz-admin'].map((openid) => ({ openid }))];

const cases: Array<[string, string, string, unknown]> = [];
for (const [fn, actions] of Object.entries(contracts)) {
  for (const [name, contract] of Object.entries(actions as Record<string, { example?: unknown; input: { safeParse: (v: unknown) => { success: boolean } } }>)) {
    for (const [what, payload] of genericPayloads(name)) cases.push([fn, name, what, payload]);
    const example = contract.example;
    if (example && typeof example === 'object' && !Array.isArray(example)) {
      expect(contract.input.safeParse(example).success).toBe(true);
      for (const [what, payload] of fieldPayloads(name, example as Record<string, unknown>)) {
        // A variant the schema accepts (e.g. '<script>' as a free-text remark) is not malformed: leave it out.
        const { action: _a, ...input } = payload as Record<string, unknown>;
        if (!contract.input.safeParse(input).success) cases.push([fn, name, what, payload]);
      }
    }
  }
}

describe('every action refuses malformed payloads and changes nothing', () => {
  let t: TestCloud;

  beforeAll(async () => {
    t = createTestCloud();
    await t.db.collection('dealers').add({
      data: {
        _id: 'fuzz-dealer-1',
        name: '模糊测试经销商',
        code: 'F1',
        level: 'A',
        region: 'east',
        city: '杭州',
        parentDealerId: null,
        contactName: '测',
        contactMobile: '13800000000',
        creditLimit: 100000,
        status: 'active',
        joinedAt: 0,
      },
    });
    for (const role of ['dealer', 'clerk', 'manager', 'admin']) {
      await t.db.collection('users').add({
        data: {
          openid: `fuzz-${role}`,
          name: role,
          role,
          dealerId: role === 'dealer' || role === 'clerk' ? 'fuzz-dealer-1' : null,
          mobile: null,
          status: 'active',
          createdAt: 0,
        },
      });
    }
  });
  afterAll(() => t.cleanup());

  it('has actions to fuzz', () => {
    expect(cases.length).toBeGreaterThan(10);
  });

  it.each(cases)('%s.%s with %s gets an error envelope, not a crash, and writes nothing', async (fn, _action, _what, payload) => {
    const before = snapshot(t);
    const answers: Array<{ who: object; ok: unknown; code: unknown }> = [];
    for (const who of IDENTITIES) {
      const res = (await t.cloud.invoke(fn, payload, who)) as Envelope;
      answers.push({ who, ok: res.ok, code: res.error?.code });
    }
    // One comparison for every identity (a diff names the one answered otherwise): some 6,000 cases
    // times twelve matcher calls each were a fifth of this file's CPU, mostly jest building errors' stacks.
    expect(answers).toEqual(IDENTITIES.map((who) => ({ who, ok: false, code: 'INVALID_INPUT' })));
    // A caller with no OPENID that is not the console learns nothing about the payload.
    expect(((await t.cloud.invoke(fn, payload, {})) as Envelope).error?.code).toBe('UNAUTHENTICATED');
    expect(snapshot(t)).toBe(before);
  });
});
