/**
 * Digests of settlement inputs: SHA-256 over canonical JSON, in plain TypeScript (shared/ has no
 * node:crypto, and the same digest must come out in a cloud function and in the mini-program).
 */

/**
 * JSON with object keys sorted at every depth and `undefined` members left out, so equal data
 * always gives the same text whatever order its keys were written in. Only plain data: numbers
 * must be finite.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`canonicalJson: non-finite number ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`);
}

function utf8(text: string): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/** SHA-256 of a string's UTF-8 bytes, as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  const bytes = utf8(text);
  const bitLength = bytes.length * 8;
  bytes.push(0x80);
  while (bytes.length % 64 !== 56) bytes.push(0);
  // Length as a 64-bit big-endian integer (the high word is 0 below 512 MB).
  const high = Math.floor(bitLength / 0x100000000);
  for (const word of [high, bitLength >>> 0]) bytes.push((word >>> 24) & 255, (word >>> 16) & 255, (word >>> 8) & 255, word & 255);

  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const w = new Array<number>(64);
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < bytes.length; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = (((bytes[j] as number) << 24) | ((bytes[j + 1] as number) << 16) | ((bytes[j + 2] as number) << 8) | (bytes[j + 3] as number)) >>> 0;
    }
    for (let i = 16; i < 64; i++) {
      const w15 = w[i - 15] as number;
      const w2 = w[i - 2] as number;
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = h as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + (K[i] as number) + (w[i] as number)) >>> 0;
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    const add = [a, b, c, d, e, f, g, hh];
    for (let i = 0; i < 8; i++) h[i] = ((h[i] as number) + (add[i] as number)) >>> 0;
  }
  return h.map((x) => x.toString(16).padStart(8, '0')).join('');
}

/**
 * A 64-bit NON-cryptographic digest (two 32-bit multiply-xor lanes with a cross-mixing finish,
 * the cyrb53 construction widened to 64 bits) of a string's UTF-16 code units, as 16 lowercase
 * hex digits. Settlement records use it as a fingerprint of their inputs: it changes when any
 * input changes (a chance collision among distinct inputs is about n² / 2⁶⁵), and it is cheap
 * enough to compute for every record of a period close. It is not a seal against deliberate
 * tampering — no unkeyed digest is: the record keeps its inputs, and recompute() re-derives
 * everything from the facts. Policy versions keep SHA-256 (computed once per policy).
 *
 * Incremental: `text` and `int` feed the state, so a prefix shared by many inputs is fed once
 * and the state copied (`from`). `int(n)` feeds exactly the characters of String(n).
 */
export class Hash64 {
  h1: number;
  h2: number;

  constructor(h1 = 0xdeadbeef | 0, h2 = 0x41c6ce57 | 0) {
    this.h1 = h1;
    this.h2 = h2;
  }

  /** Continues from another state (a fed prefix). */
  from(other: Hash64): this {
    this.h1 = other.h1;
    this.h2 = other.h2;
    return this;
  }

  text(s: string): this {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** Feeds String(n) without building it (safe integers; anything else goes through String). */
  int(n: number): this {
    if (!Number.isSafeInteger(n)) return this.text(String(n));
    let h1 = this.h1;
    let h2 = this.h2;
    let v = n;
    if (v < 0) {
      h1 = Math.imul(h1 ^ 45, 2654435761);
      h2 = Math.imul(h2 ^ 45, 1597334677);
      v = -v;
    }
    let len = 0;
    do {
      DIGITS[len++] = 48 + (v % 10);
      v = Math.floor(v / 10);
    } while (v > 0);
    while (len > 0) {
      const c = DIGITS[--len] as number;
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    this.h1 = h1;
    this.h2 = h2;
    return this;
  }

  /** The digest of what was fed (the state is left as it was). */
  hex(): string {
    let h1 = Math.imul(this.h1 ^ (this.h1 >>> 16), 2246822507);
    h1 ^= Math.imul(this.h2 ^ (this.h2 >>> 13), 3266489909);
    let h2 = Math.imul(this.h2 ^ (this.h2 >>> 16), 2246822507);
    h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
    return hex16(h2 >>> 0, h1 >>> 0);
  }
}

const DIGITS = new Uint8Array(24);
/** Char codes of 0-9a-f. */
const HEX: readonly number[] = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/** 16 lowercase hex digits of two 32-bit words, as one flat string. */
function hex16(hi: number, lo: number): string {
  const x = HEX;
  return String.fromCharCode(
    x[hi >>> 28] as number,
    x[(hi >>> 24) & 15] as number,
    x[(hi >>> 20) & 15] as number,
    x[(hi >>> 16) & 15] as number,
    x[(hi >>> 12) & 15] as number,
    x[(hi >>> 8) & 15] as number,
    x[(hi >>> 4) & 15] as number,
    x[hi & 15] as number,
    x[lo >>> 28] as number,
    x[(lo >>> 24) & 15] as number,
    x[(lo >>> 20) & 15] as number,
    x[(lo >>> 16) & 15] as number,
    x[(lo >>> 12) & 15] as number,
    x[(lo >>> 8) & 15] as number,
    x[(lo >>> 4) & 15] as number,
    x[lo & 15] as number,
  );
}

/** Hash64 of a whole string, 16 hex digits. */
export function digest64(text: string): string {
  return new Hash64().text(text).hex();
}
