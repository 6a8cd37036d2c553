import type { LevelProposalView, ScorecardView } from '../../shared/contracts';
import { shanghaiMonthKey, shiftMonthKey } from '../../shared/time';
import { TEST_NOW } from '../helpers/clock';
import { okData, seededCloud } from '../helpers/seeded';

/** Monthly scorecards and level proposals through the lifecycle function, on the demo data set. */
jest.setTimeout(60_000);
const t = seededCloud();
afterAll(() => t.cleanup());
const MONTH = shiftMonthKey(shanghaiMonthKey(TEST_NOW), -1);
const admin = <T>(action: string, input: Record<string, unknown> = {}) => t.call<T>('lifecycle', { action, ...input }, undefined, 'wx_devtools');
const cards = () =>
  (t.cloud.store.all('scorecards') as unknown as Array<ScorecardView & { _id: string }>)
    .filter((c) => c.month === MONTH)
    .map(({ computedAt: _at, ...c }) => c)
    .sort((a, b) => a._id.localeCompare(b._id));

describe('monthly scorecards', () => {
  it('scores every active dealer from the month’s data, and recomputing the month gives the same cards', async () => {
    const active = t.cloud.store.all('dealers').filter((d) => d['status'] === 'active').length;
    const first = okData(await admin<{ dealers: number; ratings: Record<string, number> }>('computeScorecards', { month: MONTH }));
    expect(first.dealers).toBe(active);
    expect(Object.values(first.ratings).reduce((a, b) => a + b, 0)).toBe(active);
    const once = cards();
    expect(once).toHaveLength(active);
    // Real data reached the card: some dealer ordered and some had deliveries in the month.
    expect(once.some((c) => c.metrics.find((m) => m.metric === 'regularity')!.value > 0)).toBe(true);
    expect(once.some((c) => c.metrics.find((m) => m.metric === 'growth')!.value !== 0)).toBe(true);
    okData(await admin('computeScorecards', { month: MONTH }));
    expect(cards()).toEqual(once);
  });

  it('goes on from where an unfinished run stopped: dealers after its cursor are scored, those before it are not scored again', async () => {
    const once = cards();
    const ids = once.map((c) => c.dealerId);
    const cursor = ids[Math.floor(ids.length / 2)]!;
    const before = once.filter((c) => c.dealerId <= cursor);
    // A run cut off after the cursor's page: the cards after it are missing, one before it carries a mark.
    for (const c of once.filter((c) => c.dealerId > cursor)) await t.db.collection('scorecards').doc(c._id).remove();
    await t.db
      .collection('scorecards')
      .doc(before[0]!._id)
      .update({ data: { score: -1 } });
    const ratings = Object.fromEntries(['A', 'B', 'C', 'D'].map((r) => [r, before.filter((c) => c.rating === r).length]));
    const run = { month: MONTH, status: 'running', after: cursor, dealers: before.length, proposals: 0, ratings, heldBy: null, heldUntil: 0 };
    await t.db
      .collection('scorecard_runs')
      .doc(MONTH)
      .set({ data: { ...run, startedAt: 0, updatedAt: 0, finishedAt: null } });
    const r = okData(await admin<{ dealers: number; done: boolean }>('computeScorecards', { month: MONTH }));
    expect(r).toEqual(expect.objectContaining({ dealers: once.length, done: true }));
    expect(cards().filter((c) => c.dealerId > cursor)).toEqual(once.filter((c) => c.dealerId > cursor));
    expect(cards().find((c) => c._id === before[0]!._id)!.score).toBe(-1);
    // A finished month computed again starts from the first dealer: the mark is gone.
    okData(await admin('computeScorecards', { month: MONTH }));
    expect(cards()).toEqual(once);
  });

  it('refuses to compute a month another call is computing (CONFLICT), changing nothing', async () => {
    const run = {
      month: MONTH,
      status: 'running',
      after: '',
      dealers: 0,
      proposals: 0,
      ratings: {},
      heldBy: 'another-call',
      heldUntil: Number.MAX_SAFE_INTEGER,
    };
    await t.db
      .collection('scorecard_runs')
      .doc(MONTH)
      .set({ data: { ...run, startedAt: 0, updatedAt: 0, finishedAt: null } });
    const before = JSON.stringify(cards());
    const r = await admin('computeScorecards', { month: MONTH });
    expect(r.ok ? 'ok' : r.error.code).toBe('CONFLICT');
    expect(JSON.stringify(cards())).toBe(before);
    await t.db.collection('scorecard_runs').doc(MONTH).remove();
  });

  it('shows a dealer its own scorecards with the reasons, whatever dealer it names', async () => {
    const { items } = okData(
      await t.call<{ items: ScorecardView[] }>('lifecycle', { action: 'scorecards', dealerId: 'dealer-002' }, 'demo-dealer-a', 'wx_client'),
    );
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((c) => c.dealerId === 'dealer-001')).toBe(true);
    expect(items[0]!.reasons[0]).toMatch(/综合得分 [\d.]+，评级 [ABCD]/);
  });

  it('changes a dealer’s level only when a manager approves the proposal, with an audit entry; a second decision is a conflict', async () => {
    const { items } = okData(await admin<{ items: LevelProposalView[] }>('levelProposals'));
    expect(items.length).toBeGreaterThan(0);
    const p = items[0]!;
    const dealer = () => t.cloud.store.get('dealers', p.dealerId)!.doc as unknown as { level: string };
    expect(dealer().level).toBe(p.fromLevel);
    const decided = okData(await admin<LevelProposalView>('decideLevelProposal', { proposalId: p.id, approve: true, reason: '评级连续变化，同意调整' }));
    expect(decided.status).toBe('approved');
    expect(dealer().level).toBe(p.toLevel);
    expect(
      t.cloud.store.all('audit_log').some((a) => a['action'] === 'lifecycle.decideLevelProposal' && (a['target'] as { id: string }).id === p.dealerId),
    ).toBe(true);
    const again = await admin('decideLevelProposal', { proposalId: p.id, approve: false, reason: '重复处理' });
    expect(again.ok ? 'ok' : again.error.code).toBe('CONFLICT');
    expect(dealer().level).toBe(p.toLevel);
  });
});
