import type { DealerDoc, UserDoc } from '../../shared/models';
import type { DealerLevel, RegionCode } from '../../shared/dealer';
import type { Role } from '../../shared/roles';
import { DAY_MS, HOUR_MS, startOfShanghaiDay } from '../../shared/time';
import type { WithId } from './catalog';
import type { Rng } from './rng';

/**
 * Dealers and the people who log in: about 60 dealers over the five regions, an owner for
 * each, store clerks of the level-A dealers, channel managers and a brand admin. The demo
 * personas have fixed openids, names and dealers so the README and the persona switcher can
 * name them.
 */
export const PERSONAS = {
  dealerA: 'demo-dealer-a',
  dealerB: 'demo-dealer-b',
  clerk: 'demo-clerk',
  manager: 'demo-manager',
  admin: 'demo-admin',
} as const;

interface RegionPlan {
  abbr: string;
  /** Cities of the level-A dealers (first ones) and of everyone else. */
  aCities: string[];
  cities: string[];
  counts: Record<DealerLevel, number>;
}

export const REGION_PLANS: Record<RegionCode, RegionPlan> = {
  east: {
    abbr: 'HD',
    aCities: ['杭州', '上海', '南京'],
    cities: ['苏州', '宁波', '无锡', '温州', '合肥', '福州', '厦门', '济南', '青岛', '绍兴', '嘉兴'],
    counts: { A: 3, B: 6, C: 7 },
  },
  south: {
    abbr: 'HN',
    aCities: ['广州', '佛山', '南宁'],
    cities: ['深圳', '东莞', '珠海', '汕头', '海口', '柳州', '惠州', '中山', '桂林'],
    counts: { A: 3, B: 5, C: 5 },
  },
  north: {
    abbr: 'HB',
    aCities: ['北京', '天津'],
    cities: ['石家庄', '太原', '沈阳', '大连', '哈尔滨', '长春', '唐山', '呼和浩特', '保定'],
    counts: { A: 2, B: 5, C: 5 },
  },
  west: { abbr: 'XN', aCities: ['成都', '重庆'], cities: ['昆明', '贵阳', '绵阳', '遵义', '宜宾', '曲靖', '南充'], counts: { A: 2, B: 3, C: 4 } },
  central: { abbr: 'HZ', aCities: ['武汉', '郑州'], cities: ['长沙', '南昌', '洛阳', '宜昌', '株洲', '襄阳', '九江', '岳阳'], counts: { A: 2, B: 4, C: 4 } },
};

export const REGION_ORDER: RegionCode[] = ['east', 'south', 'north', 'west', 'central'];
const LEVEL_ORDER: DealerLevel[] = ['A', 'B', 'C'];

const TRADE_NAMES = [
  '鑫源',
  '华联',
  '佳禾',
  '裕隆',
  '顺达',
  '福源',
  '万家',
  '金穗',
  '宏图',
  '瑞祥',
  '永盛',
  '百汇',
  '汇通',
  '隆昌',
  '盛世',
  '嘉信',
  '和美',
  '泰丰',
  '天润',
  '万隆',
  '聚源',
  '广源',
  '富民',
  '兴业',
  '鸿运',
  '金桥',
  '创佳',
  '益丰',
  '信达',
  '康源',
  '源丰',
  '祥和',
  '同德',
  '东盛',
  '合众',
  '利民',
  '丰华',
  '宏达',
  '安和',
  '荣昌',
  '大有',
  '长青',
  '恒丰',
  '德润',
  '新禾',
  '瑞丰',
  '海韵',
  '通达',
  '华盛',
  '金源',
  '吉祥',
  '惠民',
  '至诚',
  '鼎盛',
  '优品',
  '启航',
  '旺佳',
  '福满',
  '联丰',
  '众诚',
  '锦程',
  '嘉禾',
];

const SUFFIXES: Record<DealerLevel, string[]> = {
  A: ['商贸有限公司', '食品贸易有限公司', '供应链管理有限公司', '饮品销售有限公司'],
  B: ['商贸有限公司', '食品有限公司', '贸易商行', '酒水饮料批发有限公司'],
  C: ['副食品批发部', '饮品经营部', '便利商贸行', '食品商行'],
};

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦'.split('');
const GIVEN = [
  '志强',
  '秀英',
  '桂英',
  '伟',
  '芳',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀兰',
  '霞',
  '平',
  '刚',
  '桂兰',
  '晓东',
  '海燕',
  '春梅',
  '国华',
  '红梅',
  '建华',
  '文博',
  '子豪',
  '思远',
  '雨涵',
  '浩然',
  '欣怡',
  '佳怡',
  '俊杰',
  '宏伟',
  '丽华',
  '玉兰',
  '志刚',
  '永红',
  '婷婷',
  '鹏',
  '晨',
  '立军',
  '振华',
  '美玲',
  '国庆',
  '海峰',
  '晓燕',
  '德明',
  '文静',
];

