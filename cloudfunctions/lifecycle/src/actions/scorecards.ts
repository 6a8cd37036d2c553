import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/**
 * Scorecards newest first, with each measure, the rating and its reasons. A dealer's people see
 * their own dealer's; a manager a dealer of their regions; an admin any.
 */
export const scorecards = defineAction(contracts.lifecycle.scorecards, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async (input, { db, caller }) => {
  const role = caller.user?.role;
  const own = role === 'dealer' || role === 'clerk';
  const dealerId = own ? caller.user?.dealerId : input.dealerId;
  if (!dealerId) return new Refusal(own ? 'FORBIDDEN' : 'INVALID_INPUT', own ? '当前账号未绑定经销商' : '请指定 dealerId');
  if (role === 'manager') {
    const dealer = await db.getById('dealers', dealerId);
    if (!dealer || !(caller.user?.regions ?? []).includes(dealer.region)) return new Refusal('NOT_FOUND', '经销商不存在或不在您负责的大区');
  }
  const docs = await db.find('scorecards', { dealerId }, { orderBy: [['month', 'desc']], limit: input.limit ?? 12 });
  return { items: docs.map(({ _id, ...d }) => ({ ...d, id: _id })) };
});
