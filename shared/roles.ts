/** Who a caller is, decided from the users collection by OPENID, never from the payload. */
export const ROLES = ['dealer', 'clerk', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  dealer: '经销商',
  clerk: '导购',
  manager: '渠道经理',
  admin: '品牌管理员',
};

/**
 * Anyone the platform vouches for: a WeChat user with an OPENID, including one the system has never
 * seen (a consumer, a prospective dealer). A call without an OPENID is never PUBLIC: it is the
 * console (below) or it is refused.
 */
export const PUBLIC = 'public' as const;
/**
 * Brand admins at the cloud console's test panel or in WeChat devtools (and the local CLI without
 * --openid): no OPENID, and a SOURCE in CONSOLE_SOURCES. Only holders of the cloud environment's
 * credentials can invoke a function that way.
 */
export const CONSOLE = 'console' as const;
export type Access = Role | typeof PUBLIC | typeof CONSOLE;

/**
 * The SOURCE values (getWXContext().SOURCE) a console caller has: an allow-list, never a deny-list.
 * Official reference, the SOURCE table of Cloud.getWXContext():
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html
 * (the same table: https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.md)
 * - wx_devtools: 微信 IDE 调用 — devtools and the cloud console's 云端测试 panel opened from it;
 * - wx_localdebug: 微信 IDE 本地调试调用 — a function run on the developer's machine by devtools.
 * Everything else without an OPENID is refused: wx_unknown (微信未知来源调用), an empty SOURCE, any
 * non-WeChat trigger ("其他: 非微信端触发", e.g. the CloudBase web SDK once a web login is enabled),
 * HTTP access (wx_http), timers (wx_trigger: they have their own entry), pay callbacks, the crawler,
 * and call chains (`wx_devtools,scf` and the like: a function calling a function is not the console).
 */
export const CONSOLE_SOURCES = ['wx_devtools', 'wx_localdebug'] as const;

/** True when a call without an OPENID comes from the console or devtools: SOURCE is exactly one allowed value. */
export function isConsoleSource(source: string | null | undefined): boolean {
  return typeof source === 'string' && (CONSOLE_SOURCES as readonly string[]).includes(source);
}
