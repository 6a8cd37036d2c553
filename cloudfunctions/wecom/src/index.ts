import { Db } from '../../_kit/db';
import { log } from '../../_kit/log';
import { createRouter } from '../../_kit/router';
import { wxContext } from '../../_kit/sdk';
import { wecomConfig } from './config';
import { contactWay } from './actions/contact-way';
import { customerJourney } from './actions/customer-journey';
import { linkMe } from './actions/link-me';
import { myCustomers } from './actions/my-customers';
import { processQueue } from './actions/process-queue';
import { pushConfirm } from './actions/push-confirm';
import { pushPlan } from './actions/push-plan';
import { pushRemind } from './actions/push-remind';
import { pushTask } from './actions/push-task';
import { pushTasks } from './actions/push-tasks';
import { scriptSave } from './actions/script-save';
import { scriptUse } from './actions/script-use';
import { scripts } from './actions/scripts';
import { setStaff } from './actions/set-staff';
import { transferCustomers } from './actions/transfer-customers';
import { receive, verifyUrl } from './callback';
import type { HttpEvent, HttpResponse } from './http';
import { isHttpEvent, text } from './http';
import { processQueue as processQueueTimer } from './timers/process-queue';
import { refreshPush } from './timers/refresh-push';
import { apiFor, runChain } from './work/runner';

/** Work started right after answering may use this long; whatever is left, the timer picks up. */
const AFTER_ANSWER_BUDGET_MS = 8_000;

/** One database handle per instance for the callback path (it holds no per-call state). */
let callbackDb: Db | null = null;

const actions = createRouter(
  'wecom',
  {
    myCustomers,
    contactWay,
    transferCustomers,
    setStaff,
    processQueue,
    linkMe,
    pushPlan,
    pushConfirm,
    pushTask,
    pushTasks,
    pushRemind,
    scripts,
    scriptUse,
    scriptSave,
    customerJourney,
  },
  { processQueue: processQueueTimer, refreshPush },
);

/**
 * The WeCom callback over CloudBase HTTP access. It carries no OPENID and proves itself by its
 * signature; it can only ever reach the callback handler, never an action.
 */
async function callback(event: HttpEvent): Promise<HttpResponse> {
  const started = Date.now();
  const cfg = wecomConfig();
  if (!cfg.ok) {
    log.error('wecom callback: not configured', { missing: cfg.missing });
    return text(503, 'not configured');
  }
  const db = (callbackDb ??= new Db());
  const method = event.httpMethod.toUpperCase();
  const out = method === 'GET' ? verifyUrl(event, cfg.config, started) : method === 'POST' ? await receive(event, cfg.config, db, started) : null;
  if (!out) return text(405, 'method not allowed');
  if (out.verdict === 'refused') log.warn('wecom callback refused', { reason: out.reason, ms: Date.now() - started });
  if (out.verdict === 'queued' && out.jobId && cfg.config.processAfterAnswer) {
    // After the answer is on its way: apply the event and run its follow-ups. If the instance is
    // frozen or fails meanwhile, the jobs are still in the queue for the timer.
    const ids = [out.jobId];
    setImmediate(() => {
      runChain(ids, { db, config: cfg.config, api: apiFor(cfg.config, db) }, Date.now, AFTER_ANSWER_BUDGET_MS).catch((e: unknown) =>
        log.error('wecom work after answer failed', { error: e instanceof Error ? e.message : String(e) }),
      );
    });
  }
  return out.response;
}

/** wecom: WeCom customer-contact callbacks (HTTP access), the customer list, clerk departure hand-overs, the work queue. */
export async function main(event: unknown, context?: { request_id?: string }): Promise<unknown> {
  const source = wxContext().SOURCE ?? '';
  const viaHttp = source
    .split(',')
    .map((s) => s.trim())
    .includes('wx_http');
  if (viaHttp || isHttpEvent(event)) {
    if (!isHttpEvent(event)) return text(400, 'not an HTTP request');
    try {
      return await callback(event);
    } catch (e) {
      log.error('wecom callback failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      // Not 200: WeCom retries, and the event (if it was queued) is de-duplicated.
      return text(500, 'error');
    }
  }
  return actions(event, context);
}
