import { MAX_ATTEMPTS, backoffMs } from '@shared/wecom';
import type { Db, Stored } from '../../_kit/db';
import { neverRefused } from '../../_kit/db';
import { log } from '../../_kit/log';
import { isDuplicateKey } from '../../_kit/sdk';
import type { JobDoc, JobKind } from '@shared/documents';

/**
 * The WeCom work queue (collection wecom_jobs). Received events and the API work they cause are
 * documents (shared/documents JobDoc): claimed one at a time in a transaction (so two instances
 * never run one job), retried with exponential backoff when they fail, parked as `dead` after
 * MAX_ATTEMPTS (kept, listed and re-queued by an admin), never deleted. A timer runs due jobs every
 * minute; the callback also runs the jobs it just created right after answering.
 */
export { JOB_KINDS } from '@shared/documents';
export type { JobDoc, JobKind, JobStatus } from '@shared/documents';

/** How long a claimed job is its instance's (the function's timeout is well below this). */
export const LOCK_MS = 60_000;

export function newJob(kind: JobKind, payload: Record<string, unknown>, now: number, nextAt = now): JobDoc {
  return { kind, payload, status: 'pending', attempts: 0, nextAt, lockedUntil: 0, lastError: null, createdAt: now, updatedAt: now, doneAt: null, result: null };
}

/** Insert a job under a chosen id; false when that id already exists (the de-duplication). */
export async function insertJob(db: Db, id: string, job: JobDoc): Promise<boolean> {
  try {
    await db.add('wecom_jobs', { _id: id, ...job });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Take a job if it is due and nobody holds it: pending → running, attempts + 1. */
export async function claim(db: Db, id: string, now: number): Promise<Stored<JobDoc> | null> {
  return neverRefused(
    await db.transaction(async (tx) => {
      const job = await tx.get('wecom_jobs', id);
      if (!job) return null;
      const free = (job.status === 'pending' && job.nextAt <= now) || (job.status === 'running' && job.lockedUntil < now);
      if (!free) return null;
      const patch = { status: 'running' as const, lockedUntil: now + LOCK_MS, attempts: job.attempts + 1, updatedAt: now };
      await tx.update('wecom_jobs', id, patch);
      return { ...job, ...patch };
    }),
  );
}

export async function complete(db: Db, id: string, now: number, result: unknown): Promise<void> {
  await db.update('wecom_jobs', id, { status: 'done', lockedUntil: 0, doneAt: now, updatedAt: now, result: result ?? null, lastError: null });
}

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
}

/** A failed attempt: back off and try again, or park the job as dead after MAX_ATTEMPTS. */
export async function fail(db: Db, job: Stored<JobDoc>, now: number, error: unknown, policy: RetryPolicy): Promise<'retry' | 'dead'> {
  const message = error instanceof Error ? error.message : String(error);
  const dead = job.attempts >= MAX_ATTEMPTS;
  // The jitter comes from the job id, so it is stable per job and spread across jobs.
  const jitter = (parseInt(job._id.slice(-4), 16) || 0) / 65536;
  const nextAt = now + backoffMs(job.attempts, policy.baseMs, policy.capMs, jitter);
  await db.update('wecom_jobs', job._id, { status: dead ? 'dead' : 'pending', lockedUntil: 0, nextAt, lastError: message.slice(0, 500), updatedAt: now });
  log.warn('wecom job failed', { id: job._id, kind: job.kind, attempts: job.attempts, dead, error: message });
  return dead ? 'dead' : 'retry';
}

/** Ids of jobs that may run now: due pending ones, and running ones whose instance died. */
export async function dueJobIds(db: Db, now: number, limit: number): Promise<string[]> {
  const _ = db.command;
  const pending = await db.find<JobDoc>(
    'wecom_jobs',
    { status: 'pending', nextAt: _['lte']!(now) },
    { orderBy: [['nextAt', 'asc']], limit, fields: { _id: true } },
  );
  const stale = await db.find<JobDoc>(
    'wecom_jobs',
    { status: 'running', lockedUntil: _['lt']!(now) },
    { limit: Math.max(1, Math.floor(limit / 4)), fields: { _id: true } },
  );
  return [...pending, ...stale].map((j) => j._id);
}
