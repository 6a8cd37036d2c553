import { APPROVAL_RULE_CODES, APPROVAL_RULE_DEFINITIONS, approvalFactsOf, approvalRuleSchema, evaluateApproval } from '../../../shared/orders';
import type { ApprovalFacts, ApprovalRule, ApprovalRuleInput } from '../../../shared/orders';
import { categoryTreeOf } from '../../../shared/targeting';
import { DAY, submittedOrder, T0 } from './fixtures';

const TEA_TREE = categoryTreeOf([{ _id: 'cat-tea', parentId: null, name: '茶叶' }]);

const facts = (over: Partial<ApprovalFacts> = {}): ApprovalFacts => ({
  payable: 8_200_000,
  listTotal: 10_000_000,
  rebateUsed: 0,
  lines: [
    { sku: 'TEA-1', categoryId: 'cat-tea' },
    { sku: 'CUP-1', categoryId: 'cat-cup' },
  ],
  categories: TEA_TREE,
  dealer: { level: 'B', joinedAt: T0 - 100 * DAY, orderCount: 10 },
  credit: { limit: 10_000_000, used: 1_000_000, reserved: 500_000 },
  now: T0,
  ...over,
});

const parse = (input: ApprovalRuleInput): ApprovalRule => approvalRuleSchema.parse(input);
const manager = [{ role: 'manager' as const, label: '渠道经理审批' }];
const rule = (code: string, args: unknown, extra: Record<string, unknown> = {}) =>
  parse({ id: `r-${code}`, name: code, code, args, steps: manager, ...extra } as ApprovalRuleInput);
const explain = (r: ApprovalRule, f: ApprovalFacts) => evaluateApproval(f, [r]).matched[0]?.explanation ?? null;

