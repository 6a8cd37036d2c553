import { KINGDEE_LCID } from '@shared/erp';

/**
 * The Kingdee connection of the erp function, from its environment variables only (set in the
 * cloud console, 云函数 → 函数配置 → 环境变量; locally by the fake Kingdee and the tests). The
 * app secret is never written to the database or a log line; errors name the variables, not their values.
 *
 * KINGDEE_URL        the K3Cloud base URL, ending in /k3cloud/ (e.g. https://erp.example.com/k3cloud/)
 * KINGDEE_ACCTID     账套ID (data centre id)
 * KINGDEE_USERNAME   the integration user (第三方系统登录授权的集成用户)
 * KINGDEE_APPID      第三方系统登录授权的应用ID
 * KINGDEE_APPSECRET  its 应用密钥
 * KINGDEE_LCID       语系, default 2052 (简体中文)
 */
export interface KingdeeConfig {
  baseUrl: string;
  acctId: string;
  username: string;
  appId: string;
  appSecret: string;
  lcid: number;
}

export const KINGDEE_ENV = ['KINGDEE_URL', 'KINGDEE_ACCTID', 'KINGDEE_USERNAME', 'KINGDEE_APPID', 'KINGDEE_APPSECRET'] as const;

export function kingdeeConfig(env: NodeJS.ProcessEnv = process.env): { ok: true; config: KingdeeConfig } | { ok: false; missing: string[] } {
  const missing = KINGDEE_ENV.filter((k) => !env[k]);
  if (missing.length > 0) return { ok: false, missing };
  const lcid = Number(env['KINGDEE_LCID'] ?? KINGDEE_LCID);
  return {
    ok: true,
    config: {
      baseUrl: env['KINGDEE_URL']!.replace(/\/*$/, '/'),
      acctId: env['KINGDEE_ACCTID']!,
      username: env['KINGDEE_USERNAME']!,
      appId: env['KINGDEE_APPID']!,
      appSecret: env['KINGDEE_APPSECRET']!,
      lcid: Number.isInteger(lcid) && lcid > 0 ? lcid : KINGDEE_LCID,
    },
  };
}
