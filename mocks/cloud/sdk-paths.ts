/**
 * Where wx-server-sdk's network layer lives: the modules the local cloud replaces or guards.
 * Its own module so a worker thread running functions (workers/entry.ts) names them without
 * loading the database.
 */

/** The module path of the SDK's one network function; every cloud call goes through it. */
export const SDK_REQUESTER = '@cloudbase/node-sdk/dist/utils/tcbapirequester';
export const SDK_REQUEST_CORE = '@cloudbase/node-sdk/dist/utils/request-core';
export const SDK_UTILS = '@cloudbase/node-sdk/dist/utils/utils';
/** The SDK's HTTP-gateway requester: cloud.ai() (its token and model calls) goes through it. */
export const SDK_GATEWAY_REQUESTER = '@cloudbase/node-sdk/dist/utils/tcbopenapicommonrequester';

/** Requests to anything but loopback fail: the local cloud never reaches the network. */
export function guardRequestCore(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const core = require(SDK_REQUEST_CORE) as { request: (...a: unknown[]) => unknown; __localGuard?: boolean };
  if (core.__localGuard) return;
  const original = core.request;
  core.request = (opts: unknown, ...rest: unknown[]) => {
    const url = String((opts as { url?: unknown })?.url ?? '');
    if (!/^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)) {
      throw new Error(`local cloud: refusing to reach ${url || 'the network'}; only loopback is allowed`);
    }
    return original(opts, ...rest);
  };
  core.__localGuard = true;
}
