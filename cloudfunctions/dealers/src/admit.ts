import type { ApplicationDoc, InvitationDoc } from '@shared/admission/stored';
import type { AccountDoc, DealerDoc } from '@shared/models';
import { DEALER_LEVELS } from '@shared/dealer';
import type { Stored, Tx } from '../../_kit/db';
import { refuse } from '../../_kit/db';
import { audit } from '../../_kit/audit';
import { emitDealerEvent } from '../../_capabilities/dealer-events';
import type { Caller } from '../../_kit/router';
import { decideApplication, openApplication, releaseCreditCode } from './decide';
import { makeInvitation } from './invitations';
import { canActIn } from './scope';

export interface Terms {
  applicationId: string;
  level: keyof typeof DEALER_LEVELS;
  parentDealerId: string | null;
  creditLimitFen: number;
  paymentTermDays: number;
}

const rank = (level: string) => Object.keys(DEALER_LEVELS).indexOf(level);

/** A second-tier dealer buys through an active first-tier dealer of a better level. */
async function checkParent(tx: Tx, t: Terms): Promise<void> {
  if (!t.parentDealerId) return;
  const parent = await tx.get('dealers', t.parentDealerId);
  if (!parent || parent.status !== 'active') refuse('INVALID_INPUT', '上级经销商不存在或已暂停合作');
  if (parent.parentDealerId) refuse('INVALID_INPUT', '上级经销商本身是二级经销商，不能再挂下级');
  if (rank(parent.level) >= rank(t.level)) refuse('INVALID_INPUT', `上级经销商的级别（${parent.level}）须高于新经销商的级别（${t.level}）`);
}

/**
 * The approval's writes, all in one transaction: the dealer (_id derived from the application),
 * its credit account, the credit code's holder, the owner's invitation and the decision, each audited.
 */
export async function admit(tx: Tx, t: Terms, caller: Caller, now: number) {
  const app: Stored<ApplicationDoc> = await openApplication(tx, t.applicationId, ['submitted']);
  if (!canActIn(caller, app.region)) refuse('NOT_FOUND', '申请不存在或不在您负责的区域');
  await checkParent(tx, t);
  const dealerId = `dealer-${app._id}`;
  const dealer: DealerDoc = {
    name: app.company,
    code: `QH-${app._id.slice(4).toUpperCase()}`,
    level: t.level,
    region: app.region,
    city: app.city.name.replace(/市$/, ''),
    parentDealerId: t.parentDealerId,
    contactName: app.contactName,
    contactMobile: app.mobile,
    creditLimit: t.creditLimitFen,
    paymentTermDays: t.paymentTermDays,
    creditCode: app.creditCode,
    districtCode: app.district.code,
    status: 'active',
    joinedAt: now,
  };
  const account: AccountDoc = { dealerId, receivable: 0, creditReserved: 0, rebateBalance: 0, orderCount: 0, updatedAt: now };
  await tx.set('dealers', dealerId, dealer);
  await emitDealerEvent(tx, { dealerId, dealer, created: true, action: 'dealers.create' }, now);
  await tx.set('accounts', dealerId, account);
  await audit(tx, {
    action: 'dealers.create',
    target: { coll: 'dealers', id: dealerId },
    actorId: caller.actorId,
    at: now,
    before: null,
    after: { ...dealer },
  });
  await releaseCreditCode(tx, app.creditCode, app._id, true, now, dealerId);
  const invitation: { code: string; doc: InvitationDoc } = await makeInvitation(tx, {
    dealerId,
    staffRole: 'owner',
    name: app.contactName,
    actorId: caller.actorId,
    now,
  });
  const decision = { by: caller.actorId, at: now, reason: null, dealerId };
  const application = await decideApplication(
    tx,
    app,
    { status: 'approved', decision },
    { action: 'dealers.approve', actorId: caller.actorId, now, reason: null },
  );
  return { application, invitation, dealerName: dealer.name };
}
