import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { LocalCloud } from '../cloud';
import { isLoopbackHost } from '../cloud/storage';
import { err } from '../../shared/envelope';
import { openApiDocument } from '../../shared/openapi/document';
import { ROLE_LABELS } from '../../shared/roles';
import { CompressedCache, isCompressible, pickEncoding } from './compress';
import type { Role } from '../../shared/roles';

/** The stable demo identities, in the order the persona switcher lists them. */
export const PERSONA_OPENIDS = ['demo-dealer-a', 'demo-dealer-b', 'demo-clerk', 'demo-manager', 'demo-admin'] as const;

const MAX_BODY = 1024 * 1024;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

export interface AppOptions {
  cloud: LocalCloud;
  /** The H5 build to serve at /. */
  h5Dir: string;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      // Past the cap keep draining (so the client reads our 413) but keep nothing.
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** A file below `root`, or null when the path would escape it. */
function within(root: string, rel: string): string | null {
  const abs = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  return abs === path.resolve(root) || abs.startsWith(path.resolve(root) + path.sep) ? abs : null;
}

/** Built assets whose name carries a content hash (js/app.3f2a1b0c.js, css/app.9e1f….css) never change under that name. */
const HASHED = /\.[0-9a-f]{8,}\.(?:js|css)$/;

/** Cache policy of an H5 file: hashed assets for a year, the page itself revalidated, the rest an hour. */
export function cacheControlOf(p: string): string {
  if (p === '/' || p.endsWith('.html')) return 'no-cache';
  return HASHED.test(p) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600';
}

async function serveFile(req: http.IncomingMessage, res: http.ServerResponse, file: string, cache: string, compressed?: CompressedCache): Promise<boolean> {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return false;
  }
  if (!stat.isFile()) return false;
  const headers: Record<string, string | number> = {
    'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cache,
  };
  const encoding = compressed && isCompressible(file, stat.size) ? pickEncoding(req.headers['accept-encoding']) : null;
  // Whatever was chosen, caches must key this answer by what the client accepts.
  if (compressed && isCompressible(file, stat.size)) headers['vary'] = 'Accept-Encoding';
  if (encoding) {
    const body = await compressed!.body(file, stat, encoding);
    res.writeHead(200, { ...headers, 'content-encoding': encoding, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return true;
  }
  res.writeHead(200, { ...headers, 'content-length': stat.size });
  if (req.method === 'HEAD') res.end();
  else fs.createReadStream(file).pipe(res);
  return true;
}

/**
 * The local dev server: the H5 build of the mini-program, the endpoint through which
 * miniapp/src/services/cloud.ts reaches the functions, local storage files, and a few
 * read-only views for the persona switcher and tests. Loopback only: it listens on 127.0.0.1 and
 * answers only requests whose Host is a loopback name (127.0.0.1, localhost, [::1], any port).
 * Anyone who reaches it may act as any persona (x-local-openid), so a web page that rebinds its own
 * name to 127.0.0.1 (DNS rebinding) must not get in: its requests carry its own name as Host.
 */
export function createApp({ cloud, h5Dir }: AppOptions): http.Server {
  const compressed = new CompressedCache();
  return http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      console.error(e);
      if (!res.headersSent) send(res, 500, err('INTERNAL'));
      else res.end();
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const arrived = performance.now();
    if (!isLoopbackHost(req.headers.host)) {
      req.resume();
      return send(res, 403, err('FORBIDDEN', '本地服务只接受本机地址访问：请用 http://127.0.0.1 或 http://localhost 打开'));
    }
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const p = decodeURIComponent(url.pathname);

    const call = /^\/__cloud\/call\/([^/]+)$/.exec(p);
    if (call) {
      if (req.method !== 'POST') return send(res, 405, err('INVALID_INPUT', '请使用 POST 调用云函数'), { allow: 'POST' });
      const fn = call[1]!;
      if (!cloud.functionNames().includes(fn)) return send(res, 404, err('NOT_FOUND', `没有名为 ${fn} 的云函数`));
      const text = await readBody(req);
      if (text === null) return send(res, 413, err('INVALID_INPUT', '请求内容超过 1 MB'));
      let event: unknown;
      try {
        event = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return send(res, 400, err('INVALID_INPUT', '请求内容不是合法的 JSON'));
      }
      const header = req.headers['x-local-openid'];
      const openid = typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
      // As if the mini-program were bound to the brand's Open Platform account (docs/wecom.md, linkMe):
      // WeChat then gives every user a UNIONID; locally it is derived from the persona's openid.
      const unionid = openid ? `union-${openid}` : undefined;
      const invoked = performance.now();
      const cpu = process.cpuUsage();
      const result = await cloud.invoke(fn, event, { openid, unionid, source: 'wx_client', clientIp: req.socket.remoteAddress ?? undefined });
      // Where a call's time went, for the browser's resource timings (npm run bench -- h5): reading
      // the request, the invocation, and the server process's CPU meanwhile (its other work included).
      // https://www.w3.org/TR/server-timing/
      const used = process.cpuUsage(cpu);
      const timing = `read;dur=${(invoked - arrived).toFixed(1)}, fn;dur=${(performance.now() - invoked).toFixed(1)}, cpu;dur=${((used.user + used.system) / 1000).toFixed(1)}`;
      return send(res, 200, result, { 'server-timing': timing });
    }

    // CloudBase HTTP access, locally: /__http/<fn> reaches the function as an HTTP-access event (source wx_http).
    const httpFn = /^\/__http\/(wecom)$/.exec(p);
    if (httpFn) {
      const text = await readBody(req);
      if (text === null) return send(res, 413, err('INVALID_INPUT', '请求内容超过 1 MB'));
      const event = {
        path: `/${httpFn[1]!}`,
        httpMethod: req.method ?? 'GET',
        headers: req.headers,
        queryStringParameters: Object.fromEntries(url.searchParams),
        body: text,
        isBase64Encoded: false,
      };
      const out = (await cloud.invoke(httpFn[1]!, event, { source: 'wx_http', clientIp: req.socket.remoteAddress ?? undefined })) as {
        statusCode?: number;
        headers?: Record<string, string>;
        body?: string;
      } | null;
      res.writeHead(out?.statusCode ?? 200, out?.headers ?? { 'content-type': 'text/plain; charset=utf-8' });
      res.end(typeof out?.body === 'string' ? out.body : JSON.stringify(out));
      return;
    }

    // The open API (cloudfunctions/openapi), as CloudBase HTTP access with trigger path /openapi
    // delivers it: the same event shape, the path as requested (the signature covers it).
    if (p === '/openapi.json') return send(res, 200, openApiDocument(`http://${req.headers.host ?? '127.0.0.1'}/openapi`));
    if (p.startsWith('/openapi/')) {
      const text = await readBody(req);
      if (text === null) return send(res, 413, { error: { code: 'INVALID_INPUT', message: '请求内容超过 1 MB' } });
      const event = {
        path: url.pathname,
        httpMethod: req.method ?? 'GET',
        headers: req.headers,
        queryStringParameters: Object.fromEntries(url.searchParams),
        body: text,
        isBase64Encoded: false,
      };
      const out = (await cloud.invoke('openapi', event, { source: 'wx_http', clientIp: req.socket.remoteAddress ?? undefined })) as {
        statusCode?: number;
        headers?: Record<string, string>;
        body?: string;
      } | null;
      res.writeHead(out?.statusCode ?? 500, out?.headers ?? { 'content-type': 'application/json; charset=utf-8' });
      res.end(typeof out?.body === 'string' ? out.body : JSON.stringify(out));
      return;
    }

    // WeChat's subscription-consent dialog, for the local H5 build (miniapp services/persona.ts):
    // the persona tapped 允许 for these template ids, so WeChat's side now holds one grant of each.
    if (p === '/__cloud/subscribe') {
      if (req.method !== 'POST') return send(res, 405, err('INVALID_INPUT', '请使用 POST'), { allow: 'POST' });
      const header = req.headers['x-local-openid'];
      const openid = typeof header === 'string' ? header.trim() : '';
      if (!openid) return send(res, 400, err('UNAUTHENTICATED', '缺少 x-local-openid'));
      const text = await readBody(req);
      let tmplIds: unknown;
      try {
        tmplIds = (JSON.parse(text ?? '') as { tmplIds?: unknown }).tmplIds;
      } catch {
        return send(res, 400, err('INVALID_INPUT', '请求内容不是合法的 JSON'));
      }
      if (
        !Array.isArray(tmplIds) ||
        tmplIds.length === 0 ||
        tmplIds.length > 5 ||
        !tmplIds.every((t) => typeof t === 'string' && t.length > 0 && t.length <= 128)
      ) {
        return send(res, 400, err('INVALID_INPUT', 'tmplIds 须为 1–5 个模板 id'));
      }
      return send(res, 200, cloud.acceptSubscription(openid, tmplIds as string[]));
    }

    // The local pay sheet of the H5 build (miniapp packages/pay): the persona confirmed paying a trade
    // cloudPay.unifiedOrder made for it, so WeChat Pay marks it paid and cloud payment calls the
    // callback function back — `deliveries` times (1–3): more than once shows a repeated callback
    // records one payment. Only the payer's own trade (x-local-openid), as only the payer sees the sheet.
    if (p === '/__cloud/pay') {
      if (req.method !== 'POST') return send(res, 405, err('INVALID_INPUT', '请使用 POST'), { allow: 'POST' });
      const header = req.headers['x-local-openid'];
      const openid = typeof header === 'string' ? header.trim() : '';
      if (!openid) return send(res, 400, err('UNAUTHENTICATED', '缺少 x-local-openid'));
      let body: { outTradeNo?: unknown; deliveries?: unknown } = {};
      try {
        body = JSON.parse((await readBody(req)) ?? '') as typeof body;
      } catch {
        return send(res, 400, err('INVALID_INPUT', '请求内容不是合法的 JSON'));
      }
      const deliveries = body.deliveries === undefined ? 1 : body.deliveries;
      if (typeof body.outTradeNo !== 'string' || !/^[0-9A-Za-z_-]{1,32}$/.test(body.outTradeNo) || ![1, 2, 3].includes(deliveries as number)) {
        return send(res, 400, err('INVALID_INPUT', 'outTradeNo 须为商户订单号，deliveries 为 1–3'));
      }
      const callbacks = await cloud.pay(body.outTradeNo, openid, deliveries as number);
      if (!callbacks) return send(res, 404, err('NOT_FOUND', '支付单不存在，或不是当前身份发起的'));
      return send(res, 200, { ok: true, data: { callbacks } });
    }

    // wx.cloud.uploadFile, for the local H5 build (the 申请加盟 licence photo, a return's photos, a push task's images): the
    // bytes go straight into local storage. Only under the folders the app uploads to, only with the
    // persona header (a custom header: a page of another origin cannot send it without a preflight
    // this server never grants), 5 MB at most.
    if (p === '/__cloud/upload') {
      const cloudPath = url.searchParams.get('cloudPath') ?? '';
      const abs = /^(?:licences|returns|push)\/[a-z0-9-]{1,64}\.(?:jpg|png)$/.test(cloudPath) ? cloud.storage.fileOf(cloudPath) : null;
      if (req.method !== 'POST' || !abs || typeof req.headers['x-local-openid'] !== 'string') {
        req.resume();
        return send(res, 400, err('INVALID_INPUT', '上传须为 POST，路径形如 licences/、returns/ 或 push/<名称>.jpg，并带 x-local-openid'));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const c of req as AsyncIterable<Buffer>) {
        size += c.length;
        if (size <= 5 * 1024 * 1024) chunks.push(c);
      }
      if (size > 5 * 1024 * 1024) return send(res, 413, err('INVALID_INPUT', '照片超过 5 MB'));
      fs.mkdirSync(path.dirname(abs), { recursive: true });
      fs.writeFileSync(abs, Buffer.concat(chunks));
      return send(res, 200, { fileID: cloud.storage.fileIdOf(cloudPath) });
    }

    if (p === '/__cloud/personas') {
      const users = cloud.store.all('users') as unknown as Array<{ openid: string; name: string; role: Role; dealerId: string | null }>;
      const dealers = new Map(cloud.store.all('dealers').map((d) => [d._id, d as unknown as { name: string }]));
      const personas = PERSONA_OPENIDS.map((openid) => {
        const u = users.find((x) => x.openid === openid);
        return {
          openid,
          name: u?.name ?? openid,
          role: u?.role ?? null,
          roleLabel: u ? ROLE_LABELS[u.role] : '未登记',
          dealerName: u?.dealerId ? (dealers.get(u.dealerId)?.name ?? null) : null,
        };
      });
      return send(res, 200, personas);
    }

    if (p === '/__cloud/messages') {
      return send(res, 200, cloud.subscribeMessages(url.searchParams.get('touser') ?? undefined));
    }

    if (p === '/__cloud/health') {
      return send(res, 200, { ok: true, env: cloud.envId, functions: cloud.functionNames() });
    }

    if (p.startsWith('/__storage/')) {
      const file = within(cloud.storage.root, p.slice('/__storage/'.length));
      if (file && (await serveFile(req, res, file, 'public, max-age=60'))) return;
      return send(res, 404, err('NOT_FOUND', '文件不存在'));
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, err('INVALID_INPUT', '不支持的请求方法'));
    const file = within(h5Dir, p === '/' ? 'index.html' : p);
    if (file && (await serveFile(req, res, file, cacheControlOf(p), compressed))) return;
    // Unknown paths fall back to the app (hash routing keeps routes client-side anyway).
    const index = path.join(h5Dir, 'index.html');
    if (await serveFile(req, res, index, 'no-cache', compressed)) return;
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('H5 构建不存在：请先运行 npm run build:h5（npm start 会自动构建）');
  }
}

export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
