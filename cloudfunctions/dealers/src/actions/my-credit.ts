import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';
import { creditView } from '../views';

/** The caller's dealer's credit limit, headroom and payment terms, for 我的 (a suspended dealer still sees them). */
export const myCredit = defineAction(contracts.dealers.myCredit, ['dealer', 'clerk'], async (_input, { caller, db }) => {
  if (!caller.dealerId) return new Refusal('FORBIDDEN', '当前账号未绑定经销商');
  const [dealer, account] = await Promise.all([db.getById('dealers', caller.dealerId), db.getById('accounts', caller.dealerId)]);
  if (!dealer) return new Refusal('NOT_FOUND', '所属经销商不存在');
  return { credit: creditView(dealer, account) };
});
