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
export type Access = Role | typeof PUBLIC;
