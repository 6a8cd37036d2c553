/**
 * Webhook 推送 (packages/integration) as built for WeChat (dist/weapp), rendered by miniprogram-simulate,
 * calling the real integration function on a seeded local cloud, with a partner's endpoint on loopback.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { simulatedApp } from './helpers/simulated-app';
import type { RenderedPage } from './support/weapp';
import { find, textOf, waitFor } from './support/weapp';

describe('the Webhook 推送 page', () => {
  const sim = simulatedApp({
    caller: 'demo-admin',
    toasts: true,
    pages: { deliveries: 'packages/integration/deliveries/index', me: 'pages/me/index' },
  });
  const { app } = sim;
  let page: RenderedPage | null = null;
  const received: string[] = [];
  const partner = http.createServer((req, res) => {
    received.push(String(req.headers['webhook-id']));
    req.resume().on('end', () => res.writeHead(200).end());
  });
  const eventId = `evt_${randomBytes(16).toString('hex')}`;
  const env = process.env['INTEGRATION_SECRET_KEY'];

  beforeAll(async () => {
    process.env['INTEGRATION_SECRET_KEY'] = randomBytes(32).toString('base64');
    await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(partner.address() as AddressInfo).port}/hook`;
    const created = (await sim.t.cloud.invoke(
      'integration',
      { action: 'createSubscription', partner: 'kingdee-erp', url, events: ['*'] },
      { source: 'wx_devtools' },
    )) as {
      data: { subscription: { id: string } };
    };
    const subscriptionId = created.data.subscription.id;
    const now = Date.now();
    await sim.t.db
      .collection('outbox')
      .add({ data: { _id: eventId, type: 'order.submitted', subject: 'o1', data: {}, at: now, createdAt: now, dispatched: true } });
    // A delivery whose every attempt failed (what the worker leaves after N attempts).
    await sim.t.db.collection('webhook_deliveries').add({
      data: {
        ...{
          _id: `${eventId}:${subscriptionId}`,
          eventId,
          subscriptionId,
          partner: 'kingdee-erp',
          type: 'order.submitted',
          status: 'dead',
          attempts: 18,
          claims: 18,
        },
        ...{
          nextAt: now,
          lockedUntil: 0,
          lastStatus: 503,
          lastError: 'HTTP 503: 维护中',
          eventAt: now,
          createdAt: now,
          updatedAt: now,
          deliveredAt: null,
          delays: [],
        },
      },
    });
  });
  afterAll(async () => {
    process.env['INTEGRATION_SECRET_KEY'] = env;
    await new Promise<void>((resolve) => partner.close(() => resolve()));
  });

  it('shows an admin the dead deliveries with their last error, and 重发 sends one again', async () => {
    page = sim.open('deliveries');
    await waitFor(() => expect(page!.querySelectorAll('.delivery-dead')).toHaveLength(1));
    expect(textOf(find(page, '.delivery-dead'))).toContain('order.submitted → kingdee-erp');
    expect(textOf(find(page, '.delivery-dead'))).toContain('最近一次：HTTP 503: 维护中');
    find(page, '.delivery-replay')!.dispatchEvent('tap');
    await waitFor(() => expect(sim.toasts.some((t) => t['title'] === '已重发并送达')).toBe(true));
    expect(received).toEqual([eventId]);
    await waitFor(() => expect(find(page!, '.page-state-empty')).not.toBeNull());
  });

  it('is reached from 我的 by admins', async () => {
    page = sim.open('me');
    await waitFor(() => expect(find(page!, '.me-webhooks')).not.toBeNull());
    find(page, '.me-webhooks')!.dispatchEvent('tap');
    await waitFor(() =>
      expect(app.wxCalls.some((c) => c.api === 'navigateTo' && JSON.stringify(c.args).includes('/packages/integration/deliveries/index'))).toBe(true),
    );
  });
});
