import { z } from 'zod';
import { parseFlatXml } from './xml';

/**
 * The customer-contact events (企业客户事件, Event = change_external_contact) this system acts on.
 * add_half_external_contact is a customer added without verification; it is treated like an add.
 */
export const CONTACT_CHANGE_TYPES = [
  'add_external_contact',
  'add_half_external_contact',
  'edit_external_contact',
  'del_external_contact',
  'del_follow_user',
  'transfer_fail',
] as const;
export type ContactChangeType = (typeof CONTACT_CHANGE_TYPES)[number];

/** WeCom ids: userid up to 64 bytes, external_userid starts wo/wm; we accept the printable ASCII they use. */
const wecomId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_@.-]+$/);
const digits = z.string().regex(/^\d{1,12}$/);

const contactEventSchema = z.object({
  ToUserName: z.string().min(1).max(64),
  FromUserName: z.string().max(64).optional(),
  CreateTime: digits,
  MsgType: z.literal('event'),
  Event: z.literal('change_external_contact'),
  ChangeType: z.enum(CONTACT_CHANGE_TYPES),
  UserID: wecomId,
  ExternalUserID: wecomId,
  /** The `state` of the 联系我 code the customer scanned: at most 30 characters. */
  State: z.string().max(30).optional(),
  WelcomeCode: z.string().max(256).optional(),
  Source: z.string().max(64).optional(),
  FailReason: z.string().max(64).optional(),
});

export interface ContactEvent {
  /** The receiving corp (ToUserName). */
  corpId: string;
  changeType: ContactChangeType;
  /** The member (成员 userid) on the relation; for transfer_fail, the member who failed to take over. */
  userId: string;
  externalUserId: string;
  state: string | null;
  /** Seconds since epoch, as WeCom sent it (a string, kept verbatim). */
  createTime: string;
  /** del_external_contact: DELETE_BY_TRANSFER when a transfer removed the relation. */
  source: string | null;
  /** transfer_fail: customer_refused or customer_limit_exceed. */
  failReason: string | null;
}

export type ParsedCallback =
  | { kind: 'contact'; event: ContactEvent }
  /** A well-formed callback this system does not act on (other events, messages): answered, ignored. */
  | { kind: 'ignored'; msgType: string; event: string | null; changeType: string | null }
  | { kind: 'malformed'; reason: string };

/** Decrypted callback XML → the event it carries, every value kept as the string WeCom sent. */
export function parseCallback(xml: string): ParsedCallback {
  const f = parseFlatXml(xml);
  if (!f) return { kind: 'malformed', reason: 'not a flat <xml> document' };
  if (!f['MsgType']) return { kind: 'malformed', reason: 'MsgType missing' };
  if (f['Event'] !== 'change_external_contact' || !(CONTACT_CHANGE_TYPES as readonly string[]).includes(f['ChangeType'] ?? '')) {
    return { kind: 'ignored', msgType: f['MsgType'], event: f['Event'] ?? null, changeType: f['ChangeType'] ?? null };
  }
  const parsed = contactEventSchema.safeParse(f);
  if (!parsed.success) return { kind: 'malformed', reason: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') };
  const d = parsed.data;
  return {
    kind: 'contact',
    event: {
      corpId: d.ToUserName,
      changeType: d.ChangeType,
      userId: d.UserID,
      externalUserId: d.ExternalUserID,
      state: d.State ? d.State : null,
      createTime: d.CreateTime,
      source: d.Source ? d.Source : null,
      failReason: d.FailReason ? d.FailReason : null,
    },
  };
}

/**
 * What makes two deliveries the same event: WeCom retries a callback it got no answer to with a
 * fresh timestamp, nonce and signature, but the same content. The event's own fields (corp,
 * change, member, customer, CreateTime) identify it; the kit hashes this into a document id.
 */
export function eventKey(e: ContactEvent): string {
  return ['v1', e.corpId, e.changeType, e.userId, e.externalUserId, e.createTime, e.failReason ?? ''].join('|');
}

/** What identifies one signed request: a replay repeats all three exactly. */
export function requestKey(timestamp: string, nonce: string, signature: string): string {
  return ['r1', timestamp, nonce, signature.toLowerCase()].join('|');
}

/** Default freshness window of a signed callback (seconds either side of now). */
export const CALLBACK_WINDOW_S = 300;

/** A callback's timestamp (seconds, digits) within `windowS` of now (ms). */
export function isFresh(timestamp: string, nowMs: number, windowS = CALLBACK_WINDOW_S): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= windowS;
}
