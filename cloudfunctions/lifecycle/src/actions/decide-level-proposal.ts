import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { emitDealerEvent } from '../../../_capabilities/dealer-events';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';

/**
 * Approve or reject a level proposal. Approval changes the dealer's `level` — the same field the
 * dealers function's direct level change writes — in the same transaction as the decision and its
 * audit entry, only while the dealer is still at the level the proposal started from.
 */
export const decideLevelProposal = defineAction(contracts.lifecycle.decideLevelProposal, ['manager', 'admin', CONSOLE], async (input, { db, caller, now }) =>
  db.transaction(async (tx) => {
    const p = await tx.get('level_proposals', input.proposalId);
    const regions = caller.user?.role === 'manager' ? (caller.user.regions ?? []) : null;
    if (!p || (regions && !regions.includes(p.region))) refuse('NOT_FOUND', '调整建议不存在或不在您负责的大区');
    if (p.status !== 'pending') refuse('CONFLICT', '该调整建议已处理');
    const dealer = await tx.get('dealers', p.dealerId);
    if (!dealer || dealer.level !== p.fromLevel) refuse('CONFLICT', '经销商当前等级已与建议时不同，请重新评级后再处理');
    const decided = {
      ...p,
      status: input.approve ? ('approved' as const) : ('rejected' as const),
      decidedAt: now,
      decidedBy: caller.actorId,
      decisionReason: input.reason,
    };
    const { _id, ...body } = decided;
    await tx.set('level_proposals', _id, body);
    if (input.approve) {
      await tx.update('dealers', p.dealerId, { level: p.toLevel });
      const changed = { dealerId: p.dealerId, dealer: { ...dealer, level: p.toLevel }, changed: ['level'], action: 'lifecycle.decideLevelProposal' };
      await emitDealerEvent(tx, changed, now);
      const target = { coll: 'dealers', id: p.dealerId };
      await audit(tx, {
        action: 'lifecycle.decideLevelProposal',
        target,
        actorId: caller.actorId,
        at: now,
        before: { level: p.fromLevel },
        after: { level: p.toLevel },
        reason: input.reason,
      });
    }
    return { ...body, id: _id };
  }),
);
