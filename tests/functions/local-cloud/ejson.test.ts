/**
 * The local cloud reads every request and writes every answer and stored document in extended
 * JSON. It has its own fast codec for that; these properties hold it to `bson` itself, the
 * library the SDK uses on the other end of the wire. The SDK writes canonical text; the local
 * cloud writes relaxed text (the SDK reads both to the same values).
 */
import { EJSON } from 'bson';
import fc from 'fast-check';
import { parseEJSON, stringifyEJSON } from '../../../mocks/cloud/db/ejson';

/** What the local cloud did before: bson's relaxed parse, then its wrapper types unwrapped. */
function referenceParse(text: string): unknown {
  const unwrap = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object' || v instanceof Date || v instanceof RegExp) return v;
    const t = (v as { _bsontype?: string })._bsontype;
    if (t === 'BSONRegExp') {
      const { pattern, options } = v as { pattern: string; options: string };
      return new RegExp(pattern, options.replace(/[^ims]/g, ''));
    }
    if (t === 'ObjectId' || t === 'ObjectID') return String(v);
    if (t === 'Long' || t === 'Int32' || t === 'Double') return Number(v);
    if (Array.isArray(v)) return v.map(unwrap);
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)]));
  };
  return unwrap(EJSON.parse(text, { relaxed: true }));
}

const numbers = fc.oneof(
  fc.integer(),
  fc.integer({ min: -(2 ** 31) - 5, max: -(2 ** 31) + 5 }),
  fc.integer({ min: 2 ** 31 - 5, max: 2 ** 31 + 5 }),
  fc.maxSafeInteger(),
  fc.double(),
  fc.constantFrom(0, -0, 1e11, 1e21, -1e21, 2 ** 63, -(2 ** 63), 2 ** 53 + 2, 0.1, 1e-7, Number.NaN, Infinity, -Infinity),
);

/** What documents hold: JSON values plus dates, with any keys (the SDK's own included). */
const value = (dates: fc.DateConstraints) =>
  fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      numbers,
      fc.boolean(),
      fc.constant(null),
      fc.date(dates),
      fc.array(tie('v'), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('_id', '$set', '$inc', 'a.b', '__proto__', '0', '10')), fc.oneof(tie('v'), fc.constant(undefined)), {
        maxKeys: 5,
      }),
    ),
  })).v;

describe('the local cloud extended-JSON codec', () => {
  test('writes exactly what bson writes in relaxed mode, for every value a document can hold', () => {
    fc.assert(
      fc.property(value({}), (v) => {
        expect(stringifyEJSON(v)).toBe(EJSON.stringify(v as Record<string, unknown>, { relaxed: true }));
      }),
      { numRuns: 3000 },
    );
  });

  test('reads back every canonical and relaxed text the same as bson followed by unwrapping', () => {
    fc.assert(
      fc.property(value({ noInvalidDate: true }), fc.boolean(), (v, relaxed) => {
        const text = EJSON.stringify(v as Record<string, unknown>, { relaxed });
        expect(parseEJSON(text)).toEqual(referenceParse(text));
      }),
      { numRuns: 3000 },
    );
  });

  test('what it writes, the SDK reads back as the value it was given (undefined as null, -0 as 0)', () => {
    const expected = (v: unknown): unknown => {
      if (v === undefined) return null;
      if (Object.is(v, -0)) return 0;
      if (v === null || typeof v !== 'object' || v instanceof Date) return v;
      if (Array.isArray(v)) return v.map(expected);
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v))
        Object.defineProperty(out, k, { value: expected((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
      return out;
    };
    fc.assert(
      fc.property(value({ noInvalidDate: true }), (v) => {
        expect(EJSON.parse(stringifyEJSON(v))).toEqual(expected(v));
      }),
      { numRuns: 1000 },
    );
  });

  test('reads the wrappers the SDK and older data use the same as bson', () => {
    const texts = [
      '{"a":{"$gt":{"$numberInt":"5"}},"b":{"$in":["x",{"$date":{"$numberLong":"1700000000000"}}]}}',
      '{"at":{"$date":"2026-01-01T00:00:00Z"},"legacy":{"$date":1700000000000}}',
      '{"big":{"$numberLong":"9223372036854775807"},"neg":{"$numberLong":"-0"},"small":{"$numberLong":"-42"}}',
      '{"d":{"$numberDouble":"-0.0"},"n":{"$numberDouble":"NaN"},"i":{"$numberDouble":"Infinity"}}',
      '{"name":{"$regularExpression":{"pattern":"^张","options":"i"}},"old":{"$regex":"a.c","$options":"m"}}',
      '{"id":{"$oid":"5f0c3a5e9b1e8a3d4c2b1a09"},"u":{"$undefined":true},"mixed":{"$gt":1,"$numberInt":"3"}}',
      '[1,{"$numberInt":"2"},[{"$numberDouble":"2.5"}]]',
    ];
    for (const t of texts) expect(parseEJSON(t)).toEqual(referenceParse(t));
  });

  test('refuses field names with NUL bytes, as bson does', () => {
    expect(() => parseEJSON('{"a\\u0000b":1}')).toThrow(/null bytes/);
  });
});
