import { ADMISSION_RULES } from './rules';
import type { AdmissionFacts, ConfiguredRule, RuleContribution, RuleFinding, Screening } from './types';

/** The score every application starts from; rules add or take away points. */
export const BASE_SCORE = 50;

/** The brand's default rule set (what screening uses until an admin stores another). */
export const DEFAULT_ADMISSION_RULES: ConfiguredRule[] = Object.values(ADMISSION_RULES).map((r) => ({ code: r.code, args: r.example }));

/**
 * Screen one application: every rule speaks, and the worst outcome wins — any reject rejects
 * (with all reasons), else any missing document asks for it, else it goes to a reviewer. The
 * score is shown with each rule's contribution; it orders the queue, it decides nothing alone.
 */
export function screen(rules: readonly ConfiguredRule[], facts: AdmissionFacts): Screening {
  const contributions: RuleContribution[] = rules.map((configured) => {
    const def = (ADMISSION_RULES as Record<string, (typeof ADMISSION_RULES)[keyof typeof ADMISSION_RULES]>)[configured.code];
    if (!def) return { code: configured.code, title: configured.code, outcome: 'review', points: 0, note: `未知的准入规则 ${configured.code}，请人工判断` };
    const parsed = def.args.safeParse(configured.args);
    if (!parsed.success) return { code: def.code, title: def.title, outcome: 'review', points: 0, note: `规则参数有误，请人工判断` };
    const evaluate = def.evaluate as (a: unknown, f: AdmissionFacts) => RuleFinding;
    const finding = evaluate(parsed.data, facts);
    return { code: def.code, title: def.title, ...finding };
  });
  const rejects = contributions.filter((c) => c.outcome === 'reject');
  const missing = contributions.flatMap((c) => (c.outcome === 'needs_info' ? (c.missing ?? []) : []));
  const outcome = rejects.length > 0 ? 'rejected' : missing.length > 0 ? 'needs_info' : 'review';
  const reasons = contributions.filter((c) => c.outcome !== 'pass').map((c) => c.note);
  const score = Math.max(0, Math.min(100, BASE_SCORE + contributions.reduce((s, c) => s + c.points, 0)));
  return { outcome, score, contributions, reasons, missing };
}
