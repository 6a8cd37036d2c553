import { z } from 'zod';
import { action } from '../contract';
import { OUTBOX_EVENT_TYPES } from '../integration/outbox';
import type { WebhookDeliveryStatus, WebhookSubscriptionStatus } from '../integration/webhooks';
import { WEBHOOK_DELIVERY_STATUSES, isDeliverableUrl, isWebhookSecret } from '../integration/webhooks';

/** A partner's key, e.g. kingdee-erp: lowercase letters, digits, - and _. */
const partner = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{1,31}$/, '合作方标识为 2–32 位小写字母、数字、- 或 _，如 kingdee-erp')
  .describe('合作方标识');
const url = z.string().max(500).refine(isDeliverableUrl, '推送地址必须是 https:// 地址（本机调试可用 http://127.0.0.1）');
const events = z
  .array(z.enum(['*', ...OUTBOX_EVENT_TYPES] as const))
  .min(1)
  .max(OUTBOX_EVENT_TYPES.length + 1)
  .refine((list) => new Set(list).size === list.length, '事件类型不能重复');
/** Never echoed in an error message: the refinement's text names the format, not the value. */
const secret = z.string().max(120).refine(isWebhookSecret, '密钥格式为 whsec_ 加 24–64 字节的 base64，不填则由系统生成');
const subscriptionId = z.string().regex(/^[a-z0-9_-]{2,32}\.[0-9a-f]{10}$/, '订阅编号格式不对');
/** An outbox event id (cloudfunctions/_capabilities/outbox.ts: evt_ and 32 hex digits). */
const eventId = z.string().regex(/^evt_[0-9a-f]{32}$/, '事件编号格式不对');
const deliveryId = z.string().regex(/^evt_[0-9a-f]{32}:[a-z0-9_-]{2,32}\.[0-9a-f]{10}$/, '投递编号格式不对');

/** A subscription as admins see it: never its secret, in any form. */
export interface WebhookSubscriptionView {
  id: string;
  partner: string;
  url: string;
  events: string[];
  status: WebhookSubscriptionStatus;
  createdAt: number;
  updatedAt: number;
}

/** The answer to createSubscription (and to a rotation): the only time the secret is shown. */
export interface SubscriptionWithSecret {
  subscription: WebhookSubscriptionView;
  /** `whsec_…`: give it to the partner now; it cannot be read back later, only replaced. */
  secret: string;
}

export interface WebhookDeliveryView {
  id: string;
  eventId: string;
  subscriptionId: string;
  partner: string;
  type: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAt: number | null;
  lastStatus: number | null;
  lastError: string | null;
  eventAt: number;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
}

export interface ReplayOutput {
  /** Deliveries put back in line. */
  requeued: number;
  /** Of those, delivered by the attempt made right away. */
  delivered: number;
  /** Left for the retry timer (failed again, or beyond this call's time budget). */
  pending: number;
}

/** What one delivery run did (the deliver kick, the retry timer, a replay). */
export interface DeliveryRunOutput {
  /** Events planned (their deliveries written, the event marked dispatched). */
  planned: number;
  sent: number;
  delivered: number;
  retrying: number;
  dead: number;
  /** Deliveries another worker held (its lease not yet run out): left to it. */
  skipped: number;
}

export const integration = {
  /** A partner's webhook endpoint. Without `secret` the system generates one; either way it is answered once, never again. */
  createSubscription: action<SubscriptionWithSecret>()(z.object({ partner, url, events, secret: secret.optional() }).strict(), {
    partner: 'kingdee-erp',
    url: 'https://erp.example.com/webhooks/channel',
    events: ['order.submitted', 'payment.recorded'],
  }),
  /** Change URL or events; `rotateSecret: true` replaces the secret and answers the new one (once). */
  updateSubscription: action<{ subscription: WebhookSubscriptionView; secret: string | null }>()(
    z
      .object({ id: subscriptionId, url: url.optional(), events: events.optional(), rotateSecret: z.boolean().optional(), enable: z.literal(true).optional() })
      .strict(),
    { id: 'kingdee-erp.0123456789', events: ['*'] },
  ),
  /** Stop new deliveries to a subscription (pending ones still finish or die); `updateSubscription { enable: true }` resumes. */
  disableSubscription: action<{ subscription: WebhookSubscriptionView }>()(z.object({ id: subscriptionId, reason: z.string().min(2).max(200) }).strict(), {
    id: 'kingdee-erp.0123456789',
    reason: '合作方系统迁移，暂停推送',
  }),
  subscriptions: action<{ items: WebhookSubscriptionView[] }>()(z.object({ partner: partner.optional() }).strict(), {}),
  /** Newest first, at most `limit` (default 50). */
  deliveries: action<{ items: WebhookDeliveryView[] }>()(
    z
      .object({
        status: z.enum(WEBHOOK_DELIVERY_STATUSES).optional(),
        partner: partner.optional(),
        limit: z.number().int().min(1).max(200).optional(),
      })
      .strict(),
    { status: 'dead' },
  ),
  /** Send one dead delivery again now (a new round of attempts). */
  replayDelivery: action<ReplayOutput>()(z.object({ id: deliveryId }).strict(), { id: `evt_${'0'.repeat(32)}:kingdee-erp.0123456789` }),
  /** Every dead delivery of one subscription, again. */
  replayDead: action<ReplayOutput>()(z.object({ subscriptionId }).strict(), { subscriptionId: 'kingdee-erp.0123456789' }),
} as const;

/**
 * The kick another function sends after its commit (`{ action: 'deliver', eventIds }`,
 * cloudfunctions/_capabilities/outbox.ts). Not an action of the router: it is accepted only from
 * a function (SOURCE ending in `scf`), never from a user or the console.
 */
export const deliverKick = z
  .object({
    action: z.literal('deliver'),
    eventIds: z.array(eventId).min(1).max(500),
    /**
     * The events as the committed transaction wrote them (optional): the worker then plans them
     * without reading them back. Only a function can kick, and it carries what it committed.
     */
    events: z
      .array(
        z
          .object({
            _id: eventId,
            type: z.enum(OUTBOX_EVENT_TYPES),
            subject: z.string().min(1).max(200),
            data: z.unknown(),
            at: z.number(),
            createdAt: z.number(),
          })
          .strict(),
      )
      .max(500)
      .optional(),
  })
  .strict();
export type DeliverKick = z.infer<typeof deliverKick>;
