import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { keyAudit, keyView } from '../keys';

/** The key stops working with its next request (the gate reads the key on every call). Audited. */
export const revokePartnerKey = defineAction(contracts.openapi.revokePartnerKey, ['admin', CONSOLE], async (input, { db, now, caller }) =>
  db.transaction(async (tx) => {
    const key = await tx.get('partner_keys', input.keyId);
    if (!key) refuse('NOT_FOUND', `没有编号为 ${input.keyId} 的密钥`);
    const { _id: _ignored, ...before } = key;
    if (before.status === 'revoked') return { key: keyView(input.keyId, before) };
    const after = { ...before, status: 'revoked' as const, revokedAt: now };
    await tx.set('partner_keys', input.keyId, after);
    await audit(tx, keyAudit('revokePartnerKey', input.keyId, caller, now, keyView(input.keyId, before), keyView(input.keyId, after), input.reason));
    return { key: keyView(input.keyId, after) };
  }),
);
