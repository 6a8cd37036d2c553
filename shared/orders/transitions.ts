/**
 * Who may issue which order command from which state: the transition table, and the questions
 * the orders function and the order page ask of it. Kept apart from the state machine so the
 * mini-program's order page can read it without bundling `decide`.
 *
 * The table knows the state and the role only. Facts of one order stay with whoever holds the
 * order: a dealer acts on their own dealer's orders only, an approver decides only the step
 * waiting for their role (stepIsFor) and never two steps of one order (approval/duties.ts), a
 * shipment needs goods still reserved. The console has no role of its own: it acts as an admin.
 */
import type { Role } from '../roles';
import { ORDER_COMMAND_TYPES } from './types';
import type { ActorRole, OrderCommandType, OrderStatus } from './types';

export interface TransitionRule {
  /** For each role allowed to issue the command: the states it may issue it from. */
  by: Partial<Record<ActorRole, readonly OrderStatus[]>>;
  /** The states the command can lead to. */
  to: readonly OrderStatus[];
}

/** The transitions as data: the single source of who may do what from where. */
export const TRANSITIONS: Record<OrderCommandType, TransitionRule> = {
  submit: { by: { dealer: ['submitted'], admin: ['submitted'] }, to: ['pending_approval', 'approved'] },
  // 代客下单: a channel manager for a dealer of their region (the orders function checks the region).
  submit_for_dealer: { by: { manager: ['submitted'], admin: ['submitted'] }, to: ['awaiting_dealer_confirmation', 'pending_approval', 'approved'] },
  confirm_proxy: { by: { dealer: ['awaiting_dealer_confirmation'] }, to: ['pending_approval', 'approved'] },
  refuse_proxy: { by: { dealer: ['awaiting_dealer_confirmation'] }, to: ['cancelled'] },
  approve_step: { by: { manager: ['pending_approval'], admin: ['pending_approval'] }, to: ['pending_approval', 'approved'] },
  reject: { by: { manager: ['pending_approval'], admin: ['pending_approval'] }, to: ['rejected'] },
  cancel: {
    // A dealer may cancel its own order until shipment starts, also after (instant) approval.
    // A proxy order the dealer has not confirmed is refused by the dealer (refuse_proxy), cancelled by an admin, or
    // expires (the system, orders' expireProxy timer, after PROXY_CONFIRM_DAYS).
    by: {
      dealer: ['submitted', 'pending_approval', 'approved'],
      admin: ['submitted', 'awaiting_dealer_confirmation', 'pending_approval', 'approved'],
      system: ['awaiting_dealer_confirmation'],
    },
    to: ['cancelled'],
  },
  ship: { by: { admin: ['approved', 'partially_shipped'] }, to: ['partially_shipped', 'shipped'] },
  confirm_receipt: { by: { dealer: ['shipped'], system: ['shipped'] }, to: ['delivered'] },
  complete: { by: { system: ['delivered'], admin: ['delivered'] }, to: ['completed'] },
};

/** Every state some role can issue the command from. */
export function statesAccepting(command: OrderCommandType): OrderStatus[] {
  return [...new Set(Object.values(TRANSITIONS[command].by).flat())];
}

/** Whether an actor of `role` may issue `command` on an order in `status` (the table's part of the question). */
export function mayIssue(command: OrderCommandType, status: OrderStatus, role: ActorRole): boolean {
  return TRANSITIONS[command].by[role]?.includes(status) ?? false;
}

/** The commands an actor of `role` may issue on an order in `status`, in ORDER_COMMAND_TYPES order. */
export function commandsFor(status: OrderStatus, role: ActorRole): OrderCommandType[] {
  return ORDER_COMMAND_TYPES.filter((command) => mayIssue(command, status, role));
}

/** The people's roles that may issue `command` from some state (the platform's `system` is not a caller). */
export function rolesIssuing(command: OrderCommandType): Role[] {
  return (Object.keys(TRANSITIONS[command].by) as ActorRole[]).filter((r): r is Role => r !== 'system');
}

/** Whether an approver of `role` decides a step that waits for `stepRole`: their own role's, or any step for a brand admin. */
export function stepIsFor(stepRole: ActorRole, role: ActorRole): boolean {
  return stepRole === role || role === 'admin';
}
