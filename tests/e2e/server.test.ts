import type { RunningServer } from '../helpers/server';
import { callFunction, startServer } from '../helpers/server';

jest.setTimeout(120_000);

describe('npm start: the local server', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // The real seeding on first start, not the tests' seeded snapshot.
    server = await startServer({ freshSeed: true });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('seeds the demo data on first start and answers users.me for a persona', async () => {
    expect(server.output()).toContain('已写入演示数据');
    const { status, json } = await callFunction(server.url, 'users', { action: 'me' }, 'demo-dealer-a');
    expect(status).toBe(200);
    expect(json).toEqual({ ok: true, data: expect.objectContaining({ registered: true, role: 'dealer', dealer: expect.objectContaining({ level: 'A' }) }) });
  });

  it('lists the five personas with their roles for the switcher', async () => {
    const personas = (await (await fetch(`${server.url}/__cloud/personas`)).json()) as Array<{ openid: string; role: string }>;
    expect(personas.map((p) => [p.openid, p.role])).toEqual([
      ['demo-dealer-a', 'dealer'],
      ['demo-dealer-b', 'dealer'],
      ['demo-clerk', 'clerk'],
      ['demo-manager', 'manager'],
      ['demo-admin', 'admin'],
    ]);
  });

  it('answers bad requests with an error envelope, never a crash', async () => {
    expect(await callFunction(server.url, 'users', '{not json', 'demo-dealer-a')).toEqual({
      status: 400,
      json: { ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT' }) },
    });
    expect((await callFunction(server.url, 'nope', { action: 'me' })).status).toBe(404);
    const big = await callFunction(server.url, 'users', JSON.stringify({ action: 'me', pad: 'x'.repeat(2 * 1024 * 1024) }));
    expect(big.status).toBe(413);
    const still = await callFunction(server.url, 'users', { action: 'me' }, 'demo-admin');
    expect(still.json).toEqual({ ok: true, data: expect.objectContaining({ role: 'admin' }) });
  });

  it('serves the H5 app at / and refuses paths that escape the build folder', async () => {
    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="app"');
    const escape = await fetch(`${server.url}/..%2f..%2fpackage.json`);
    expect(await escape.text()).not.toContain('"dealer-channel"');
  });

  it('stops cleanly on Ctrl-C and keeps the data for the next start', async () => {
    expect(await server.stop()).toBe(0);
    server = await startServer({ dbFile: server.dbFile });
    expect(server.output()).toContain('演示数据已存在');
    const { json } = await callFunction(server.url, 'users', { action: 'me' }, 'demo-dealer-b');
    expect(json).toEqual({ ok: true, data: expect.objectContaining({ registered: true, role: 'dealer' }) });
  });
});
