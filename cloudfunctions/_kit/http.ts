/**
 * CloudBase HTTP access (HTTP 访问服务): the request reaches the function as an event with path,
 * httpMethod, headers, queryStringParameters, body and isBase64Encoded, and the function answers
 * with statusCode, headers, body (and isBase64Encoded) — "Access Cloud Functions via HTTP",
 * https://docs.cloudbase.net/en/service/access-cloud-function. Used by every function reached over
 * HTTP (wecom's callback, openapi).
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

/** The body exactly as the caller sent it (a signature covers these bytes). */
export function bodyText(e: HttpEvent): string {
  if (typeof e.body !== 'string') return '';
  return e.isBase64Encoded ? Buffer.from(e.body, 'base64').toString('utf8') : e.body;
}

/** A query parameter, or '' when absent. */
export function query(e: HttpEvent, name: string): string {
  const v = e.queryStringParameters?.[name];
  return typeof v === 'string' ? v : '';
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

const answer = (statusCode: number, contentType: string, body: string): HttpResponse => ({
  statusCode,
  headers: { 'content-type': contentType, 'cache-control': 'no-store' },
  body,
  isBase64Encoded: false,
});

export const text = (statusCode: number, body: string): HttpResponse => answer(statusCode, 'text/plain; charset=utf-8', body);
export const json = (statusCode: number, body: unknown): HttpResponse => answer(statusCode, 'application/json; charset=utf-8', JSON.stringify(body));
