/**
 * The 返利 tab, 返利明细 (the wallet ledger) and 返利结算记录 as built for WeChat, in
 * miniprogram-simulate, answered by the real rebates function on a local cloud seeded with the
 * demo data set: dealer A (demo-dealer-a → dealer-001) has three policies running and the
 * 2026-Q3 volume settlement credited to its wallet.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RebateProgressOutput, SettlementView } from '../../shared/contracts';
import { formatYuan } from '../../shared/orders/format';
import type { WalletEntry } from '../../shared/rebates';
import type { Envelope } from '../helpers/seeded';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { RenderedPage, SimNode } from './support/weapp';
import { WEAPP_DIR, find, waitFor } from './support/weapp';

jest.setTimeout(30_000);

type Wallet = { balance: number; entries: WalletEntry[]; nextCursor: string | null };

/**
 * The simulator's querySelector works from the page only; inside a node found there, look in its
 * DOM. Built class names carry a scope prefix (`main--rebates-policy-name`).
 */
type Scoped = { dom: Element };
const hasClass = (el: Element, cls: string) => Array.from(el.classList).some((c) => c === cls || c.endsWith(`--${cls}`));
const insideAll = (n: Scoped | null, selector: string): Scoped[] =>
  n
    ? Array.from(n.dom.querySelectorAll('*'))
        .filter((el) => hasClass(el, selector.replace(/^\./, '')))
        .map((dom) => ({ dom }))
    : [];
