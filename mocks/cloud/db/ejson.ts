import { EJSON } from 'bson';

/** A stored document: plain JSON values plus Date and RegExp. */
export type Doc = Record<string, unknown> & { _id: string };

/**
 * Parse what the SDK sends (canonical extended JSON) into plain values mingo understands:
 * numbers as numbers, dates as Date, BSON regular expressions as JS RegExp.
 */
export function parseEJSON(text: string): unknown {
  return toPlain(EJSON.parse(text, { relaxed: true }));
}

/** Serialize for the SDK, which parses every list item with EJSON.parse. */
export function stringifyEJSON(value: unknown): string {
  return EJSON.stringify(value as Record<string, unknown>, { relaxed: false });
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
