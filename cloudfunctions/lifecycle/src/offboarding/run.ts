import type { OffboardingView } from '@shared/contracts';
import type { OffboardingDoc, OffboardingStep } from '@shared/offboarding';
import { finalStatement, nextStep, recordStep } from '@shared/offboarding';
import { audit } from '../../../_kit/audit';
import type { Db, Stored } from '../../../_kit/db';
import { neverRefused } from '../../../_kit/db';
import { children } from './children';
import type { StepRunner } from './context';
import { customers } from './customers';
import { freeze } from './freeze';
import { orders } from './orders';
import { rebates } from './rebates';
import { statement } from './statement';
import { wallet } from './wallet';

const RUNNERS: Record<OffboardingStep, StepRunner> = { freeze, orders, rebates, wallet, customers, children, statement };

export function viewOf(doc: Stored<OffboardingDoc>): OffboardingView {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id, nextStep: nextStep(doc) };
}

/**
 * Run the offboarding's steps from the first not done, in order, until one is blocked or all are
 * done. Each step's outcome is saved with its audit entry in one transaction before the next
 * starts, so a run cut off anywhere resumes where it stopped; a finished offboarding runs
 * nothing and writes nothing.
 */
export async function runSteps(
  db: Db,
  doc: Stored<OffboardingDoc>,
  actorId: string,
  now: number,
  takeoverWecomUserId: string | null,
): Promise<OffboardingView> {
  for (let step = nextStep(doc); step; step = nextStep(doc)) {
    const outcome = await RUNNERS[step]({ db, doc, actorId, now, takeoverWecomUserId });
    let next = recordStep(doc, step, outcome, now);
    if (step === 'statement' && outcome.done) next = { ...next, statement: finalStatement(next, Number(outcome.result['receivable'] ?? 0), now) };
    const before = doc.steps[step];
    neverRefused(
      await db.transaction(async (tx) => {
        const { _id: _ignored, ...body } = next as Stored<OffboardingDoc>;
        await tx.set('offboardings', doc._id, body);
        const target = { coll: 'offboardings', id: doc._id };
        await audit(tx, { action: `lifecycle.offboarding.${step}`, target, actorId, at: now, before, after: next.steps[step] });
      }),
    );
    doc = { ...next, _id: doc._id };
    if (!outcome.done) break;
  }
  return viewOf(doc);
}