const inside = (n: Scoped | null, selector: string): Scoped | null => insideAll(n, selector)[0] ?? null;
/** Visible text, whitespace collapsed. */
const text = (n: Scoped | null | undefined): string => (n?.dom.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Shanghai wall time 'YYYY-MM-DD HH:mm', computed here independently of the app's helpers. */
const shanghai = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('the 返利 tab and its ledger and settlement pages', () => {
  let failNextCalls = 0;
  const sim = simulatedApp({
    caller: 'demo-dealer-a',
    pages: { tab: 'pages/rebates/index', ledger: 'packages/rebates/ledger/index', settlements: 'packages/rebates/settlements/index' },
    intercept: async ({ name }, answer) => {
      // Failures are the tab's own calls (rebates), not the app asking who the caller is.
      if (failNextCalls > 0 && name === 'rebates') {
        failNextCalls--;
        throw new Error('request:fail timeout');
      }
      return answer();
    },
  });
  const { app, calls, t } = sim;
  beforeEach(() => {
    failNextCalls = 0;
  });

  const open = (page: 'tab' | 'ledger' | 'settlements', query: Record<string, string> = {}): RenderedPage => sim.open(page, query);
  const ask = async <T>(action: string, input: Record<string, unknown> = {}, who = 'demo-dealer-a'): Promise<T> =>
    okData((await t.cloud.invoke('rebates', { action, ...input }, { openid: who })) as Envelope<T>);
  const progress = () => ask<RebateProgressOutput>('progress');
  const card = (p: SimNode, policyId: string): SimNode => {
    const c = find(p, `.rebates-policy-${policyId}`);
    if (!c) throw new Error(`no card for ${policyId}`);
    return c;
  };
  const widthOf = (n: Scoped | null): string => /width:\s*([\d.]+%)/.exec(n?.dom.getAttribute('style') ?? '')?.[1] ?? '';
  /** Book an entry as the system does: the ledger line and the account's cached balance together. */
  const addEntry = async (id: string, entry: Omit<WalletEntry, 'id' | 'dealerId'>) => {
    await t.db
      .collection('wallet_entries')
      .doc(id)
      .set({ data: { dealerId: 'dealer-001', ...entry } });
    await t.db
      .collection('accounts')
      .doc('dealer-001')
      .update({ data: { rebateBalance: t.db.command.inc(entry.amount) } });
  };
  /** Take a test's entries out again, balance included: the cloud is shared by the whole file. */
  const removeEntries = async (entries: Array<{ id: string; amount: number }>) => {
    for (const e of entries) {
      await t.db.collection('wallet_entries').doc(e.id).remove();
      await t.db
        .collection('accounts')
        .doc('dealer-001')
        .update({ data: { rebateBalance: t.db.command.inc(-e.amount) } });
    }
  };

  it('shows each seeded policy with its period, tier, progress bar, earned, projection and the 再进货 hint', async () => {
    const expected = await progress();
    expect(expected.evaluations.map((e) => e.policyName).sort()).toEqual(['季度同比增长返利', '季度进货阶梯返利', '矿泉水月度奖励']);
    const p = open('tab');
    await waitFor(() => expect(p.querySelectorAll('.rebates-policy')).toHaveLength(3));
    expect(p.querySelectorAll('.rebates-policy-name').map((n) => text(n))).toEqual(expected.evaluations.map((e) => e.policyName));

    for (const e of expected.evaluations) {
      const c = card(p, e.policyId);
      expect(text(inside(c, '.rebates-policy-period'))).toBe(e.policyId.includes('month') ? '本月' : '本季度');
      expect(text(inside(c, '.rebates-policy-earned'))).toBe(formatYuan(e.earned));
      expect(text(inside(c, '.rebates-policy-projected'))).toBe(formatYuan(e.projectedEarned));
      if (e.hint) expect(text(inside(c, '.rebates-hint-text'))).toBe(e.hint);
      else expect(inside(c, '.rebates-policy-hint')).toBeNull();
    }

    // The quarterly volume rebate (1% from ¥20,000, 2% from ¥50,000, 3% from ¥100,000): the tier
    // the dealer's quarter-to-date reached, and the bar from it to the next tier, or full at the top.
    const volume = expected.evaluations.find((e) => e.policyId === 'rb-quarter-volume')!;
    const thresholds = [2_000_000, 5_000_000, 10_000_000];
    const reached = thresholds.filter((x) => volume.basis >= x).length - 1;
    expect(reached).toBeGreaterThanOrEqual(0);
    expect(volume.tierReached?.index).toBe(reached);
    const v = card(p, 'rb-quarter-volume');
    expect(text(inside(v, '.rebates-policy-tier'))).toBe(`已达第 ${reached + 1} 档 · 返 ${reached + 1}%`);
    expect(text(inside(v, '.rebates-progress-basis'))).toBe(`已进货 ${formatYuan(volume.basis)}`);
    const next = thresholds[reached + 1];
    if (next !== undefined) {
      expect(volume.nextTier?.threshold).toBe(next);
      expect(text(inside(v, '.rebates-progress-goal'))).toBe(`第 ${reached + 2} 档 ${formatYuan(next)}`);
      expect(widthOf(inside(v, '.rebates-progress-fill'))).toBe(
        `${Math.floor(((volume.basis - thresholds[reached]!) * 100) / (next - thresholds[reached]!))}%`,
      );
      expect(text(inside(v, '.rebates-hint-text'))).toMatch(/^再进货 ¥[\d,]+\.\d\d 可达下一档，多得 ¥[\d,]+\.\d\d$/);
      expect(text(inside(v, '.rebates-hint-text'))).toBe(
        `再进货 ${formatYuan(volume.nextTier!.toGo)} 可达下一档，多得 ${formatYuan(volume.nextTier!.extraEarned)}`,
      );
    } else {
      expect(volume.nextTier).toBeNull();
      expect(text(inside(v, '.rebates-progress-goal'))).toBe('已达最高档');
      expect(widthOf(inside(v, '.rebates-progress-fill'))).toBe('100%');
    }
    expect(text(inside(v, '.rebates-policy-projected-basis'))).toBe(formatYuan(volume.projectedBasis));

    // The water reward counts pieces (件), not money.
    const water = expected.evaluations.find((e) => e.policyId === 'rb-month-water')!;
    expect(water.measure).toBe('qty');
    const w = card(p, 'rb-month-water');
    expect(text(inside(w, '.rebates-progress-basis'))).toBe(`已进货数量 ${water.basis.toLocaleString('en-US')} 件`);
    expect(text(inside(w, '.rebates-progress-goal'))).toBe(`第 ${water.nextTier!.index + 1} 档 ${water.nextTier!.threshold.toLocaleString('en-US')} 件`);

    expect(calls.filter((c) => c.name === 'rebates')).toEqual([{ name: 'rebates', data: { action: 'progress' } }]);
  });

  it('shows the wallet balance with the 10% spend rule and links to the ledger and the settlements', async () => {
    const { wallet } = await progress();
    // The seeded ledger: dealer A's share of the last closed quarter's settlement.
    const seeded = t.cloud.store.all('wallet_entries').filter((w) => w['dealerId'] === 'dealer-001');
    expect(seeded.length).toBeGreaterThan(0);
    expect(wallet.balance).toBe(seeded.reduce((sum, w) => sum + (w['amount'] as number), 0));
    const p = open('tab');
    await waitFor(() => expect(find(p, '.rebates-balance')).not.toBeNull());
    expect(text(find(p, '.rebates-wallet-label'))).toBe('可用返利');
    expect(text(find(p, '.rebates-balance'))).toBe(formatYuan(wallet.balance));
    expect(text(find(p, '.rebates-spend-rule'))).toContain('每单最多抵扣订单金额的 10%');

    find(p, '.rebates-ledger-link')!.dispatchEvent('tap');
    find(p, '.rebates-settlements-link')!.dispatchEvent('tap');
    const urls = () => app.wxCalls.filter((c) => c.api === 'navigateTo').map((c) => (c.args as { url: string }).url);
    await waitFor(() => expect(urls()).toEqual(['/packages/rebates/ledger/index', '/packages/rebates/settlements/index']));
  });

  it('计算说明 unfolds the trace of a policy in plain words and folds it again', async () => {
    const volume = (await progress()).evaluations.find((e) => e.policyId === 'rb-quarter-volume')!;
    const p = open('tab');
    await waitFor(() => expect(find(p, '.rebates-policy-rb-quarter-volume')).not.toBeNull());
    const v = card(p, 'rb-quarter-volume');
    expect(inside(v, '.rebates-policy-trace-line')).toBeNull();
    expect(text(inside(v, '.rebates-policy-explain-toggle'))).toBe('计算说明 ▾');

    find(p, '.rebates-explain-rb-quarter-volume')!.dispatchEvent('tap');
    await waitFor(() => expect(insideAll(v, '.rebates-policy-trace-line')).toHaveLength(volume.trace.length));
    expect(insideAll(v, '.rebates-policy-trace-line').map((n) => text(n))).toEqual(volume.trace.map((s) => s.text));
    const tier = volume.tierReached!.index + 1;
    expect(text(inside(v, '.rebates-trace-amount'))).toMatch(new RegExp(`^全额按第 ${tier} 档计：¥[\\d,.]+ × ${tier}% = ¥[\\d,.]+`));
    // Only the card tapped unfolds.
    expect(inside(card(p, 'rb-quarter-growth'), '.rebates-policy-trace-line')).toBeNull();

    find(p, '.rebates-explain-rb-quarter-volume')!.dispatchEvent('tap');
    await waitFor(() => expect(inside(v, '.rebates-policy-trace-line')).toBeNull());
  });

  it('pull-to-refresh asks rebates.progress again, shows the new balance and stops the indicator', async () => {
    const before = (await progress()).wallet.balance;
    const p = open('tab');
    await waitFor(() => expect(text(find(p, '.rebates-balance'))).toBe(formatYuan(before)));

    // The brand credits an adjustment meanwhile.
    await addEntry('adj-test-refresh', { type: 'adjustment', amount: 10_000, at: Date.now(), ref: 'test', note: '测试调整' });
    try {
      (p.instance as unknown as { onPullDownRefresh: () => void }).onPullDownRefresh();

      await waitFor(() => expect(text(find(p, '.rebates-balance'))).toBe(formatYuan(before + 10_000)));
      expect(calls.filter((c) => c.name === 'rebates' && c.data['action'] === 'progress')).toHaveLength(2);
      // A quiet refresh: the cards stay on screen, no skeleton.
      expect(find(p, '.page-state-loading')).toBeNull();
      await waitFor(() => expect(app.wxCalls.map((c) => c.api)).toContain('stopPullDownRefresh'));
    } finally {
      await removeEntries([{ id: 'adj-test-refresh', amount: 10_000 }]);
    }
  });

  it('a failed call shows the error and 重试 asks again', async () => {
    failNextCalls = 1;
    const p = open('tab');
    await waitFor(() => expect(find(p, '.page-state-error')).not.toBeNull());
    expect(text(find(p, '.page-state-message'))).toContain('网络连接失败');
    find(p, '.page-state-retry')!.dispatchEvent('tap');
    await waitFor(() => expect(p.querySelectorAll('.rebates-policy')).toHaveLength(3));
    expect(find(p, '.page-state-error')).toBeNull();
    expect(calls.filter((c) => c.name === 'rebates')).toHaveLength(2);
  });

  it('a channel manager is told the tab is for dealer accounts, with no retry, and rebates are not asked', async () => {
    // Another caller: the app must not go on the dealer it remembers.
    sim.caller = 'demo-manager';
    app.forgetCaller();
    try {
      const p = open('tab');
      await waitFor(() => expect(find(p, '.page-state-empty')).not.toBeNull());
      expect(text(find(p, '.page-state-title'))).toBe('返利仅对经销商账号开放');
      expect(find(p, '.page-state-retry')).toBeNull();
      expect(find(p, '.rebates-balance')).toBeNull();
      expect(calls).toEqual([{ name: 'users', data: { action: 'me' } }]);
    } finally {
      app.forgetCaller();
    }
  });

  it('the ledger lists the 2026-Q3 settlement credit with its Chinese label, a green + amount, Shanghai time and note (the period as 2026年第3季度)', async () => {
    const wallet = await ask<Wallet>('wallet', { limit: 50 });
    const credit = wallet.entries.find((e) => e.type === 'rebate_settlement')!;
    // The seeded settlement credit of the last closed quarter, as stored.
    const seeded = t.cloud.store.all('wallet_entries').find((w) => w['dealerId'] === 'dealer-001' && w['type'] === 'rebate_settlement')!;
    expect(credit.amount).toBe(seeded['amount']);
    expect(credit.amount).toBeGreaterThan(0);
    const p = open('ledger');
    await waitFor(() => expect(find(p, '.ledger-entry-rebate_settlement')).not.toBeNull());
    expect(text(find(p, '.ledger-balance'))).toBe(formatYuan(wallet.balance));
    const row = find(p, '.ledger-entry-rebate_settlement')!;
    expect(text(inside(row, '.ledger-entry-type'))).toBe('返利结算');
    expect(text(inside(row, '.ledger-entry-amount'))).toBe(`+${formatYuan(credit.amount)}`);
    expect(inside(row, '.ledger-amount-credit')).not.toBeNull();
    expect(text(inside(row, '.ledger-entry-time'))).toBe(shanghai(credit.at));
    // The stored note keeps the key; people read the one period label (shared/rebates/readable).
    expect(text(inside(row, '.ledger-entry-note'))).toBe('季度进货阶梯返利 2026年第3季度');
  });

  it('the ledger shows debits in red with a minus and loads twenty entries at a time', async () => {
    // Newer than anything booked so far, one minute apart.
    const base = Date.now() + 60_000;
    const added = Array.from({ length: 24 }, (_, i) => ({ id: `spend-test-${String(i).padStart(2, '0')}`, amount: -(100 + i) }));
    for (const [i, e] of added.entries()) {
      await addEntry(e.id, { type: 'order_spend', amount: e.amount, at: base + i * 60_000, ref: `DO-TEST-${i}`, note: `订单 DO-TEST-${i} 抵扣` });
    }
    try {
      const all = await ask<Wallet>('wallet', { limit: 50 });
      expect(all.entries.length).toBeGreaterThan(20);
      const p = open('ledger');
      await waitFor(() => expect(p.querySelectorAll('.ledger-entry')).toHaveLength(20));
      expect(text(find(p, '.ledger-balance'))).toBe(formatYuan(all.balance));
      expect(find(p, '.ledger-end')).toBeNull();

      // Newest first: the last spend added is on top, in red with a minus.
      const top = p.querySelectorAll('.ledger-entry')[0]!;
      const newest = all.entries[0]!;
      expect(newest.id).toBe('spend-test-23');
      expect(text(inside(top, '.ledger-entry-type'))).toBe('下单抵扣');
      expect(text(inside(top, '.ledger-entry-amount'))).toBe('-¥1.23');
      expect(inside(top, '.ledger-amount-debit')).not.toBeNull();
      expect(text(inside(top, '.ledger-entry-note'))).toBe('订单 DO-TEST-23 抵扣');

      find(p, '.ledger-more')!.dispatchEvent('tap');
      await waitFor(() => expect(p.querySelectorAll('.ledger-entry')).toHaveLength(all.entries.length));
      expect(find(p, '.ledger-end')).not.toBeNull();
      expect(p.querySelectorAll('.ledger-entry-type').map((n) => text(n))).toEqual(
        all.entries.map(
          (e) => ({ rebate_settlement: '返利结算', clawback: '返利扣回', order_spend: '下单抵扣', order_release: '抵扣退回', adjustment: '人工调整' })[e.type],
        ),
      );
      expect(calls.map((c) => c.data)).toEqual([
        { action: 'wallet', limit: 20 },
        { action: 'wallet', limit: 20, cursor: `${all.entries[19]!.at}.${all.entries[19]!.id}` },
      ]);
    } finally {
      await removeEntries(added);
    }
  });

  it('settlement history shows each period and policy with its amount, 已入账 or 待入账, and the calculation in plain words', async () => {
    const { items } = await ask<{ items: SettlementView[] }>('settlements');
    const q3 = items.find((s) => s.period === '2026-Q3' && s.policyId === 'rb-quarter-volume')!;
    expect(q3.status).toBe('credited');
    const p = open('settlements');
    await waitFor(() => expect(find(p, '.settlements-period-2026-Q3')).not.toBeNull());
    const period = find(p, '.settlements-period-2026-Q3')!;
    expect(text(inside(period, '.settlements-period-title'))).toBe('2026年第3季度');
    const s = inside(period, '.settlement-rb-quarter-volume')!;
    expect(text(inside(s, '.settlement-policy'))).toBe('季度进货阶梯返利');
    expect(q3.amount).toBeGreaterThan(0);
    expect(text(inside(s, '.settlement-amount'))).toBe(formatYuan(q3.amount));
    expect(text(inside(s, '.settlement-status'))).toBe('已入账');
    expect(text(inside(s, '.settlement-time'))).toBe(`${shanghai(q3.settledAt)} 结算 · ${shanghai(q3.creditedAt!)} 入账`);
    expect(insideAll(s, '.settlement-explanation-line').map((n) => text(n))).toEqual(q3.explanation);
    expect(text(insideAll(s, '.settlement-explanation-line')[1]!)).toContain('达到第 3 档');
    app.close(p);

    // A settlement the brand has not approved yet reads 待入账.
    const stored = t.cloud.store.get('rebate_settlements', q3.id)!.doc;
    await t.db
      .collection('rebate_settlements')
      .doc(q3.id)
      .update({ data: { status: 'pending', creditedAt: null } });
    try {
      const again = open('settlements', { period: '2026-Q3' });
      await waitFor(() => expect(text(find(again, '.settlement-status'))).toBe('待入账'));
      expect(find(again, '.settlement-status-pending')).not.toBeNull();
      expect(text(find(again, '.settlement-time'))).toBe(`${shanghai(q3.settledAt)} 结算`);
      expect(calls.map((c) => c.data)).toEqual([{ action: 'settlements' }, { action: 'settlements', period: '2026-Q3' }]);
    } finally {
      await t.db
        .collection('rebate_settlements')
        .doc(q3.id)
        .update({ data: { status: stored['status'], creditedAt: stored['creditedAt'] } });
    }
  });

  it('shows the empty state when no policy applies to the dealer, and still shows the wallet', async () => {
    const enabled = t.cloud.store
      .all('rebate_policies')
      .filter((d) => d['enabled'] === true)
      .map((d) => d._id);
    await t.db
      .collection('rebate_policies')
      .where({ enabled: true })
      .update({ data: { enabled: false } });
    try {
      const p = open('tab');
      await waitFor(() => expect(find(p, '.page-state-empty')).not.toBeNull());
      expect(text(find(p, '.page-state-title'))).toBe('当前没有适用的返利政策');
      expect(find(p, '.rebates-policy')).toBeNull();
      expect(find(p, '.rebates-balance')).not.toBeNull();
    } finally {
      for (const id of enabled)
        await t.db
          .collection('rebate_policies')
          .doc(id)
          .update({ data: { enabled: true } });
    }
  });

  it('keeps the ledger and settlement pages in the rebates subpackage, off the main package', () => {
    const appJson = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as {
      pages: string[];
      subPackages: Array<{ root: string; pages: string[] }>;
    };
    expect(appJson.pages).toContain('pages/rebates/index');
    expect(appJson.subPackages.find((s) => s.root === 'packages/rebates')?.pages).toEqual(['ledger/index', 'settlements/index']);
    expect(fs.existsSync(path.join(WEAPP_DIR, 'packages/rebates/ledger/index.js'))).toBe(true);
    expect(fs.existsSync(path.join(WEAPP_DIR, 'pages/rebates/ledger'))).toBe(false);
  });
});
