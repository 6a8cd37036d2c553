/**
 * Campaign share codes: one short code stands for campaign + dealer + sharer (a store clerk or
 * the dealer owner). The same code is the `scene` of the mini-program code (wxacode.getUnlimited:
 * at most 32 visible characters from its documented set) and WeCom's "contact me" `state` (at
 * most 30 characters), so it is drawn from the intersection of both: Crockford base32 letters
 * and digits only.
 *
 * Shape: `Q` + 9 body characters (45 bits) + 1 check character = 11 characters, e.g. `Q7HX2KD9MB4`.
 * Reading is forgiving the way Crockford base32 is: case-insensitive, O reads as 0, I and L as 1,
 * spaces and dashes are ignored. The check character catches any single wrong character and any
 * swap of two neighbours, so a mistyped or truncated scene is refused without a database read.
 */

/** Crockford base32: digits and upper-case letters without I, L, O, U. */
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_PREFIX = 'Q';
export const CODE_BODY_LENGTH = 9;
export const CODE_LENGTH = CODE_PREFIX.length + CODE_BODY_LENGTH + 1;

/** wxacode.getUnlimited's `scene`: at most 32 visible characters from this set (its documentation). */
export const SCENE_MAX_LENGTH = 32;
export const SCENE_CHARSET = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]*$/;
/** WeCom contact-way `state`: at most 30 characters. */
export const WECOM_STATE_MAX_LENGTH = 30;

/** True when a string can be a wxacode scene. */
export function fitsScene(s: string): boolean {
  return s.length >= 1 && s.length <= SCENE_MAX_LENGTH && SCENE_CHARSET.test(s);
}

/** True when a string can be a WeCom contact-way state (letters and digits only, to be safe with every channel). */
export function fitsWecomState(s: string): boolean {
  return s.length >= 1 && s.length <= WECOM_STATE_MAX_LENGTH && /^[0-9A-Za-z]+$/.test(s);
}

const VALUE: Record<string, number> = {};
for (let i = 0; i < CODE_ALPHABET.length; i++) VALUE[CODE_ALPHABET[i]!] = i;
// Crockford's forgiving reads.
VALUE['O'] = 0;
VALUE['I'] = 1;
VALUE['L'] = 1;

/**
 * The check character of a body: Σ value × (position + 1) mod 31, as an alphabet character.
 * 31 is prime, so a single wrong character or a swap of neighbours changes the sum (except
 * between values 0 and 31, which share a residue).
 */
export function checkChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += (VALUE[body[i]!] ?? 0) * (i + 1);
  return CODE_ALPHABET[sum % 31]!;
}

export type CodeProblem = 'empty' | 'too_long' | 'bad_chars' | 'bad_shape' | 'bad_check';

export type ParsedCode = { ok: true; code: string } | { ok: false; problem: CodeProblem };

/** Friendly sentences for a consumer who opened a code that cannot be read. */
export const CODE_PROBLEM_MESSAGES: Record<CodeProblem | 'unknown', string> = {
  empty: '没有读到活动码，请重新扫描海报或小程序码',
  too_long: '这个活动码无法识别，请重新扫描海报或小程序码',
  bad_chars: '这个活动码无法识别，请重新扫描海报或小程序码',
  bad_shape: '这个活动码无法识别，请重新扫描海报或小程序码',
  bad_check: '这个活动码不完整或有误，请重新扫描海报或小程序码',
  unknown: '没有找到这个活动，可能活动码已失效，请向分享给你的导购确认',
};

/**
 * Read a code from what a page received (a scene, a WeCom state, typed text). Pure; never
 * throws. Anything longer than a scene can be is refused before it is looked at.
 */
export function parseCode(raw: unknown): ParsedCode {
  if (typeof raw !== 'string') return { ok: false, problem: 'empty' };
  if (raw.length > 64) return { ok: false, problem: 'too_long' };
  const text = raw.replace(/[\s-]/g, '').toUpperCase();
  if (text === '') return { ok: false, problem: 'empty' };
  if (text.length > CODE_LENGTH) return { ok: false, problem: 'too_long' };
  if (!/^[0-9A-Z]+$/.test(text)) return { ok: false, problem: 'bad_chars' };
  if (text.length !== CODE_LENGTH || !text.startsWith(CODE_PREFIX)) return { ok: false, problem: 'bad_shape' };
  let normal = CODE_PREFIX;
  for (const ch of text.slice(CODE_PREFIX.length)) {
    const v = VALUE[ch];
    if (v === undefined) return { ok: false, problem: 'bad_chars' };
    normal += CODE_ALPHABET[v]!;
  }
  const body = normal.slice(CODE_PREFIX.length, CODE_PREFIX.length + CODE_BODY_LENGTH);
  if (checkChar(body) !== normal[CODE_LENGTH - 1]) return { ok: false, problem: 'bad_check' };
  return { ok: true, code: normal };
}

/** True for a code exactly as formatCode writes it (canonical spelling). */
export function isCode(s: string): boolean {
  const p = parseCode(s);
  return p.ok && p.code === s;
}

/**
 * cyrb53: a fast, well-mixed 53-bit string hash (not cryptographic: codes are printed on
 * posters, not secrets). Pure integer arithmetic, so it gives the same bits everywhere.
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The code of a body of 45 bits (an integer in [0, 2^45)). */
export function formatCode(bits: number): string {
  if (!Number.isSafeInteger(bits) || bits < 0 || bits >= 2 ** (5 * CODE_BODY_LENGTH)) throw new RangeError(`formatCode: not a 45-bit integer: ${bits}`);
  let body = '';
  let rest = bits;
  for (let i = 0; i < CODE_BODY_LENGTH; i++) {
    body = CODE_ALPHABET[rest % 32]! + body;
    rest = Math.floor(rest / 32);
  }
  return CODE_PREFIX + body + checkChar(body);
}

/**
 * The code of a sharer in a campaign, derived (not drawn at random) so that two concurrent
 * requests for it compute the same document id and the database keeps one. `attempt` walks to
 * the next candidate when a different sharer already holds this one (a 45-bit collision).
 */
export function deriveCode(campaignId: string, sharerId: string, attempt = 0): string {
  const h = hash53(`${campaignId}\u0000${sharerId}\u0000${attempt}`);
  return formatCode(h % 2 ** (5 * CODE_BODY_LENGTH));
}
