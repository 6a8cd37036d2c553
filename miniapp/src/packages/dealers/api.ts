import type { InputOf } from '@shared/contract';
import { dealers } from '@shared/contracts/dealers';
import { lifecycle } from '@shared/contracts/lifecycle';
import { callContract } from '../../services/cloud';

type Dealers = typeof dealers;

/** A dealers-function call checked against its contract; the schemas load with this subpackage only. */
export function dealersCall<A extends keyof Dealers & string>(action: A, input: InputOf<Dealers[A]>) {
  return callContract('dealers', action, dealers[action], input);
}

type Lifecycle = typeof lifecycle;

/** A lifecycle-function call (level proposals, offboarding), likewise loaded with this subpackage only. */
export function lifecycleCall<A extends keyof Lifecycle & string>(action: A, input: InputOf<Lifecycle[A]>) {
  return callContract('lifecycle', action, lifecycle[action], input);
}
