import type { SealedSecret } from '../integration/webhooks';

/**
 * What a partner's API key may do. A key carries the scopes an admin gave it; a request to an
 * operation whose scope the key lacks is refused (OUT_OF_SCOPE) before anything is written.
 */
export const PARTNER_SCOPES = [
  'orders:read',
  'shipments:write',
  'stock:write',
  'payments:write',
  'receivables:read',
  'credit:write',
  'catalog:read',
  'catalog:write',
] as const;
export type PartnerScope = (typeof PARTNER_SCOPES)[number];

/** The stable codes of the open API's refusals, as `{ error: { code, message } }`. */
export const OPENAPI_ERROR_CODES = [
  'UNSIGNED',
  'BAD_SIGNATURE',
  'STALE',
  'REPLAYED',
  'OUT_OF_SCOPE',
  'RATE_LIMITED',
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_IN_PROGRESS',
  'INTERNAL',
] as const;
export type OpenApiErrorCode = (typeof OPENAPI_ERROR_CODES)[number];

/** A signed request's timestamp may differ from the server's clock by at most this much (either way). */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/** Requests a key may make per minute unless the admin set another limit. */
export const DEFAULT_RATE_PER_MINUTE = 120;

/** partner_keys/<keyId>: one credential of one partner; the secret only sealed (AAD = the key id). */
export interface PartnerKeyDoc {
  partner: string;
  name: string;
  scopes: PartnerScope[];
  secret: SealedSecret;
  ratePerMinute: number;
  status: 'active' | 'revoked';
  createdAt: number;
  createdBy: string;
  revokedAt: number | null;
}

/** api_nonces/<keyId>:<hash of the nonce>: a nonce seen within the window; the cleanup timer removes it after `expiresAt`. */
export interface ApiNonceDoc {
  keyId: string;
  expiresAt: number;
}

/** api_rate/<keyId>:<minute>: a fixed-window counter, incremented in the transaction that records the nonce. */
export interface ApiRateDoc {
  keyId: string;
  count: number;
  expiresAt: number;
}

/** api_writes/<hash of partner, kind and the partner's id>: a write applied once, with what it answered. */
export interface ApiWriteDoc {
  partner: string;
  kind: 'shipment';
  externalId: string;
  result: unknown;
  at: number;
}

/** How long an Idempotency-Key's first answer is kept: a partner retrying later than this runs the write again (natural keys still hold). */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;

/** A claim that has not finished within this long is taken to have died (a crash between the write and saving its answer). */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/**
 * api_idempotency/<hash of partner and Idempotency-Key>: the first request under a key — the hash
 * of its method, path and body, and once done its answer (status and JSON text) — so the same key
 * with the same request answers the same, and with another request is refused.
 */
export interface ApiIdempotencyDoc {
  partner: string;
  operationId: string;
  requestHash: string;
  state: 'pending' | 'done';
  status: number;
  body: string;
  at: number;
  expiresAt: number;
}
