/**
 * Values that look like secrets: what must never be in the plan (written to dist/, printed in
 * CI logs) nor in a committed config.json. Names of environment variables are fine; values are
 * not. The patterns are the shapes of the keys this system meets: Tencent Cloud API keys,
 * WeChat app secrets and WeCom secrets / EncodingAESKeys, PEM private keys.
 */
const PATTERNS: Array<[what: string, re: RegExp]> = [
  ['a Tencent Cloud SecretId', /\bAKID[0-9A-Za-z]{13,40}\b/],
  ['a PEM private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ['a WeCom EncodingAESKey (43 characters)', /^[A-Za-z0-9]{43}$/],
  ['a 32-hex secret (app secret, API key)', /^[0-9a-f]{32}$/i],
];

/** Keys whose value is a secret whatever it looks like. */
const SECRET_KEY = /(secret|password|passwd|token|aes_?key|private_?key|api_?key)/i;

/** Each secret-looking value inside `value`, by its JSON path (the value itself is never repeated). */
export function findSecrets(value: unknown, at = '$'): string[] {
  if (typeof value === 'string') {
    const hit = PATTERNS.find(([, re]) => re.test(value));
    return hit ? [`${at} looks like ${hit[0]}`] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => findSecrets(v, `${at}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => {
      const path = `${at}.${k}`;
      if (SECRET_KEY.test(k) && typeof v === 'string' && v.length > 0) return [`${path} holds a value under a secret's name`];
      return findSecrets(v, path);
    });
  }
  return [];
}
