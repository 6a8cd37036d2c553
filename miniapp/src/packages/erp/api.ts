import type { InputOf } from '@shared/contract';
import { erp } from '@shared/contracts/erp';
import { callContract } from '../../services/cloud';

type Erp = typeof erp;

/** An erp-function call checked against its contract; the schemas load with this subpackage only. */
export function erpCall<A extends keyof Erp & string>(action: A, input: InputOf<Erp[A]>) {
  return callContract('erp', action, erp[action], input);
}