/** The people and dealers the README names. */
const PINNED = {
  dealerA: {
    id: 'dealer-001',
    name: '杭州恒泰商贸有限公司',
    city: '杭州',
    owner: '王建国',
    trade: '恒泰',
    // The shop the demo clerk's consumers visit (coupon page, posters): GCJ-02, as wx.openLocation takes it.
    store: { address: '浙江省杭州市上城区解放路 138 号（恒泰便利店）', latitude: 30.2596, longitude: 120.1745 },
  },
  dealerB: {
    name: '深圳润丰食品有限公司',
    city: '深圳',
    owner: '李秀英',
    trade: '润丰',
    store: { address: '广东省深圳市福田区深南中路 2010 号（润丰食品门店）', latitude: 22.5429, longitude: 114.0857 },
  },
  clerk: '张晓丽',
  manager: { name: '刘卫东', regions: ['east', 'south'] as RegionCode[] },
  admin: '赵敏',
};

/** Fake but well-formed mainland mobiles: 139 0000 nnnn, numbered in creation order. */
const mobile = (n: number) => `139${String(n).padStart(8, '0')}`;

export interface PeoplePlan {
  dealers: Array<WithId<DealerDoc>>;
  users: Array<WithId<UserDoc>>;
  /** Dealer id -> openid of its owner. */
  ownerOf: Map<string, string>;
  /** Region -> openid of the manager who approves its orders. */
  managerOf: Map<string, string>;
  dealerB: string;
  suspended: string[];
}

