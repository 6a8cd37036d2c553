import type { Db, Stored } from '../../../_kit/db';
import type { WecomApi } from '../api';
import type { WecomConfig } from '../config';
import type { JobDoc } from '../queue';
import type { StaffDoc } from '@shared/documents';

export type { StaffDoc };

/** What a job handler gets: the database, the WeCom API (null when no secret is configured), the clock. */
export interface WorkContext {
  db: Db;
  config: WecomConfig;
  api: WecomApi;
  now: number;
}

/** A handler's answer: what it did, and jobs it created that may run right away. */
export interface WorkResult {
  result: unknown;
  followUps?: string[];
  /** The job already marked itself done in its own transaction. */
  completed?: boolean;
  /** Not a failure: run again at this time without counting an attempt against it (e.g. a transfer still pending). */
  rescheduleAt?: number;
}

export type JobHandler = (job: Stored<JobDoc>, ctx: WorkContext) => Promise<WorkResult>;
