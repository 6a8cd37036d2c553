/** Who a caller is, decided from the users collection by OPENID, never from the payload. */
export const ROLES = ['dealer', 'clerk', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  dealer: '经销商',
  clerk: '导购',
  manager: '渠道经理',
  admin: '品牌管理员',
};

/** Anyone, including an openid the system has never seen (a consumer, a prospective dealer). */
export const PUBLIC = 'public' as const;
/**
 * Brand admins at the cloud console's test panel (or the local CLI without --openid): no OPENID,
 * and a source that is neither the mini-program nor HTTP access. Only holders of the cloud
 * environment's credentials can invoke a function that way.
 */
export const CONSOLE = 'console' as const;
export type Access = Role | typeof PUBLIC | typeof CONSOLE;

/** Sources (getWXContext().SOURCE, comma-separated along a call chain) that a console caller never has. */
export const NON_CONSOLE_SOURCES = ['wx_client', 'wx_http', 'wx_crawler', 'wx_paycallback', 'wx_trigger'] as const;
