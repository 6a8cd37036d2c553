import type { OffboardingDoc, StepOutcome } from '@shared/offboarding';
import type { Db, Stored } from '../../../_kit/db';

/** What a step runs with: the offboarding as stored before it, who runs it and when. */
export interface StepContext {
  db: Db;
  doc: Stored<OffboardingDoc>;
  actorId: string;
  now: number;
  /** The WeCom member who takes customers over when the successor has none of its own (brand successor). */
  takeoverWecomUserId: string | null;
}

export type StepRunner = (ctx: StepContext) => Promise<StepOutcome>;

/** A count a previous attempt of the step recorded (a blocked step keeps what it had done). */
export function counted(ctx: StepContext, step: keyof OffboardingDoc['steps'], key: string): number {
  const v = ctx.doc.steps[step].result?.[key];
  return typeof v === 'number' ? v : 0;
}
