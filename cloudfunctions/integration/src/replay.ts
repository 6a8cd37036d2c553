import type { WebhookDeliveryDoc } from '@shared/integration/webhooks';

/** A replayed delivery: a new round (attempts and drawn waits from zero; the claim count goes on: it is the fence). */
export function replayPatch(now: number): Partial<WebhookDeliveryDoc> {
  return { status: 'pending', attempts: 0, nextAt: now, lockedUntil: 0, delays: [], updatedAt: now };
}
