import { kingdeeConfig } from './config';
import { KingdeeClient } from './kingdee-client';

/** A client for this invocation, or why there is none (the variables missing, by name). */
export function connect(): { ok: true; client: KingdeeClient } | { ok: false; error: string } {
  const c = kingdeeConfig();
  if (!c.ok) return { ok: false, error: `未配置金蝶连接：云函数 erp 缺少环境变量 ${c.missing.join('、')}` };
  return { ok: true, client: new KingdeeClient(c.config) };
}
