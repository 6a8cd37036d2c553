import { generate } from '../../mocks/seed';
import { CAMPAIGN_IDS } from '../../mocks/seed/campaigns';
import { roiBp } from '../../shared/campaigns';
import { baselineOf, SELL_IN_STATUSES } from '../../shared/campaigns/roi';
import type { FunnelView } from '../../shared/contracts';
import type { DealerBudgetOutput, RoiView } from '../../shared/contracts/campaign-roi';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * ROI per campaign × dealer × clerk through the campaigns function on the demo data: the rows add
 * up to the campaign's ROI, which is computed here again from the stored documents; budgets are
 * the brand's to set; sharers see their own numbers and never a cost.
 */
const demo = generate();
const clerk = demo.users.find((u) => u.openid === 'demo-clerk')!;
const owner = demo.users.find((u) => u.role === 'dealer' && u.dealerId === clerk.dealerId && u.status === 'active')!;
let t: ReturnType<typeof seededCloud>;
beforeAll(() => {
  t = seededCloud();
});
afterAll(() => t.cleanup());

const roi = (campaignId: string, openid = 'demo-admin') => t.call<RoiView>('campaigns', { action: 'roi', campaignId }, openid);
// The brand's view of a campaign, asked once per campaign (after the budget below is set): the cases read the same answer.
const seen = new Map<string, Promise<Extract<RoiView, { scope: 'all' }>>>();
const all = (campaignId: string) => {
  if (!seen.has(campaignId)) {
    seen.set(
      campaignId,
      roi(campaignId).then((res) => {
        const v = okData(res);
        if (v.scope !== 'all') throw new Error('expected the brand view');
        return v;
      }),
    );
  }
  return seen.get(campaignId)!;
};
const docs = <T>(coll: string) => t.cloud.store.all(coll) as unknown as Array<T & { _id: string }>;

