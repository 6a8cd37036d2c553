import type { ApprovalFacts, ApprovalStep, ApproverRole } from './kit';

/** The fields of a parsed rule the engine needs; `args` is checked by the rule's own schema. */
export interface RuleLike {
  id: string;
  name: string;
  code: string;
  args: unknown;
  steps: readonly ApprovalStep[];
  enabled: boolean;
  priority: number;
  allowSameApprover?: boolean | undefined;
}

export type Matcher = (args: unknown, facts: ApprovalFacts) => string | null;

/** A rule that matched the order, with the sentence that says why. */
export interface MatchedApprovalRule {
  ruleId: string;
  code: string;
  name: string;
  priority: number;
  /** e.g. 订单金额 ¥82,000.00 超过 ¥50,000.00 */
  explanation: string;
  steps: ApprovalStep[];
  /** Present (true) only when the rule waives separation of duties for its steps (see duties.ts). */
  allowSameApprover?: true;
}

/** One step of the merged list: the first label given for its role, and every rule that asked for the role. */
export interface MergedApprovalStep {
  role: ApproverRole;
  label: string;
  ruleIds: string[];
}

export interface ApprovalOutcome {
  /** False: no rule matched, the order is approved automatically. */
  required: boolean;
  /** Matched rules in merge order (priority desc, then id asc). */
  matched: MatchedApprovalRule[];
  /** The steps the order must pass, in order; [] when approval is not required. */
  steps: MergedApprovalStep[];
}

/**
 * Merge rule. Matched rules are ranked by priority (higher first), ties by rule id (ascending,
 * code-unit order) — never by the order the rules were given in. Their steps are concatenated in
 * that rank and de-duplicated by role: a role keeps the position and label of its first
 * occurrence, and collects the ids of every rule that asked for it. So [manager, admin] from
 * the top rule and [admin] from the next give [manager, admin]; a lower rule can add a role,
 * never reorder one already placed.
 */
export function mergeSteps(matched: readonly MatchedApprovalRule[]): MergedApprovalStep[] {
  const out: MergedApprovalStep[] = [];
  for (const rule of matched) {
    for (const step of rule.steps) {
      const existing = out.find((s) => s.role === step.role);
      if (existing) {
        if (!existing.ruleIds.includes(rule.ruleId)) existing.ruleIds.push(rule.ruleId);
      } else {
        out.push({ role: step.role, label: step.label, ruleIds: [rule.ruleId] });
      }
    }
  }
  return out;
}

export function compareRules(a: { priority: number; id: string }, b: { priority: number; id: string }): number {
  return b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The engine over any registry of matchers (index.ts binds it to the registered rule types). */
export function evaluateWith(matcherOf: (code: string) => Matcher | undefined, facts: ApprovalFacts, rules: readonly RuleLike[]): ApprovalOutcome {
  const ids = new Set<string>();
  for (const r of rules) {
    if (ids.has(r.id)) throw new Error(`evaluateApproval: duplicate rule id ${r.id}`);
    ids.add(r.id);
  }
  const matched: MatchedApprovalRule[] = [];
  for (const rule of [...rules].sort(compareRules)) {
    if (!rule.enabled) continue;
    const match = matcherOf(rule.code);
    if (!match) throw new Error(`evaluateApproval: unknown rule code ${rule.code}`);
    const explanation = match(rule.args, facts);
    if (explanation === null) continue;
    const m: MatchedApprovalRule = {
      ruleId: rule.id,
      code: rule.code,
      name: rule.name,
      priority: rule.priority,
      explanation,
      steps: rule.steps.map((s) => ({ role: s.role, label: s.label })),
    };
    if (rule.allowSameApprover === true) m.allowSameApprover = true;
    matched.push(m);
  }
  const steps = mergeSteps(matched);
  return { required: steps.length > 0, matched, steps };
}
