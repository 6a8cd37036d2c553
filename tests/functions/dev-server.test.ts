import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createApp, listen } from '../../mocks/server/app';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';

/** A raw request, so the test sets the Host header a browser would send. */
function request(
  url: string,
  opts: { method?: string; host?: string | null; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    // host null: no Host header at all (an HTTP/1.0-style request).
    const hostHeader = typeof opts.host === 'string' ? { host: opts.host } : {};
    const req = http.request(url, { method: opts.method ?? 'GET', setHost: opts.host !== null, headers: { ...hostHeader, ...opts.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('the local dev server (npm start) only serves this machine', () => {
  let t: TestCloud;
  let server: http.Server;
  let base: string;
  let port: number;

  beforeAll(async () => {
    t = createTestCloud();
    await t.db
      .collection('users')
      .add({ data: { openid: 'demo-admin', name: '品牌管理员', role: 'admin', dealerId: null, mobile: null, status: 'active', createdAt: 0 } });
    const h5Dir = path.join(t.dir, 'h5');
    fs.mkdirSync(h5Dir);
    fs.writeFileSync(path.join(h5Dir, 'index.html'), '<div id="app"></div>');
    server = createApp({ cloud: t.cloud, h5Dir });
    port = await listen(server, 0);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    t.cleanup();
  });

  const callMe = (host: string | null | undefined) =>
    request(`${base}/__cloud/call/users`, {
      method: 'POST',
      host,
      headers: { 'content-type': 'application/json', 'x-local-openid': 'demo-admin' },
      body: JSON.stringify({ action: 'me' }),
    });

  it('answers requests whose Host is 127.0.0.1, localhost or [::1] with any port', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, '127.0.0.1', 'localhost', `LocalHost:${port}`, '[::1]']) {
      const res = await callMe(host);
      expect({ host, status: res.status }).toEqual({ host, status: 200 });
      expect(JSON.parse(res.body)).toEqual({ ok: true, data: expect.objectContaining({ registered: true, role: 'admin' }) });
    }
  });

  it('refuses every request whose Host is another name (a DNS-rebinding page), before any function runs', async () => {
    const before = t.cloud.counters.database;
    const hosts = [
      'evil.example',
      `evil.example:${port}`,
      `127.0.0.1.evil.example:${port}`,
      `localhost.evil.example`,
      `[::2]:${port}`,
      '127.0.0.2',
      `127.0.0.1:${port}@evil.example`,
      null,
    ];
    for (const host of hosts) {
      // No Host at all: Node's HTTP server refuses it itself (400); any other name gets our 403.
      const refused = host === null ? 400 : 403;
      const res = await callMe(host);
      expect({ host, status: res.status }).toEqual({ host, status: refused });
      if (host !== null) expect(JSON.parse(res.body)).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
      for (const p of ['/', '/__cloud/personas', '/__cloud/messages', '/__storage/x.png']) {
        expect({ host, p, status: (await request(`${base}${p}`, { host })).status }).toEqual({ host, p, status: refused });
      }
    }
    // No function ran: nothing reached the database.
    expect(t.cloud.counters.database).toBe(before);
  });

  it('lets only this run’s SDK write to storage: an upload without the per-run authorization is refused and the stored file kept', async () => {
    const cloudPath = 'campaign-codes/test/kept.png';
    const { fileID } = (await t.sdk.uploadFile({ cloudPath, fileContent: Buffer.from('the real image') })) as { fileID: string };
    expect(fileID).toContain(cloudPath);
    const file = path.join(t.cloud.storage.root, cloudPath);
    expect(fs.readFileSync(file, 'utf8')).toBe('the real image');

    const meta = (await t.cloud.storage.uploadMetadata(cloudPath)) as { data: { url: string; authorization: string } };
    const other = (await t.cloud.storage.uploadMetadata('campaign-codes/test/other.png')) as { data: { authorization: string } };
    const uploadHost = new URL(meta.data.url).host;
    const attempts: Array<[string, { host?: string; headers?: Record<string, string> }]> = [
      ['no authorization', {}],
      ['a made-up authorization', { headers: { authorization: 'local' } }],
      ['the authorization of another path', { headers: { authorization: other.data.authorization } }],
      ['the right authorization from a rebinding page', { host: 'evil.example', headers: { authorization: meta.data.authorization } }],
    ];
    for (const [what, opts] of attempts) {
      const res = await request(meta.data.url, { method: 'PUT', ...opts, body: 'overwritten' });
      expect({ what, status: res.status }).toEqual({ what, status: 403 });
      expect(res.body).toContain('AccessDenied');
      expect(fs.readFileSync(file, 'utf8')).toBe('the real image');
    }
    // What the SDK sends (the metadata's authorization, to a loopback host) still works.
    const ok = await request(meta.data.url, { method: 'PUT', host: uploadHost, headers: { authorization: meta.data.authorization }, body: 'new image' });
    expect(ok.status).toBe(200);
    expect(fs.readFileSync(file, 'utf8')).toBe('new image');
  });

  it('serves the open API’s OpenAPI document and routes /openapi/* to the openapi function as HTTP access does', async () => {
    const doc = await request(`${base}/openapi.json`, {});
    expect([doc.status, (JSON.parse(doc.body) as { openapi: string }).openapi]).toEqual([200, '3.1.0']);
    process.env['INTEGRATION_SECRET_KEY'] ??= randomBytes(32).toString('base64');
    const created = (await t.cloud.invoke(
      'openapi',
      { action: 'createPartnerKey', partner: 'dev-test', name: '本地', scopes: ['orders:read'] },
      { source: 'wx_devtools' },
    )) as { data: { key: { keyId: string }; secret: string } };
    const { key, secret } = created.data;
    const [pathSigned, timestamp, nonce] = ['/openapi/v1/orders?limit=1', String(Math.floor(Date.now() / 1000)), randomBytes(16).toString('hex')];
    const bodyHash = createHash('sha256').update('').digest('hex');
    const signature = createHmac('sha256', secret).update(`GET\n${pathSigned}\n${timestamp}\n${nonce}\n${bodyHash}`).digest('base64');
    const headers = { 'x-partner-key': key.keyId, 'x-timestamp': timestamp, 'x-nonce': nonce, 'x-signature': signature };
    const signed = await request(`${base}/openapi/v1/orders?limit=1`, { headers });
    expect([signed.status, JSON.parse(signed.body)]).toEqual([200, { orders: [], nextCursor: expect.any(String) }]);
    const unsigned = await request(`${base}/openapi/v1/orders`, {});
    expect([unsigned.status, (JSON.parse(unsigned.body) as { error: { code: string } }).error.code]).toEqual([401, 'UNSIGNED']);
  });
});
