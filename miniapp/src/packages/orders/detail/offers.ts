import type { OrderView } from '@shared/contracts';
import { mayIssue, stepIsFor } from '@shared/orders/transitions';
import type { OrderCommandType } from '@shared/orders/types';
import type { Role } from '@shared/roles';

/** What the order page offers the caller: one flag per button. */
export interface Offers {
  cancel: boolean;
  confirm: boolean;
  buyAgain: boolean;
  approve: boolean;
  reject: boolean;
  ship: boolean;
  complete: boolean;
  /** 代客下单: the dealer confirms or refuses the order its channel manager placed. */
  confirmProxy: boolean;
  refuseProxy: boolean;
}

/** The approval step waiting on a pending order, or null. */
export function waitingStep(o: OrderView): NonNullable<OrderView['approval']>['steps'][number] | null {
  return o.approval && o.status === 'pending_approval' ? (o.approval.steps[o.approval.currentStep] ?? null) : null;
}

/**
 * What the caller may do now: the commands the transition table gives the caller's role in the
 * order's state (mayIssue, shared/orders/transitions.ts), narrowed by what this order says — the
 * approval step waiting must be the caller's (stepIsFor), a shipment needs goods still held. The
 * dealer may also order again. The server decides every transition; the buttons only offer what
 * the state machine would accept.
 */
export function offersFor(o: OrderView, role: Role | null): Offers {
  const step = waitingStep(o);
  const may = (command: OrderCommandType) => role !== null && mayIssue(command, o.status, role);
  const myStep = step !== null && role !== null && stepIsFor(step.role, role);
  return {
    cancel: may('cancel'),
    confirm: may('confirm_receipt'),
    buyAgain: role === 'dealer',
    approve: may('approve_step') && myStep,
    reject: may('reject') && myStep,
    ship: may('ship') && o.reservations.length > 0,
    complete: may('complete'),
    confirmProxy: may('confirm_proxy'),
    refuseProxy: may('refuse_proxy'),
  };
}
