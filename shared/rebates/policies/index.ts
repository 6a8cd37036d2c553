/**
 * The one registry of rebate policy types. Each type is a small declarative definition in its own
 * file with a stable snake_case `code` (stored in every policy and settlement — never rename one)
 * and a strict zod schema. Fields every policy has (period kind, dealer targeting, validity,
 * product scope, cap, rounding) come from kit.ts; `rebatePolicySchema` is the union admin
 * actions validate with.
 */
import { z } from 'zod';
import type { AnyPolicyDefinition } from '../kit';
import { campaignReward } from './campaign-reward';
import { growth } from './growth';
import { targetAttainment } from './target-attainment';
import { volumeTiers } from './volume-tiers';

export const POLICY_DEFINITIONS = [volumeTiers, targetAttainment, growth, campaignReward] as const;

/** Any policy, discriminated by `code`. `RebatePolicy` is what it parses to. */
export const rebatePolicySchema = z.discriminatedUnion('code', [volumeTiers.schema, targetAttainment.schema, growth.schema, campaignReward.schema]);

export type RebatePolicy = z.output<typeof rebatePolicySchema>;
/** A policy as an admin writes it (defaults not yet filled in). */
export type RebatePolicyInput = z.input<typeof rebatePolicySchema>;
export type RebatePolicyCode = RebatePolicy['code'];
export type RebatePolicyOf<C extends RebatePolicyCode> = Extract<RebatePolicy, { code: C }>;

export const POLICY_CODES = POLICY_DEFINITIONS.map((d) => d.code) as RebatePolicyCode[];

const byCode = new Map<string, AnyPolicyDefinition>(POLICY_DEFINITIONS.map((d) => [d.code, d as unknown as AnyPolicyDefinition]));

export function policyDefinitionOf(code: string): AnyPolicyDefinition | undefined {
  return byCode.get(code);
}

export { campaignReward, growth, targetAttainment, volumeTiers };
