import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { canOpenDealer, outOfScope } from '../scope';
import { creditView, dealerListItem, invitationView, staffMember } from '../views';

/** One dealer for its manager (or its owner, who manages its people there): credit used and limit, recent orders, rebate balance, people and open invitations. */
export const get = defineAction(contracts.dealers.get, ['dealer', 'manager', 'admin', CONSOLE], async ({ dealerId }, { caller, db, now }) => {
  const dealer = await db.getById('dealers', dealerId);
  if (!dealer || !canOpenDealer(caller, dealer)) return outOfScope('经销商');
  const [account, recent, count, users, invitations] = await Promise.all([
    db.getById('accounts', dealerId),
    db.find(
      'orders',
      { dealerId },
      {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'desc'],
        ],
        limit: 5,
      },
    ),
    db.count('orders', { dealerId }),
    db.find('users', { dealerId }, { limit: 200 }),
    db.find('dealer_invitations', { dealerId }, { orderBy: [['createdAt', 'desc']], limit: 20 }),
  ]);
  return {
    ...dealerListItem(dealer),
    parentDealerId: dealer.parentDealerId,
    contactName: dealer.contactName,
    contactMobile: dealer.contactMobile,
    credit: creditView(dealer, account),
    orders: { count, recent: recent.map((o) => ({ id: o._id, orderNo: o.orderNo, status: o.status, payable: o.payable, createdAt: o.createdAt })) },
    rebateBalance: account?.rebateBalance ?? 0,
    staff: users.map(staffMember),
    invitations: invitations.filter((i) => !i.usedBy && !i.revoked && i.expiresAt > now).map((i) => invitationView(i._id, i, dealer.name)),
    statementPath: `packages/orders/statement/index?dealerId=${dealerId}`,
  };
});
