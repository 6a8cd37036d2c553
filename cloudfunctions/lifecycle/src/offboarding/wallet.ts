import { settleWallet } from '@shared/offboarding';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { Refusal } from '@shared/envelope';
import { bookWallet } from '../../../_capabilities/rebate-ledger';
import type { StepRunner } from './context';

/**
 * The wallet emptied as the policy says, in one transaction: set against the receivable (a
 * payment record the statement shows, and the receivable lowered) and/or paid out (finance pays
 * the amount; the wallet entry is the instruction). Entries are keyed by the dealer's
 * offboarding, so a second run books nothing.
 */
export const wallet: StepRunner = async ({ db, doc, actorId, now }) => {
  const id = doc.dealerId;
  const r = await db.transaction(async (tx) => {
    const acc = await tx.get('accounts', id);
    const before = acc?.rebateBalance ?? 0;
    if (before < 0) refuse('CONFLICT', `返利钱包余额为负（${before} 分，退货扣回所致）：请与经销商结清后重新执行清退`);
    const { offset, payout } = settleWallet(before, acc?.receivable ?? 0, doc.walletPolicy);
    const base = { dealerId: id, type: 'adjustment' as const, at: now, ref: `offboard:${id}` };
    if (offset > 0) await bookWallet(tx, { ...base, id: `offboard:${id}:offset`, amount: -offset, note: '清退：返利余额抵扣应收' }, now);
    if (payout > 0) await bookWallet(tx, { ...base, id: `offboard:${id}:payout`, amount: -payout, note: '清退：返利余额转出，由财务付款' }, now);
    if (offset > 0) {
      const after = (await tx.get('accounts', id))!;
      await tx.update('accounts', id, { receivable: after.receivable - offset, updatedAt: now });
      await tx.set('payments', `offboard-offset:${id}`, {
        dealerId: id,
        amount: offset,
        at: now,
        method: '其他',
        ref: `QT-${id}`,
        note: '清退：返利余额抵扣应收',
      });
    }
    await audit(tx, {
      action: 'lifecycle.offboarding.wallet',
      target: { coll: 'accounts', id },
      actorId,
      at: now,
      before: { rebateBalance: before },
      after: { rebateBalance: 0, offset, payout },
    });
    return { before, offset, payout };
  });
  return r instanceof Refusal ? { done: false, reason: r.message } : { done: true, result: r };
};
