import { contracts } from '@shared/contracts';
import type { TransferOutcome, TransferRunOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import type { CustomerRecord, TransferEntry, TransferMode } from '@shared/wecom';
import { TRANSFER_ERRORS, planTransfer, startTransfer } from '@shared/wecom';
import { defineAction } from '../../../_kit/router';
import type { WecomApi } from '../api';
import { WecomApiError } from '../api';
import { wecomConfig } from '../config';
import { insertJob, newJob } from '../queue';
import type { Db, Stored } from '../../../_kit/db';
import type { StaffDoc } from '../work/context';
import { apiFor } from '../work/runner';

/** WeCom completes a takeover about 24 hours after it starts; look a little after that. */
const CHECK_AFTER_MS = 24 * 3_600_000 + 10 * 60_000;

/** Every customer with an active relation to the member, page by page (the SDK reads at most 1,000 at a time). */
async function customersOf(db: Db, userId: string): Promise<Array<Stored<CustomerRecord>>> {
  const all = await db.findAll('wecom_customers', { 'relations.userId': userId });
  return all.filter((c) => c.relations.some((r) => r.userId === userId && r.status === 'active'));
}

/** Who hands over, who takes over, how. */
export interface Handover {
  handoverUserId: string;
  takeoverUserId: string;
  mode: TransferMode;
}

/** What the WeCom calls gave: each customer's entry for its record, and who WeCom started moving. */
interface Calls {
  entries: Map<string, TransferEntry>;
  started: string[];
}

/**
 * Clerk departure: hand the member's customers to another member through WeCom (100 per call),
 * record each customer's outcome on its record and in a run document, and queue a check of the
 * takeover results. Customers WeCom refuses stay with the handover member and can be tried again.
 */
export const transferCustomers = defineAction(contracts.wecom.transferCustomers, ['admin', CONSOLE], async (input, { db, now, caller }) =>
  runTransfer(
    db,
    { handoverUserId: input.handoverUserId, takeoverUserId: input.takeoverUserId, mode: input.mode ?? 'resigned' },
    input.dryRun ?? false,
    now,
    caller.actorId,
  ),
);

/**
 * The hand-over itself, for the action above and for the queue's customer_handover jobs (a dealer
 * removing a clerk: _capabilities/customer-handover), so both run exactly the same steps.
 */
export async function runTransfer(db: Db, h: Handover, dryRun: boolean, now: number, by: string): Promise<TransferRunOutput | Refusal> {
  const checked = await checkTransfer(db, h, dryRun);
  if (checked instanceof Refusal) return checked;
  const customers = await customersOf(db, h.handoverUserId);
  const plan = planTransfer(
    customers.map((c) => ({ externalUserId: c._id, transfers: c.transfers })),
    now,
  );
  const runId = `tr-${now.toString(36)}-${h.handoverUserId}`.slice(0, 80);
  const outcomes: TransferOutcome[] = plan.skipped.map((s) => ({
    externalUserId: s.externalUserId,
    errcode: null,
    outcome: 'skipped',
    reason: '90 天内已转接 2 次',
  }));
  const run: TransferRunOutput = {
    runId,
    ...h,
    dryRun,
    customers: customers.length,
    batches: plan.batches.length,
    started: 0,
    refused: 0,
    skipped: plan.skipped.length,
    outcomes,
  };
  if (dryRun || !checked.api) return run;
  const calls = await callWecom(checked.api, h, runId, plan, run, now);
  await recordOutcomes(db, calls.entries, checked.takeover, now);
  if (h.mode === 'resigned') await markResigned(db, h.handoverUserId, now);
  await db.set('wecom_transfers', runId, { ...run, at: now, by });
  if (calls.started.length > 0) {
    await insertJob(db, `${runId}:check`, newJob('transfer_check', { runId, ...h, externalUserIds: calls.started }, now, now + CHECK_AFTER_MS));
  }
  return run;
}

/** The takeover member must be an active member of the directory; a real run needs WeCom configured with the contact secret. */
async function checkTransfer(db: Db, h: Handover, dryRun: boolean): Promise<{ takeover: StaffDoc; api: WecomApi | null } | Refusal> {
  if (h.handoverUserId === h.takeoverUserId) return new Refusal('INVALID_INPUT', '原跟进人与接替人不能是同一人');
  const takeover = await db.getById('wecom_staff', h.takeoverUserId);
  if (!takeover) return new Refusal('NOT_FOUND', `接替成员 ${h.takeoverUserId} 不在导购名录中，请先用 setStaff 登记`);
  if (takeover.status !== 'active') return new Refusal('CONFLICT', `接替成员 ${h.takeoverUserId} 已离职，不能接替客户`);
  if (dryRun) return { takeover, api: null };
  const cfg = wecomConfig();
  if (!cfg.ok || !cfg.config.secret) return new Refusal('INTERNAL', `企业微信未配置：${cfg.ok ? 'WECOM_CONTACT_SECRET' : cfg.missing.join(', ')}`);
  return { takeover, api: apiFor(cfg.config, db) };
}

/** Ask WeCom batch by batch; counts and outcomes go into `run` as they come. */
async function callWecom(
  api: WecomApi,
  h: Handover,
  runId: string,
  plan: ReturnType<typeof planTransfer>,
  run: TransferRunOutput,
  now: number,
): Promise<Calls> {
  const calls: Calls = { entries: new Map(), started: [] };
  const entry = (errcode: number, outcome: TransferEntry['outcome'], reason: string | null): TransferEntry => ({
    runId,
    from: h.handoverUserId,
    to: h.takeoverUserId,
    mode: h.mode,
    at: now,
    errcode,
    outcome,
    reason,
  });
  for (const s of plan.skipped) calls.entries.set(s.externalUserId, entry(-1, 'skipped', 'limit_90_days'));
  for (const batch of plan.batches) {
    let answers: Map<string, number>;
    let callError: string | null = null;
    try {
      answers = new Map((await api.transferCustomer(h.mode, h.handoverUserId, h.takeoverUserId, batch)).map((a) => [a.external_userid, a.errcode]));
    } catch (e) {
      // The whole call failed (token, network, a limit): every customer of the batch is refused and stays put.
      answers = new Map();
      callError = e instanceof WecomApiError ? `errcode ${e.errcode} ${e.errmsg}` : String(e);
    }
    for (const id of batch) {
      const errcode = answers.get(id) ?? -1;
      const ok = errcode === 0;
      const reason = ok ? null : (callError ?? TRANSFER_ERRORS[errcode] ?? (answers.has(id) ? `errcode ${errcode}` : 'WeCom gave no answer for this customer'));
      calls.entries.set(id, entry(errcode, ok ? 'started' : 'refused', reason));
      run.outcomes.push({ externalUserId: id, errcode, outcome: ok ? 'started' : 'refused', reason });
      if (ok) {
        run.started++;
        calls.started.push(id);
      } else run.refused++;
    }
  }
  return calls;
}

/** Each record gets its outcome in its own transaction: one record's conflict stops nothing else. */
async function recordOutcomes(db: Db, entries: ReadonlyMap<string, TransferEntry>, takeover: StaffDoc, now: number): Promise<void> {
  for (const [id, entry] of entries) {
    await db.transaction(async (tx) => {
      const current = await tx.get('wecom_customers', id);
      if (current) await tx.set('wecom_customers', id, startTransfer(current, entry, { clerkId: takeover.clerkId, dealerId: takeover.dealerId }, now));
    });
  }
}

/** A departing member is marked resigned in the directory (once). */
async function markResigned(db: Db, userId: string, now: number): Promise<void> {
  const handover = await db.getById('wecom_staff', userId);
  if (handover && handover.status !== 'resigned') await db.update('wecom_staff', userId, { status: 'resigned', updatedAt: now });
}
