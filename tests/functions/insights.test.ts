import type { InsightAlertView } from '../../shared/contracts';
import type { InsightForecastDoc } from '../../shared/insights/stored';
import { TEST_NOW } from '../helpers/clock';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/** The nightly job through the local cloud on the demo data, and the manager's alert inbox. */
// Each night reads the demo's orders through the local cloud, which takes seconds on a loaded machine.
jest.setTimeout(60_000);

describe('insights through the local cloud', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const insights = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('insights', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  // The demo's planted spike order is placed on this day (mocks/seed/history: anomalies.spike).
  const SPIKE_DAY = '2026-09-11';

  it('raises the planted order spike on its night and sends it to the manager of 华东', async () => {
    // The manager allowed one 渠道异常预警 message (wx.requestSubscribeMessage), recorded by the app.
    t.cloud.acceptSubscription('demo-manager', ['local-insight_alert']);
    okData(await t.call('users', { action: 'recordSubscription', accepted: ['insight_alert'] }, 'demo-manager', 'wx_client'));
    const run = okData(await insights<{ ordersMerged: number; alertsRaised: number; notified: number }>('runDay', { day: SPIKE_DAY }));
    expect(run.ordersMerged).toBeGreaterThan(0);
    expect(run.notified).toBe(1);
    expect(
      t.cloud
        .subscribeMessages()
        .filter((m) => m.templateId === 'local-insight_alert')
        .map((m) => m.touser),
    ).toEqual(['demo-manager']);
    const inbox = okData(await insights<{ items: InsightAlertView[] }>('alerts', {}, 'demo-manager')).items;
    const spike = inbox.find((a) => a.kind === 'order_spike');
    expect(spike).toMatchObject({ region: 'east', managerId: 'demo-manager', status: 'open' });
    expect(spike!.message).toMatch(/倍/);
  });

  it('writes nothing twice when the same night runs again', async () => {
    const before = okData(await insights<{ items: InsightAlertView[] }>('alerts', {}, 'demo-manager')).items.length;
    const again = okData(await insights<{ alertsRaised: number; rowsWritten: number }>('runDay', { day: SPIKE_DAY }));
    expect(again.alertsRaised).toBe(0);
    expect(okData(await insights<{ items: InsightAlertView[] }>('alerts', {}, 'demo-manager')).items).toHaveLength(before);
  });

  it('lets the manager mark the alert handled with a note, once', async () => {
    const [alert] = okData(await insights<{ items: InsightAlertView[] }>('alerts', {}, 'demo-manager')).items;
    const handled = okData(await insights<InsightAlertView>('handleAlert', { id: alert!.id, note: '已电话核实，补货中' }, 'demo-manager'));
    expect(handled).toMatchObject({ status: 'handled', note: '已电话核实，补货中', handledBy: 'demo-manager' });
    expect(codeOf(await insights('handleAlert', { id: alert!.id, note: '再处理一次' }, 'demo-manager'))).toBe('CONFLICT');
    expect(okData(await insights<{ items: InsightAlertView[] }>('alerts', { status: 'handled' }, 'demo-manager')).items.map((a) => a.id)).toContain(alert!.id);
  });

  it("stores the day in weekly rows beside the monthly ones, and each active dealer's health as of the night", async () => {
    const weekly = t.cloud.store.all('insight_sales_weekly') as unknown as Array<{ week: string; qty: number }>;
    expect(new Set(weekly.map((r) => r.week))).toEqual(new Set(['2026-09-07']));
    const sum = (rows: Array<{ qty: number }>) => rows.reduce((s, r) => s + r.qty, 0);
    expect(sum(weekly)).toBe(sum(t.cloud.store.all('insight_sales_monthly') as unknown as Array<{ qty: number }>));
    const health = t.cloud.store.all('insight_health') as Array<{ _id: string; score: number; month: string; reasons: Array<{ factor: string }> }>;
    const active = (t.cloud.store.all('dealers') as Array<{ _id: string; status: string }>).filter((d) => d.status === 'active');
    expect(health.length).toBeGreaterThan(active.length / 2);
    expect(health.every((h) => active.some((d) => d._id === h._id) && h.month === '2026-09' && h.score >= 0 && h.score <= 100)).toBe(true);
    expect(health[0]!.reasons.map((r) => r.factor)).toContain('payment');
  });

  it('stores campaign participation and WeCom customers added with the health, for the dealers they apply to', () => {
    type Stored = { _id: string; reasons: Array<{ factor: string; reason: string }> };
    const health = t.cloud.store.all('insight_health') as unknown as Stored[];
    const reasonOf = (id: string, factor: string) => health.find((h) => h._id === id)!.reasons.find((r) => r.factor === factor)?.reason;
    // The summer campaign (east and south, from 06-21) ran in the 90 days before 09-11; dealer-001 took a share code, dealer-004 did not.
    expect(reasonOf('dealer-001', 'campaigns')).toBe('参与活动 1/1 个');
    expect(reasonOf('dealer-004', 'campaigns')).toBe('参与活动 0/1 个');
    // dealer-001 has WeCom members (its customers were all added after 09-11); dealer-004 has none, so it is not judged on them.
    expect(reasonOf('dealer-001', 'wecom')).toBe('近 90 天企业微信新增客户 0 位');
    expect(reasonOf('dealer-004', 'wecom')).toBeUndefined();
    // The north was offered no campaign: no participation to judge.
    expect(reasonOf('dealer-030', 'campaigns')).toBeUndefined();
  });

  it('takes a recorded return off the month and the week its order was placed in, on the night it was recorded', async () => {
    const orders = t.cloud.store.all('orders') as Array<{
      _id: string;
      status: string;
      createdAt: number;
      lines: Array<{ sku: string; kind: string; qty: number }>;
    }>;
    const order = orders.find((o) => o.status === 'completed' && o.createdAt < Date.parse('2026-09-01T00:00:00+08:00') && o.lines[0]!.kind === 'item')!;
    const line = order.lines[0]!;
    okData(
      await t.call(
        'rebates',
        { action: 'recordReturn', orderId: order._id, returnId: 'RT-INSIGHT-1', lines: [{ sku: line.sku, qty: 1 }], reason: '破损退货' },
        undefined,
        'wx_devtools',
      ),
    );
    const today = new Date(TEST_NOW + 8 * 3_600_000).toISOString().slice(0, 10);
    const night = okData(await insights<{ returnsMerged: number; forecastsWritten: number }>('runDay', { day: today }));
    expect(night).toMatchObject({ returnsMerged: 1, forecastsWritten: 0 });
    const rowOf = (coll: 'insight_sales_monthly' | 'insight_sales_weekly') =>
      (t.cloud.store.all(coll) as unknown as Array<{ sku: string; returnIds: string[]; returnedQty: number }>).find(
        (r) => r.sku === line.sku && r.returnIds.includes('RT-INSIGHT-1'),
      );
    expect(rowOf('insight_sales_monthly')).toMatchObject({ returnedQty: 1 });
    expect(rowOf('insight_sales_weekly')).toMatchObject({ returnedQty: 1 });
  });

  it('stores 3-month forecasts per region × category and region × SKU on the first night of a month, each with its backtest', async () => {
    const night = okData(await insights<{ forecastsWritten: number }>('runDay', { day: '2026-11-01' }));
    expect(night.forecastsWritten).toBeGreaterThan(0);
    const docs = t.cloud.store.all('insight_forecasts') as unknown as InsightForecastDoc[];
    expect(docs).toHaveLength(night.forecastsWritten);
    expect(new Set(docs.map((d) => d.level))).toEqual(new Set(['category', 'sku']));
    const east = docs.find((d) => d.level === 'category' && d.region === 'east')!;
    expect(east).toMatchObject({ asOfMonth: '2026-10', months: ['2026-11', '2026-12', '2027-01'] });
    expect(east.upper95[0]!).toBeGreaterThanOrEqual(east.upper80[0]!);
    expect(docs.filter((d) => d.mase !== null).length).toBeGreaterThan(docs.length / 2);
  });

  it('keeps dealers out, and refuses a malformed day', async () => {
    expect(codeOf(await insights('alerts', {}, 'demo-dealer-a'))).toBe('FORBIDDEN');
    expect(codeOf(await insights('runDay', { day: '2026-13-01' }))).toBe('INVALID_INPUT');
  });
});
