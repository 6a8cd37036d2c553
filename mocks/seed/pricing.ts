import type { ProductDoc } from '../../shared/models';
import type { RuleInput } from '../../shared/pricing';
import { ruleSchema } from '../../shared/pricing';
import { DAY_MS } from '../../shared/time';
import type { Rng } from './rng';
import type { ApprovalRule } from '../../shared/orders';
import { approvalRuleSchema } from '../../shared/orders';

export interface SeedRuleDoc {
  _id: string;
  rule: ReturnType<typeof ruleSchema.parse>;
  code: string;
  enabled: boolean;
  updatedAt: number;
  updatedBy: string;
}

/**
 * The brand's demo price book: level price lists (A 85%, B 90%, C 95% of list, and a sharper
 * 华东一级 list), contract prices for the demo dealer A, quantity tiers on the water range,
 * a 满减 on every order, a category promotion, a 买十送一 and one expired promotion. Every rule
 * passes the same schema the admin actions validate with.
 */
export function buildPriceRules(rng: Rng, products: ReadonlyArray<ProductDoc & { _id: string }>, referenceDate: number): SeedRuleDoc[] {
  const onSale = products.filter((p) => p.status === 'on_sale');
  const water = onSale.filter((p) => p.categoryId.startsWith('cat-01')).slice(0, 12);
  const contractSkus = rng
    .shuffle(onSale.slice(0, 40))
    .slice(0, 3)
    .map((p) => p.sku);
  const giftSku = onSale.find((p) => p.categoryId === 'cat-0201')?.sku;
  const inputs: RuleInput[] = [
    {
      code: 'price_list',
      id: 'pl-level-a',
      name: '一级经销商价',
      dealers: { levels: ['A'] },
      args: { method: 'percent_of_list', percentBp: 8500, rounding: 'half_up' },
    },
    {
      code: 'price_list',
      id: 'pl-level-b',
      name: '二级经销商价',
      dealers: { levels: ['B'] },
      args: { method: 'percent_of_list', percentBp: 9000, rounding: 'half_up' },
    },
    {
      code: 'price_list',
      id: 'pl-level-c',
      name: '分销商价',
      dealers: { levels: ['C'] },
      args: { method: 'percent_of_list', percentBp: 9500, rounding: 'half_up' },
    },
    {
      code: 'price_list',
      id: 'pl-east-a',
      name: '华东一级经销商价',
      priority: 10,
      dealers: { levels: ['A'], regions: ['east'] },
      args: { method: 'percent_of_list', percentBp: 8300, rounding: 'half_up' },
    },
    ...contractSkus.map((sku, i): RuleInput => ({
      code: 'contract_price',
      id: `ct-dealer-001-${i + 1}`,
      name: '2026 年度合同价',
      dealers: { dealerIds: ['dealer-001'] },
      products: { skus: [sku] },
      args: { price: Math.max(1, Math.round((onSale.find((p) => p.sku === sku)!.listPrice * 78) / 100)) },
    })),
    {
      code: 'quantity_tier',
      id: 'tier-water',
      name: '矿泉水量大从优',
      products: { skus: water.map((p) => p.sku) },
      args: {
        mode: 'all_units',
        method: 'percent_off',
        rounding: 'half_up',
        tiers: [
          { minQty: 480, percentOffBp: 300 },
          { minQty: 1440, percentOffBp: 600 },
        ],
      },
    },
    {
      code: 'order_threshold_amount_off',
      id: 'promo-full-2000-100',
      name: '每满 ¥2000 减 ¥100',
      stackingGroup: 'order',
      args: { threshold: 200000, amountOff: 10000, repeatable: true, maxTimes: 5 },
    },
    {
      code: 'line_percent_off',
      id: 'promo-juice-95',
      name: '果蔬汁冬季 95 折',
      validFrom: referenceDate - 30 * DAY_MS,
      validTo: referenceDate + 365 * DAY_MS,
      products: { categoryIds: ['cat-03'] },
      stackingGroup: 'season',
      args: { percentOffBp: 500, rounding: 'half_up', minQty: 1 },
    },
    {
      code: 'line_percent_off',
      id: 'promo-summer-2026',
      name: '2026 夏季饮品节 9 折（已结束）',
      validFrom: referenceDate - 150 * DAY_MS,
      validTo: referenceDate - 60 * DAY_MS,
      stackingGroup: 'season',
      args: { percentOffBp: 1000, rounding: 'half_up', minQty: 1 },
    },
  ];
  if (giftSku) {
    inputs.push({
      code: 'buy_x_get_y',
      id: 'promo-tea-10-get-1',
      name: '无糖茶 买十送一',
      products: { skus: [giftSku] },
      stackingGroup: 'gift',
      args: { buyQty: 240, getQty: 24, getSku: null, repeatable: true },
    });
  }
  return inputs.map((input) => {
    const rule = ruleSchema.parse(input);
    return { _id: rule.id, rule, code: rule.code, enabled: rule.enabled, updatedAt: referenceDate, updatedBy: 'seed' };
  });
}

export interface SeedApprovalRuleDoc {
  _id: string;
  rule: ApprovalRule;
  code: string;
  enabled: boolean;
  updatedAt: number;
  updatedBy: string;
}

/**
 * The brand's order approval rules today: orders over ¥10,000 and a dealer's first three
 * orders go to the channel manager of its region; orders over ¥200,000 also need the brand
 * admin (finance). Validated by the same schema the orders function reads them with.
 */
export function buildApprovalRules(referenceDate: number): SeedApprovalRuleDoc[] {
  const inputs = [
    {
      code: 'order_amount_over',
      id: 'apr-amount-10k',
      name: '万元以上订单审批',
      args: { thresholdFen: 1_000_000 },
      steps: [{ role: 'manager', label: '渠道经理审批' }],
    },
    {
      code: 'order_amount_over',
      id: 'apr-amount-200k',
      name: '大额订单财务审批',
      priority: 10,
      args: { thresholdFen: 20_000_000 },
      steps: [
        { role: 'manager', label: '渠道经理审批' },
        { role: 'admin', label: '财务审批' },
      ],
    },
    {
      code: 'first_orders_of_new_dealer',
      id: 'apr-new-dealer',
      name: '新经销商前三单审批',
      args: { firstOrders: 3 },
      steps: [{ role: 'manager', label: '渠道经理审批' }],
    },
  ];
  return inputs.map((input) => {
    const rule = approvalRuleSchema.parse(input);
    return { _id: rule.id, rule, code: rule.code, enabled: true, updatedAt: referenceDate, updatedBy: 'seed' };
  });
}
