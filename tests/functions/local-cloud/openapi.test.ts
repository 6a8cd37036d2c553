/**
 * Open APIs and storage through a real cloud function: fixtures/functions/probe calls
 * wx-server-sdk's openapi and storage exactly as a deployed function would; the local cloud
 * answers like the documented APIs (and enforces config.json permissions.openapi).
 */
import type http from 'node:http';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { createApp, listen } from '../../../mocks/server/app';
import { createTestCloud } from '../../helpers/local-cloud';
import type { TestCloud } from '../../helpers/local-cloud';

/* eslint-disable @typescript-eslint/no-explicit-any -- function results are JSON */

const FUNCTIONS = path.join(__dirname, 'fixtures', 'functions');
const PAGE = 'pages/order/detail';
const OPENID = 'o-probe-user';

let t: TestCloud;
let server: http.Server;

beforeAll(async () => {
  t = createTestCloud({ functionsDir: FUNCTIONS, standardCollections: false });
  // The dev server serves storage files at the temp URLs' /__storage/ path.
  server = createApp({ cloud: t.cloud, h5Dir: path.join(t.dir, 'no-h5') });
  const port = await listen(server, 0);
  t.cloud.publicUrl = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  t.cleanup();
});

const probe = (event: unknown, fn = 'probe') => t.cloud.invoke(fn, event, { openid: OPENID }) as Promise<any>;

