import type { OpenApiReply } from './wire';
import { jsonReply } from './wire';

export interface SubscribeMessage {
  touser: string;
  templateId: string;
  page: string | null;
  data: Record<string, { value: string }>;
  miniprogramState: string;
  sentAt: number;
}

/** Value rules of subscription-message keywords by type prefix (thing ≤ 20 chars, …). */
const KEYWORD_RULES: Array<[RegExp, (v: string) => boolean]> = [
  [/^thing\d+$/, (v) => [...v].length <= 20],
  [/^number\d+$/, (v) => v.length <= 32 && /^[0-9.]+$/.test(v)],
  [/^letter\d+$/, (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v)],
  [/^symbol\d+$/, (v) => v.length <= 5],
  [/^character_string\d+$/, (v) => v.length <= 32],
  [/^phone_number\d+$/, (v) => v.length <= 17],
  [/^car_number\d+$/, (v) => v.length <= 8],
  [/^name\d+$/, (v) => [...v].length <= 10],
  [/^phrase\d+$/, (v) => [...v].length <= 5],
  [/^time\d+$/, (v) => v.length > 0],
  [/^date\d+$/, (v) => v.length > 0],
  [/^amount\d+$/, (v) => /^[¥$]?\d+(\.\d{1,2})?[元]?$/.test(v)],
];

/**
 * subscribeMessage.send: validated like the real API, then recorded instead of delivered.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 *
 * Like WeChat, it needs the recipient's consent: each 允许 the user tapped in the
 * wx.requestSubscribeMessage dialog is one grant of that template (LocalCloud.acceptSubscription
 * plays the dialog), a send uses one, and without one the answer is 43101 "user refuse to accept
 * the msg" and nothing is sent. A send refused for its content uses no grant.
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 */
export function send(
  data: Record<string, unknown>,
  now: number,
  record: (m: SubscribeMessage) => void,
  takeGrant: (touser: string, templateId: string) => boolean,
): OpenApiReply {
  const touser = data['touser'];
  const templateId = data['template_id'];
  const payload = data['data'];
  if (typeof touser !== 'string' || touser === '') return jsonReply({ errcode: 40003, errmsg: 'invalid openid' });
  if (typeof templateId !== 'string' || templateId === '') return jsonReply({ errcode: 40037, errmsg: 'invalid template_id' });
  if (!payload || typeof payload !== 'object') return jsonReply({ errcode: 47003, errmsg: 'argument invalid! data is empty' });
  const clean: Record<string, { value: string }> = {};
  for (const [k, raw] of Object.entries(payload as Record<string, unknown>)) {
    const value = (raw as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return jsonReply({ errcode: 47003, errmsg: `argument invalid! data.${k}.value invalid` });
    const rule = KEYWORD_RULES.find(([re]) => re.test(k));
    if (rule && !rule[1](value)) return jsonReply({ errcode: 47003, errmsg: `argument invalid! data.${k}.value invalid` });
    clean[k] = { value };
  }
  const state = String(data['miniprogram_state'] ?? 'formal');
  if (!['developer', 'trial', 'formal'].includes(state)) return jsonReply({ errcode: 47003, errmsg: 'argument invalid! miniprogram_state' });
  if (!takeGrant(touser, templateId)) return jsonReply({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
  record({
    touser,
    templateId,
    page: typeof data['page'] === 'string' ? data['page'] : null,
    data: clean,
    miniprogramState: state,
    sentAt: now,
  });
  return jsonReply({ errcode: 0, errmsg: 'ok', msgid: now });
}
