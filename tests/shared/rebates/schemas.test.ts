import { createHash } from 'node:crypto';
import { canonicalJson, POLICY_CODES, POLICY_DEFINITIONS, policyDefinitionOf, rebatePolicySchema, sha256Hex } from '../../../shared/rebates';

describe('the policy registry', () => {
  test('has one definition per stable code', () => {
    expect(POLICY_CODES).toEqual(['volume_tiers', 'target_attainment', 'growth', 'campaign_reward']);
    for (const code of POLICY_CODES) expect(policyDefinitionOf(code)?.code).toBe(code);
    expect(policyDefinitionOf('nope')).toBeUndefined();
  });

  test.each(POLICY_DEFINITIONS.map((d) => [d.code, d] as const))('the %s example parses, with defaults filled in', (_code, def) => {
    const parsed = rebatePolicySchema.parse(def.example);
    expect(parsed).toMatchObject({ enabled: true, capFen: null, rounding: 'half_up', dealers: { levels: [], regions: [], dealerIds: [] } });
  });

  const valid = {
    code: 'volume_tiers',
    id: 'p1',
    name: '季度阶梯',
    periodKind: 'quarter',
    args: {
      basis: 'amount',
      mode: 'retroactive',
      tiers: [
        { from: 0, rateBp: 100 },
        { from: 100, rateBp: 200 },
      ],
    },
  };

  test('is strict: unknown fields are refused at every level', () => {
    expect(rebatePolicySchema.safeParse(valid).success).toBe(true);
    expect(rebatePolicySchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(rebatePolicySchema.safeParse({ ...valid, args: { ...valid.args, extra: 1 } }).success).toBe(false);
    expect(rebatePolicySchema.safeParse({ ...valid, scope: { skus: ['x'] } }).success).toBe(false);
  });

  test('refuses tiers that do not ascend or whose rates fall', () => {
    const tiers = (ts: unknown) => rebatePolicySchema.safeParse({ ...valid, args: { ...valid.args, tiers: ts } }).success;
    expect(
      tiers([
        { from: 100, rateBp: 100 },
        { from: 100, rateBp: 200 },
      ]),
    ).toBe(false);
    expect(
      tiers([
        { from: 0, rateBp: 200 },
        { from: 100, rateBp: 100 },
      ]),
    ).toBe(false);
    expect(tiers([])).toBe(false);
    expect(tiers([{ from: 0, rateBp: 10_001 }])).toBe(false);
  });

  test('refuses a qty tier with a rate, an amount tier with a per-unit amount', () => {
    expect(rebatePolicySchema.safeParse({ ...valid, args: { basis: 'qty', mode: 'retroactive', tiers: [{ from: 1, rateBp: 100 }] } }).success).toBe(false);
    expect(rebatePolicySchema.safeParse({ ...valid, args: { basis: 'amount', mode: 'retroactive', tiers: [{ from: 1, perUnitFen: 100 }] } }).success).toBe(
      false,
    );
  });

  test('refuses ids that would make settlement ids ambiguous, and inverted validity', () => {
    expect(rebatePolicySchema.safeParse({ ...valid, id: 'a:b' }).success).toBe(false);
    expect(rebatePolicySchema.safeParse({ ...valid, validFrom: 10, validTo: 10 }).success).toBe(false);
    expect(rebatePolicySchema.safeParse({ ...valid, periodKind: 'week' }).success).toBe(false);
  });

  test('campaign windows must run forwards', () => {
    const c = { code: 'campaign_reward', id: 'c', name: '活动', periodKind: 'month', scope: { includeSkus: ['A'] } };
    expect(rebatePolicySchema.safeParse({ ...c, args: { window: { from: 10, to: 5 }, perUnitFen: 1 } }).success).toBe(false);
    expect(rebatePolicySchema.safeParse({ ...c, args: { window: { from: 5, to: 10 }, perUnitFen: 1 } }).success).toBe(true);
  });
});

describe('digests', () => {
  test('SHA-256 matches the published test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  test('SHA-256 hashes the UTF-8 bytes of Chinese text', () => {
    for (const text of ['返利', '经销商'.repeat(100) + '🧧', 'x'.repeat(55), 'x'.repeat(56), 'x'.repeat(64)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  test('canonical JSON does not depend on key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null }, u: undefined })).toBe('{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(RangeError);
  });
});
