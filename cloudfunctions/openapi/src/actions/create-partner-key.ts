import { randomBytes } from 'node:crypto';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { DEFAULT_RATE_PER_MINUTE } from '@shared/openapi/types';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { keyProblem, seal } from '../../../_capabilities/sealed-secrets';
import { keyAudit, keyView } from '../keys';

/** A partner's credential: the secret is sealed at once and answered this one time. Audited. */
export const createPartnerKey = defineAction(contracts.openapi.createPartnerKey, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  const problem = keyProblem('openapi');
  if (problem) return new Refusal('INTERNAL', problem);
  const keyId = `pk_${randomBytes(8).toString('hex')}`;
  const secret = `psk_${randomBytes(32).toString('base64url')}`;
  const doc = {
    partner: input.partner,
    name: input.name,
    scopes: input.scopes,
    secret: seal(secret, keyId),
    ratePerMinute: input.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE,
    status: 'active' as const,
    createdAt: now,
    createdBy: caller.actorId,
    revokedAt: null,
  };
  const key = keyView(keyId, doc);
  const saved = await db.transaction(async (tx) => {
    await tx.set('partner_keys', keyId, doc);
    await audit(tx, keyAudit('createPartnerKey', keyId, caller, now, null, key));
    return key;
  });
  return saved instanceof Refusal ? saved : { key: saved, secret };
});
