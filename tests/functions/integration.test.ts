import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { DeliveryRunOutput, ReplayOutput, SubscriptionWithSecret, WebhookDeliveryView, WebhookSubscriptionView } from '../../shared/contracts';
import type { WebhookDeliveryDoc } from '../../shared/integration/webhooks';
import { DEFAULT_RETRY_POLICY, FAST_RETRIES, afterFailure, backoffCeilingMs, backoffMs, isAnswering, isWebhookSecret } from '../../shared/integration/webhooks';
import { PartnerHealth } from '../../cloudfunctions/integration/src/delivery/health';
import { emit, forgetSubscriptionCount } from '../../cloudfunctions/_capabilities/outbox';
import { Db } from '../../cloudfunctions/_kit/db';
import { sdkDatabase } from '../../cloudfunctions/_kit/sdk';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';

/**
 * Issue 15, signed webhooks: subscriptions through the integration function, the delivery kick a
 * function sends after its commit, retries, dead letters and replays, against a receiver on
 * loopback that verifies with the official Standard Webhooks library.
 */
type Envelope<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

interface Received {
  id: string;
  body: string;
  headers: Record<string, string>;
  at: number;
}

/** A partner's endpoint: answers `status()` and keeps every request. */
function receiver() {
  const calls: Received[] = [];
  let status = () => 200;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
      calls.push({ id: headers['webhook-id']!, body: Buffer.concat(chunks).toString('utf8'), headers, at: Date.now() });
      res.writeHead(status()).end('ok');
    });
  });
  return {
    calls,
    answer: (fn: () => number) => (status = fn),
    start: () =>
      new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`))),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const hex32 = () => randomBytes(16).toString('hex');

describe('integration webhooks through the local cloud', () => {
  let t: TestCloud;
  const partner = receiver();
  let url = '';
  const logs: string[] = [];
  const env = { ...process.env };

  beforeAll(async () => {
    process.env['INTEGRATION_SECRET_KEY'] = randomBytes(32).toString('base64');
    // Small waits, so a whole schedule of retries runs in milliseconds; the policy's shape is the production one.
    process.env['INTEGRATION_RETRY_BASE_MS'] = '2';
    process.env['INTEGRATION_RETRY_CAP_MS'] = '40';
    process.env['INTEGRATION_MAX_ATTEMPTS'] = '6';
    process.env['LOCAL_CLOUD_QUIET'] = '0';
    for (const stream of ['log', 'warn', 'error', 'info'] as const) {
      jest.spyOn(console, stream).mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
    }
    t = createTestCloud();
    url = await partner.start();
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    process.env = env;
    t.cleanup();
    await partner.stop();
  });

  const console_ = <T>(action: string, input: Record<string, unknown> = {}) =>
    t.cloud.invoke('integration', { action, ...input }, { source: 'wx_devtools' }) as Promise<Envelope<T>>;
  /** The kick as another function sends it after its commit: SOURCE chained with scf. */
  const kick = (eventIds: string[], source = 'wx_client,scf', openid: string | null = 'o-dealer') =>
    t.cloud.invoke('integration', { action: 'deliver', eventIds }, { source, ...(openid ? { openid } : {}) }) as Promise<Envelope<DeliveryRunOutput>>;
  const ok = <T>(res: Envelope<T>): T => {
    if (!res.ok) throw new Error(`${res.error.code}: ${res.error.message}`);
    return res.data;
  };
  async function emitted(type = 'order.submitted', data: unknown = { orderId: 'o1', amount: 12_300 }): Promise<string> {
    const id = `evt_${hex32()}`;
    const now = Date.now();
    await t.db.collection('outbox').add({ data: { _id: id, type, subject: 'o1', data, at: now, createdAt: now, dispatched: false } });
    return id;
  }
  const delivery = async (id: string) => (await t.db.collection('webhook_deliveries').doc(id).get()).data as WebhookDeliveryDoc;

  let sub: SubscriptionWithSecret;
  it('creates a subscription whose secret is answered once, stored only sealed, and signs what a Standard Webhooks verifier accepts', async () => {
    sub = ok(await console_<SubscriptionWithSecret>('createSubscription', { partner: 'kingdee-erp', url, events: ['order.submitted', 'payment.recorded'] }));
    expect(isWebhookSecret(sub.secret)).toBe(true);
    const stored = JSON.stringify(t.cloud.store.all('webhook_subscriptions'));
    expect(stored).not.toContain(sub.secret);
    expect(stored).not.toContain(sub.secret.slice('whsec_'.length));
    // Sent again (a retry of the console's call): no second subscription.
    expect(await console_('createSubscription', { partner: 'kingdee-erp', url, events: ['*'] })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const eventId = await emitted('order.submitted', { orderId: 'o1', amount: 12_300 });
    const other = await emitted('dealer.created', { dealerId: 'd1' });
    const run = ok(await kick([eventId, other]));
    expect(run).toMatchObject({ planned: 2, sent: 1, delivered: 1, dead: 0 });
    const call = partner.calls.find((c) => c.id === eventId)!;
    // The official verifier, as the partner would run it: it throws on a bad signature or a stale timestamp.
    expect(new Webhook(sub.secret).verify(call.body, call.headers)).toEqual({
      id: eventId,
      type: 'order.submitted',
      timestamp: expect.any(String),
      data: { orderId: 'o1', amount: 12_300 },
    });
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(call.body, call.headers)).toThrow();
    expect(partner.calls.some((c) => c.id === other)).toBe(false);
    expect(await delivery(`${eventId}:${sub.subscription.id}`)).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 200 });
    // Kicked again (a retried kick): planned once, sent once.
    expect(ok(await kick([eventId]))).toMatchObject({ planned: 0, sent: 0 });
    expect(partner.calls.filter((c) => c.id === eventId)).toHaveLength(1);
  });

  it('refuses the delivery kick from a mini-program user and from the console, and changes nothing', async () => {
    const eventId = await emitted();
    const before = JSON.stringify([t.cloud.store.all('outbox'), t.cloud.store.all('webhook_deliveries')]);
    expect(await kick([eventId], 'wx_client', 'o-dealer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await kick([eventId], 'wx_devtools', null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await kick([eventId], 'wx_http', null)).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await kick(['not-an-event'])).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(JSON.stringify([t.cloud.store.all('outbox'), t.cloud.store.all('webhook_deliveries')])).toBe(before);
    // The retry timer picks it up once the kick's grace has passed; here a function kicks it.
    expect(ok(await kick([eventId], 'wx_trigger,scf', null))).toMatchObject({ delivered: 1 });
  });

  it('sends once when two deliver calls for the same events run at the same time', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => emitted()));
    const seen = partner.calls.length;
    const [a, b] = await Promise.all([kick(ids), kick(ids)]);
    expect(ok(a).delivered + ok(b).delivered).toBe(20);
    const fresh = partner.calls.slice(seen).map((c) => c.id);
    expect(fresh.sort()).toEqual([...ids].sort());
    for (const id of ids) expect((await delivery(`${id}:${sub.subscription.id}`)).status).toBe('delivered');
  });

  it('sends the writes of kicks running at once as one request each: ten one-event kicks cost a few database requests, not thirty', async () => {
    partner.answer(() => 200);
    const at = Date.now();
    const ids = await Promise.all(Array.from({ length: 10 }, () => emitted()));
    const carried = ids.map((_id) => ({ _id, type: 'order.submitted', subject: 'o1', data: { orderId: 'o1', amount: 1 }, at, createdAt: at }));
    let requests = 0;
    const stop = t.cloud.recordRoundTrips((trace) => void (trace.fn === 'integration' && (requests += trace.database)));
    try {
      const answers = await Promise.all(
        carried.map((e) => t.cloud.invoke('integration', { action: 'deliver', eventIds: [e._id], events: [e] }, { source: 'wx_client,scf' })),
      );
      for (const a of answers) expect(ok(a as Envelope<DeliveryRunOutput>)).toMatchObject({ planned: 1, delivered: 1 });
    } finally {
      stop();
    }
    // One insert, one dispatched mark and one delivered outcome for all ten (and at most a read of the subscriptions).
    expect(requests).toBeLessThanOrEqual(4);
    for (const id of ids) expect(await delivery(`${id}:${sub.subscription.id}`)).toMatchObject({ status: 'delivered', attempts: 1 });
  });

  it('plans the events a kick carries as their transaction wrote them, without reading them back, and a change committed through the outbox is delivered by its own kick', async () => {
    const eventId = await emitted('order.submitted', { orderId: 'o1', amount: 1 });
    // The kick's copy is what the committing function wrote; the worker sends it as given.
    const carried = { _id: eventId, type: 'order.submitted', subject: 'o1', data: { orderId: 'o1', amount: 2 }, at: Date.now(), createdAt: Date.now() };
    const res = await t.cloud.invoke('integration', { action: 'deliver', eventIds: [eventId], events: [carried] }, { source: 'wx_client,scf' });
    expect(ok(res as Envelope<DeliveryRunOutput>)).toMatchObject({ planned: 1, delivered: 1 });
    expect(JSON.parse(partner.calls.find((c) => c.id === eventId)!.body)).toMatchObject({ data: { orderId: 'o1', amount: 2 } });
    expect((await t.db.collection('outbox').doc(eventId).get()).data).toMatchObject({ dispatched: true });

    // The real path: a transaction writes the event through the outbox capability; its commit kicks delivery.
    forgetSubscriptionCount();
    const at = Date.now();
    const committed = await new Db(sdkDatabase()).transaction((tx) =>
      emit(tx, { type: 'payment.recorded', subject: `pay-${hex32()}`, key: 1, data: { paymentId: 'p1', amount: 500 }, at }),
    );
    for (let i = 0; i < 200 && !partner.calls.some((c) => c.id === committed); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(JSON.parse(partner.calls.find((c) => c.id === committed)!.body)).toMatchObject({ type: 'payment.recorded', data: { paymentId: 'p1', amount: 500 } });
  });

  it('sends a due delivery once when two retry timers pick it up at the same time (the claim is a conditional update)', async () => {
    const ids = await Promise.all(Array.from({ length: 20 }, () => emitted()));
    const now = Date.now();
    for (const eventId of ids) {
      await t.db
        .collection('outbox')
        .doc(eventId)
        .update({ data: { dispatched: true } });
      const doc: WebhookDeliveryDoc = {
        ...{ eventId, subscriptionId: sub.subscription.id, partner: 'kingdee-erp', type: 'order.submitted', status: 'pending', attempts: 1, claims: 1 },
        ...{
          nextAt: now - 1,
          lockedUntil: 0,
          lastStatus: 503,
          lastError: 'HTTP 503',
          eventAt: now,
          createdAt: now,
          updatedAt: now,
          deliveredAt: null,
          delays: [1],
        },
      };
      await t.db.collection('webhook_deliveries').add({ data: { _id: `${eventId}:${sub.subscription.id}`, ...doc } });
    }
    const seen = partner.calls.length;
    const runs = (await Promise.all([t.cloud.trigger('integration', 'retryDeliveries'), t.cloud.trigger('integration', 'retryDeliveries')])) as Array<
      Envelope<DeliveryRunOutput>
    >;
    expect(ok(runs[0]!).delivered + ok(runs[1]!).delivered).toBe(20);
    expect(ok(runs[0]!).skipped + ok(runs[1]!).skipped).toBe(20);
    expect(
      partner.calls
        .slice(seen)
        .map((c) => c.id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('retries a failing receiver with growing ceilings of full-jitter waits, dead-letters it after N attempts, and a replay sends it again', async () => {
    partner.answer(() => 503);
    const eventId = await emitted();
    const id = `${eventId}:${sub.subscription.id}`;
    expect(ok(await kick([eventId]))).toMatchObject({ delivered: 0, dead: 1 });
    const dead = await delivery(id);
    const policy = { baseMs: 2, capMs: 40, maxAttempts: 6 };
    expect(dead).toMatchObject({ status: 'dead', attempts: 6, lastStatus: 503, lastError: 'HTTP 503: ok' });
    // Five waits between six attempts, each drawn below its ceiling: 2, 4, 8, 16, 32 ms.
    expect(dead.delays).toHaveLength(5);
    dead.delays.forEach((wait, i) => expect(wait).toBeLessThanOrEqual(backoffCeilingMs(i + 1, policy)));
    const arrivals = partner.calls.filter((c) => c.id === eventId).map((c) => c.at);
    expect(arrivals).toHaveLength(6);
    for (let i = 1; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(dead.delays[i - 1]! - 1);
    const listed = ok(await console_<{ items: WebhookDeliveryView[] }>('deliveries', { status: 'dead', partner: 'kingdee-erp' }));
    expect(listed.items.map((d) => d.id)).toContain(id);

    partner.answer(() => 204);
    expect(ok(await console_<ReplayOutput>('replayDelivery', { id }))).toEqual({ requeued: 1, delivered: 1, pending: 0 });
    expect(await delivery(id)).toMatchObject({ status: 'delivered', attempts: 1, lastStatus: 204, delays: [] });
    expect(partner.calls.filter((c) => c.id === eventId)).toHaveLength(7);
    expect(await console_('replayDelivery', { id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const audit = t.cloud.store.all('audit_log') as unknown as Array<{ action: string; target: { id: string } }>;
    expect(audit.some((a) => a.action === 'integration.replayDelivery' && a.target.id === id)).toBe(true);
  });

  it("replays every dead delivery of a subscription, and a disabled subscription's waiting deliveries are parked as dead", async () => {
    partner.answer(() => 500);
    const ids = await Promise.all([emitted(), emitted(), emitted()]);
    await kick(ids);
    partner.answer(() => 200);
    expect(ok(await console_<ReplayOutput>('replayDead', { subscriptionId: sub.subscription.id }))).toEqual({ requeued: 3, delivered: 3, pending: 0 });

    ok(await console_('disableSubscription', { id: sub.subscription.id, reason: '合作方系统迁移' }));
    const later = await emitted();
    expect(ok(await kick([later]))).toMatchObject({ planned: 1, sent: 0 });
    expect(await console_('replayDead', { subscriptionId: sub.subscription.id })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const resumed = ok(
      await console_<{ subscription: WebhookSubscriptionView; secret: string | null }>('updateSubscription', { id: sub.subscription.id, enable: true }),
    );
    expect(resumed).toMatchObject({ subscription: { status: 'active' }, secret: null });
  });

  it('never shows the secret after creation: not in any answer, the audit log or a log line, and refuses a malformed one without echoing it', async () => {
    const answers = [
      await console_('subscriptions'),
      await console_('deliveries', {}),
      await console_('updateSubscription', { id: sub.subscription.id, events: ['*'] }),
      await console_('createSubscription', { partner: 'other', url, events: ['*'], secret: `${sub.secret}!` }),
      await console_('createSubscription', { partner: 'other', url: 'http://example.com/hook', events: ['*'] }),
    ];
    expect(answers[3]).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(answers[4]).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const rotated = ok(await console_<{ secret: string }>('updateSubscription', { id: sub.subscription.id, rotateSecret: true })).secret;
    expect(rotated).not.toBe(sub.secret);
    const everything = JSON.stringify([
      answers,
      t.cloud.store.all('audit_log'),
      t.cloud.store.all('webhook_subscriptions'),
      t.cloud.store.all('webhook_deliveries'),
      logs,
    ]);
    for (const secret of [sub.secret, rotated]) {
      expect(everything).not.toContain(secret.slice('whsec_'.length));
    }
    expect(logs.some((l) => l.includes('webhook delivery dead'))).toBe(true);
  });
});

describe('the retry schedule (shared/integration/webhooks)', () => {
  it('draws each wait uniformly below a ceiling that doubles from the base up to the cap, and parks the delivery after maxAttempts', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect([1, 2, 3, 4].map((n) => backoffCeilingMs(n, p))).toEqual([100, 200, 400, 800]);
    expect(backoffCeilingMs(40, p)).toBe(p.capMs);
    expect(backoffMs(3, p, 0)).toBe(0);
    expect(backoffMs(3, p, 0.5)).toBe(200);
    expect(backoffMs(3, p, 0.9999999)).toBeLessThan(400);
    expect(afterFailure(p.maxAttempts - 1, p, 0.5)).toEqual({ dead: false, waitMs: backoffMs(p.maxAttempts - 1, p, 0.5) });
    expect(afterFailure(p.maxAttempts, p, 0.5)).toEqual({ dead: true });
  });

  it('keeps the first 12 waits under the base ceiling while the partner answers one call in four, and doubles from the attempt count after', () => {
    const p = DEFAULT_RETRY_POLICY;
    expect([1, 6, FAST_RETRIES].map((n) => backoffCeilingMs(n, p, true))).toEqual([100, 100, 100]);
    expect(backoffCeilingMs(FAST_RETRIES + 1, p, true)).toBe(backoffCeilingMs(FAST_RETRIES + 1, p));
    expect(afterFailure(10, p, 0.5, true)).toEqual({ dead: false, waitMs: 50 });
    expect(afterFailure(p.maxAttempts, p, 0.5, true)).toEqual({ dead: true });
    expect([isAnswering(2, 8), isAnswering(1, 8), isAnswering(4, 7)]).toEqual([true, false, false]);
    // What an instance saw: a partner answering half its calls is answering; once it fails everything, it is not, and old calls age out.
    const health = new PartnerHealth();
    for (let i = 0; i < 10; i++) health.record('s', i % 2 === 0, 1_000 + i);
    expect(health.answering('s', 1_010)).toBe(true);
    for (let i = 0; i < 32; i++) health.record('s', false, 2_000 + i);
    expect(health.answering('s', 2_040)).toBe(false);
    for (let i = 0; i < 8; i++) health.record('s', true, 20_000 + i);
    expect(health.answering('s', 20_010)).toBe(true);
    expect(health.answering('other', 20_010)).toBe(false);
  });
});
