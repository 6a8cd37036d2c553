import http from 'node:http';

/**
 * The CloudBase HTTP gateway as far as `cloud.ai()` uses it. @cloudbase/node-sdk sends AI calls
 * through its open-API requester (dist/utils/tcbopenapicommonrequester), not the one the
 * database uses: first `POST /auth/v1/token/clientCredential` for a bearer token, then
 * `POST /v1/ai/{provider}/chat/completions` (dist/ai/request-adapter). The local cloud answers the
 * token itself and forwards the model calls to the fake model on loopback (./fake-model.ts); the
 * SDK turns the answer into generateText's result or error exactly as in the cloud.
 */
export interface GatewayArgs {
  method?: string;
  path?: string;
  url?: string;
  data?: unknown;
  headers?: Record<string, string>;
  opts?: { timeout?: number; stream?: boolean };
}

export interface GatewayReply {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  body: string | http.IncomingMessage;
}

const json = (statusCode: number, body: unknown): GatewayReply => ({ statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The gateway path of a request the SDK built against `https://{env}.api.tcloudbasegateway.com`. */
export function gatewayPath(args: GatewayArgs): string {
  if (args.path) return args.path;
  try {
    return new URL(String(args.url)).pathname;
  } catch {
    return '';
  }
}

/** Answer one gateway request; `aiUrl` is the fake model's base URL, or null when none runs. */
export async function answerGateway(args: GatewayArgs, aiUrl: string | null): Promise<GatewayReply> {
  const path = gatewayPath(args);
  if (path === '/auth/v1/token/clientCredential') return json(200, { access_token: 'local-cloud-token', token_type: 'Bearer', expires_in: 7200 });
  if (!path.startsWith('/v1/ai/')) return json(404, { code: 'NOT_FOUND', message: `local cloud does not implement the gateway path ${path}` });
  // Like an environment whose AI switch is off: the caller sees an error and must cope.
  if (!aiUrl) return json(503, { code: 'AI_UNAVAILABLE', message: 'local cloud: no fake model is running (mocks/cloud/ai/fake-model.ts)' });
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(aiUrl)) throw new Error(`local cloud: the fake model must be on loopback, got ${aiUrl}`);
  return post(`${aiUrl}${path}`, args.data, args.opts?.timeout ?? 15_000, args.opts?.stream === true);
}

function post(url: string, data: unknown, timeoutMs: number, stream: boolean): Promise<GatewayReply> {
  return new Promise((resolve, reject) => {
    const body = typeof data === 'string' ? data : JSON.stringify(data ?? {});
    // A connection per call (agent: false): a kept-alive socket the fake closed while idle would be reused and reset.
    const req = http.request(
      url,
      { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        if (stream) return resolve({ statusCode: res.statusCode ?? 500, headers: res.headers, body: res });
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 500, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // As the SDK's own requester does when the server is silent past `timeout`.
    req.setTimeout(timeoutMs, () => req.destroy(Object.assign(new Error(`ESOCKETTIMEDOUT: no answer in ${timeoutMs} ms`), { code: 'ESOCKETTIMEDOUT' })));
    req.on('error', reject);
    req.end(body);
  });
}
