import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signing (spec: https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md,
 * "Signature scheme"): HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>` keyed with the
 * bytes of the secret after `whsec_` (base64), sent as `v1,<base64>`. The event id is the
 * webhook-id, so the receiver's de-duplication by it makes at-least-once sending exactly-once.
 */
/** The decoded key of each secret seen (an instance signs with a handful): decoded once, not per attempt. */
const keys = new Map<string, Buffer>();

export function signatureOf(secret: string, id: string, timestampSec: number, body: string): string {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 100) keys.clear();
    keys.set(secret, (key = Buffer.from(secret.slice('whsec_'.length), 'base64')));
  }
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSec}.${body}`).digest('base64')}`;
}

/** The headers of one attempt (the timestamp is the attempt's, so receivers can refuse stale replays). */
export function webhookHeaders(secret: string, id: string, nowMs: number, body: string): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signatureOf(secret, id, timestamp, body),
  };
}
