import { z } from 'zod';
import { action } from '../contract';
import type { PartnerScope } from '../openapi/types';
import { PARTNER_SCOPES } from '../openapi/types';

const partner = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{1,31}$/, '合作方标识为 2–32 位小写字母、数字、- 或 _，如 kingdee-erp')
  .describe('合作方标识');
const keyId = z.string().regex(/^pk_[0-9a-f]{16}$/, '密钥编号格式为 pk_ 加 16 位十六进制');

/** A partner key as admins see it: never its secret, in any form. */
export interface PartnerKeyView {
  keyId: string;
  partner: string;
  name: string;
  scopes: PartnerScope[];
  ratePerMinute: number;
  status: 'active' | 'revoked';
  createdAt: number;
  revokedAt: number | null;
}

export interface PartnerKeyWithSecret {
  key: PartnerKeyView;
  /** Given to the partner now; it cannot be read back later, only replaced by a new key. */
  secret: string;
}

export const openapi = {
  /** A new credential for a partner system; answers its secret this one time. Audited. */
  createPartnerKey: action<PartnerKeyWithSecret>()(
    z.strictObject({
      partner,
      name: z.string().trim().min(1).max(40).describe('用途说明，如 金蝶出库回传'),
      scopes: z
        .array(z.enum(PARTNER_SCOPES))
        .min(1)
        .max(PARTNER_SCOPES.length)
        .refine((list) => new Set(list).size === list.length, '权限范围不能重复'),
      ratePerMinute: z.number().int().min(1).max(6000).optional().describe('每分钟请求上限，默认 120'),
    }),
    { partner: 'kingdee-erp', name: '金蝶出库与回款回传', scopes: ['orders:read', 'shipments:write', 'payments:write'] },
  ),
  /** Every partner key, newest first, as admins see them (never a secret). */
  partnerKeys: action<{ items: PartnerKeyView[] }>()(z.strictObject({}), {}),
  /** The key stops working at once (its next request is refused as BAD_SIGNATURE). Audited. */
  revokePartnerKey: action<{ key: PartnerKeyView }>()(z.strictObject({ keyId, reason: z.string().trim().min(1).max(200) }), {
    keyId: 'pk_0123456789abcdef',
    reason: '合作结束',
  }),
};
