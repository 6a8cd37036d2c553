import { eventKey, isFresh, parseCallback, parseEnvelope, requestKey } from '@shared/wecom';
import type { Db } from '../../_kit/db';
import { log } from '../../_kit/log';
import type { WecomConfig } from './config';
import { decryptMessage, keyId, sameReceiver, verifySignature } from './crypto';
import { insertJob, newJob } from './queue';
import type { HttpEvent, HttpResponse } from './http';
import { bodyText, query, text } from './http';

/** What happened to one callback; `jobId` is set when a new event was queued. */
export interface CallbackOutcome {
  response: HttpResponse;
  verdict: 'verified' | 'queued' | 'duplicate' | 'ignored' | 'refused';
  reason?: string;
  jobId?: string;
}

const refuse = (status: number, reason: string): CallbackOutcome => ({ response: text(status, reason), verdict: 'refused', reason });

/** Signature (constant time), then freshness, then decryption, then the receiver id: in that order, so a wrong key never yields trusted text. */
function open(
  config: WecomConfig,
  now: number,
  timestamp: string,
  nonce: string,
  signature: string,
  encrypt: string,
): { ok: true; message: string } | { ok: false; out: CallbackOutcome } {
  if (!signature || !timestamp || !nonce) return { ok: false, out: refuse(401, 'unsigned') };
  if (!verifySignature(config.token, timestamp, nonce, encrypt, signature)) return { ok: false, out: refuse(403, 'bad signature') };
  if (!isFresh(timestamp, now, config.windowS)) return { ok: false, out: refuse(403, 'stale timestamp') };
  const d = decryptMessage(config.aesKey, encrypt);
  if (!d.ok) return { ok: false, out: refuse(403, `cannot decrypt (${d.reason})`) };
  if (!sameReceiver(config.corpId, d.receiverId)) return { ok: false, out: refuse(403, 'wrong receiver id') };
  return { ok: true, message: d.message };
}

/** GET: WeCom checks the callback URL by sending an encrypted echostr; the answer is its plain text. Writes nothing. */
export function verifyUrl(e: HttpEvent, config: WecomConfig, now: number): CallbackOutcome {
  const echostr = query(e, 'echostr');
  if (!echostr) return refuse(400, 'echostr missing');
  const r = open(config, now, query(e, 'timestamp'), query(e, 'nonce'), query(e, 'msg_signature'), echostr);
  if (!r.ok) return r.out;
  return { response: text(200, r.message), verdict: 'verified' };
}

/**
 * POST: a customer-contact event. After the checks, one single-document insert does the
 * de-duplication: the event as a queued job whose id is the event's own key. A second delivery
 * collides; the job remembers the signed request that brought it, so the very same request again
 * is a replay (refused) and the same event under a new signature is WeCom's retry (answered).
 * Nothing else is written and nothing slow runs before the answer.
 */
export async function receive(e: HttpEvent, config: WecomConfig, db: Db, now: number): Promise<CallbackOutcome> {
  const envelope = parseEnvelope(bodyText(e));
  if (!envelope) return refuse(400, 'malformed body');
  const timestamp = query(e, 'timestamp');
  const nonce = query(e, 'nonce');
  const signature = query(e, 'msg_signature');
  const r = open(config, now, timestamp, nonce, signature, envelope.encrypt);
  if (!r.ok) return r.out;
  const parsed = parseCallback(r.message);
  if (parsed.kind === 'malformed') return refuse(400, `malformed event: ${parsed.reason}`);
  if (parsed.kind === 'ignored') {
    log.info('wecom callback ignored', { msgType: parsed.msgType, event: parsed.event, changeType: parsed.changeType });
    return { response: text(200, 'success'), verdict: 'ignored', reason: `${parsed.msgType}/${parsed.event ?? ''}/${parsed.changeType ?? ''}` };
  }
  if (!sameReceiver(config.corpId, parsed.event.corpId)) return refuse(403, 'wrong corp in event');

  const requestId = keyId('rq', requestKey(timestamp, nonce, signature));
  const jobId = keyId('ev', eventKey(parsed.event));
  const job = newJob('apply_event', { event: parsed.event, receivedAt: now, requestId }, now);
  if (!(await insertJob(db, jobId, job))) {
    // The event is known. The same signed request again is a replay: refused. The same event under
    // a new signature is WeCom's retry after a slow answer: answered, nothing written either way.
    const seen = await db.getById<{ payload: { requestId?: string } }>('wecom_jobs', jobId);
    if (seen?.payload.requestId === requestId) return { ...refuse(403, 'replayed'), jobId };
    return { response: text(200, 'success'), verdict: 'duplicate', jobId };
  }
  return { response: text(200, 'success'), verdict: 'queued', jobId };
}
