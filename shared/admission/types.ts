import type { z } from 'zod';

/** Documents an application can carry (cloud-storage file ids). */
export const APPLICATION_DOCUMENTS = { licence: '营业执照' } as const;
export type ApplicationDocument = keyof typeof APPLICATION_DOCUMENTS;

/**
 * What screening knows about one application: the application itself and the facts the dealers
 * function loaded for it. Rules read only this; they never read the database or the clock.
 */
export interface AdmissionFacts {
  creditCode: string;
  /** The level the applicant asks for (A/B/C). */
  desiredLevel: string;
  /** The brand's sales region the province belongs to (shared/admission/regions). */
  region: string;
  /** GB/T 2260 district code. */
  districtCode: string;
  stores: number;
  /** Annual sales, fen. */
  annualSalesFen: number;
  /** Cloud file ids per document; a missing key is a missing document. */
  documents: Partial<Record<ApplicationDocument, string>>;
  /** The blacklist entry for the credit code, if any. */
  blacklisted: { reason: string } | null;
  /** Names of dealers already holding the credit code. */
  dealersWithCode: string[];
  /** Earlier applications (closed) with the same credit code. */
  earlierApplications: number;
  /** Active dealers of the region per level. */
  regionDealersByLevel: Record<string, number>;
  /** Names of active dealers in the same district at the desired level. */
  districtDealersAtLevel: string[];
}

/**
 * A rule's finding. `pass` adds its points; `review` needs a person's judgement (the reason is
 * shown); `needs_info` asks the applicant for `missing`; `reject` ends the application.
 */
export interface RuleFinding {
  outcome: 'pass' | 'review' | 'needs_info' | 'reject';
  points: number;
  note: string;
  missing?: string[];
}

/** One admission rule: stable code, zod args with a worked example, a pure evaluation. */
export interface AdmissionRuleDefinition<Code extends string, S extends z.ZodType> {
  code: Code;
  title: string;
  args: S;
  example: z.input<S>;
  evaluate(args: z.output<S>, facts: AdmissionFacts): RuleFinding;
}

/** A configured rule of the rule set: its code and args (as stored or as in DEFAULT_ADMISSION_RULES). */
export interface ConfiguredRule {
  code: string;
  args: unknown;
}

export interface RuleContribution extends RuleFinding {
  code: string;
  title: string;
}

export type ScreeningOutcome = 'rejected' | 'needs_info' | 'review';

/** Screening's answer, shown to the reviewer as is: every rule's contribution and the total. */
export interface Screening {
  outcome: ScreeningOutcome;
  score: number;
  contributions: RuleContribution[];
  reasons: string[];
  missing: string[];
  /** The rule set version that judged it (dealers.admissionRules; 0: the built-in defaults). Absent on screenings from before versions. */
  ruleSetVersion?: number;
}
