import fs from 'node:fs';
import path from 'node:path';
import type { OrderView, SubmitOutput } from '../../shared/contracts';
import type { QuoteResult } from '../../shared/pricing';
import type { DeliveryAggregate, SettlementRecord } from '../../shared/rebates';
import { periodKey, periodRange } from '../../shared/rebates';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * A rule that names a category covers the categories below it, everywhere: pricing, rebate
 * scopes, approval rules; and an admin change naming a category the catalog lacks is refused.
 * The demo's products sit in leaf categories (cat-0301 NFC果汁 under cat-03 果蔬汁), its rules
 * on the parents. Expectations are derived from the seeded documents, never from the date.
 */
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
let seq = 0;
const clientId = () => `catscope-${Date.now()}-${String(++seq).padStart(6, '0')}`;
const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);

type Product = {
  _id: string;
  sku: string;
  name: string;
  categoryId: string;
  status: string;
  moq: number;
  listPrice: number;
  visibility: { levels: string[]; regions: string[]; dealerIds: string[] };
};
type Dealer = { _id: string; level: string; region: string; status: string };

describe('a category in a rule covers its child categories', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const admin = <T>(action: string, input: Record<string, unknown>) => t.call<T>('admin', { action, ...input }, undefined, 'wx_devtools');
  const rebates = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('rebates', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const orders = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('orders', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');

  const categories = () => t.cloud.store.all('categories') as unknown as Array<{ _id: string; parentId: string | null; name: string }>;
  /** The seeded categories under `id` (its descendants, not itself), from the documents. */
  function below(id: string): Set<string> {
    const out = new Set<string>();
    let grew = true;
    while (grew) {
      grew = false;
      for (const c of categories()) {
        if (c.parentId === null || out.has(c._id) || !(c.parentId === id || out.has(c.parentId))) continue;
        out.add(c._id);
        grew = true;
      }
    }
    return out;
  }
  const products = () => t.cloud.store.all('products') as unknown as Product[];
  const dealerA = () => t.cloud.store.get('dealers', 'dealer-001')!.doc as unknown as Dealer;
  const visibleToA = (p: Product) => {
    const d = dealerA();
    const v = p.visibility;
    if (v.dealerIds.includes(d._id)) return true;
    if (v.levels.length === 0 && v.regions.length === 0) return v.dealerIds.length === 0;
    return (v.levels.length === 0 || v.levels.includes(d.level)) && (v.regions.length === 0 || v.regions.includes(d.region));
  };

  it('prices every juice product of 果蔬汁’s child categories with 果蔬汁冬季 95 折 (a promotion on cat-03)', async () => {
    const promo = t.cloud.store.get('price_rules', 'promo-juice-95')!.doc as unknown as { rule: { name: string; products: { categoryIds: string[] } } };
    expect(promo.rule.products.categoryIds).toEqual(['cat-03']);
    const children = below('cat-03');
    expect(children.size).toBeGreaterThan(0);
    const juice = products().filter((p) => children.has(p.categoryId) && p.status === 'on_sale' && visibleToA(p));
    expect(juice.length).toBeGreaterThan(0);
    // One quote of every juice SKU (at its minimum) for dealer A: each line carries the promotion's step.
    const res = okData(
      await t.call<QuoteResult>('pricing', { action: 'quote', lines: juice.slice(0, 60).map((p) => ({ sku: p.sku, qty: p.moq })) }, 'demo-dealer-a'),
    );
    expect(res.errors).toEqual([]);
    const without = res.lines.filter((l) => l.kind === 'item' && !l.steps.some((s) => s.ruleId === 'promo-juice-95'));
    expect(without.map((l) => l.sku)).toEqual([]);
    expect(res.promotions.map((p) => p.name)).toContain(promo.rule.name);
    // Water (cat-01's children) is not juice: the promotion leaves it alone.
    const water = products().find((p) => below('cat-01').has(p.categoryId) && p.status === 'on_sale' && visibleToA(p))!;
    const plain = okData(await t.call<QuoteResult>('pricing', { action: 'quote', lines: [{ sku: water.sku, qty: water.moq }] }, 'demo-dealer-a'));
    expect(plain.lines[0]!.steps.map((s) => s.ruleId)).not.toContain('promo-juice-95');
  });

  it('closing a month pays 矿泉水月度奖励 (a rebate scoped to cat-01) on the water of its child categories, to the fen', async () => {
    const policy = (
      t.cloud.store.get('rebate_policies', 'rb-month-water')!.doc as unknown as {
        policy: { scope: { includeCategories: string[] }; args: { tiers: Array<{ from: number; perUnitFen: number }> } };
      }
    ).policy;
    expect(policy.scope.includeCategories).toEqual(['cat-01']);
    const water = below('cat-01');
    // The month before the one the demo's last delivery fell in: closed, and full of history.
    const months = (t.cloud.store.all('rebate_aggregates') as unknown as Array<DeliveryAggregate & { _id: string }>).filter((a) =>
      /^\d{4}-\d{2}$/.test(a.period),
    );
    const last = months
      .map((a) => a.period)
      .sort()
      .at(-1)!;
    const month = periodKey('month', periodRange(last).start - 1);
    const active = new Set((t.cloud.store.all('dealers') as unknown as Dealer[]).filter((d) => d.status === 'active').map((d) => d._id));
    // Progressive: each unit from 2,400 pays 2 fen, each from 7,200 pays 3 fen.
    const [t1, t2] = policy.args.tiers as [{ from: number; perUnitFen: number }, { from: number; perUnitFen: number }];
    const pay = (qty: number) => Math.max(0, Math.min(qty, t2.from) - t1.from) * t1.perUnitFen + Math.max(0, qty - t2.from) * t2.perUnitFen;
    const expected = new Map<string, { qty: number; amount: number }>();
    for (const a of months.filter((m) => m.period === month && active.has(m.dealerId))) {
      const qty = Object.entries(a.byCategory).reduce((n, [c, v]) => n + (water.has(c) ? v.qty : 0), 0);
      expected.set(a.dealerId, { qty, amount: pay(qty) });
    }
    expect([...expected.values()].some((e) => e.amount > 0)).toBe(true);

    okData(await rebates('closePeriod', { period: month }));
    const records = (t.cloud.store.all('rebate_settlements') as unknown as Array<{ record: SettlementRecord }>)
      .map((s) => s.record)
      .filter((r) => r.policyId === 'rb-month-water' && r.period === month);
    const paid = Object.fromEntries(records.map((r) => [r.dealerId, { qty: r.basis, amount: r.amount }]));
    expect(paid).toEqual(Object.fromEntries([...active].map((d) => [d, expected.get(d) ?? { qty: 0, amount: 0 }])));
  });

  it('counts the documented example policy (docs/rebates.md, scoped to cat-05) on the goods of cat-05’s child categories', async () => {
    const doc = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'rebates.md'), 'utf8');
    const block = [...doc.matchAll(/```json call rebates\n([\s\S]*?)```/g)]
      .map((m) => JSON.parse(m[1]!) as { action: string; policy?: { id: string; scope: { includeCategories: string[] } } })
      .find((r) => r.action === 'upsertPolicy')!;
    const scoped = new Set(block.policy!.scope.includeCategories.flatMap((c) => [c, ...below(c)]));
    expect(scoped.size).toBeGreaterThan(block.policy!.scope.includeCategories.length);
    okData(await rebates('upsertPolicy', { policy: block.policy }));
    // Its last closed quarter, against the dealers' quarter aggregates.
    const quarters = (t.cloud.store.all('rebate_aggregates') as unknown as Array<DeliveryAggregate & { _id: string }>).filter((a) =>
      /^\d{4}-Q\d$/.test(a.period),
    );
    const quarter = periodKey(
      'quarter',
      periodRange(
        quarters
          .map((a) => a.period)
          .sort()
          .at(-1)!,
      ).start - 1,
    );
    const active = new Set((t.cloud.store.all('dealers') as unknown as Dealer[]).filter((d) => d.status === 'active').map((d) => d._id));
    const expected: Record<string, number> = {};
    for (const d of active) expected[d] = 0;
    for (const a of quarters.filter((q) => q.period === quarter && active.has(q.dealerId))) {
      expected[a.dealerId] = Object.entries(a.byCategory).reduce((n, [c, v]) => n + (scoped.has(c) ? v.amount : 0), 0);
    }
    expect(Object.values(expected).some((v) => v > 0)).toBe(true);
    okData(await rebates('closePeriod', { period: quarter }));
    const records = (t.cloud.store.all('rebate_settlements') as unknown as Array<{ record: SettlementRecord }>)
      .map((s) => s.record)
      .filter((r) => r.policyId === block.policy!.id && r.period === quarter);
    expect(Object.fromEntries(records.map((r) => [r.dealerId, r.basis]))).toEqual(expected);
    expect(records.some((r) => r.amount > 0)).toBe(true);
  });

  it('sends an order of a juice product to approval under a category_in rule on 果蔬汁, and leaves other orders alone', async () => {
    const juice = products().find((p) => below('cat-03').has(p.categoryId) && p.status === 'on_sale' && visibleToA(p) && p.moq * p.listPrice < 500_000)!;
    const tea = products().find((p) => below('cat-02').has(p.categoryId) && p.status === 'on_sale' && visibleToA(p) && p.moq * p.listPrice < 500_000)!;
    const rule = {
      code: 'category_in',
      id: 'apr-juice-test',
      name: '果汁订单审批',
      args: { categoryIds: ['cat-03'] },
      steps: [{ role: 'manager', label: '渠道经理审批' }],
    };
    okData(await admin('upsertApprovalRule', { rule }));
    try {
      const held = okData(
        await orders<SubmitOutput>('submit', { clientOrderId: clientId(), lines: [{ sku: juice.sku, qty: juice.moq }], address: ADDRESS }, 'demo-dealer-a'),
      ).order;
      expect(held.status).toBe('pending_approval');
      const matched = held.approval!.matched.find((m) => m.ruleId === 'apr-juice-test')!;
      const name = categories().find((c) => c._id === 'cat-03')!.name;
      expect(matched.explanation).toBe(`订单含品类「${name}」的商品：${juice.sku}`);
      const other = okData(
        await orders<SubmitOutput>('submit', { clientOrderId: clientId(), lines: [{ sku: tea.sku, qty: tea.moq }], address: ADDRESS }, 'demo-dealer-a'),
      ).order;
      expect((other as OrderView).approval?.matched.map((m) => m.ruleId) ?? []).not.toContain('apr-juice-test');
    } finally {
      okData(await admin('disableApprovalRule', { id: 'apr-juice-test', reason: '测试结束' }));
    }
  });

  describe('an admin change that names a category the catalog does not have is refused and changes nothing', () => {
    const unchanged = async (change: () => Promise<Envelope<unknown>>, coll: string, id: string, path: string) => {
      const before = { audit: t.cloud.store.all('audit_log').length, system: JSON.stringify(t.cloud.store.all('system')), doc: t.cloud.store.get(coll, id) };
      const res = await change();
      expect(codeOf(res)).toBe('INVALID_INPUT');
      if (!res.ok) {
        expect(res.error.message).toContain('cat-nope');
        expect(res.error.issues).toEqual([{ path, code: 'unknown_category', message: '品类 cat-nope 不存在' }]);
      }
      expect(t.cloud.store.get(coll, id)).toEqual(before.doc);
      expect(t.cloud.store.all('audit_log').length).toBe(before.audit);
      expect(JSON.stringify(t.cloud.store.all('system'))).toBe(before.system);
    };

    it('a price rule or promotion', async () => {
      const rule = {
        code: 'line_percent_off',
        id: 'promo-typo',
        name: '错品类促销',
        products: { categoryIds: ['cat-03', 'cat-nope'] },
        args: { percentOffBp: 500 },
      };
      await unchanged(() => admin('upsertRule', { rule }), 'price_rules', 'promo-typo', 'rule.products.categoryIds.1');
      // Changing an existing one the same way leaves it as it was.
      const existing = (t.cloud.store.get('price_rules', 'promo-juice-95')!.doc as unknown as { rule: Record<string, unknown> }).rule;
      await unchanged(
        () => admin('upsertRule', { rule: { ...existing, products: { skus: [], categoryIds: ['cat-nope'] } } }),
        'price_rules',
        'promo-juice-95',
        'rule.products.categoryIds.0',
      );
      // A real parent category is accepted.
      expect(codeOf(await admin('upsertRule', { rule: { ...rule, products: { categoryIds: ['cat-03'] } } }))).toBe('ok');
      okData(await admin('disableRule', { id: 'promo-typo', reason: '测试结束' }));
    });

    it('an approval rule', async () => {
      const rule = {
        code: 'category_in',
        id: 'apr-typo',
        name: '错品类审批',
        args: { categoryIds: ['cat-nope'] },
        steps: [{ role: 'manager', label: '渠道经理审批' }],
      };
      await unchanged(() => admin('upsertApprovalRule', { rule }), 'approval_rules', 'apr-typo', 'rule.args.categoryIds.0');
    });

    it('a rebate policy’s scope', async () => {
      const policy = {
        code: 'volume_tiers',
        id: 'rb-typo',
        name: '错品类返利',
        periodKind: 'month',
        scope: { includeCategories: ['cat-01'], excludeCategories: ['cat-nope'] },
        args: { basis: 'qty', mode: 'progressive', tiers: [{ from: 1, perUnitFen: 1 }] },
      };
      await unchanged(() => rebates('upsertPolicy', { policy }), 'rebate_policies', 'rb-typo', 'policy.scope.excludeCategories.0');
    });
  });
});
