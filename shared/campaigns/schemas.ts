import { z } from 'zod';
import { fenSchema } from '../money';
import { audienceSchema } from '../targeting';

/**
 * What the brand's material centre holds for one campaign kit, validated once at the edge.
 * Dates are Asia/Shanghai calendar days (inclusive); money is integer fen.
 */
export const campaignIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,39}$/, '活动编号为 3–40 位小写字母、数字或连字符');

const day = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式为 YYYY-MM-DD');
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, '颜色格式为 #RRGGBB');
/** An image the mini-program can load: https, or a cloud storage fileID. */
const imageUrl = z
  .string()
  .max(500)
  .regex(/^(https:\/\/|cloud:\/\/)[^\s"'<>]+$/, '图片地址须为 https:// 或 cloud:// 开头');
const coord = z.number().int().min(0).max(3000);

export const POSTER_AREA_KINDS = ['title', 'dealerName', 'sharerName', 'code'] as const;
export type PosterAreaKind = (typeof POSTER_AREA_KINDS)[number];

/** A placeholder on a poster template: where the campaign title, the dealer, the sharer or the code goes (px of the template). */
export const posterAreaSchema = z.strictObject({
  kind: z.enum(POSTER_AREA_KINDS),
  x: coord,
  y: coord,
  width: z.number().int().min(10).max(3000),
  height: z.number().int().min(10).max(3000),
  color: color.optional(),
  fontSize: z.number().int().min(12).max(160).optional(),
  align: z.enum(['left', 'center', 'right']).optional(),
});
export type PosterArea = z.output<typeof posterAreaSchema>;

export const posterTemplateSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9-]{1,30}$/),
    name: z.string().trim().min(1).max(20),
    width: z.number().int().min(300).max(1500),
    height: z.number().int().min(300).max(3000),
    background: color,
    imageUrl: imageUrl.nullable(),
    areas: z.array(posterAreaSchema).min(1).max(8),
  })
  .refine((t) => t.areas.filter((a) => a.kind === 'code').length === 1, { message: '海报模板须有且只有一个小程序码区域', path: ['areas'] })
  .refine((t) => t.areas.every((a) => a.x + a.width <= t.width && a.y + a.height <= t.height), { message: '占位区域超出了海报范围', path: ['areas'] });
export type PosterTemplate = z.output<typeof posterTemplateSchema>;

export const couponSpecSchema = z
  .strictObject({
    title: z.string().trim().min(2).max(20),
    /** Face value, fen. */
    valueFen: fenSchema.min(1).max(10_000_000),
    /** Minimum spend to use it, fen (0: none). */
    minSpendFen: fenSchema.max(100_000_000),
    /** Days a coupon stays valid after it is issued. */
    validDays: z.number().int().min(1).max(365),
  })
  .refine((c) => c.minSpendFen === 0 || c.minSpendFen > c.valueFen, { message: '使用门槛须高于券面额', path: ['minSpendFen'] });
export type CouponSpec = z.output<typeof couponSpecSchema>;

/** The fields of a campaign kit besides its id. */
const campaignKitFields = {
  title: z.string().trim().min(2).max(30),
  summary: z.string().trim().max(200),
  /** First and last day of the campaign, Asia/Shanghai, both included. */
  period: z.strictObject({ from: day, to: day }),
  /** What the campaign costs the brand (materials, coupons budget, media), fen: the base of ROI. */
  cost: fenSchema,
  coupon: couponSpecSchema,
  posters: z.array(posterTemplateSchema).min(1).max(5),
  copyTexts: z.array(z.string().trim().min(1).max(300)).min(1).max(10),
  /** The share card: WeChat shows about 30 characters of the title. */
  share: z.strictObject({ title: z.string().trim().min(1).max(30), imageUrl: imageUrl.nullable() }),
  /** Who may share it: dealer levels and regions; an empty list means all. */
  visibility: audienceSchema,
  /** The product the posters show (its picture and name); none: the poster draws the offer alone. */
  productSku: z.string().trim().min(1).max(40).optional(),
};

export const campaignKitSchema = z
  .strictObject({ id: campaignIdSchema, ...campaignKitFields })
  .refine((k) => k.period.from <= k.period.to, { message: '结束日期不能早于开始日期', path: ['period', 'to'] })
  .refine((k) => new Set(k.posters.map((p) => p.id)).size === k.posters.length, { message: '海报模板编号不能重复', path: ['posters'] });
export type CampaignKit = z.output<typeof campaignKitSchema>;

/**
 * Changes to a draft: any of the kit's fields, each whole (a new `coupon`, a new `period`, …).
 * The merged kit is validated again as a whole (period order, poster ids) before it is saved.
 */
export const campaignChangesSchema = z
  .strictObject(campaignKitFields)
  .partial()
  .refine((c) => Object.keys(c).length > 0, { message: '请至少修改一项' });

/** Mainland mobile numbers: 11 digits starting 13–19. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** What a consumer leaves on the landing page. */
export const leadInputSchema = z.strictObject({
  scene: z.string().min(1).max(64),
  name: z
    .string()
    .trim()
    .min(1, '请填写称呼')
    .max(20, '称呼最多 20 个字')
    .refine((s) => !/[<>{}$\\]/.test(s), '称呼不能包含特殊符号'),
  mobile: z.string().trim().regex(MOBILE_PATTERN, '请填写 11 位手机号'),
  /** The consumer ticked "同意品牌及门店联系我": without it nothing is stored. */
  consent: z.literal(true, '请先勾选同意授权'),
  /**
   * The version of the privacy notice the consumer agreed to (LEAD_PRIVACY.version); absent from
   * older clients, whose notice is the current one. Another version is refused: the text changed.
   */
  consentVersion: z.string().trim().min(1).max(20).optional(),
});
export type LeadInput = z.output<typeof leadInputSchema>;

/** A sale recorded at redemption, fen: more than 0, at most ¥100,000. */
export const saleAmountSchema = fenSchema.min(1).max(10_000_000);
