import { z } from 'zod';
import { action } from '../contract';
import { SUBSCRIBE_MAX_PER_REQUEST } from '../orders/notify';
import { NOTIFY_TEMPLATES } from '../orders/types';
import type { NotifyTemplate } from '../orders/types';
import type { Role } from '../roles';

export interface DealerSummary {
  id: string;
  name: string;
  /** Dealer level code, e.g. 'A' (一级核心), 'B', 'C'. */
  level: string;
  levelName: string;
  region: string;
  regionName: string;
  /** The first-tier dealer a second-tier dealer buys through, if any. */
  parentDealerId: string | null;
}

/** A subscription-message template the caller can be sent, with its id in this environment. */
export interface NotificationTemplate {
  template: NotifyTemplate;
  /** The id WeChat knows it by (wx.requestSubscribeMessage's tmplIds). */
  templateId: string;
  title: string;
}

export type MeOutput =
  | { registered: false; openid: string }
  | {
      registered: true;
      openid: string;
      userId: string;
      name: string;
      role: Role;
      mobile: string | null;
      dealer: DealerSummary | null;
      /** The templates the caller's role receives: what the app may ask consent for. */
      notifications: NotificationTemplate[];
    };

/** Sends of a template the caller has left: one per 允许 tapped, one used by each message. */
export interface SubscriptionCredit {
  template: NotifyTemplate;
  remaining: number;
}

export interface RecordSubscriptionOutput {
  subscriptions: SubscriptionCredit[];
}

/** What opening an invitation made the caller: a dealer's owner, buyer or clerk. */
export interface AcceptInvitationOutput {
  userId: string;
  dealerId: string;
  dealerName: string;
  role: Role;
  staffRole: 'owner' | 'buyer' | 'clerk';
  /** True when the caller had already opened this same invitation (a retry). */
  replayed: boolean;
}

/** Invitation codes: 8 characters of an alphabet without look-alikes (0/O, 1/I/L). */
export const INVITATION_CODE = /^[2-9A-HJKMNP-Z]{8}$/;

export const users = {
  /** The caller's own profile: role and dealer come from the database, identity from the platform. */
  me: action<MeOutput>()(z.strictObject({})),
  /** Open an invitation (code or QR from dealers.approve / inviteStaff): binds the caller's WeChat account to the dealer. */
  acceptInvitation: action<AcceptInvitationOutput>()(
    z.strictObject({ code: z.string().trim().toUpperCase().regex(INVITATION_CODE, { message: '邀请码为 8 位字母或数字' }) }),
    { code: 'K7MP2QXA' },
  ),
  /**
   * The templates the caller just accepted in WeChat's consent dialog (those answered 'accept';
   * 'reject', 'ban' and 'filter' are not sent): each adds one message the server may send them.
   */
  recordSubscription: action<RecordSubscriptionOutput>()(
    z.strictObject({
      accepted: z
        .array(z.enum(NOTIFY_TEMPLATES))
        .min(1)
        .max(SUBSCRIBE_MAX_PER_REQUEST)
        .refine((list) => new Set(list).size === list.length, { message: '模板重复' }),
    }),
    { accepted: ['order_approved', 'order_shipped'] },
  ),
};