export function buildPeople(rng: Rng, referenceDate: number): PeoplePlan {
  const names = new Set<string>([PINNED.dealerA.owner, PINNED.dealerB.owner, PINNED.clerk, PINNED.manager.name, PINNED.admin]);
  const personName = (): string => {
    for (;;) {
      const n = rng.pick(SURNAMES) + rng.pick(GIVEN);
      if (!names.has(n)) {
        names.add(n);
        return n;
      }
    }
  };
  const trades = rng.shuffle(TRADE_NAMES.filter((t) => t !== PINNED.dealerA.trade && t !== PINNED.dealerB.trade));
  const dayAt = (daysBefore: number, hour: number) => startOfShanghaiDay(referenceDate - daysBefore * DAY_MS) + hour * HOUR_MS;

  const dealers: Array<WithId<DealerDoc>> = [];
  const owners: Array<{ dealerId: string; name: string; openid: string | null }> = [];
  let dealerB = '';
  for (const region of REGION_ORDER) {
    const plan = REGION_PLANS[region];
    const cities = rng.shuffle(plan.cities.filter((c) => c !== PINNED.dealerB.city));
    let cityTurn = 0;
    const levelAIds: string[] = [];
    let seqInRegion = 0;
    for (const level of LEVEL_ORDER) {
      for (let i = 0; i < plan.counts[level]; i++) {
        seqInRegion++;
        const id = `dealer-${String(dealers.length + 1).padStart(3, '0')}`;
        const isA = id === PINNED.dealerA.id;
        const isB = region === 'south' && level === 'B' && !dealerB;
        let city: string;
        if (isA) city = PINNED.dealerA.city;
        else if (isB) city = PINNED.dealerB.city;
        else if (level === 'A') city = plan.aCities[i % plan.aCities.length] as string;
        else city = cities[cityTurn++ % cities.length] as string;
        const name = isA ? PINNED.dealerA.name : isB ? PINNED.dealerB.name : `${city}${trades.pop() ?? `第${dealers.length}`}${rng.pick(SUFFIXES[level])}`;
        const owner = isA ? PINNED.dealerA.owner : isB ? PINNED.dealerB.owner : personName();
        // Tenure: core dealers are old partners; some small ones joined during the history year.
        const years = level === 'A' ? rng.int(3, 8) : level === 'B' ? rng.int(1, 6) : 0;
        const joinedDaysBefore = isA || isB ? 365 * 4 + rng.int(0, 200) : years > 0 ? years * 365 + rng.int(0, 300) : rng.int(100, 1400);
        let parentDealerId: string | null = null;
        if (level === 'C' || (level === 'B' && !isB && rng.chance(0.4))) parentDealerId = rng.pick(levelAIds);
        const creditYuan = level === 'A' ? rng.int(8, 20) * 100_000 : level === 'B' ? rng.int(10, 40) * 10_000 : rng.int(2, 8) * 10_000;
        dealers.push({
          _id: id,
          name,
          code: `QH-${plan.abbr}-${String(seqInRegion).padStart(3, '0')}`,
          level,
          region,
          city,
          parentDealerId,
          contactName: owner,
          contactMobile: '',
          creditLimit: creditYuan * 100,
          ...(isA ? { store: PINNED.dealerA.store } : isB ? { store: PINNED.dealerB.store } : {}),
          status: 'active',
          joinedAt: dayAt(joinedDaysBefore, 10),
        });
        if (level === 'A') levelAIds.push(id);
        if (isB) dealerB = id;
        owners.push({ dealerId: id, name: owner, openid: isA ? PERSONAS.dealerA : isB ? PERSONAS.dealerB : null });
      }
    }
  }
  // One small dealer in the west was suspended (overdue payments) four months ago.
  const westC = dealers.filter((d) => d.region === 'west' && d.level === 'C');
  const suspended = westC[westC.length - 1];
  if (suspended) suspended.status = 'suspended';

  const users: Array<WithId<UserDoc>> = [];
  let seedSeq = 0;
  const nextOpenid = () => `seed-user-${String(++seedSeq).padStart(3, '0')}`;
  const addUser = (openid: string, name: string, role: Role, dealerId: string | null, createdAt: number, extra: Partial<UserDoc> = {}) => {
    users.push({ _id: openid, openid, name, role, dealerId, mobile: mobile(users.length + 1), status: 'active', createdAt, ...extra });
    return openid;
  };
  const joined = (dealerId: string) => dealers.find((d) => d._id === dealerId)?.joinedAt ?? referenceDate;

  // The personas first, so they get the first, memorable mobiles.
  const a = owners.find((o) => o.openid === PERSONAS.dealerA)!;
  const b = owners.find((o) => o.openid === PERSONAS.dealerB)!;
  addUser(PERSONAS.dealerA, a.name, 'dealer', a.dealerId, joined(a.dealerId));
  addUser(PERSONAS.dealerB, b.name, 'dealer', b.dealerId, joined(b.dealerId));
  addUser(PERSONAS.clerk, PINNED.clerk, 'clerk', PINNED.dealerA.id, dayAt(400, 9));
  addUser(PERSONAS.manager, PINNED.manager.name, 'manager', null, dayAt(2000, 9), { regions: [...PINNED.manager.regions] });
  addUser(PERSONAS.admin, PINNED.admin, 'admin', null, dayAt(2200, 9));

  const ownerOf = new Map<string, string>();
  for (const o of owners) {
    const openid = o.openid ?? addUser(nextOpenid(), o.name, 'dealer', o.dealerId, joined(o.dealerId));
    ownerOf.set(o.dealerId, openid);
  }
  // Store clerks (导购) of the level-A dealers; one of them has left and is disabled.
  for (const d of dealers.filter((x) => x.level === 'A')) {
    const count = d._id === PINNED.dealerA.id ? 2 : rng.int(2, 3);
    for (let i = 0; i < count; i++) {
      const since = Math.min(referenceDate - 30 * DAY_MS, d.joinedAt + rng.int(30, 900) * DAY_MS);
      addUser(nextOpenid(), personName(), 'clerk', d._id, startOfShanghaiDay(since) + 9 * HOUR_MS);
    }
  }
  const leaver = users.find((u) => u.role === 'clerk' && u.dealerId === 'dealer-002');
  if (leaver) leaver.status = 'disabled';

  const managerOf = new Map<string, string>();
  for (const r of PINNED.manager.regions) managerOf.set(r, PERSONAS.manager);
  const northManager = addUser(nextOpenid(), personName(), 'manager', null, dayAt(1500, 9), { regions: ['north'] });
  const westManager = addUser(nextOpenid(), personName(), 'manager', null, dayAt(1100, 9), { regions: ['west', 'central'] });
  managerOf.set('north', northManager);
  managerOf.set('west', westManager);
  managerOf.set('central', westManager);

  for (const d of dealers) {
    const owner = users.find((u) => u._id === ownerOf.get(d._id));
    d.contactMobile = owner?.mobile ?? mobile(0);
  }
  return { dealers, users, ownerOf, managerOf, dealerB, suspended: suspended ? [suspended._id] : [] };
}
