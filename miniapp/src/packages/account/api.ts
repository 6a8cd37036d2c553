import type { InputOf } from '@shared/contract';
import { dealers } from '@shared/contracts/dealers';
import { callContract } from '../../services/cloud';

type Dealers = typeof dealers;

/** A dealers-function call checked against its contract; the schemas load with this subpackage only. */
export function dealersCall<A extends keyof Dealers & string>(action: A, input: InputOf<Dealers[A]>) {
  return callContract('dealers', action, dealers[action], input);
}
