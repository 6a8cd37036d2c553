import type { DealerDoc, UserDoc } from '../../shared/models';
import type { CustomerRecord, CustomerRelation } from '../../shared/wecom/customer';
import { wantedTags } from '../../shared/wecom/tags';
import { DAY_MS, HOUR_MS } from '../../shared/time';
import type { WithId } from './catalog';

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
  return { wecom_staff: staff, wecom_customers: customers };
}
