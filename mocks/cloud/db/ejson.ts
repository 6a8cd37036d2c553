import { EJSON } from 'bson';

/** A stored document: plain JSON values plus Date and RegExp. */
export type Doc = Record<string, unknown> & { _id: string };

/**
 * Parse what the SDK sends (canonical extended JSON) or what the store wrote (relaxed) into
 * plain values mingo understands: numbers as numbers, dates as Date, BSON regular expressions
 * as JS RegExp, object ids as strings. The same result as `bson`'s relaxed EJSON.parse
 * followed by unwrapping its types, without building the wrapper objects: every request goes
 * through here, so it is on the hot path. Plain JSON.parse, then one walk that decodes the
 * common wrappers inline; the rare ones go through `bson` itself.
 */
export function parseEJSON(text: string): unknown {
  return walk(JSON.parse(text) as unknown);
}

/** Bottom-up, like a JSON.parse reviver: children first, then the object they sit in. */
function walk(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i] as unknown;
      if (v !== null && typeof v === 'object') value[i] = walk(v);
    }
    return value;
  }
  const rec = value as Record<string, unknown>;
  let wrapped = false;
  for (const k in rec) {
    if (k.indexOf('\u0000') !== -1) {
      throw new Error(`BSON Document field names cannot contain null bytes, found: ${JSON.stringify(k)}`);
    }
    const v = rec[k];
    if (v !== null && typeof v === 'object') {
      const w = walk(v);
      if (w !== v) {
        // An own property even for "__proto__", as JSON.parse made it.
        if (k === '__proto__') Object.defineProperty(rec, k, { value: w, writable: true, enumerable: true, configurable: true });
        else rec[k] = w;
      }
    }
    if (k.charCodeAt(0) === 36 /* $ */) wrapped = true;
  }
  return wrapped ? unwrap(rec) : rec;
}

/** An object with `$` keys: a type wrapper to decode, or (query operators) itself. */
function unwrap(rec: Record<string, unknown>): unknown {
  if (rec['$undefined']) return null;
  for (const k in rec) {
    if (k.charCodeAt(0) !== 36 || rec[k] == null) continue;
    switch (k) {
      case '$numberInt':
        return parseInt(String(rec[k]), 10);
      case '$numberDouble':
        return parseFloat(String(rec[k]));
      case '$numberLong': {
        const s = rec[k];
        // Small integers: what canonical form writes for dates and counters (-0 reads as 0).
        if (typeof s === 'string' && /^-?\d{1,15}$/.test(s)) return Number(s) + 0;
        return rare(rec);
      }
      case '$oid':
      case '$binary':
      case '$uuid':
      case '$symbol':
      case '$numberDecimal':
      case '$minKey':
      case '$maxKey':
      case '$regex':
      case '$regularExpression':
      case '$timestamp':
        return rare(rec);
      default:
        break;
    }
  }
  const d = rec['$date'];
  if (d != null) {
    const date = new Date();
    if (typeof d === 'string') date.setTime(Date.parse(d));
    else if (typeof d === 'number') date.setTime(d);
    else return rare(rec);
    return date;
  }
  if (rec['$code'] != null || rec['$ref'] != null || rec['$dbPointer'] != null) return rare(rec);
  return rec;
}

/** Wrappers that requests almost never carry: decode them exactly as bson does. */
function rare(rec: Record<string, unknown>): unknown {
  return toPlain(EJSON.parse(EJSON.stringify(rec, { relaxed: false }), { relaxed: true }));
}

/**
 * Serialize a document for the store and for the SDK, which parses every list item with
 * EJSON.parse: relaxed extended JSON, character for character what `bson`'s
 * EJSON.stringify(value, { relaxed: true }) writes for the values documents hold (strings,
 * numbers, booleans, null, Date, RegExp, arrays and plain objects), written directly instead
 * of through an intermediate tree. The SDK reads relaxed and canonical text to the same values;
 * relaxed is shorter and cheaper to read (no wrapper per number).
 */
export function stringifyEJSON(value: unknown): string {
  // Only a function or symbol gives nothing to write; documents never are one.
  return encode(value, 0) ?? 'null';
}

/** bson writes dates from 1970 to 9999 as ISO text, without milliseconds when they are 0. */
const DATE_MAX = 253402318800000;

function encodeDate(d: Date): string {
  const t = d.getTime();
  if (t > -1 && t < DATE_MAX) {
    const iso = d.toISOString();
    return `{"$date":"${t % 1000 === 0 ? iso.slice(0, -5) + 'Z' : iso}"}`;
  }
  return `{"$date":{"$numberLong":"${t}"}}`;
}

function encode(value: unknown, depth: number): string | undefined {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : `{"$numberDouble":"${value}"}`;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      // Functions and symbols: dropped from objects, null in arrays, as JSON.stringify does.
      if (typeof value === 'bigint') return JSON.stringify(value);
      return undefined;
  }
  if (depth > 200) return EJSON.stringify(value as Record<string, unknown>, { relaxed: true });
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) s += ',';
      s += encode(value[i], depth + 1) ?? 'null';
    }
    return s + ']';
  }
  // By tag, not instanceof: a structuredClone'd Date may come from another realm (jest's sandbox).
  const tag = Object.prototype.toString.call(value);
  if (tag === '[object Date]') return encodeDate(value as Date);
  const rec = value as Record<string, unknown>;
  if (tag === '[object RegExp]' || rec['_bsontype'] !== undefined) return EJSON.stringify(rec, { relaxed: true });
  let s = '{';
  let first = true;
  for (const k in rec) {
    const v = encode(rec[k], depth + 1);
    if (v === undefined) continue;
    s += (first ? '' : ',') + JSON.stringify(k) + ':' + v;
    first = false;
  }
  return s + '}';
}

function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || value instanceof RegExp) return value;
  const bsontype = (value as { _bsontype?: string })._bsontype;
  if (bsontype === 'BSONRegExp') {
    const { pattern, options } = value as unknown as { pattern: string; options: string };
    // MongoDB options i, m, s map to JS flags; x (extended) has no JS equivalent.
    return new RegExp(pattern, options.replace(/[^ims]/g, ''));
  }
  if (bsontype === 'ObjectId' || bsontype === 'ObjectID') return String(value);
  if (bsontype === 'Long' || bsontype === 'Int32' || bsontype === 'Double') return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = toPlain(v);
  return out;
}

/**
 * Replace the SDK's server-date placeholders ({$tcb_server_date:{offset}}) by the
 * server's clock plus the offset in milliseconds, anywhere in a value.
 */
export function resolveServerDates(value: unknown, now: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date || value instanceof RegExp) return value;
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now));
  const rec = value as Record<string, unknown>;
  const marker = rec['$tcb_server_date'];
  if (marker && typeof marker === 'object' && Object.keys(rec).length === 1) {
    const offset = Number((marker as { offset?: unknown }).offset ?? 0);
    return new Date(now + (Number.isFinite(offset) ? offset : 0));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rec)) out[k] = resolveServerDates(v, now);
  return out;
}

/** A deep copy that keeps Date and RegExp. */
export function clone<T>(value: T): T {
  return structuredClone(value);
}
