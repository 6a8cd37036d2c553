import type { PartnerKeyView } from '@shared/contracts/openapi';
import type { AuditEntry } from '@shared/documents';
import type { PartnerKeyDoc } from '@shared/openapi/types';
import type { Caller } from '../../_kit/router';

/** A key as admins see it: never its secret, sealed or not. */
export function keyView(keyId: string, k: PartnerKeyDoc): PartnerKeyView {
  return {
    keyId,
    partner: k.partner,
    name: k.name,
    scopes: k.scopes,
    ratePerMinute: k.ratePerMinute,
    status: k.status,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt,
  };
}

/** An audit entry on one key (callers pass views, so no secret reaches the trail). */
export function keyAudit(action: string, keyId: string, caller: Caller, at: number, before: unknown, after: unknown, reason?: string): AuditEntry {
  return {
    action: `openapi.${action}`,
    target: { coll: 'partner_keys', id: keyId },
    actorId: caller.actorId,
    at,
    before,
    after,
    ...(reason ? { reason } : {}),
  };
}
