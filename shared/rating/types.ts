/** Ratings, best first. */
export const RATINGS = ['A', 'B', 'C', 'D'] as const;
export type Rating = (typeof RATINGS)[number];

/** The measures of a scorecard, each scored 0–100. */
export const METRICS = ['attainment', 'growth', 'payment', 'regularity', 'campaigns', 'customers'] as const;
export type Metric = (typeof METRICS)[number];

/** One measure: the raw figure, its 0–100 score, its weight (basis points of the total) and a sentence saying why. */
export interface MetricScore {
  metric: Metric;
  value: number;
  score: number;
  weightBp: number;
  reason: string;
}

/** A dealer's month (`scorecards`, _id = dealerId:YYYY-MM). */
export interface ScorecardDoc {
  dealerId: string;
  dealerName: string;
  region: string;
  /** Asia/Shanghai month, YYYY-MM. */
  month: string;
  metrics: MetricScore[];
  /** Weighted score, 0–100, one decimal. */
  score: number;
  /** The rating the score alone would give. */
  rawRating: Rating;
  /** The rating after hysteresis against last month's (see shared/rating/rate.ts). */
  rating: Rating;
  previousRating: Rating | null;
  /** Why the rating is what it is, for the dealer. */
  reasons: string[];
  level: string;
  /** The level the rating points to, when it differs from the dealer's. */
  proposedLevel: string | null;
  computedAt: number;
}

/** A level change a rating proposed (`level_proposals`, _id = dealerId:YYYY-MM): applied only when a manager approves. */
export interface LevelProposalDoc {
  dealerId: string;
  dealerName: string;
  region: string;
  month: string;
  fromLevel: string;
  toLevel: string;
  rating: Rating;
  score: number;
  reasons: string[];
  status: 'pending' | 'approved' | 'rejected' | 'superseded';
  createdAt: number;
  decidedAt: number | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

/**
 * One month's scoring run (`scorecard_runs`, _id = YYYY-MM): the dealers are scored a page at a
 * time in _id order, so a run longer than one invocation of the function goes on from `after`
 * in the next one (the monthly timer fires again until it is done).
 */
export interface ScorecardRunDoc {
  month: string;
  status: 'running' | 'done';
  /** The last dealer id (in _id order) whose page is scored and saved; '' before the first. */
  after: string;
  /** Dealers scored so far, proposals made, and the ratings given, by rating. */
  dealers: number;
  proposals: number;
  ratings: Record<string, number>;
  /** The invocation working on the run and until when it may (a second one does not score the same pages meanwhile). */
  heldBy: string | null;
  heldUntil: number;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
}
