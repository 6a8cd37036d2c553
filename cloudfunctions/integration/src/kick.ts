import { deliverKick } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { err, ok } from '@shared/envelope';
import { Db } from '../../_kit/db';
import { log } from '../../_kit/log';
import { sdkDatabase, wxContext } from '../../_kit/sdk';
import { deliverEvents } from './delivery/deliver';
import { KICK_BUDGET_MS } from './delivery/policy';
import { keyProblem } from './delivery/secrets';

/**
 * True when another cloud function is calling: the platform appends `scf` to SOURCE along a call
 * chain (`wx_client,scf`, `wx_trigger,scf`), and only code deployed in this environment can call a
 * function from a function. A mini-program user (wx_client), the console (wx_devtools) or HTTP
 * access never ends in scf. Cloud.getWXContext, 使用说明:
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html
 */
export function calledByFunction(source: string): boolean {
  const chain = source.split(',').map((s) => s.trim());
  return chain[chain.length - 1] === 'scf';
}

/** One database handle for every kick of this instance, so concurrent kicks' writes coalesce (delivery/batch.ts). */
let db: Db | null = null;
const kickDb = () => (db ??= new Db(sdkDatabase()));

/**
 * The delivery kick `{ action: 'deliver', eventIds }` (cloudfunctions/_capabilities/outbox.ts,
 * after its commit): not a router action, as no user or console caller may start it.
 */
export async function handleKick(event: Record<string, unknown>): Promise<Envelope<unknown>> {
  const ctx = wxContext();
  if (!calledByFunction(typeof ctx.SOURCE === 'string' ? ctx.SOURCE : '')) {
    return err(ctx.OPENID ? 'FORBIDDEN' : 'UNAUTHENTICATED', '投递只能由云函数在提交变更后触发');
  }
  const parsed = deliverKick.safeParse(event);
  if (!parsed.success) return err('INVALID_INPUT', '投递请求应为 { action: "deliver", eventIds: [1–500 个事件编号] }');
  const problem = keyProblem();
  if (problem) {
    // The events stay undispatched: once the key is set, the retry timer delivers them.
    log.error('webhook delivery: not configured', { problem });
    return err('INTERNAL', problem);
  }
  try {
    const { eventIds, events = [] } = parsed.data;
    return ok(await deliverEvents(kickDb(), [...new Set(eventIds)], events, KICK_BUDGET_MS));
  } catch (e) {
    log.error('webhook delivery kick failed', { error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return err('INTERNAL', '投递失败，稍后由定时器重试');
  }
}
