import type { InsightAlertView } from '../../shared/contracts';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/** The nightly job through the local cloud on the demo data, and the manager's alert inbox. */
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

  it('keeps dealers out, and refuses a malformed day', async () => {
    expect(codeOf(await insights('alerts', {}, 'demo-dealer-a'))).toBe('FORBIDDEN');
    expect(codeOf(await insights('runDay', { day: '2026-13-01' }))).toBe('INVALID_INPUT');
  });
});
