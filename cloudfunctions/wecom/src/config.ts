import { isValidAesKey } from './crypto';

/**
 * The WeCom settings of the wecom function, from its environment variables (set in the cloud
 * console, 云函数 → 函数配置 → 环境变量; locally by the fake WeCom server and the tests). Nothing
 * secret is ever in the repository or the database.
 *
 * WECOM_CORP_ID            企业ID (also the receiver id inside every callback)
 * WECOM_CALLBACK_TOKEN     回调 Token (3–32 letters/digits)
 * WECOM_CALLBACK_AES_KEY   回调 EncodingAESKey (43 characters)
 * WECOM_CONTACT_SECRET     「客户联系」secret (or a self-built app's secret allowed to call it)
 * WECOM_API_BASE           default https://qyapi.weixin.qq.com; locally the fake server
 * WECOM_CALLBACK_WINDOW_S  accepted clock skew of a callback's timestamp, default 300
 * WECOM_RETRY_BASE_MS      first retry delay of queued work, default 2000 (doubling, capped at 1 h)
 * WECOM_PROCESS_AFTER_ANSWER  "0" turns off processing right after answering (the timer still runs)
 */
export interface WecomConfig {
  corpId: string;
  token: string;
  aesKey: string;
  secret: string | null;
  apiBase: string;
  windowS: number;
  retryBaseMs: number;
  retryCapMs: number;
  processAfterAnswer: boolean;
}

export const DEFAULT_API_BASE = 'https://qyapi.weixin.qq.com';

function num(v: string | undefined, dflt: number): number {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n >= 0 ? n : dflt;
}

/** The settings, or the names of the variables that are missing or invalid. */
export function wecomConfig(env: NodeJS.ProcessEnv = process.env): { ok: true; config: WecomConfig } | { ok: false; missing: string[] } {
  const corpId = env['WECOM_CORP_ID'] ?? '';
  const token = env['WECOM_CALLBACK_TOKEN'] ?? '';
  const aesKey = env['WECOM_CALLBACK_AES_KEY'] ?? '';
  const missing: string[] = [];
  if (!corpId) missing.push('WECOM_CORP_ID');
  if (!/^[A-Za-z0-9]{3,32}$/.test(token)) missing.push('WECOM_CALLBACK_TOKEN');
  if (!isValidAesKey(aesKey)) missing.push('WECOM_CALLBACK_AES_KEY');
  if (missing.length) return { ok: false, missing };
  return {
    ok: true,
    config: {
      corpId,
      token,
      aesKey,
      secret: env['WECOM_CONTACT_SECRET'] || null,
      apiBase: (env['WECOM_API_BASE'] || DEFAULT_API_BASE).replace(/\/+$/, ''),
      windowS: num(env['WECOM_CALLBACK_WINDOW_S'], 300),
      retryBaseMs: num(env['WECOM_RETRY_BASE_MS'], 2000),
      retryCapMs: num(env['WECOM_RETRY_CAP_MS'], 3_600_000),
      processAfterAnswer: env['WECOM_PROCESS_AFTER_ANSWER'] !== '0',
    },
  };
}
