/**
 * 职责分离 (separation of duties): one person never approves two steps of one order. A brand
 * admin may decide any step (the console, or a manager away), so without this rule demo-admin
 * could approve both 渠道经理审批 and 财务审批 and let an order through alone.
 *
 * A person is the approver's id (an openid; 'console' for the cloud console, which has no person
 * behind it). The rule holds between two steps unless every rule that asked for either step
 * waives it (`allowSameApprover: true`): one rule that wants two people is enough to need two.
 * Rejecting is not restricted — it lets nothing through, and an admin could cancel anyway.
 */

/** The parts of an order's approval this rule reads (stored orders from before the flag have no allowSameApprover). */
export interface DutiesView {
  matched: ReadonlyArray<{ ruleId: string; allowSameApprover?: boolean | undefined }>;
  steps: ReadonlyArray<{ label: string; ruleIds: readonly string[]; approvedBy: { id: string } | null }>;
}

/**
 * The earlier step of this order that `approverId` already approved and that forbids them the
 * step at `stepIndex`, or null when they may approve it.
 */
export function stepDecidedBySamePerson(approval: DutiesView, stepIndex: number, approverId: string): { index: number; label: string } | null {
  const target = approval.steps[stepIndex];
  if (!target) return null;
  const waived = (ruleId: string) => approval.matched.some((m) => m.ruleId === ruleId && m.allowSameApprover === true);
  for (let i = 0; i < approval.steps.length; i++) {
    const s = approval.steps[i];
    if (i === stepIndex || !s || s.approvedBy?.id !== approverId) continue;
    const rules = [...s.ruleIds, ...target.ruleIds];
    if (rules.length > 0 && rules.every(waived)) continue;
    return { index: i, label: s.label };
  }
  return null;
}

/**
 * 代客下单: the person who placed an order for a dealer never approves it — the approval exists
 * to put a second pair of eyes on an order, and the placer's are the first. Rules cannot waive it.
 */
export function placedBySamePerson(order: { placedBy?: { id: string } | undefined }, approverId: string): boolean {
  return order.placedBy !== undefined && order.placedBy.id === approverId;
}
