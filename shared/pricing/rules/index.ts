/**
 * The one registry of pricing rule types. Each type is a small declarative definition in its own
 * file with a stable snake_case `code` (stored in every rule document — never rename one), a
 * strict zod schema, and its behaviour. `ruleSchema` is the union the admin actions validate with.
 */
import { z } from 'zod';
import type { AnyDefinition } from '../rule-kit';
import { bundlePrice } from './bundle-price';
import { buyXGetY } from './buy-x-get-y';
import { contractPrice } from './contract-price';
import { lineAmountOff } from './line-amount-off';
import { linePercentOff } from './line-percent-off';
import { orderThresholdAmountOff } from './order-threshold-amount-off';
import { orderThresholdPercentOff } from './order-threshold-percent-off';
import { priceList } from './price-list';
import { quantityTier } from './quantity-tier';
import { specialPrice } from './special-price';

/** Every rule type, in pipeline order. */
export const RULE_DEFINITIONS = [
  priceList,
  contractPrice,
  quantityTier,
  linePercentOff,
  lineAmountOff,
  specialPrice,
  buyXGetY,
  bundlePrice,
  orderThresholdAmountOff,
  orderThresholdPercentOff,
] as const;

/** Any rule, discriminated by `code`. Admin actions validate with it; `Rule` is what it parses to. */
export const ruleSchema = z.discriminatedUnion('code', [
  priceList.schema,
  contractPrice.schema,
  quantityTier.schema,
  linePercentOff.schema,
  lineAmountOff.schema,
  specialPrice.schema,
  buyXGetY.schema,
  bundlePrice.schema,
  orderThresholdAmountOff.schema,
  orderThresholdPercentOff.schema,
]);

export type Rule = z.output<typeof ruleSchema>;
/** A rule as an admin writes it (defaults not yet filled in). */
export type RuleInput = z.input<typeof ruleSchema>;
export type RuleCode = Rule['code'];
export type RuleOf<C extends RuleCode> = Extract<Rule, { code: C }>;

export const RULE_CODES = RULE_DEFINITIONS.map((d) => d.code) as RuleCode[];

const byCode = new Map<string, AnyDefinition>(RULE_DEFINITIONS.map((d) => [d.code, d as AnyDefinition]));

export function definitionOf(code: string): AnyDefinition | undefined {
  return byCode.get(code);
}

export {
  bundlePrice,
  buyXGetY,
  contractPrice,
  lineAmountOff,
  linePercentOff,
  orderThresholdAmountOff,
  orderThresholdPercentOff,
  priceList,
  quantityTier,
  specialPrice,
};
export { priceListUnitPrice } from './price-list';
