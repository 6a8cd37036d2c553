/**
 * 问渠道 (packages/insights/ask) as built for WeChat, in miniprogram-simulate against the real
 * insights function on a seeded local cloud, its cloud.ai() answered by the scripted fake model on
 * loopback (mocks/cloud/ai). The demo manager looks after 华东 and 华南.
 */
import { type MonthlySalesRow, type SalesOrder, mergeDay, weekOf } from '../../shared/insights/sales';
import { stringifyEJSON } from '../../mocks/cloud/db/ejson';
import { FakeModel } from '../../mocks/cloud/ai/fake-model';
import { shanghaiMonthKey, shiftMonthKey } from '../../shared/time/keys';
import { simulatedApp } from './helpers/simulated-app';
import { find, textOf, waitFor } from './support/weapp';

jest.setTimeout(60_000);

describe('the 问渠道 page', () => {
  /** When set, the next ask waits for this before it is answered (to see the page while it waits). */
  let hold: Promise<void> | null = null;
  const sim = simulatedApp({
    caller: 'demo-manager',
    pages: { ask: 'packages/insights/ask/index' },
    intercept: async ({ data }, answer) => {
      if (data['action'] === 'ask' && hold) await hold;
      return answer();
    },
  });
  const { t } = sim;
  const fake = new FakeModel();
  // Answers come after a model round trip and our queries: generous on a busy machine.
  const slowly = <T>(check: () => T) => waitFor(check, 30_000);

  beforeAll(async () => {
    // Only the months the queries read (the 13 up to last month, and this one): the local cloud scans a collection whole.
    const first = shiftMonthKey(shanghaiMonthKey(Date.now()), -13);
    const rows = mergeDay(new Map<string, MonthlySalesRow>(), t.cloud.store.all('orders') as unknown as SalesOrder[]).filter((r) => r.month >= first);
    for (let i = 0; i < rows.length; i += 500) {
      t.cloud.db.handle('database.insertDocument', { collectionName: 'insight_sales_monthly', data: rows.slice(i, i + 500).map((r) => stringifyEJSON(r)) });
    }
    t.cloud.aiUrl = await fake.start();
  });
  beforeEach(() => {
    fake.script = 'answer';
    hold = null;
    process.env['INSIGHTS_AI_TIMEOUT_MS'] = '30000';
  });
  afterAll(async () => {
    delete process.env['INSIGHTS_AI_TIMEOUT_MS'];
    await fake.stop();
  });

  it('shows a manager the answer to an example question after a loading state, with the source of its figures', async () => {
    let release = () => {};
    hold = new Promise<void>((r) => (release = r));
    const p = sim.open('ask');
    await slowly(() => expect(textOf(find(p, '.page-state-title'))).toBe('还没有周报'));
    find(p, '.ask-example')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.ask-submit'))).toBe('正在查询…'));
    expect(find(p, '.page-state-loading')).not.toBeNull();
    release();
    await slowly(() => expect(find(p, '.ask-answer')).not.toBeNull());
    expect(textOf(find(p, '.ask-answer'))).toMatch(/华东大区合计：\d{4}-\d{2} 销售额 ¥\d+/);
    expect(textOf(find(p, '.ask-source'))).toBe('销售趋势（区域：华东大区）');
    expect(find(p, '.ask-notice')).toBeNull();
  });

  it('says why when the model does not answer in time, and shows the template brief instead', async () => {
    fake.script = 'timeout';
    process.env['INSIGHTS_AI_TIMEOUT_MS'] = '300';
    const p = sim.open('ask');
    await waitFor(() => expect(find(p, '.ask-example')).not.toBeNull());
    find(p, '.ask-example')!.dispatchEvent('tap');
    await slowly(() => expect(textOf(find(p, '.ask-notice-fallback'))).toBe('模型超时未回应，已改用模板简报'));
    expect(textOf(find(p, '.ask-answer'))).toContain('华东大区、华南大区渠道简报（按模板整理）');
  });

  it("shows the manager's weekly brief, and tells a dealer the page is for managers and admins", async () => {
    const week = weekOf(Date.now());
    await t.db
      .collection('insight_briefs')
      .doc(`demo-manager:${week}`)
      .set({
        data: {
          managerId: 'demo-manager',
          week,
          regions: ['east', 'south'],
          status: 'answered',
          answer: '本周华东销售平稳。',
          sources: [{ tool: 'query_trends', label: '销售趋势', filters: ['区域：华东大区、华南大区'] }],
          notice: null,
          rounds: 2,
          createdAt: Date.now(),
          notified: true,
        },
      });
    const p = sim.open('ask');
    await slowly(() => expect(textOf(find(p, '.ask-brief'))).toContain(`本周简报（${week} 起）本周华东销售平稳。`));
    sim.caller = 'demo-dealer-a';
    const d = sim.open('ask');
    await slowly(() => expect(textOf(find(d, '.page-state-title'))).toBe('问渠道仅对渠道经理和品牌管理员开放'));
    expect(find(d, '.ask-submit')).toBeNull();
  });
});
