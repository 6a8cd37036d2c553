import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedSecret } from '@shared/integration/webhooks';

/**
 * Secrets at rest (webhook signing secrets, partners' API secrets): AES-256-GCM under
 * INTEGRATION_SECRET_KEY, a variable of the environment of each function that seals or opens them
 * (32 bytes as base64 or 64 hex digits; set in the cloud console, see README). The owner's id is
 * the associated data, so a sealed secret moved onto another record does not open. Neither the
 * key nor a secret is ever logged or answered (but once, at creation).
 */
const KEY_VARIABLE = 'INTEGRATION_SECRET_KEY';

/** What is wrong with the configured key, or null when it is usable. */
export function keyProblem(fn = 'integration'): string | null {
  const raw = process.env[KEY_VARIABLE];
  if (!raw) return `云函数 ${fn} 未配置环境变量 ${KEY_VARIABLE}（32 字节密钥的 base64），无法加解密推送密钥`;
  return decodeKey(raw) ? null : `环境变量 ${KEY_VARIABLE} 不是 32 字节密钥（base64 或 64 位十六进制）`;
}

function decodeKey(raw: string): Buffer | null {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  return key.length === 32 ? key : null;
}

function masterKey(): Buffer {
  const key = decodeKey(process.env[KEY_VARIABLE] ?? '');
  if (!key) throw new Error(keyProblem() ?? 'no key');
  return key;
}

/** A new `whsec_` secret: 32 random bytes (Standard Webhooks asks for 24–64). */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function seal(secret: string, ownerId: string): SealedSecret {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey(), iv);
  cipher.setAAD(Buffer.from(ownerId, 'utf8'));
  const data = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return { v: 1, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** The secret, or an error when the key or the record is wrong (GCM authenticates: no garbage comes out). */
export function unseal(sealed: SealedSecret, ownerId: string): string {
  const decipher = createDecipheriv('aes-256-gcm', masterKey(), Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(ownerId, 'utf8'));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}
