/**
 * The latency model (LOCAL_CLOUD_DB_LATENCY_MS / latencyMs) and the round-trip recorder the
 * benchmarks use, through a real cloud function (fixtures/functions/rounds).
 */
import path from 'node:path';
import type { InvocationTrace } from '../../../mocks/cloud';
import { LocalCloud, latencyFromEnv } from '../../../mocks/cloud';
import type { TestCloud } from '../../helpers/local-cloud';
import { createTestCloud } from '../../helpers/local-cloud';

const FUNCTIONS = path.join(__dirname, 'fixtures', 'functions');

describe('the local cloud’s latency model and round-trip recorder', () => {
  let t: TestCloud;
  beforeAll(() => {
    t = createTestCloud({ functionsDir: FUNCTIONS, standardCollections: false, extraCollections: ['things'] });
  });
  afterAll(() => t.cleanup());
  afterEach(() => {
    t.cloud.latencyMs = 0;
  });

  const timed = async (event: object) => {
    const t0 = performance.now();
    await t.cloud.invoke('rounds', event);
    return performance.now() - t0;
  };

  it('counts each request and the longest chain of requests that waited on each other', async () => {
    const traces: InvocationTrace[] = [];
    const stop = t.cloud.recordRoundTrips((r) => traces.push(r));
    await t.cloud.invoke('rounds', { sequential: 3, parallel: 5, openapi: 2 });
    await t.cloud.invoke('rounds', { transaction: true });
    await t.cloud.invoke('rounds', { missed: 2 });
    stop();
    await t.cloud.invoke('rounds', { sequential: 1 });
    // 3 in a row, then 5 at once (one more step), then 2 open-API calls in a row.
    expect(traces[0]).toEqual({
      fn: 'rounds',
      action: undefined,
      ok: true,
      answer: { ok: true },
      database: 8,
      openapi: 2,
      transactions: 0,
      missedUpdates: 0,
      sequential: 6,
    });
    // A transaction: start, read, commit, each waiting for the one before.
    expect(traces[1]).toMatchObject({ database: 3, transactions: 1, missedUpdates: 0, sequential: 3 });
    // Conditional updates that changed nothing (a hold that lost to another writer) are told apart.
    expect(traces[2]).toMatchObject({ database: 2, transactions: 0, missedUpdates: 2, sequential: 2 });
    expect(traces).toHaveLength(3);
  });

  it('adds the modelled latency to every database request and open-API call, not to the invocation', async () => {
    // A hop long enough that a loaded machine's scheduling noise (tens of ms on a busy CI runner)
    // cannot blur one hop into another: the upper bounds below keep a margin of a hop or more.
    const HOP = 200;
    t.cloud.latencyMs = HOP;
    // Four reads in a row wait four hops; four at once wait one.
    const sequential = await timed({ sequential: 4 });
    const parallel = await timed({ parallel: 4 });
    const openapi = await timed({ openapi: 2 });
    const none = await timed({});
    expect(sequential).toBeGreaterThanOrEqual(4 * HOP - 4);
    expect(parallel).toBeGreaterThanOrEqual(HOP - 1);
    expect(parallel).toBeLessThan(sequential - HOP);
    expect(openapi).toBeGreaterThanOrEqual(2 * HOP - 2);
    expect(none).toBeLessThan(HOP);
  });

  it('takes the model from LOCAL_CLOUD_DB_LATENCY_MS, 0 when unset, and refuses what is not a number of ms', () => {
    expect(latencyFromEnv(undefined)).toBe(0);
    expect(latencyFromEnv('')).toBe(0);
    expect(latencyFromEnv('10')).toBe(10);
    expect(() => latencyFromEnv('ten')).toThrow(/LOCAL_CLOUD_DB_LATENCY_MS/);
    expect(() => latencyFromEnv('-1')).toThrow(/LOCAL_CLOUD_DB_LATENCY_MS/);
    const saved = process.env['LOCAL_CLOUD_DB_LATENCY_MS'];
    process.env['LOCAL_CLOUD_DB_LATENCY_MS'] = '7';
    try {
      const cloud = new LocalCloud({ dbFile: ':memory:', storageDir: path.join(t.dir, 'other') });
      expect(cloud.latencyMs).toBe(7);
      cloud.close();
    } finally {
      if (saved === undefined) delete process.env['LOCAL_CLOUD_DB_LATENCY_MS'];
      else process.env['LOCAL_CLOUD_DB_LATENCY_MS'] = saved;
    }
  });
});

describe('functions run in worker threads (LocalCloudOptions.workers, the benchmarks)', () => {
  let t: TestCloud;
  beforeAll(async () => {
    t = createTestCloud({ functionsDir: FUNCTIONS, standardCollections: false, extraCollections: ['things'], workers: 1 });
    // The worker thread starts and loads the SDK and the function (through tsx) on its first invocation.
    await t.cloud.invoke('rounds', {});
  }, 60_000);
  afterAll(() => t.cleanup());

  it('answer as in the database’s thread, with the same requests and chains counted and the modelled latency added', async () => {
    const traces: InvocationTrace[] = [];
    const stop = t.cloud.recordRoundTrips((r) => traces.push(r));
    await t.cloud.invoke('rounds', { sequential: 3, parallel: 5, openapi: 2 });
    await t.cloud.invoke('rounds', { transaction: true });
    await t.cloud.invoke('rounds', { missed: 2 });
    stop();
    // They ran in the one worker thread, not here.
    expect(t.cloud.workerUtilization()).toEqual([expect.any(Number)]);
    expect(traces[0]).toEqual({
      fn: 'rounds',
      action: undefined,
      ok: true,
      answer: { ok: true },
      database: 8,
      openapi: 2,
      transactions: 0,
      missedUpdates: 0,
      sequential: 6,
    });
    expect(traces[1]).toMatchObject({ database: 3, transactions: 1, missedUpdates: 0, sequential: 3 });
    expect(traces[2]).toMatchObject({ database: 2, transactions: 0, missedUpdates: 2, sequential: 2 });
    t.cloud.latencyMs = 25;
    try {
      const t0 = performance.now();
      await t.cloud.invoke('rounds', { sequential: 4 });
      expect(performance.now() - t0).toBeGreaterThanOrEqual(4 * 25 - 4);
    } finally {
      t.cloud.latencyMs = 0;
    }
  });

  it('keep the open APIs’ bytes and permissions, and a missing function is still not found', async () => {
    const page = 'pages/index/index';
    const code = (await t.cloud.invoke('probe', { action: 'code', args: { scene: 'a=1', page, checkPath: false } }, { openid: 'o-worker' })) as {
      ok: boolean;
      result: { contentType: string; png: string };
    };
    expect(code.ok).toBe(true);
    expect(code.result.contentType).toBe('image/png');
    expect(Buffer.from(code.result.png, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    await expect(t.cloud.invoke('noperm', { action: 'code', args: { scene: 'a=1', page, checkPath: false } }, { openid: 'o-worker' })).resolves.toMatchObject({
      ok: false,
      errCode: -604101,
    });
    await expect(t.cloud.invoke('nowhere', {})).rejects.toThrow(/could not be found/);
  });
});
