import fc from 'fast-check';
import { approvalRuleSchema, decide, evaluateApproval, stepDecidedBySamePerson } from '../../../shared/orders';
import type { Actor, Order, OrderCommand } from '../../../shared/orders';
import { admin, manager, submittedOrder, T0, TWO_STEPS } from './fixtures';

/** Separation of duties in the state machine: one person, one approved step per order (unless every rule behind both waives it). */
const other: Actor = { role: 'admin', id: 'openid-admin-2' };
const pendingWith = (command: Extract<OrderCommand, { type: 'submit' }>): Order => {
  const d = decide(submittedOrder(), command, { role: 'dealer', id: 'openid-dealer', dealerId: 'dealer-1' }, T0);
  if (!d.ok) throw new Error(d.message);
  return d.next;
};
const waivedBy = (ruleIds: string[]): Extract<OrderCommand, { type: 'submit' }> => ({
  ...TWO_STEPS,
  approval: {
    ...TWO_STEPS.approval,
    matched: TWO_STEPS.approval.matched.map((m) => (ruleIds.includes(m.ruleId) ? { ...m, allowSameApprover: true as const } : m)),
  },
});

describe('separation of duties', () => {
  test('an admin who approved the manager’s step may not approve the finance step; another person may', () => {
    const first = decide(pendingWith(TWO_STEPS), { type: 'approve_step' }, admin, T0 + 1);
    if (!first.ok) throw new Error(first.message);
    expect(decide(first.next, { type: 'approve_step' }, admin, T0 + 2)).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      message: '职责分离：您已审批本订单的「渠道经理审批」，「财务审批」须由另一位审批人处理',
    });
    const second = decide(first.next, { type: 'approve_step' }, other, T0 + 2);
    expect(second.ok && second.next.status).toBe('approved');
  });

  test('a rule that says allowSameApprover lets one person approve every step it asked for', () => {
    const first = decide(pendingWith(waivedBy(['r-amount'])), { type: 'approve_step' }, admin, T0 + 1);
    if (!first.ok) throw new Error(first.message);
    const second = decide(first.next, { type: 'approve_step' }, admin, T0 + 2);
    expect(second.ok && second.next.status).toBe('approved');
  });

  test('the flag is read from the rule by evaluateApproval, and kept only when true', () => {
    const base = { code: 'order_amount_over', id: 'r', name: '大额', args: { thresholdFen: 1 }, steps: [{ role: 'manager', label: '经理' }] };
    const facts = {
      payable: 10,
      listTotal: 10,
      lines: [],
      categories: new Map(),
      dealer: { level: 'A', joinedAt: 0, orderCount: 5 },
      credit: { limit: 0, used: 0, reserved: 0 },
      now: T0,
    };
    expect(evaluateApproval(facts, [approvalRuleSchema.parse({ ...base, allowSameApprover: true })]).matched[0]).toHaveProperty('allowSameApprover', true);
    expect(evaluateApproval(facts, [approvalRuleSchema.parse({ ...base, allowSameApprover: false })]).matched[0]).not.toHaveProperty('allowSameApprover');
    expect(evaluateApproval(facts, [approvalRuleSchema.parse(base)]).matched[0]).not.toHaveProperty('allowSameApprover');
    expect(approvalRuleSchema.safeParse({ ...base, allowSameApprover: 'yes' }).success).toBe(false);
  });

  test('property: two steps by one person need every rule behind both to waive it', () => {
    fc.assert(
      fc.property(
        fc.subarray(['a', 'b', 'c']),
        fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
        fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
        (waiving, first, second) => {
          const view = {
            matched: ['a', 'b', 'c'].map((ruleId) => (waiving.includes(ruleId) ? { ruleId, allowSameApprover: true } : { ruleId })),
            steps: [
              { label: '一', ruleIds: first, approvedBy: { id: 'p' } },
              { label: '二', ruleIds: second, approvedBy: null },
            ],
          };
          const allWaive = [...first, ...second].every((r) => waiving.includes(r));
          expect(stepDecidedBySamePerson(view, 1, 'p')).toEqual(allWaive ? null : { index: 0, label: '一' });
          expect(stepDecidedBySamePerson(view, 1, 'q')).toBeNull();
        },
      ),
    );
  });

  test('a manager and an admin each approving their own step is the ordinary path', () => {
    const first = decide(pendingWith(TWO_STEPS), { type: 'approve_step' }, manager, T0 + 1);
    if (!first.ok) throw new Error(first.message);
    expect(decide(first.next, { type: 'approve_step' }, admin, T0 + 2)).toMatchObject({ ok: true });
  });
});
