/**
 * 对账单 (packages/orders/statement) as built for WeChat, in miniprogram-simulate, against the
 * real orders function on a local cloud seeded with the demo data set (twelve months of dealer
 * A's shipments and payments).
 */
import type { StatementOutput } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import { shanghaiMonthKey, shiftMonthKey } from '../../shared/time';
import { TEST_NOW } from '../helpers/clock';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import { find, textOf, waitFor } from './support/weapp';

jest.setTimeout(30_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */
const wx = (): any => (globalThis as any).wx;

/** The month before the tests' pinned morning (TEST_NOW, the clock seededCloud pins), Asia/Shanghai. */
const lastMonth = (): string => shiftMonthKey(shanghaiMonthKey(TEST_NOW), -1);

describe('the statement page', () => {
  const written: Array<{ path: string; data: string; encoding: string }> = [];
  const shared: Array<Record<string, unknown>> = [];
  const sim = simulatedApp({ caller: 'demo-dealer-a', pages: { statement: 'packages/orders/statement/index' } });
  const { calls, t } = sim;

  beforeAll(() => {
    wx().getFileSystemManager = () => ({
      writeFileSync: (path: string, data: string, encoding: string) => void written.push({ path, data, encoding }),
    });
    wx().shareFileMessage = (opts: Record<string, unknown> & { success?: (r: unknown) => void }) => {
      shared.push(opts);
      opts.success?.({ errMsg: 'shareFileMessage:ok' });
      return Promise.resolve({ errMsg: 'shareFileMessage:ok' });
    };
  });

  const statement = async (month: string) => okData(await t.call<StatementOutput>('orders', { action: 'statement', month }, 'demo-dealer-a'));

  it('opens on last month with the opening balance, every line, the totals and the closing balance', async () => {
    const month = lastMonth();
    const expected = await statement(month);
    expect(expected.statement.lines.length).toBeGreaterThan(0);
    const p = sim.open('statement');
    await waitFor(() => expect(textOf(find(p, '.statement-closing'))).toBe(formatFen(expected.statement.closingBalance)));
    expect(calls.map((c) => c.data)).toEqual([{ action: 'statement', month }]);
    expect(textOf(find(p, '.statement-month'))).toContain(month.replace('-', ' 年 '));
    expect(textOf(find(p, '.statement-opening'))).toBe(formatFen(expected.statement.openingBalance));
    expect(textOf(find(p, '.statement-total-orders'))).toBe(formatFen(expected.statement.totals.orders));
    expect(textOf(find(p, '.statement-total-payments'))).toBe(formatFen(expected.statement.totals.payments));
    expect(p.querySelectorAll('.statement-line')).toHaveLength(expected.statement.lines.length);
    expect(p.querySelectorAll('.statement-line-ref').map(textOf)).toEqual(expected.statement.lines.map((l) => l.ref));

    // The month before: asked again, and this month's closing is the next month's opening.
    find(p, '.statement-prev')!.dispatchEvent('tap');
    const before = await statement(shiftMonthKey(month, -1));
    await waitFor(() => expect(textOf(find(p, '.statement-closing'))).toBe(formatFen(before.statement.closingBalance)));
    expect(before.statement.closingBalance).toBe(expected.statement.openingBalance);
    expect(calls.map((c) => c.data['month'])).toEqual([month, shiftMonthKey(month, -1)]);

    // Forward to the current month, and no further.
    find(p, '.statement-next')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.statement-closing'))).toBe(formatFen(expected.statement.closingBalance)));
    find(p, '.statement-next')!.dispatchEvent('tap');
    await waitFor(() => expect(calls).toHaveLength(4));
    // The fourth call is sent before its answer is drawn: wait for the page, not only the call.
    await waitFor(() => expect(find(p, '.statement-next-off')).not.toBeNull());
    find(p, '.statement-next')!.dispatchEvent('tap');
    await new Promise((r) => setTimeout(r, 100));
    expect(calls.map((c) => c.data['month'])).toEqual([month, shiftMonthKey(month, -1), month, shiftMonthKey(month, 1)]);
  });

  // The simulator's USER_DATA_PATH is '/usr/' (WeChat's is 'wxfile://usr'): one slash either way.
  it('导出 CSV writes the statement to a user file and shares it as a file message', async () => {
    const month = lastMonth();
    const expected = await statement(month);
    const p = sim.open('statement');
    await waitFor(() => expect(find(p, '.statement-export')).not.toBeNull());
    find(p, '.statement-export')!.dispatchEvent('tap');
    await waitFor(() => expect(shared).toHaveLength(1));
    expect(written).toEqual([{ path: `/usr/对账单-${month}.csv`, data: expected.csv, encoding: 'utf8' }]);
    expect(shared[0]).toMatchObject({ filePath: `/usr/对账单-${month}.csv`, fileName: `对账单-${month}.csv` });
    expect(expected.csv.startsWith('\uFEFF时间,类型')).toBe(true);
  });
});
