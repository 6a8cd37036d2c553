import { CODE_ALPHABET, checkChar } from './code';

/**
 * Coupon codes: 11 random Crockford base32 characters (55 bits, drawn by the function from a
 * secure source) + 1 check character. The consumer shows it as a QR code and as text in groups
 * of four; a clerk scans it or types it. Reading is forgiving like campaign codes.
 */
export const COUPON_CODE_LENGTH = 12;
const RANDOM_CHARS = COUPON_CODE_LENGTH - 1;

/** A coupon code from at least 11 random bytes (each byte gives one character's 5 bits). */
export function couponCodeFromBytes(bytes: ArrayLike<number>): string {
  if (bytes.length < RANDOM_CHARS) throw new RangeError(`couponCodeFromBytes: need ${RANDOM_CHARS} bytes, got ${bytes.length}`);
  let body = '';
  for (let i = 0; i < RANDOM_CHARS; i++) body += CODE_ALPHABET[(bytes[i]! & 0xff) % 32]!;
  return body + checkChar(body);
}

const READ: Record<string, string> = { O: '0', I: '1', L: '1' };

/** The canonical coupon code of typed or scanned text, or null when it is not one. */
export function parseCouponCode(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length > 40) return null;
  const text = raw
    .replace(/[\s-]/g, '')
    .toUpperCase()
    .replace(/[OIL]/g, (c) => READ[c]!);
  if (text.length !== COUPON_CODE_LENGTH) return null;
  for (const ch of text) if (!CODE_ALPHABET.includes(ch)) return null;
  return checkChar(text.slice(0, RANDOM_CHARS)) === text[RANDOM_CHARS] ? text : null;
}

/** For people: groups of four, e.g. `7HX2 KD9M B4QR`. */
export function groupCouponCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1 ');
}
