import type { DealerDoc, UserDoc } from '../../shared/models';
import type { CustomerRecord, CustomerRelation } from '../../shared/wecom/customer';
import { wantedTags } from '../../shared/wecom/tags';
import { DAY_MS, HOUR_MS } from '../../shared/time';
import type { WithId } from './catalog';
import { CAMPAIGN_IDS } from './campaigns';
import type { PushBudgetDoc, ScriptDoc } from '../../shared/wecom/push-docs';
import { budgetId, budgetWindow } from '../../shared/wecom/push';

/**
 * The WeCom side of the demo: every store clerk is a WeCom member (the staff directory maps
 * userids to clerks), and the demo clerk already has a few customers, tagged. The fake WeCom
 * server loads the same members and customers when `npm start` runs it.
 */
export interface WecomStaffSeed {
  clerkId: string;
  dealerId: string | null;
  name: string;
  status: 'active' | 'resigned';
  updatedAt: number;
}

export interface WecomSeed {
  wecom_staff: Array<WithId<WecomStaffSeed>>;
  wecom_customers: Array<WithId<CustomerRecord>>;
  wecom_push_budget: Array<WithId<PushBudgetDoc>>;
  wecom_scripts: Array<WithId<ScriptDoc>>;
}

/** The demo clerk's WeCom userid (README, docs/wecom.md). */
export const DEMO_CLERK_WECOM_ID = 'zhangxiaoli';

/** WeCom userid of a seeded clerk: the demo clerk's is memorable, the others follow their user id. */
export function wecomUserIdOf(user: { _id: string; openid: string }): string {
  return user.openid === 'demo-clerk' ? DEMO_CLERK_WECOM_ID : `wx-${user._id}`;
}

const DEMO_CUSTOMERS = [
  { name: '陈女士', days: 21 },
  { name: '刘先生', days: 9 },
  { name: '周阿姨', days: 2 },
];

export function buildWecom(users: ReadonlyArray<WithId<UserDoc>>, dealers: ReadonlyArray<WithId<DealerDoc>>, referenceDate: number): WecomSeed {
  const staff: Array<WithId<WecomStaffSeed>> = users
    .filter((u) => u.role === 'clerk')
    .map((u) => ({
      _id: wecomUserIdOf(u),
      clerkId: u._id,
      dealerId: u.dealerId,
      name: u.name,
      status: u.status === 'active' ? 'active' : 'resigned',
      updatedAt: u.createdAt,
    }));
  const clerk = users.find((u) => u.openid === 'demo-clerk');
  const customers: Array<WithId<CustomerRecord>> = [];
  if (clerk) {
    const dealer = dealers.find((d) => d._id === clerk.dealerId) ?? null;
    const userId = wecomUserIdOf(clerk);
    DEMO_CUSTOMERS.forEach((c, i) => {
      const externalUserId = `wmDemoCustomer000${i + 1}`;
      const addedAt = referenceDate - c.days * DAY_MS + 10 * HOUR_MS;
      const relation: CustomerRelation = {
        userId,
        clerkId: clerk._id,
        dealerId: clerk.dealerId,
        campaignId: null,
        state: null,
        status: 'active',
        addedAt,
        updatedAt: addedAt,
        tags: wantedTags({ dealer: dealer ? { id: dealer._id, name: dealer.name } : null, clerk: { userId, name: clerk.name }, campaign: null }),
        tagStatus: 'done',
        transferredFrom: null,
      };
      customers.push({
        _id: externalUserId,
        externalUserId,
        corpId: 'wwlocal0000demo0001',
        name: c.name,
        avatar: null,
        type: 1,
        unionid: null,
        relations: [relation],
        transfers: [],
        linkedOpenids: [],
        profileSyncedAt: addedAt,
        createdAt: addedAt,
        updatedAt: addedAt,
      });
    });
  }
  // The demo store's second clerk has one customer too, so an HQ content task for 华东 reaches two
  // clerks (one sends, one does not yet). A new document, not a new relation on the demo clerk's.
  // The store's last clerk: the first other one is the docs' and tests' clerk without customers.
  const second = users.filter((u) => u.role === 'clerk' && u.status === 'active' && u.dealerId === clerk?.dealerId && u._id !== clerk?._id).at(-1);
  if (second && clerk) {
    const dealer = dealers.find((d) => d._id === second.dealerId) ?? null;
    const userId = wecomUserIdOf(second);
    const addedAt = referenceDate - 5 * DAY_MS + 15 * HOUR_MS;
    customers.push({
      _id: SECOND_CLERK_CUSTOMER,
      externalUserId: SECOND_CLERK_CUSTOMER,
      corpId: 'wwlocal0000demo0001',
      name: '孙女士',
      avatar: null,
      type: 1,
      unionid: null,
      relations: [
        {
          userId,
          clerkId: second._id,
          dealerId: second.dealerId,
          campaignId: null,
          state: null,
          status: 'active',
          addedAt,
          updatedAt: addedAt,
          tags: wantedTags({ dealer: dealer ? { id: dealer._id, name: dealer.name } : null, clerk: { userId, name: second.name }, campaign: null }),
          tagStatus: 'done',
          transferredFrom: null,
        },
      ],
      transfers: [],
      linkedOpenids: [],
      profileSyncedAt: addedAt,
      createdAt: addedAt,
      updatedAt: addedAt,
    });
  }
  return { wecom_staff: staff, wecom_customers: customers, wecom_push_budget: atLimit(referenceDate), wecom_scripts: scripts(referenceDate) };
}

/** The demo customer who has had this month's whole allowance of enterprise mass messages: a content task skips her, saying why. */
export const AT_LIMIT_CUSTOMER = 'wmDemoCustomer0001';
export const SECOND_CLERK_CUSTOMER = 'wmDemoCustomer0004';

function atLimit(referenceDate: number): Array<WithId<PushBudgetDoc>> {
  const window = budgetWindow('month_days', referenceDate + 9 * HOUR_MS);
  return [
    {
      _id: budgetId(AT_LIMIT_CUSTOMER, window),
      externalUserId: AT_LIMIT_CUSTOMER,
      window: window.key,
      count: window.limit,
      taskIds: [],
      updatedAt: referenceDate,
    },
  ];
}

/** The clerks' 话术 library: standard texts of the running campaigns. */
function scripts(referenceDate: number): Array<WithId<ScriptDoc>> {
  const s = (id: string, campaignId: string, title: string, text: string, uses: number): WithId<ScriptDoc> => ({
    _id: id,
    campaignId,
    title,
    text,
    images: [],
    status: 'active',
    uses,
    updatedAt: referenceDate - 3 * DAY_MS,
    updatedBy: 'seed',
  });
  return [
    s(
      'sc-winter-welcome',
      CAMPAIGN_IDS.winter,
      '新客问候',
      '您好，我是青禾门店的导购～天冷了，店里的姜枣茶、桂圆红枣茶都上新了，扫码领 ¥10 立减券，满 ¥50 可用。',
      12,
    ),
    s('sc-winter-remind', CAMPAIGN_IDS.winter, '到店提醒', '【青禾暖冬】您的 ¥10 热饮立减券还没用哦，这周来店里出示券码就能抵扣，门店等您～', 5),
    s('sc-newyear-preorder', CAMPAIGN_IDS.newYear, '礼盒预约', '新春礼盒开始预约啦！扫码领 ¥30 立减券，到店提货时使用，送礼自用都合适。', 0),
  ];
}
