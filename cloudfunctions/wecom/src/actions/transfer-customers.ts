import { contracts } from '@shared/contracts';
import type { TransferOutcome, TransferRunOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import type { CustomerRecord, TransferEntry } from '@shared/wecom';
import { TRANSFER_ERRORS, planTransfer, startTransfer } from '@shared/wecom';
import { defineAction } from '../../../_kit/router';
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
  const all = await db.findAll<CustomerRecord>('wecom_customers', { 'relations.userId': userId });
  return all.filter((c) => c.relations.some((r) => r.userId === userId && r.status === 'active'));
}

/**
 * Clerk departure: hand the member's customers to another member through WeCom (100 per call),
 * record each customer's outcome on its record and in a run document, and queue a check of the
 * takeover results. Customers WeCom refuses stay with the handover member and can be tried again.
 */
export const transferCustomers = defineAction(contracts.wecom.transferCustomers, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  const mode = input.mode ?? 'resigned';
  const dryRun = input.dryRun ?? false;
  if (input.handoverUserId === input.takeoverUserId) return new Refusal('INVALID_INPUT', '原跟进人与接替人不能是同一人');
  const takeover = await db.getById<StaffDoc>('wecom_staff', input.takeoverUserId);
  if (!takeover) return new Refusal('NOT_FOUND', `接替成员 ${input.takeoverUserId} 不在导购名录中，请先用 setStaff 登记`);
  if (takeover.status !== 'active') return new Refusal('CONFLICT', `接替成员 ${input.takeoverUserId} 已离职，不能接替客户`);
  const cfg = wecomConfig();
  if (!dryRun && (!cfg.ok || !cfg.config.secret)) return new Refusal('INTERNAL', `企业微信未配置：${cfg.ok ? 'WECOM_CONTACT_SECRET' : cfg.missing.join(', ')}`);

  const customers = await customersOf(db, input.handoverUserId);
  const plan = planTransfer(customers.map((c) => ({ externalUserId: c._id, transfers: c.transfers })), now);
  const runId = `tr-${now.toString(36)}-${input.handoverUserId}`.slice(0, 80);
  const outcomes: TransferOutcome[] = plan.skipped.map((s) => ({ externalUserId: s.externalUserId, errcode: null, outcome: 'skipped', reason: '90 天内已转接 2 次' }));
  const run: TransferRunOutput = {
    runId, mode, handoverUserId: input.handoverUserId, takeoverUserId: input.takeoverUserId, dryRun,
    customers: customers.length, batches: plan.batches.length, started: 0, refused: 0, skipped: plan.skipped.length, outcomes,
  };
  if (dryRun) return run;

  const api = apiFor(cfg.ok ? cfg.config : (null as never), db);
  const entries = new Map<string, TransferEntry>();
  for (const s of plan.skipped) entries.set(s.externalUserId, { runId, from: input.handoverUserId, to: input.takeoverUserId, mode, at: now, errcode: -1, outcome: 'skipped', reason: 'limit_90_days' });
  const started: string[] = [];
  for (const batch of plan.batches) {
    let answers: Map<string, number>;
    let callError: string | null = null;
    try {
      answers = new Map((await api.transferCustomer(mode, input.handoverUserId, input.takeoverUserId, batch)).map((a) => [a.external_userid, a.errcode]));
    } catch (e) {
      // The whole call failed (token, network, a limit): every customer of the batch is refused and stays put.
      answers = new Map();
      callError = e instanceof WecomApiError ? `errcode ${e.errcode} ${e.errmsg}` : String(e);
    }
    for (const id of batch) {
      const errcode = answers.get(id) ?? -1;
      const ok = errcode === 0;
      const reason = ok ? null : callError ?? TRANSFER_ERRORS[errcode] ?? (answers.has(id) ? `errcode ${errcode}` : 'WeCom gave no answer for this customer');
      entries.set(id, { runId, from: input.handoverUserId, to: input.takeoverUserId, mode, at: now, errcode, outcome: ok ? 'started' : 'refused', reason });
      outcomes.push({ externalUserId: id, errcode, outcome: ok ? 'started' : 'refused', reason });
      if (ok) {
        run.started++;
        started.push(id);
      } else run.refused++;
    }
  }
  // Each record gets its outcome in its own transaction: one record's conflict stops nothing else.
  for (const [id, entry] of entries) {
    await db.transaction(async (tx) => {
      const current = await tx.get<CustomerRecord>('wecom_customers', id);
      if (current) await tx.set('wecom_customers', id, startTransfer(current, entry, { clerkId: takeover.clerkId, dealerId: takeover.dealerId }, now));
    });
  }
  if (mode === 'resigned') {
    const handover = await db.getById<StaffDoc>('wecom_staff', input.handoverUserId);
    if (handover && handover.status !== 'resigned') await db.update('wecom_staff', input.handoverUserId, { status: 'resigned', updatedAt: now });
  }
  await db.set('wecom_transfers', runId, { ...run, at: now, by: caller.actorId });
  if (started.length > 0) {
    await insertJob(db, `${runId}:check`, newJob('transfer_check', { runId, mode, handoverUserId: input.handoverUserId, takeoverUserId: input.takeoverUserId, externalUserIds: started }, now, now + CHECK_AFTER_MS));
  }
  return run;
});
