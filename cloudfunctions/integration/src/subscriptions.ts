import { createHash } from 'node:crypto';
import type { AuditEntry } from '@shared/documents';
import type { Caller } from '../../_kit/router';

/** A subscription's id: the partner and a hash of its first URL, so re-sending a create makes no second one. */
export function subscriptionIdOf(partner: string, url: string): string {
  return `${partner}.${createHash('sha256').update(url).digest('hex').slice(0, 10)}`;
}

/** An audit entry on one subscription (never with its secret: callers pass views). */
export function subscriptionAudit(action: string, id: string, caller: Caller, at: number, before: unknown, after: unknown, reason?: string): AuditEntry {
  return {
    action: `integration.${action}`,
    target: { coll: 'webhook_subscriptions', id },
    actorId: caller.actorId,
    at,
    before,
    after,
    ...(reason ? { reason } : {}),
  };
}
