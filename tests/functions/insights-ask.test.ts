import type { InsightBriefView } from '../../shared/contracts';
import type { AssistantAnswer } from '../../shared/insights/ai/answer';
import { type MonthlySalesRow, type SalesOrder, mergeDay } from '../../shared/insights/sales';
import { trendLines } from '../../shared/insights/trends';
import { shanghaiMonthKey, shiftMonthKey } from '../../shared/time/keys';
import { stringifyEJSON } from '../../mocks/cloud/db/ejson';
import { FakeModel } from '../../mocks/cloud/ai/fake-model';
import { freezeClock, pinClock } from '../helpers/clock';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

// Seconds of CPU in all; minutes of wall time on a machine shared by many jobs.
jest.setTimeout(120_000);

/**
 * 问渠道 and the weekly brief through the local cloud: the function's tool-calling loop over
 * cloud.ai(), answered by the scripted fake model on loopback (mocks/cloud/ai), never a real one.
 * The demo manager looks after 华东 and 华南.
 */
describe('the insights assistant through the local cloud', () => {
  const t = seededCloud();
  const fake = new FakeModel();
  const insights = <T>(action: string, input: Record<string, unknown>, openid: string) => t.call<T>('insights', { action, ...input }, openid, 'wx_client');
  const ask = (question: string, openid = 'demo-manager') => insights<AssistantAnswer>('ask', { question }, openid);
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  const yuan = (fen: number) => `¥${Math.round(fen / 100)}`;
  let rows: MonthlySalesRow[] = [];
  /** What the trend query must say of `regions` for the last complete month, worked out here from the same rows. */
  const expectedTotal = (regions: string[]) => {
    const month = shiftMonthKey(shanghaiMonthKey(Date.now()), -1);
    const { total } = trendLines(
      rows.filter((r) => regions.includes(r.region)),
      month,
      (r) => r.categoryId,
    );
    return `${month} 销售额 ${yuan(total.amount)}，销量 ${total.qty[12]} 件`;
  };

  beforeAll(async () => {
    // The monthly aggregates as the nightly job leaves them after every day of the history.
    // Only the months the queries read (the 13 up to last month, and this one): the local cloud scans a collection whole.
    const first = shiftMonthKey(shanghaiMonthKey(Date.now()), -13);
    rows = mergeDay(new Map<string, MonthlySalesRow>(), t.cloud.store.all('orders') as unknown as SalesOrder[]).filter((r) => r.month >= first);
    for (let i = 0; i < rows.length; i += 500) {
      t.cloud.db.handle('database.insertDocument', { collectionName: 'insight_sales_monthly', data: rows.slice(i, i + 500).map((r) => stringifyEJSON(r)) });
    }
    t.cloud.aiUrl = await fake.start();
  });
  beforeEach(() => {
    fake.script = 'answer';
    fake.calls.length = 0;
    // A budget no loaded machine runs out of; the time-out case sets a short one.
    process.env['INSIGHTS_AI_TIMEOUT_MS'] = '30000';
  });
  afterAll(async () => {
    delete process.env['INSIGHTS_AI_TIMEOUT_MS'];
    await fake.stop();
    t.cleanup();
  });

  it('answers a manager with the figures our trend query computed, and names the tool and filters it used', async () => {
    const answer = okData(await ask('华东上个月销量趋势怎么样？'));
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain(`华东大区合计：${expectedTotal(['east'])}`);
    expect(answer.sources).toEqual([{ tool: 'query_trends', label: '销售趋势', filters: ['区域：华东大区'] }]);
    // The model was offered the four tools with their schemas, and read the tool's result in the second round.
    expect(fake.calls[0]!.tools.map((x) => x.function.name)).toEqual(['query_trends', 'query_alerts', 'query_health', 'query_dealer']);
    expect(fake.calls[1]!.messages.filter((m) => m.role === 'tool')).toHaveLength(1);
    expect(answer.rounds).toBe(2);
  });

  it("keeps a manager's questions inside their regions: another region's figures are not theirs to read", async () => {
    const answer = okData(await ask('华北的销量趋势？'));
    expect(answer.answer).toContain('不在你的负责范围');
    expect(answer.answer).not.toMatch(/¥\d/);
  });

  it('falls back to the plain template brief when the model does not answer in time', async () => {
    fake.script = 'timeout';
    process.env['INSIGHTS_AI_TIMEOUT_MS'] = '300';
    const answer = okData(await ask('最近怎么样？'));
    expect(answer).toMatchObject({ status: 'fallback', notice: '模型超时未回应，已改用模板简报' });
    expect(answer.answer.split('\n')[0]).toBe('华东大区、华南大区渠道简报（按模板整理）');
    expect(answer.answer).toContain(`• 华东大区、华南大区合计：${expectedTotal(['east', 'south'])}`);
    expect(answer.sources.map((s) => s.tool)).toEqual(['query_trends', 'query_alerts']);
  });

  it('says plainly when the model refuses, and passes on no figure a tool did not return', async () => {
    fake.script = 'refuse';
    const refused = okData(await ask('华东上个月销量趋势怎么样？'));
    expect(refused).toMatchObject({ status: 'refused', sources: [] });
    expect(refused.answer).toMatch(/^模型拒绝回答这个问题/);
    fake.script = 'invent';
    const invented = okData(await ask('华东上个月销量趋势怎么样？'));
    expect(invented).toMatchObject({ status: 'fallback', notice: '模型的回答里有查询结果以外的数字，已改用模板简报' });
    expect(invented.answer).not.toContain('37%');
  });

  it('stops a model that keeps calling tools after 4 rounds, and copes with no model at all', async () => {
    fake.script = 'loop';
    // (华北 is outside the manager's regions: the looping tool answers at once.)
    const looped = okData(await ask('华北销量趋势'));
    expect(looped).toMatchObject({ status: 'fallback', rounds: 4 });
    expect(fake.calls).toHaveLength(4);
    const url = t.cloud.aiUrl;
    t.cloud.aiUrl = null;
    try {
      expect(okData(await ask('华北销量趋势'))).toMatchObject({ status: 'fallback', notice: '模型暂时不可用，已改用模板简报' });
    } finally {
      t.cloud.aiUrl = url;
    }
  });

  it('refuses a user past the questions allowed per minute with RATE_LIMITED and when to ask again, and answers once the minute has passed', async () => {
    process.env['INSIGHTS_ASK_PER_MINUTE'] = '2';
    // A declining model answers in one call: the limit is what is tested, not the loop.
    fake.script = 'refuse';
    const at = Date.now();
    freezeClock(at);
    try {
      for (let i = 0; i < 2; i++) expect(codeOf(await ask('华东销量趋势', 'demo-admin'))).toBe('ok');
      const refused = await ask('华东销量趋势', 'demo-admin');
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'RATE_LIMITED', message: '问渠道每分钟最多 2 个问题，请 60 秒后再问', details: { retryAfterSeconds: 60 } },
      });
      // The refused question cost no model call.
      expect(fake.calls).toHaveLength(2);
      freezeClock(at + 60_001);
      expect(codeOf(await ask('华东销量趋势', 'demo-admin'))).toBe('ok');
    } finally {
      delete process.env['INSIGHTS_ASK_PER_MINUTE'];
      pinClock(at + 61_000);
    }
  });

  it('keeps dealers and clerks out, and refuses an empty question', async () => {
    expect(codeOf(await ask('华东销量趋势', 'demo-dealer-a'))).toBe('FORBIDDEN');
    expect(codeOf(await ask('华东销量趋势', 'demo-clerk'))).toBe('FORBIDDEN');
    expect(codeOf(await ask(' '))).toBe('INVALID_INPUT');
    expect(fake.calls).toHaveLength(0);
  });

  it('writes each active manager a weekly brief of their regions and tells them once, however often the timer runs', async () => {
    // Only the demo manager stays active (the others' briefs cost the same and prove nothing more); the admins' come next.
    await t.db
      .collection('users')
      .where(t._.or([{ role: 'manager', _id: t._.neq('demo-manager') }, { role: 'admin' }]))
      .update({ data: { status: 'disabled' } });
    t.cloud.acceptSubscription('demo-manager', ['local-insight_brief']);
    okData(await t.call('users', { action: 'recordSubscription', accepted: ['insight_brief'] }, 'demo-manager', 'wx_client'));
    expect(okData(await insights<{ brief: InsightBriefView | null }>('brief', {}, 'demo-manager')).brief).toBeNull();
    expect(await t.cloud.trigger('insights', 'weeklyBrief')).toMatchObject({ ok: true, data: { briefs: 1, notified: 1 } });
    expect(await t.cloud.trigger('insights', 'weeklyBrief')).toMatchObject({ ok: true, data: { briefs: 1, notified: 0 } });
    const sent = t.cloud.subscribeMessages().filter((m) => m.templateId === 'local-insight_brief');
    expect(sent.map((m) => m.touser)).toEqual(['demo-manager']);
    const { brief } = okData(await insights<{ brief: InsightBriefView | null }>('brief', {}, 'demo-manager'));
    expect(brief).toMatchObject({ status: 'answered', regions: ['east', 'south'], notified: true });
    expect(brief!.sources.map((s) => s.tool)).toEqual(['query_trends', 'query_alerts', 'query_health']);
    expect(brief!.answer).toContain(`华东大区、华南大区合计：${expectedTotal(['east', 'south'])}`);
  });

  it('writes each brand admin a weekly brief of all regions too', async () => {
    await t.db
      .collection('users')
      .where({ role: 'admin', _id: 'demo-admin' })
      .update({ data: { status: 'active' } });
    // The manager's brief of the week is kept; the admin's is written (no message allowed: written, not sent).
    expect(await t.cloud.trigger('insights', 'weeklyBrief')).toMatchObject({ ok: true, data: { briefs: 2, notified: 0 } });
    const { brief } = okData(await insights<{ brief: InsightBriefView | null }>('brief', {}, 'demo-admin'));
    // Over every region the queries take longest: on a loaded machine the model's budget may run out and the template brief
    // stand in (status fallback). Either way it covers all regions.
    expect(brief).toMatchObject({ managerId: 'demo-admin', regions: ['east', 'south', 'north', 'west', 'central'], notified: false });
    expect(brief!.answer).toContain('全部区域');
  });
});
