/**
 * Approval rules: which orders a person must look at before they ship, and who.
 *
 * The one registry of approval rule types. Each type lives in its own file with a stable
 * snake_case `code`, a strict zod schema of its args and a pure `match`. `approvalRuleSchema`
 * (a discriminated union on `code`) is what the admin action validates rule documents with.
 *
 * evaluateApproval(facts, rules) is pure: the matched rules (each with a Chinese explanation)
 * and the merged, ordered steps; no steps means the order is approved automatically. See
 * evaluate.ts for the merge rule (priority desc, id asc, de-duplicated by role, first wins).
 */
import { z } from 'zod';
import { categoryIn } from './category-in';
import { creditOverdraw } from './credit-overdraw';
import { dealerLevelIn } from './dealer-level-in';
import { discountDepthOver } from './discount-depth-over';
import { evaluateWith } from './evaluate';
import type { ApprovalOutcome, Matcher } from './evaluate';
import { firstOrdersOfNewDealer } from './first-orders-of-new-dealer';
import type { ApprovalFacts } from './kit';
import { orderAmountOver } from './order-amount-over';

export const APPROVAL_RULE_DEFINITIONS = [orderAmountOver, discountDepthOver, creditOverdraw, firstOrdersOfNewDealer, dealerLevelIn, categoryIn] as const;

export const approvalRuleSchema = z.discriminatedUnion('code', [
  orderAmountOver.schema,
  discountDepthOver.schema,
  creditOverdraw.schema,
  firstOrdersOfNewDealer.schema,
  dealerLevelIn.schema,
  categoryIn.schema,
]);

/** A parsed approval rule (defaults filled in). */
export type ApprovalRule = z.output<typeof approvalRuleSchema>;
/** An approval rule as an admin writes it. */
export type ApprovalRuleInput = z.input<typeof approvalRuleSchema>;
export type ApprovalRuleCode = ApprovalRule['code'];
export const APPROVAL_RULE_CODES = APPROVAL_RULE_DEFINITIONS.map((d) => d.code) as ApprovalRuleCode[];

const matchers = new Map<string, Matcher>(APPROVAL_RULE_DEFINITIONS.map((d) => [d.code, d.match as Matcher]));

/** The definition of a rule type by code, undefined for an unknown code. */
export function approvalDefinitionOf(code: string): (typeof APPROVAL_RULE_DEFINITIONS)[number] | undefined {
  return APPROVAL_RULE_DEFINITIONS.find((d) => d.code === code);
}

/**
 * Which rules an order matches and the steps it must pass. `rules` are parsed rules
 * (approvalRuleSchema output); disabled ones are skipped. Throws on a duplicate id or an
 * unknown code (bugs in the caller). Same input, same output, whatever order the rules come in.
 */
export function evaluateApproval(facts: ApprovalFacts, rules: readonly ApprovalRule[]): ApprovalOutcome {
  return evaluateWith((code) => matchers.get(code), facts, rules);
}

export { compareRules, mergeSteps } from './evaluate';
export { placedBySamePerson, stepDecidedBySamePerson } from './duties';
export type { DutiesView } from './duties';
export type { ApprovalOutcome, MatchedApprovalRule, MergedApprovalStep } from './evaluate';
export { APPROVER_ROLES, approvalStepSchema } from './kit';
export type { ApprovalFacts, ApprovalStep, ApproverRole } from './kit';
export { categoryIn, creditOverdraw, dealerLevelIn, discountDepthOver, firstOrdersOfNewDealer, orderAmountOver };
