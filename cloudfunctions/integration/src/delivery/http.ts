import http from 'node:http';
import https from 'node:https';

/**
 * One POST to a partner, over Node's http/https (the function may run on Node 16, which has no
 * fetch). Redirects are not followed (a 3xx is a failure the partner has to fix). Connections are
 * kept alive per instance: a batch to one partner reuses them. Under jest (NODE_ENV=test) or with
 * INTEGRATION_LOOPBACK_ONLY=1 a non-loopback URL is refused before any socket opens.
 */
export const SEND_TIMEOUT_MS = 10_000;
/** At most this much of a partner's answer is read (it is only shortened into lastError). */
const MAX_ANSWER_BYTES = 2048;

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 32 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 32 }),
};

export interface PostResult {
  /** The HTTP status, or null when no answer came (network error, timeout). */
  status: number | null;
  /** A short description for lastError: the start of the answer, or the network error. */
  note: string;
}

export type Sender = (url: string, headers: Record<string, string>, body: string) => Promise<PostResult>;

function loopbackOnly(): boolean {
  return process.env['NODE_ENV'] === 'test' || process.env['INTEGRATION_LOOPBACK_ONLY'] === '1';
}

interface Target {
  target: URL;
  refused: boolean;
  /** The request options of the URL (http.request would convert the URL object on every attempt). */
  options: http.RequestOptions;
}

/** Each subscription URL parsed once per instance, with whether it may be reached here (every attempt asked again otherwise). */
const targets = new Map<string, Target>();
function targetOf(url: string): Target {
  let hit = targets.get(url);
  if (!hit) {
    const target = new URL(url);
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname);
    const https = target.protocol === 'https:';
    const options: http.RequestOptions = {
      protocol: target.protocol,
      // An IPv6 literal is bracketed in a URL, not in request options.
      hostname: target.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: target.port || (https ? 443 : 80),
      path: `${target.pathname}${target.search}`,
      method: 'POST',
      agent: agents[https ? 'https:' : 'http:'],
      timeout: SEND_TIMEOUT_MS,
    };
    if (targets.size > 100) targets.clear();
    targets.set(url, (hit = { target, refused: loopbackOnly() && !loopback, options }));
  }
  return hit;
}

export const post: Sender = (url, headers, body) => {
  const { target, refused, options } = targetOf(url);
  if (refused) return Promise.resolve({ status: null, note: `refusing to reach ${target.host}: loopback only here` });
  const lib = target.protocol === 'https:' ? https : http;
  const payload = Buffer.from(body, 'utf8');
  return new Promise((resolve) => {
    const req = lib.request(
      {
        ...options,
        headers: { ...headers, 'content-length': String(payload.length), 'user-agent': 'dealer-channel-webhooks/1' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(c);
          size += c.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? null, note: Buffer.concat(chunks).toString('utf8').slice(0, 200) }));
        res.on('error', (e) => resolve({ status: res.statusCode ?? null, note: e.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${SEND_TIMEOUT_MS} ms`)));
    req.on('error', (e) => resolve({ status: null, note: e.message.slice(0, 200) }));
    req.end(payload);
  });
};
