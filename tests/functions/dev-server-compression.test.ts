import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { createApp, listen } from '../../mocks/server/app';
import { pickEncoding, precompress } from '../../mocks/server/compress';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A GET that keeps the body as sent (fetch would decompress it). */
function get(url: string, acceptEncoding?: string): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
  });
}

const decode = (r: Raw): Buffer =>
  r.headers['content-encoding'] === 'br' ? zlib.brotliDecompressSync(r.body) : r.headers['content-encoding'] === 'gzip' ? zlib.gunzipSync(r.body) : r.body;

describe('the local dev server sends the H5 build compressed', () => {
  let t: TestCloud;
  let server: http.Server;
  let base: string;
  let h5Dir: string;
  /** A script like the build's: repetitive text, a content hash in its name. */
  const script = Buffer.from(Array.from({ length: 4000 }, (_, i) => `export const item${i % 50} = "青禾 ${i % 7}";\n`).join(''));
  const scriptPath = 'js/app.3f2a1b0c.js';

  beforeAll(async () => {
    t = createTestCloud({ standardCollections: false });
    h5Dir = path.join(t.dir, 'h5');
    fs.mkdirSync(path.join(h5Dir, 'js'), { recursive: true });
    fs.writeFileSync(path.join(h5Dir, 'index.html'), `<div id="app"></div>${' '.repeat(2000)}`);
    fs.writeFileSync(path.join(h5Dir, scriptPath), script);
    server = createApp({ cloud: t.cloud, h5Dir });
    base = `http://127.0.0.1:${await listen(server, 0)}`;
  });
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    t.cleanup();
  });

  it('answers brotli or gzip as the browser asks, a fraction of the size, with Vary and a year of caching for hashed assets', async () => {
    const br = await get(`${base}/${scriptPath}`, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['vary']).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.body.length).toBeLessThan(script.length / 4);
    expect(decode(br).equals(script)).toBe(true);
    const gz = await get(`${base}/${scriptPath}`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(decode(gz).equals(script)).toBe(true);
    const page = await get(`${base}/`, 'br');
    expect([page.headers['content-encoding'], page.headers['cache-control']]).toEqual(['br', 'no-cache']);
  });

  it('answers uncompressed when the client accepts no encoding it can use', async () => {
    for (const accept of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
      const plain = await get(`${base}/${scriptPath}`, accept);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers['vary']).toBe('Accept-Encoding');
      expect(plain.body.equals(script)).toBe(true);
    }
    expect(pickEncoding('gzip;q=1, br;q=0')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
  });

  it('serves the siblings precompressed at build end, and ignores a sibling older than its file', async () => {
    const first = await precompress(h5Dir);
    expect(first).toMatchObject({ files: 2, skipped: 0 });
    expect(first.br).toBeLessThan(first.raw / 4);
    const sibling = fs.readFileSync(path.join(h5Dir, `${scriptPath}.br`));
    expect((await get(`${base}/${scriptPath}`, 'br')).body.equals(sibling)).toBe(true);
    expect((await precompress(h5Dir)).skipped).toBe(2);
    // A rebuild rewrites the file: the old sibling no longer answers for it.
    const changed = Buffer.concat([script, Buffer.from('export const late = 1;\n')]);
    const file = path.join(h5Dir, scriptPath);
    fs.writeFileSync(file, changed);
    const later = new Date(fs.statSync(`${file}.br`).mtimeMs + 5000);
    fs.utimesSync(file, later, later);
    expect(decode(await get(`${base}/${scriptPath}`, 'br')).equals(changed)).toBe(true);
  });
});
