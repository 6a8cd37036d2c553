import crypto from 'node:crypto';
import { decrypt as wecomDecrypt, encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';

/**
 * WeCom's callback crypto (加解密方案): msg_signature = sha1 of the sorted token, timestamp, nonce
 * and ciphertext; the message is AES-256-CBC with the key from EncodingAESKey, carrying the
 * receiver id (the corp id) after the text. @wecom/crypto does the arithmetic; this module adds
 * what it leaves out: a constant-time signature comparison, and a decryption that never returns
 * garbage silently (a wrong key decrypts to noise without throwing, so callers verify the
 * signature first and then the receiver id).
 */

export function sign(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return getSignature(token, timestamp, nonce, encrypt);
}

/** True when `signature` is the message's signature; the comparison takes the same time wherever they differ. */
export function verifySignature(token: string, timestamp: string, nonce: string, encrypt: string, signature: string): boolean {
  if (typeof signature !== 'string' || !/^[0-9a-fA-F]{40}$/.test(signature)) return false;
  const expected = Buffer.from(sign(token, timestamp, nonce, encrypt), 'hex');
  const given = Buffer.from(signature.toLowerCase(), 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** A 43-character EncodingAESKey that decodes to 32 bytes. */
export function isValidAesKey(key: string): boolean {
  return /^[A-Za-z0-9+/]{43}$/.test(key) && Buffer.from(`${key}=`, 'base64').length === 32;
}

export type Decrypted = { ok: true; message: string; receiverId: string } | { ok: false; reason: 'bad_ciphertext' | 'bad_padding' | 'bad_length' };

/** Decrypt a ciphertext; structural checks catch most wrong keys, the receiver id check (by the caller) the rest. */
export function decryptMessage(aesKey: string, encrypt: string): Decrypted {
  let raw: Buffer;
  try {
    raw = Buffer.from(encrypt, 'base64');
  } catch {
    return { ok: false, reason: 'bad_ciphertext' };
  }
  if (raw.length === 0 || raw.length % 16 !== 0) return { ok: false, reason: 'bad_ciphertext' };
  // PKCS#7 to a 32-byte block, checked in full (@wecom/crypto accepts any last byte).
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(raw), decipher.final()]);
  } catch {
    return { ok: false, reason: 'bad_ciphertext' };
  }
  const pad = plain[plain.length - 1] ?? 0;
  if (pad < 1 || pad > 32 || pad > plain.length) return { ok: false, reason: 'bad_padding' };
  for (let i = plain.length - pad; i < plain.length; i++) if (plain[i] !== pad) return { ok: false, reason: 'bad_padding' };
  const body = plain.length - pad;
  if (body < 20) return { ok: false, reason: 'bad_length' };
  const len = plain.readUInt32BE(16);
  if (len > body - 20) return { ok: false, reason: 'bad_length' };
  // Layout (as @wecom/crypto's decrypt reads it): 16 random bytes, 4-byte length, message, receiver id.
  return { ok: true, message: plain.subarray(20, 20 + len).toString('utf8'), receiverId: plain.subarray(20 + len, body).toString('utf8') };
}

/** @wecom/crypto's own decrypt, for cross-checking in tests; never call it on unverified input. */
export const libraryDecrypt = wecomDecrypt;

export function encryptMessage(aesKey: string, message: string, receiverId: string, random?: Buffer): string {
  return wecomEncrypt(aesKey, message, receiverId, random);
}

/** The same receiver id, compared in constant time. */
export function sameReceiver(expected: string, got: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(got, 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** A document id for a key of any length and alphabet (sha1, hex). */
export function keyId(prefix: string, key: string): string {
  return `${prefix}-${crypto.createHash('sha1').update(key).digest('hex')}`;
}
