/**
 * What an approval rule definition is made of. Each file beside this one defines one rule type:
 * a stable snake_case `code` (stored in every rule document — never rename one), a strict zod
 * schema of its args, and `match`, a pure test of the facts of one order that returns the
 * Chinese explanation of why the order needs approval, or null.
 */
import { z } from 'zod';
import type { CategoryTree } from '../kit';
import { fenSchema } from '../kit';

/** Roles that can approve an order step. Dealers and clerks never approve. */
export const APPROVER_ROLES = ['manager', 'admin'] as const;
export type ApproverRole = (typeof APPROVER_ROLES)[number];

/** One approval step a rule asks for, e.g. { role: 'manager', label: '渠道经理审批' }. */
export const approvalStepSchema = z.strictObject({
  role: z.enum(APPROVER_ROLES),
  label: z.string().trim().min(1).max(20),
});
export type ApprovalStep = z.output<typeof approvalStepSchema>;

/** Integer fen, ≥ 0, at most ¥10 亿 (money's fenSchema). */
export const fenArg = fenSchema;

/** Fields every approval rule has; `code` (the discriminator) and `args` come from each definition. */
export const approvalRuleBaseShape = {
  /** The rule's document id; unique across approval rules. */
  id: z.string().min(1).max(64),
  /** What approvers read, e.g. 大额订单审批. */
  name: z.string().trim().min(1).max(40),
  /** Steps this rule requires, in order; a role at most once per rule. */
  steps: z
    .array(approvalStepSchema)
    .min(1)
    .max(5)
    .refine((steps) => new Set(steps.map((s) => s.role)).size === steps.length, { message: '同一规则内每个角色只能审批一次' }),
  /** Switched-off rules are kept for history and never matched. */
  enabled: z.boolean().default(true),
  /** Higher first when steps of several matched rules are merged (ties: rule id ascending). */
  priority: z.number().int().min(-1_000_000).max(1_000_000).default(0),
  /**
   * 职责分离 (separation of duties): one person never approves two steps of one order — a brand
   * admin who decided the manager's step cannot also give the 财务 step. `true` waives it for
   * this rule's steps (e.g. a small team where the admin does both); absent or false: it holds.
   * See approval/duties.ts.
   */
  allowSameApprover: z.boolean().optional(),
};

/**
 * The facts of one order an approval rule can look at. Money is fen; times epoch ms.
 * Gathered by the handler before the order is saved, so `credit` and `dealer.orderCount` do
 * NOT include this order.
 */
export interface ApprovalFacts {
  /** What the dealer pays for this order (after promotions and rebate deduction), fen. */
  payable: number;
  /** Σ qty × list price of the lines, fen. */
  listTotal: number;
  /** Rebate balance spent on this order, fen (already deducted from payable). Default 0. */
  rebateUsed?: number;
  /** Item and gift lines; `categoryId` is the product's own (leaf) category. */
  lines: ReadonlyArray<{ sku: string; categoryId: string }>;
  /**
   * The catalog's category tree: a rule naming a category covers the categories below it
   * (targeting/categories.ts), and names categories in its explanation.
   */
  categories: CategoryTree;
  dealer: {
    /** Level code, e.g. 'A'. */
    level: string;
    joinedAt: number;
    /** Orders the dealer placed before this one (cancelled and rejected ones included). */
    orderCount: number;
  };
  /** Credit position before this order: `used` = open receivables, `reserved` = held by open orders. */
  credit: { limit: number; used: number; reserved: number };
  now: number;
}

export interface ApprovalRuleDefinition<C extends string, S extends z.ZodType<{ code: C; args: unknown }>> {
  code: C;
  /** What this kind of rule is called, e.g. 订单金额超限. */
  title: string;
  /** The whole rule, args included (strict). */
  schema: S;
  /** A valid rule as an admin would write it (for docs and tests). */
  example: z.input<S>;
  /** The explanation when the order matches, else null. Pure. */
  match(args: z.output<S>['args'], facts: ApprovalFacts): string | null;
}
