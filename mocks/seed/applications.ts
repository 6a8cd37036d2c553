import { DEFAULT_ADMISSION_RULES, creditCodeCheckChar, regionOfDivision, screen } from '../../shared/admission';
import type { ApplicationDoc, ApplicationForm, CreditCodeDoc } from '../../shared/admission/stored';
import type { DealerDoc } from '../../shared/models';
import type { WithId } from './catalog';

/** Dealer applications for the demo (申请加盟, dealers function), one in each state a reviewer meets. */
export interface ApplicationSeed {
  dealer_applications: Array<WithId<ApplicationDoc>>;
  credit_codes: Array<WithId<CreditCodeDoc>>;
}

const HOUR = 3_600_000;

/** A valid 统一社会信用代码 of the demo: a fixed body per n, with its computed check character. */
const codeOf = (n: number) => {
  const body = `9144030058${String(n).padStart(7, '0')}`;
  return body + creditCodeCheckChar(body)!;
};

const FORMS: Array<{ openid: string; hoursAgo: number; form: ApplicationForm }> = [
  {
    openid: 'demo-applicant-1',
    hoursAgo: 20,
    form: {
      company: '宁波甬江副食品商行',
      creditCode: codeOf(1),
      legalRep: '周海涛',
      contactName: '周海涛',
      mobile: '13800000101',
      province: { code: '33', name: '浙江省' },
      city: { code: '3302', name: '宁波市' },
      district: { code: '330203', name: '海曙区' },
      categoryIds: [],
      stores: 4,
      annualSalesFen: 380_000_000,
      desiredLevel: 'B',
      licenceFileId: 'cloud://demo/licences/demo-1.jpg',
    },
  },
  {
    openid: 'demo-applicant-2',
    hoursAgo: 52,
    form: {
      company: '佛山顺德南粤食品店',
      creditCode: codeOf(2),
      legalRep: '梁嘉欣',
      contactName: '梁嘉欣',
      mobile: '13800000102',
      province: { code: '44', name: '广东省' },
      city: { code: '4406', name: '佛山市' },
      district: { code: '440606', name: '顺德区' },
      categoryIds: [],
      stores: 2,
      annualSalesFen: 120_000_000,
      desiredLevel: 'C',
      licenceFileId: null,
    },
  },
  {
    openid: 'demo-applicant-3',
    hoursAgo: 30,
    form: {
      company: '保定小王便利店',
      creditCode: codeOf(3),
      legalRep: '王小军',
      contactName: '王小军',
      mobile: '13800000103',
      province: { code: '13', name: '河北省' },
      city: { code: '1306', name: '保定市' },
      district: { code: '130602', name: '竞秀区' },
      categoryIds: [],
      stores: 0,
      annualSalesFen: 20_000_000,
      desiredLevel: 'C',
      licenceFileId: 'cloud://demo/licences/demo-3.jpg',
    },
  },
];

/**
 * Three applications screened by the real rule set against the seeded dealers: one waiting for
 * the east manager (待审核), one asked for its licence (需补充资料), one rejected by screening
 * (too small). Their credit codes are held as the dealers function would hold them.
 */
export function buildApplications(dealers: ReadonlyArray<WithId<DealerDoc>>, referenceDate: number): ApplicationSeed {
  const applications: Array<WithId<ApplicationDoc>> = [];
  const codes: Array<WithId<CreditCodeDoc>> = [];
  FORMS.forEach(({ openid, hoursAgo, form }, i) => {
    const region = regionOfDivision(form.province.code)!;
    const active = dealers.filter((d) => d.region === region && d.level === form.desiredLevel && d.status === 'active').length;
    const screening = screen(DEFAULT_ADMISSION_RULES, {
      creditCode: form.creditCode,
      desiredLevel: form.desiredLevel,
      region,
      districtCode: form.district.code,
      stores: form.stores,
      annualSalesFen: form.annualSalesFen,
      documents: form.licenceFileId ? { licence: form.licenceFileId } : {},
      blacklisted: null,
      dealersWithCode: [],
      earlierApplications: 0,
      regionDealersByLevel: { [form.desiredLevel]: active },
      districtDealersAtLevel: [],
    });
    const at = referenceDate - hoursAgo * HOUR;
    const status = screening.outcome === 'rejected' ? 'rejected' : screening.outcome === 'needs_info' ? 'needs_info' : 'submitted';
    const _id = `app-demo-${i + 1}`;
    applications.push({
      _id,
      ...form,
      applicantOpenid: openid,
      region,
      status,
      screening,
      requested: status === 'needs_info' ? `请补充：${screening.missing.join('、')}` : null,
      decision: status === 'rejected' ? { by: 'screening', at, reason: screening.reasons.join('；'), dealerId: null } : null,
      submittedAt: at,
      updatedAt: at,
      rounds: 1,
    });
    const open = status !== 'rejected';
    codes.push({ _id: form.creditCode, openApplicationId: open ? _id : null, closedApplications: open ? 0 : 1, dealerId: null, updatedAt: at });
  });
  return { dealer_applications: applications, credit_codes: codes };
}
