/**
 * CloudBase HTTP access (HTTP 访问服务): the function receives the request as an event and answers
 * with an integration response. Shapes as the platform documents them.
 */
export interface HttpEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string | undefined>;
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

export function text(statusCode: number, body: string): HttpResponse {
  return { statusCode, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body, isBase64Encoded: false };
}

export function isHttpEvent(e: unknown): e is HttpEvent {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return false;
  const r = e as Record<string, unknown>;
  return typeof r['httpMethod'] === 'string' && typeof r['path'] === 'string';
}

export function bodyText(e: HttpEvent): string {
  if (typeof e.body !== 'string') return '';
  return e.isBase64Encoded ? Buffer.from(e.body, 'base64').toString('utf8') : e.body;
}

export function query(e: HttpEvent, name: string): string {
  const v = e.queryStringParameters?.[name];
  return typeof v === 'string' ? v : '';
}
