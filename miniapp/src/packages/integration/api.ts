import type { InputOf } from '@shared/contract';
import { integration } from '@shared/contracts/integration';
import { callContract } from '../../services/cloud';

type Integration = typeof integration;

/** An integration-function call checked against its contract; the schemas load with this subpackage only. */
export function integrationCall<A extends keyof Integration & string>(action: A, input: InputOf<Integration[A]>) {
  return callContract('integration', action, integration[action], input);
}
