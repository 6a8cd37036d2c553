import type { InputOf } from '@shared/contract';
import { erp } from '@shared/contracts/erp';
import { integration } from '@shared/contracts/integration';
import { openapi } from '@shared/contracts/openapi';
import { callContract } from '../../services/cloud';

type Integration = typeof integration;
type OpenApi = typeof openapi;
type Erp = typeof erp;

/** An integration-function call checked against its contract; the schemas load with this subpackage only. */
export function integrationCall<A extends keyof Integration & string>(action: A, input: InputOf<Integration[A]>) {
  return callContract('integration', action, integration[action], input);
}

/** An openapi-function admin call (partner keys) checked against its contract. */
export function openapiCall<A extends keyof OpenApi & string>(action: A, input: InputOf<OpenApi[A]>) {
  return callContract('openapi', action, openapi[action], input);
}

/** An erp-function call (the mappings page lives here with the other integration settings, so it needs no other subpackage's code). */
export function erpCall<A extends keyof Erp & string>(action: A, input: InputOf<Erp[A]>) {
  return callContract('erp', action, erp[action], input);
}
