import type { WebhookDeliveryView, WebhookSubscriptionView } from '@shared/contracts';
import type { WebhookDeliveryDoc, WebhookSubscriptionDoc } from '@shared/integration/webhooks';
import type { Stored } from '../../_kit/db';

/** A subscription without its sealed secret: what answers and audit entries carry. */
export function subscriptionView(s: Stored<WebhookSubscriptionDoc>): WebhookSubscriptionView {
  return { id: s._id, partner: s.partner, url: s.url, events: s.events, status: s.status, createdAt: s.createdAt, updatedAt: s.updatedAt };
}

export function deliveryView(d: Stored<WebhookDeliveryDoc>): WebhookDeliveryView {
  return {
    id: d._id,
    eventId: d.eventId,
    subscriptionId: d.subscriptionId,
    partner: d.partner,
    type: d.type,
    status: d.status,
    attempts: d.attempts,
    nextAt: d.status === 'pending' ? d.nextAt : null,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    eventAt: d.eventAt,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    deliveredAt: d.deliveredAt,
  };
}
