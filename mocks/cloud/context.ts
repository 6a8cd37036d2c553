import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is calling a cloud function, as the platform would tell it. */
export interface CallerIdentity {
  openid?: string;
  unionid?: string;
  appid?: string;
  /** wx_client (mini-program), wx_devtools, wx_http (HTTP access), `<caller's SOURCE>,scf` (another function), … */
  source?: string;
  clientIp?: string;
}

/**
 * wx-server-sdk's getWXContext() reads the caller from process.env, which the cloud sets per
 * invocation (one invocation per instance at a time). Locally many invocations share one
 * process, so process.env is overlaid by the variables of the invocation in the current
 * async context.
 */
const storage = new AsyncLocalStorage<Record<string, string>>();
let installed = false;

export function installEnvOverlay(): void {
  if (installed) return;
  installed = true;
  const real = process.env;
  process.env = new Proxy(real, {
    get(target, prop) {
      const scope = storage.getStore();
      if (scope && typeof prop === 'string' && Object.prototype.hasOwnProperty.call(scope, prop)) return scope[prop];
      return Reflect.get(target, prop);
    },
    has(target, prop) {
      const scope = storage.getStore();
      if (scope && typeof prop === 'string' && Object.prototype.hasOwnProperty.call(scope, prop)) return true;
      return Reflect.has(target, prop);
    },
  });
}

export const DEFAULT_APPID = 'wx0000000000local';

export function invocationEnv(envId: string, who: CallerIdentity): Record<string, string> {
  const vars: Record<string, string> = {
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    TCB_SOURCE: who.source ?? 'wx_client',
    WX_APPID: who.appid ?? DEFAULT_APPID,
  };
  if (who.openid) vars['WX_OPENID'] = who.openid;
  if (who.unionid) vars['WX_UNIONID'] = who.unionid;
  if (who.clientIp) vars['WX_CLIENTIP'] = who.clientIp;
  vars['WX_CONTEXT_KEYS'] = Object.keys(vars)
    .filter((k) => k.startsWith('WX_'))
    .join(',');
  return vars;
}

export function runAs<T>(vars: Record<string, string>, fn: () => T): T {
  return storage.run(vars, fn);
}

export function currentInvocationEnv(): Record<string, string> | undefined {
  return storage.getStore();
}