describe('approval rule registry', () => {
  test('every definition has a unique snake_case code and a valid example', () => {
    expect(new Set(APPROVAL_RULE_CODES).size).toBe(APPROVAL_RULE_DEFINITIONS.length);
    expect(APPROVAL_RULE_CODES).toEqual([
      'order_amount_over',
      'discount_depth_over',
      'credit_overdraw',
      'first_orders_of_new_dealer',
      'dealer_level_in',
      'category_in',
    ]);
    for (const d of APPROVAL_RULE_DEFINITIONS) {
      expect(d.code).toMatch(/^[a-z]+(_[a-z]+)*$/);
      expect(approvalRuleSchema.safeParse(d.example).success).toBe(true);
    }
  });

  test('refuses unknown fields, unknown codes, bad args and steps by roles that cannot approve', () => {
    const base = { id: 'r1', name: '大额', code: 'order_amount_over', args: { thresholdFen: 100 }, steps: manager };
    expect(approvalRuleSchema.safeParse(base).success).toBe(true);
    expect(approvalRuleSchema.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(approvalRuleSchema.safeParse({ ...base, args: { thresholdFen: 100, x: 1 } }).success).toBe(false);
    expect(approvalRuleSchema.safeParse({ ...base, args: { thresholdFen: -1 } }).success).toBe(false);
    expect(approvalRuleSchema.safeParse({ ...base, code: 'nope' }).success).toBe(false);
    expect(approvalRuleSchema.safeParse({ ...base, steps: [] }).success).toBe(false);
    expect(approvalRuleSchema.safeParse({ ...base, steps: [{ role: 'dealer', label: 'x' }] }).success).toBe(false);
    expect(approvalRuleSchema.safeParse({ ...base, steps: [...manager, ...manager] }).success).toBe(false);
    expect(approvalRuleSchema.safeParse({ ...base, code: 'first_orders_of_new_dealer', args: {} }).success).toBe(false);
    expect(approvalRuleSchema.safeParse({ ...base, code: 'dealer_level_in', args: { levels: ['Z'] } }).success).toBe(false);
    expect(approvalRuleSchema.safeParse({ ...base, code: 'category_in', args: { categoryIds: [] } }).success).toBe(false);
  });

  test('fills defaults: enabled, priority 0, tolerance 0', () => {
    expect(rule('credit_overdraw', {})).toMatchObject({ enabled: true, priority: 0, args: { toleranceFen: 0 } });
  });
});

describe('order_amount_over', () => {
  const r = rule('order_amount_over', { thresholdFen: 5_000_000 });
  test('matches strictly over the threshold and explains it in yuan', () => {
    expect(explain(r, facts({ payable: 8_200_000 }))).toBe('订单金额 ¥82,000.00 超过 ¥50,000.00');
    expect(explain(r, facts({ payable: 5_000_001 }))).toBe('订单金额 ¥50,000.01 超过 ¥50,000.00');
  });
  test('exactly at the threshold does not need approval', () => {
    expect(explain(r, facts({ payable: 5_000_000 }))).toBeNull();
  });
});

describe('discount_depth_over', () => {
  const r = rule('discount_depth_over', { basisPoints: 2000 });
  test('matches when the average discount off list is over the threshold', () => {
    expect(explain(r, facts({ listTotal: 10_000, payable: 7_999 }))).toBe('平均折扣 20.01% 超过 20.00%（目录价 ¥100.00，折后 ¥79.99）');
  });
  test('exactly at the threshold does not match', () => {
    expect(explain(r, facts({ listTotal: 10_000, payable: 8_000 }))).toBeNull();
  });
  test('a hair over shows the depth rounded up so it never reads as equal', () => {
    expect(explain(r, facts({ listTotal: 1_000_000, payable: 799_999 }))).toBe('平均折扣 20.01% 超过 20.00%（目录价 ¥10,000.00，折后 ¥7,999.99）');
  });
  test('rebate spent is not a discount: depth is measured before the rebate', () => {
    expect(explain(r, facts({ listTotal: 10_000, payable: 7_000, rebateUsed: 1_000 }))).toBeNull();
    expect(explain(r, facts({ listTotal: 10_000, payable: 6_999, rebateUsed: 1_000 }))).not.toBeNull();
  });
  test('an order without list value has no depth', () => {
    expect(explain(r, facts({ listTotal: 0, payable: 0 }))).toBeNull();
  });
});

describe('credit_overdraw', () => {
  // available = 10 000 000 − 1 000 000 − 500 000 = 8 500 000
  test('matches when the order exceeds available credit by any amount', () => {
    const r = rule('credit_overdraw', { toleranceFen: 0 });
    expect(explain(r, facts({ payable: 8_500_000 }))).toBeNull();
    expect(explain(r, facts({ payable: 8_500_001 }))).toBe('本单 ¥85,000.01 超出可用信用额度 ¥85,000.00，差 ¥0.01');
  });
  test('tolerates overdraw up to and including the allowance', () => {
    const r = rule('credit_overdraw', { toleranceFen: 100_000 });
    expect(explain(r, facts({ payable: 8_600_000 }))).toBeNull();
    expect(explain(r, facts({ payable: 8_600_001 }))).toBe('本单 ¥86,000.01 超出可用信用额度 ¥85,000.00，差 ¥1,000.01（允许透支 ¥1,000.00）');
  });
});

describe('first_orders_of_new_dealer', () => {
  test('matches the first N orders: order N matches, order N + 1 does not', () => {
    const r = rule('first_orders_of_new_dealer', { firstOrders: 3 });
    expect(explain(r, facts({ dealer: { level: 'B', joinedAt: 0, orderCount: 0 } }))).toBe('新经销商第 1 单（前 3 单需审批）');
    expect(explain(r, facts({ dealer: { level: 'B', joinedAt: 0, orderCount: 2 } }))).toBe('新经销商第 3 单（前 3 单需审批）');
    expect(explain(r, facts({ dealer: { level: 'B', joinedAt: 0, orderCount: 3 } }))).toBeNull();
  });
  test('matches within D days of joining, not at exactly D days', () => {
    const r = rule('first_orders_of_new_dealer', { joinedWithinDays: 30 });
    expect(explain(r, facts({ dealer: { level: 'B', joinedAt: T0 - 30 * DAY + 1, orderCount: 50 } }))).toBe('经销商入驻 29 天（30 天内需审批）');
    expect(explain(r, facts({ dealer: { level: 'B', joinedAt: T0 - 30 * DAY, orderCount: 50 } }))).toBeNull();
  });
  test('with both set, either matches and both reasons are given', () => {
    const r = rule('first_orders_of_new_dealer', { firstOrders: 1, joinedWithinDays: 30 });
    expect(explain(r, facts({ dealer: { level: 'B', joinedAt: T0 - DAY, orderCount: 0 } }))).toBe(
      '新经销商第 1 单（前 1 单需审批）；经销商入驻 1 天（30 天内需审批）',
    );
  });
});

describe('dealer_level_in and category_in', () => {
  test('dealer_level_in matches listed levels only', () => {
    const r = rule('dealer_level_in', { levels: ['B', 'C'] });
    expect(explain(r, facts())).toBe('经销商等级为 B（二级经销商）');
    expect(explain(r, facts({ dealer: { level: 'A', joinedAt: 0, orderCount: 9 } }))).toBeNull();
  });
  test('category_in matches when any line is of a listed category and names the SKUs', () => {
    const r = rule('category_in', { categoryIds: ['cat-tea', 'cat-wine'] });
    expect(explain(r, facts())).toBe('订单含品类「茶叶」的商品：TEA-1');
    expect(explain(r, facts({ lines: [{ sku: 'CUP-1', categoryId: 'cat-cup' }] }))).toBeNull();
    const many = facts({ lines: ['A', 'B', 'C', 'D', 'E'].map((sku) => ({ sku, categoryId: 'cat-wine' })) });
    expect(explain(r, many)).toBe('订单含品类「cat-wine」的商品：A、B、C 等 5 个');
  });
});

describe('evaluateApproval', () => {
  const amount = rule(
    'order_amount_over',
    { thresholdFen: 1_000 },
    {
      id: 'amount',
      steps: [
        { role: 'manager', label: '渠道经理审批' },
        { role: 'admin', label: '财务审批' },
      ],
    },
  );
  const level = rule('dealer_level_in', { levels: ['B'] }, { id: 'level', steps: [{ role: 'admin', label: '品牌复核' }] });
  const category = rule(
    'category_in',
    { categoryIds: ['cat-tea'] },
    {
      id: 'category',
      priority: 5,
      steps: [
        { role: 'admin', label: '品类审批' },
        { role: 'manager', label: '经理复核' },
      ],
    },
  );

  test('no matching rule means approved automatically', () => {
    expect(evaluateApproval(facts({ payable: 10 }), [amount])).toEqual({ required: false, matched: [], steps: [] });
    expect(evaluateApproval(facts(), [])).toEqual({ required: false, matched: [], steps: [] });
  });

  test('disabled rules never match', () => {
    expect(evaluateApproval(facts(), [{ ...amount, enabled: false }]).required).toBe(false);
  });

  test('merges steps by priority then id, de-duplicated by role, first occurrence keeps its place and label', () => {
    const out = evaluateApproval(facts(), [amount, level]);
    expect(out.matched.map((m) => m.ruleId)).toEqual(['amount', 'level']);
    expect(out.steps).toEqual([
      { role: 'manager', label: '渠道经理审批', ruleIds: ['amount'] },
      { role: 'admin', label: '财务审批', ruleIds: ['amount', 'level'] },
    ]);
    const withCategory = evaluateApproval(facts(), [amount, level, category]);
    expect(withCategory.matched.map((m) => m.ruleId)).toEqual(['category', 'amount', 'level']);
    expect(withCategory.steps).toEqual([
      { role: 'admin', label: '品类审批', ruleIds: ['category', 'amount', 'level'] },
      { role: 'manager', label: '经理复核', ruleIds: ['category', 'amount'] },
    ]);
  });

  test('the same rules in any order give the same outcome', () => {
    const rules = [amount, level, category];
    const expected = evaluateApproval(facts(), rules);
    for (const perm of [
      [level, category, amount],
      [category, level, amount],
      [level, amount, category],
    ]) {
      expect(evaluateApproval(facts(), perm)).toEqual(expected);
    }
  });

  test('does not change the rules or facts it is given', () => {
    const rules = [amount, level, category];
    const f = facts();
    const before = JSON.stringify([rules, f]);
    evaluateApproval(f, rules);
    expect(JSON.stringify([rules, f])).toBe(before);
  });

  test('refuses two rules with one id (a bug in the caller)', () => {
    expect(() => evaluateApproval(facts(), [amount, amount])).toThrow(/duplicate rule id/);
  });

  test('approvalFactsOf reads an order, the dealer and the credit position before this order', () => {
    const order = submittedOrder();
    expect(approvalFactsOf(order, { level: 'A', joinedAt: 1, orderCount: 2 }, { limit: 9, used: 1, reserved: 2 }, T0, TEA_TREE)).toEqual({
      payable: 12_501,
      listTotal: 10 * 1200 + 5 * 600,
      rebateUsed: 300,
      lines: [
        { sku: 'TEA', categoryId: 'cat-tea' },
        { sku: 'CUP', categoryId: 'cat-cup' },
        { sku: 'TEA', categoryId: 'cat-tea' },
      ],
      categories: TEA_TREE,
      dealer: { level: 'A', joinedAt: 1, orderCount: 2 },
      credit: { limit: 9, used: 1, reserved: 2 },
      now: T0,
    });
  });
});
