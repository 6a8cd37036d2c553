import type { InputOf } from '@shared/contract';
import { enablement } from '@shared/contracts/enablement';
import { lifecycle } from '@shared/contracts/lifecycle';
import { callContract } from '../../services/cloud';

type Enablement = typeof enablement;
type Lifecycle = typeof lifecycle;

/** An enablement-function call checked against its contract; the schemas load with this subpackage only. */
export function enablementCall<A extends keyof Enablement & string>(action: A, input: InputOf<Enablement[A]>) {
  return callContract('enablement', action, enablement[action], input);
}

/** A lifecycle-function call (scorecards), likewise. */
export function lifecycleCall<A extends keyof Lifecycle & string>(action: A, input: InputOf<Lifecycle[A]>) {
  return callContract('lifecycle', action, lifecycle[action], input);
}