describe('ROI of the demo campaigns', () => {
  beforeAll(async () => {
    // A store budget on the summer campaign, for the dealer of its first code.
    const code = docs<{ campaignId: string; dealerId: string }>('campaign_codes').find((c) => c.campaignId === CAMPAIGN_IDS.summer)!;
    okData(
      await t.call('campaigns', { action: 'setDealerBudget', campaignId: CAMPAIGN_IDS.summer, dealerId: code.dealerId, budgetFen: 300_000 }, 'demo-admin'),
    );
  });

  it.each([CAMPAIGN_IDS.summer, CAMPAIGN_IDS.winter])(
    '%s: every dealer and clerk adds up to the campaign’s ROI, computed again from the stored documents',
    async (id) => {
      const { roi: r, campaign } = await all(id);
      const c = docs<{ cost: number; coupon: { valueFen: number } }>('campaigns').find((x) => x._id === id)!;
      const stats = docs<{ campaignId: string; redemptions: number; sales: number }>('campaign_stats').filter((s) => s.campaignId === id);
      const budgets = docs<{ campaignId: string; budgetFen: number }>('campaign_budgets').filter((b) => b.campaignId === id);
      const sales = stats.reduce((s, x) => s + x.sales, 0);
      const couponCost = stats.reduce((s, x) => s + x.redemptions, 0) * c.coupon.valueFen;
      const budget = budgets.reduce((s, b) => s + b.budgetFen, 0);
      expect(r.totals).toEqual(expect.objectContaining({ materialCost: c.cost, couponCost, budget, sales, cost: c.cost + couponCost + budget }));
      expect(r.totals.revenue).toBe(sales + r.totals.lift);
      expect(r.totals.roi).toBe(roiBp(r.totals.revenue, r.totals.cost));
      // The dealers add up to the campaign; each dealer's clerks, plus its own budget and lift, to the dealer.
      const sum = <T>(rows: T[], f: (x: T) => number) => rows.reduce((s, x) => s + f(x), 0);
      for (const k of ['materialCost', 'couponCost', 'budget', 'cost', 'sales', 'lift', 'revenue'] as const)
        expect(sum(r.dealers, (d) => d[k])).toBe(r.totals[k]);
      for (const d of r.dealers) {
        const mine = r.clerks.filter((x) => x.dealerId === d.dealerId);
        expect(sum(mine, (x) => x.cost) + d.budget).toBe(d.cost);
        expect(sum(mine, (x) => x.sales) + d.lift).toBe(d.revenue);
        expect(d.roi).toBe(roiBp(d.revenue, d.cost));
      }
      // Sell-in lift of one dealer, from its orders in the stated windows.
      const d = r.dealers[0]!;
      const during = docs<{ dealerId: string; createdAt: number; status: string; payable: number }>('orders')
        .filter((o) => o.dealerId === d.dealerId && o.createdAt >= campaign.window.from && o.createdAt < campaign.window.to)
        .filter((o) => (SELL_IN_STATUSES as readonly string[]).includes(o.status));
      expect(d.sellIn.during).toBe(sum(during, (o) => o.payable));
      expect(d.lift).toBe(d.sellIn.during - d.sellIn.baseline);
      // The funnel's sales are the ROI's attributed sales.
      const funnel = okData(await t.call<FunnelView>('campaigns', { action: 'funnel', campaignId: id }, 'demo-admin'));
      expect(funnel.funnel.totals.sales).toBe(r.totals.sales);
    },
  );

  it('ranks dealers and clerks best ROI first and suggests moving budget from the worst to the best', async () => {
    const { roi: r } = await all(CAMPAIGN_IDS.summer);
    expect(r.dealers.map((d) => d.rank)).toEqual(r.dealers.map((_, i) => i + 1));
    const rois = r.dealers.map((d) => d.roi).filter((x): x is number => x !== null);
    expect(rois).toEqual([...rois].sort((a, b) => b - a));
    expect(r.suggestions.length).toBeGreaterThan(0);
    const s = r.suggestions[0]!;
    const from = r.dealers.find((d) => d.dealerId === s.fromDealerId)!;
    const to = r.dealers.find((d) => d.dealerId === s.toDealerId)!;
    expect(from.roi!).toBeLessThan(to.roi!);
    expect(s.amount % 100).toBe(0);
    expect(s.text).toContain(from.dealerName);
  });

  it('a budget is the brand’s to set: the same value again changes nothing, a bad one is refused, a dealer owner is forbidden', async () => {
    const code = docs<{ campaignId: string; dealerId: string }>('campaign_codes').find((c) => c.campaignId === CAMPAIGN_IDS.summer)!;
    const set = (budgetFen: number, openid = 'demo-admin') =>
      t.call<DealerBudgetOutput>('campaigns', { action: 'setDealerBudget', campaignId: CAMPAIGN_IDS.summer, dealerId: code.dealerId, budgetFen }, openid);
    const audits = () => docs<{ action: string }>('audit_log').filter((a) => a.action === 'campaigns.setDealerBudget').length;
    const before = audits();
    expect(okData(await set(300_000))).toEqual({ campaignId: CAMPAIGN_IDS.summer, dealerId: code.dealerId, budgetFen: 300_000, previousFen: 300_000 });
    expect(audits()).toBe(before);
    const bad = (await set(-1)) as Envelope;
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
    const owners = (await set(1, owner.openid)) as Envelope;
    expect(owners.ok ? null : owners.error.code).toBe('FORBIDDEN');
    expect(docs<{ budgetFen: number }>('campaign_budgets').map((b) => b.budgetFen)).toEqual([300_000]);
  });

  it('a clerk sees only her own code’s numbers and a dealer owner her store’s, never a cost or an ROI', async () => {
    const own = okData(await roi(CAMPAIGN_IDS.winter, 'demo-clerk'));
    expect(own.scope).toBe('own');
    if (own.scope === 'all') throw new Error('unreachable');
    expect(own.rows.length).toBeGreaterThan(0);
    expect(own.rows.every((x) => x.clerkId === clerk._id)).toBe(true);
    const store = okData(await roi(CAMPAIGN_IDS.winter, owner.openid));
    expect(store.scope).toBe('dealer');
    for (const v of [own, store]) expect(JSON.stringify(v)).not.toMatch(/cost|roi|budget|lift/i);
    const manager = (await roi(CAMPAIGN_IDS.winter, 'demo-manager')) as Envelope;
    expect(manager.ok ? null : manager.error.code).toBe('FORBIDDEN');
  });
});

describe('the sell-in baseline', () => {
  it('is the window before, times last year’s seasonal ratio when last year had sell-in in both windows, else the window before', () => {
    expect(baselineOf({ during: 0, before: 10_000, lastYearDuring: 15_000, lastYearBefore: 10_000 })).toEqual(
      expect.objectContaining({ seasonalBp: 15_000, baseline: 15_000 }),
    );
    expect(baselineOf({ during: 0, before: 10_000, lastYearDuring: 15_000, lastYearBefore: 0 })).toEqual(
      expect.objectContaining({ seasonalBp: null, baseline: 10_000 }),
    );
  });
});