function decodeQr(base64: string): string | null {
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

const message = (thing: string) => ({
  touser: OPENID,
  templateId: 'tmpl-order-shipped',
  page: 'pages/order/detail?id=o1',
  miniprogramState: 'developer',
  data: { thing1: { value: thing }, number2: { value: '3' }, time3: { value: '2024-05-01 10:00' } },
});

describe('wxacode.getUnlimited', () => {
  test('returns a PNG whose QR code is a URL naming the page and the scene', async () => {
    const scene = 'o=abc&d=12';
    const res = await probe({ action: 'code', args: { scene, page: PAGE, checkPath: false, width: 300 } });
    expect(res.ok).toBe(true);
    expect(res.result.contentType).toBe('image/png');
    const png = Buffer.from(res.result.png, 'base64');
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const text = decodeQr(res.result.png);
    expect(text).not.toBeNull();
    expect(text).toContain(PAGE);
    expect(decodeURIComponent(new URL(text!.replace('#/', '')).searchParams.get('scene')!)).toBe(scene);
    expect(text!.startsWith(t.cloud.publicUrl)).toBe(true);
  });

  test('a scene of 32 characters is accepted and one of 33 is refused with 40169', async () => {
    expect((await probe({ action: 'code', args: { scene: 'a'.repeat(32), page: PAGE, checkPath: false } })).ok).toBe(true);
    const res = await probe({ action: 'code', args: { scene: 'a'.repeat(33), page: PAGE, checkPath: false } });
    expect(res).toMatchObject({ ok: false, errCode: 40169 });
  });

  test('a scene with a character outside the documented set is refused with 40169', async () => {
    for (const scene of ['有中文', 'a b', 'a%20b', 'x"y']) {
      expect(await probe({ action: 'code', args: { scene, page: PAGE, checkPath: false } })).toMatchObject({ ok: false, errCode: 40169 });
    }
  });

  test('a function whose config.json does not declare the API gets -604101', async () => {
    const res = await probe({ action: 'code', args: { scene: 'a=1', page: PAGE, checkPath: false } }, 'noperm');
    expect(res).toMatchObject({ ok: false, errCode: -604101 });
  });
});

describe('subscribeMessage.send', () => {
  /** The user taps 允许 for the template in the consent dialog: one message may be sent. */
  const consent = () => t.cloud.acceptSubscription(OPENID, ['tmpl-order-shipped']);

  test('a valid message to a user who accepted the template is recorded and visible through cloud.subscribeMessages(openid)', async () => {
    consent();
    const before = t.cloud.subscribeMessages(OPENID).length;
    const res = await probe({ action: 'send', args: message('您的订单已发货') });
    expect(res).toMatchObject({ ok: true, result: { errCode: 0 } });
    const sent = t.cloud.subscribeMessages(OPENID);
    expect(sent).toHaveLength(before + 1);
    expect(sent.at(-1)).toMatchObject({
      touser: OPENID,
      templateId: 'tmpl-order-shipped',
      page: 'pages/order/detail?id=o1',
      miniprogramState: 'developer',
      data: { thing1: { value: '您的订单已发货' }, number2: { value: '3' } },
    });
    expect(t.cloud.subscribeMessages('someone-else')).toEqual([]);
  });

  test('without an accepted grant the send is refused with 43101, as WeChat does, and nothing is recorded', async () => {
    expect(t.cloud.subscriptionGrants(OPENID)).toEqual({});
    const before = t.cloud.subscribeMessages().length;
    expect(await probe({ action: 'send', args: message('您的订单已发货') })).toMatchObject({ ok: false, errCode: 43101 });
    expect(t.cloud.subscribeMessages()).toHaveLength(before);
  });

  test('each 允许 is worth one message: two grants send two, the third send is refused', async () => {
    consent();
    consent();
    expect(t.cloud.subscriptionGrants(OPENID)).toEqual({ 'tmpl-order-shipped': 2 });
    // A grant of another template or for another user does not count.
    t.cloud.acceptSubscription(OPENID, ['tmpl-order-approved']);
    t.cloud.acceptSubscription('someone-else', ['tmpl-order-shipped']);
    const before = t.cloud.subscribeMessages(OPENID).length;
    expect(await probe({ action: 'send', args: message('第一条') })).toMatchObject({ ok: true });
    expect(await probe({ action: 'send', args: message('第二条') })).toMatchObject({ ok: true });
    expect(await probe({ action: 'send', args: message('第三条') })).toMatchObject({ ok: false, errCode: 43101 });
    expect(
      t.cloud
        .subscribeMessages(OPENID)
        .slice(before)
        .map((m) => m.data['thing1']!.value),
    ).toEqual(['第一条', '第二条']);
    expect(t.cloud.subscriptionGrants(OPENID)).toEqual({ 'tmpl-order-approved': 1 });
  });

  test('a thing keyword of 20 characters is accepted and one over 20 is refused, not recorded and uses no grant', async () => {
    consent();
    expect((await probe({ action: 'send', args: message('一'.repeat(20)) })).ok).toBe(true);
    consent();
    const before = t.cloud.subscribeMessages(OPENID).length;
    const res = await probe({ action: 'send', args: message('一'.repeat(21)) });
    expect(res).toMatchObject({ ok: false, errCode: 47003 });
    expect(t.cloud.subscribeMessages(OPENID)).toHaveLength(before);
    expect(t.cloud.subscriptionGrants(OPENID)['tmpl-order-shipped']).toBe(1);
    // Use it, so the next test starts with none of this template.
    expect((await probe({ action: 'send', args: message('收尾') })).ok).toBe(true);
  });

  test('the dev server plays the consent dialog for the local H5 build: POST /__cloud/subscribe gives the persona one grant per template', async () => {
    const url = `${t.cloud.publicUrl}/__cloud/subscribe`;
    const post = (body: string, openid?: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(openid ? { 'x-local-openid': openid } : {}) }, body });
    const res = await post(JSON.stringify({ tmplIds: ['tmpl-order-shipped'] }), OPENID);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ 'tmpl-order-shipped': 'accept' });
    expect(await probe({ action: 'send', args: message('本地对话框允许后发送') })).toMatchObject({ ok: true });
    expect(t.cloud.subscriptionGrants(OPENID)['tmpl-order-shipped']).toBeUndefined();
    // No persona, or not a list of template ids: refused, nothing granted.
    expect((await post(JSON.stringify({ tmplIds: ['tmpl-order-shipped'] }))).status).toBe(400);
    expect((await post(JSON.stringify({ tmplIds: 'tmpl-order-shipped' }), OPENID)).status).toBe(400);
    expect((await post('not json', OPENID)).status).toBe(400);
    expect(t.cloud.subscriptionGrants(OPENID)['tmpl-order-shipped']).toBeUndefined();
  });

  test('a function whose config.json does not declare the API gets -604101 and nothing is recorded', async () => {
    consent();
    const before = t.cloud.subscribeMessages().length;
    expect(await probe({ action: 'send', args: message('hi') }, 'noperm')).toMatchObject({ ok: false, errCode: -604101 });
    expect(t.cloud.subscribeMessages()).toHaveLength(before);
  });
});

describe('storage', () => {
  test('uploadFile then getTempFileURL gives a URL serving the same content', async () => {
    const content = `回执 ${Date.now()} — ünïcode ✓`;
    const res = await probe({ action: 'upload', cloudPath: 'receipts/2024/r1.txt', content });
    expect(res.ok).toBe(true);
    expect(res.result.fileID).toMatch(/^cloud:\/\/.+\/receipts\/2024\/r1\.txt$/);
    expect(res.result.file).toMatchObject({ fileID: res.result.fileID, status: 0 });
    const url: string = res.result.file.tempFileURL;
    expect(url.startsWith(t.cloud.publicUrl)).toBe(true);
    const got = await fetch(url);
    expect(got.status).toBe(200);
    expect(await got.text()).toBe(content);
  });

  test('getTempFileURL of a missing file reports it per file instead of a URL', async () => {
    const sdk = t.sdk;
    const res = await sdk.getTempFileURL({ fileList: [`cloud://${t.cloud.envId}.local-bucket/nope.txt`] });
    expect(res.fileList[0].tempFileURL).toBe('');
    expect(res.fileList[0].status).not.toBe(0);
  });
});
