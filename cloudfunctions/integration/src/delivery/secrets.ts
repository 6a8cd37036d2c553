/**
 * Signing secrets at rest: sealed with the environment's INTEGRATION_SECRET_KEY. The code is a
 * capability, since the openapi function seals partners' API secrets the same way.
 */
export { keyProblem, newSecret, seal, unseal } from '../../../_capabilities/sealed-secrets';
