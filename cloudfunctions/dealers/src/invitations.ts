import { randomInt } from 'node:crypto';
import type { InvitationDoc, StaffRole } from '@shared/admission/stored';
import type { Tx } from '../../_kit/db';
import { audit } from '../../_kit/audit';

/** The alphabet of invitation codes (users INVITATION_CODE): no 0/O, 1/I/L look-alikes. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** An invitation is good for a week; a new one can always be made. */
export const INVITATION_TTL_MS = 7 * 86_400_000;

/** A random code nobody can guess or steer (31^8 ≈ 8.5 × 10^11). */
function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Make an invitation inside the transaction that decided it, audited with it. */
export async function makeInvitation(
  tx: Tx,
  p: { dealerId: string; staffRole: StaffRole; name: string; actorId: string; now: number },
): Promise<{ code: string; doc: InvitationDoc }> {
  let code = newCode();
  while (await tx.get('dealer_invitations', code)) code = newCode();
  const doc: InvitationDoc = {
    dealerId: p.dealerId,
    staffRole: p.staffRole,
    name: p.name,
    mobile: null,
    createdBy: p.actorId,
    createdAt: p.now,
    expiresAt: p.now + INVITATION_TTL_MS,
    usedBy: null,
    usedAt: null,
    revoked: false,
  };
  await tx.set('dealer_invitations', code, doc);
  await audit(tx, {
    action: 'dealers.invite',
    target: { coll: 'dealer_invitations', id: code },
    actorId: p.actorId,
    at: p.now,
    before: null,
    after: { ...doc },
  });
  return { code, doc };
}
