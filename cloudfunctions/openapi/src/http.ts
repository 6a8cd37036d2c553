import type { OpenApiErrorCode } from '@shared/openapi/types';

/**
 * CloudBase HTTP access (HTTP 访问服务): the request reaches the function as an event with path,
 * httpMethod, headers, queryStringParameters, body and isBase64Encoded, and the function answers
 * with statusCode, headers, body (and isBase64Encoded) — "Access Cloud Functions via HTTP",
 * https://docs.cloudbase.net/en/service/access-cloud-function
 */
export interface HttpEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string | string[] | undefined>;
  queryStringParameters: Record<string, string | undefined> | null;
  body: string | null;
  isBase64Encoded: boolean;
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export function isHttpEvent(e: unknown): e is HttpEvent {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return false;
  const r = e as Record<string, unknown>;
  return typeof r['httpMethod'] === 'string' && typeof r['path'] === 'string';
}

/** A header by name, whatever case the platform delivered it in (the first value when repeated). */
export function header(e: HttpEvent, name: string): string {
  const want = name.toLowerCase();
  for (const [k, v] of Object.entries(e.headers ?? {})) {
    if (k.toLowerCase() !== want) continue;
    const value = Array.isArray(v) ? v[0] : v;
    return typeof value === 'string' ? value.trim() : '';
  }
  return '';
}

/** The body exactly as the partner sent it (the signature covers these bytes). */
export function bodyText(e: HttpEvent): string {
  if (typeof e.body !== 'string') return '';
  return e.isBase64Encoded ? Buffer.from(e.body, 'base64').toString('utf8') : e.body;
}

export function json(statusCode: number, body: unknown): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

const STATUS: Record<OpenApiErrorCode, number> = {
  UNSIGNED: 401,
  BAD_SIGNATURE: 401,
  STALE: 401,
  REPLAYED: 409,
  OUT_OF_SCOPE: 403,
  RATE_LIMITED: 429,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
};

/** A refusal of the open API: `{ error: { code, message } }` with the code's HTTP status. */
export class ApiError {
  constructor(
    readonly code: OpenApiErrorCode,
    readonly message: string,
  ) {}

  response(): HttpResponse {
    return json(STATUS[this.code], { error: { code: this.code, message: this.message } });
  }
}
