import { creditCodeCheckChar } from '../../shared/admission';
import type {
  AcceptInvitationOutput,
  AdmissionRuleSetView,
  ApplicationView,
  CreditView,
  DealerDetail,
  DealerListItem,
  InvitationView,
  MeOutput,
  SubmitOutput,
} from '../../shared/contracts';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/** Real 统一社会信用代码 (their check characters are right); nobody in the demo data holds them. */
const CODES = { a: '91330100799655058B', b: '91110000802100433B', c: '91310000717854505W', d: '91350100M000100Y43', e: '9144030071526726XG' };
const ADDRESS = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };

const form = (over: Record<string, unknown> = {}) => ({
  company: '杭州西湖茶业有限公司',
  creditCode: CODES.a,
  legalRep: '张三',
  contactName: '李四',
  mobile: '13900000011',
  province: { code: '33', name: '浙江省' },
  city: { code: '3301', name: '杭州市' },
  district: { code: '330106', name: '西湖区' },
  categoryIds: [],
  stores: 3,
  annualSalesFen: 200_000_000,
  desiredLevel: 'B',
  licenceFileId: 'cloud://demo/licences/a.jpg',
  ...over,
});

describe('dealers: application, screening, review, invitations and master data', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const call = <T>(action: string, input: Record<string, unknown>, openid?: string) =>
    t.call<T>('dealers', { action, ...input }, openid, openid ? 'wx_client' : 'wx_devtools');
  const users = <T>(action: string, input: Record<string, unknown>, openid: string) => t.call<T>('users', { action, ...input }, openid, 'wx_client');
  const apply = (openid: string, over: Record<string, unknown> = {}, applicationId?: string) =>
    call<{ application: ApplicationView }>('apply', { form: form(over), ...(applicationId ? { applicationId } : {}) }, openid);
  const codeOf = (r: Envelope<unknown>) => (r.ok ? 'ok' : r.error.code);
  const count = (coll: string) => t.cloud.store.all(coll).length;
  const audits = (action: string) => t.cloud.store.all('audit_log').filter((a) => a['action'] === action);

  it('screens a new applicant’s application and queues it for the region’s manager, every rule’s contribution shown', async () => {
    const { application } = okData(await apply('applicant-1'));
    expect(application).toMatchObject({ status: 'submitted', statusLabel: '待审核', region: 'east', creditCode: CODES.a, rounds: 1 });
    expect(application.screening.contributions).toHaveLength(6);
    expect(application.screening.contributions.every((c) => c.title && c.note)).toBe(true);
    const queue = okData(await call<{ items: ApplicationView[] }>('reviewQueue', {}, 'demo-manager')).items;
    expect(queue.map((a) => a.id)).toContain(application.id);
    expect(okData(await call<{ application: ApplicationView | null }>('myApplication', {}, 'applicant-1')).application?.id).toBe(application.id);
    expect(audits('dealers.apply').some((a) => (a['target'] as { id: string }).id === application.id)).toBe(true);
  });

  it('refuses an invalid credit code with a clear message, storing nothing', async () => {
    const before = count('dealer_applications');
    const r = await apply('applicant-2', { creditCode: '91330100799655058A' });
    expect(codeOf(r)).toBe('INVALID_INPUT');
    expect(!r.ok && r.error.message).toMatch(/校验位不正确/);
    expect(count('dealer_applications')).toBe(before);
  });

  it('keeps one open application per credit code; the same applicant retrying gets the same one', async () => {
    const before = count('dealer_applications');
    const first = okData(await apply('applicant-1')).application;
    expect(count('dealer_applications')).toBe(before);
    expect(first.rounds).toBe(1);
    const other = await apply('applicant-3');
    expect(codeOf(other)).toBe('CONFLICT');
    expect(!other.ok && other.error.message).toMatch(/进行中的申请/);
  });

  it('asks for the missing licence, then takes the applicant’s resend', async () => {
    const { application } = okData(
      await apply('applicant-4', {
        creditCode: CODES.b,
        licenceFileId: null,
        province: { code: '11', name: '北京市' },
        city: { code: '1101', name: '市辖区' },
        district: { code: '110108', name: '海淀区' },
      }),
    );
    expect(application).toMatchObject({ status: 'needs_info', requested: '请补充：营业执照' });
    const resent = okData(
      await apply(
        'applicant-4',
        { creditCode: CODES.b, province: { code: '11', name: '北京市' }, city: { code: '1101', name: '市辖区' }, district: { code: '110108', name: '海淀区' } },
        application.id,
      ),
    );
    expect(resent.application).toMatchObject({ id: application.id, status: 'submitted', rounds: 2, region: 'north' });
    expect(codeOf(await apply('someone-else', { creditCode: CODES.b }, application.id))).toBe('NOT_FOUND');
  });

  it('shows a manager only their regions’ applications, and refuses dealers the queue', async () => {
    const queue = okData(await call<{ items: ApplicationView[] }>('reviewQueue', {}, 'demo-manager')).items;
    expect(queue.every((a) => ['east', 'south'].includes(a.region))).toBe(true);
    const all = okData(await call<{ items: ApplicationView[] }>('reviewQueue', {}, 'demo-admin')).items;
    expect(all.some((a) => a.region === 'north')).toBe(true);
    expect(codeOf(await call('reviewQueue', {}, 'demo-dealer-a'))).toBe('FORBIDDEN');
    const north = all.find((a) => a.region === 'north')!;
    expect(
      codeOf(await call('approve', { applicationId: north.id, level: 'B', parentDealerId: null, creditLimitFen: 1, paymentTermDays: 30 }, 'demo-manager')),
    ).toBe('NOT_FOUND');
  });

  it('rejects a blacklisted company automatically, with the reason', async () => {
    okData(await call('blacklist', { creditCode: CODES.c, company: '某某公司', reason: '曾严重窜货' }, 'demo-admin'));
    const { application } = okData(await apply('applicant-5', { creditCode: CODES.c }));
    expect(application.status).toBe('rejected');
    expect(application.decision?.reason).toMatch(/曾严重窜货/);
    expect(codeOf(await call('blacklist', { creditCode: CODES.c, company: 'x', reason: '再来一次' }, 'demo-manager'))).toBe('FORBIDDEN');
  });

  let invitation: InvitationView;
  let dealerId: string;
  it('approves with level, credit and terms: the dealer, its account and the owner’s invitation', async () => {
    const [app] = okData(await call<{ items: ApplicationView[] }>('reviewQueue', {}, 'demo-manager')).items.filter((a) => a.creditCode === CODES.a);
    const out = okData(
      await call<{ application: ApplicationView; invitation: InvitationView }>(
        'approve',
        { applicationId: app!.id, level: 'B', parentDealerId: null, creditLimitFen: 5_000_000, paymentTermDays: 45 },
        'demo-manager',
      ),
    );
    invitation = out.invitation;
    dealerId = out.application.decision!.dealerId!;
    expect(out.application.status).toBe('approved');
    expect(invitation).toMatchObject({ dealerId, staffRole: 'owner', path: `packages/account/invite/index?code=${invitation.code}` });
    expect(t.cloud.store.get('dealers', dealerId)?.doc).toMatchObject({
      level: 'B',
      region: 'east',
      creditLimit: 5_000_000,
      paymentTermDays: 45,
      creditCode: CODES.a,
      status: 'active',
    });
    expect(t.cloud.store.get('accounts', dealerId)?.doc).toMatchObject({ receivable: 0, creditReserved: 0 });
    expect(audits('dealers.approve')).toHaveLength(1);
    expect(
      codeOf(await call('approve', { applicationId: app!.id, level: 'B', parentDealerId: null, creditLimitFen: 1, paymentTermDays: 1 }, 'demo-manager')),
    ).toBe('CONFLICT');
  });

  it('binds the owner’s WeChat account through the invitation, once; the owner then orders at the new level', async () => {
    const bound = okData(await users<AcceptInvitationOutput>('acceptInvitation', { code: invitation.code.toLowerCase() }, 'applicant-1'));
    expect(bound).toMatchObject({ dealerId, role: 'dealer', staffRole: 'owner', replayed: false });
    expect(okData(await users<AcceptInvitationOutput>('acceptInvitation', { code: invitation.code }, 'applicant-1')).replayed).toBe(true);
    expect(codeOf(await users('acceptInvitation', { code: invitation.code }, 'applicant-3'))).toBe('CONFLICT');
    expect(codeOf(await users('acceptInvitation', { code: 'ZZZZZZZZ' }, 'applicant-3'))).toBe('NOT_FOUND');
    const me = okData(await users<MeOutput>('me', {}, 'applicant-1'));
    expect(me.registered && me.dealer).toMatchObject({ id: dealerId, level: 'B' });
    const order = await t.call<SubmitOutput>(
      'orders',
      { action: 'submit', clientOrderId: 'dealers-test-order-0001', lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS },
      'applicant-1',
      'wx_client',
    );
    expect(okData(order).order.dealerId).toBe(dealerId);
  });

  it('sends a duplicate credit code to review with that reason shown', async () => {
    const { application } = okData(await apply('applicant-6', { company: '杭州西湖茶业第二分公司' }));
    expect(application.status).toBe('submitted');
    expect(application.screening.reasons).toContain('统一社会信用代码重复：已是经销商「杭州西湖茶业有限公司」');
    okData(await call('reject', { applicationId: application.id, reason: '同一企业已是经销商' }, 'demo-manager'));
  });

  it('lets the owner invite a clerk and remove them; a removed clerk can no longer act', async () => {
    const inv = okData(await call<{ invitation: InvitationView }>('inviteStaff', { staffRole: 'clerk', name: '王导购' }, 'applicant-1')).invitation;
    const clerk = okData(await users<AcceptInvitationOutput>('acceptInvitation', { code: inv.code }, 'new-clerk'));
    expect(clerk).toMatchObject({ role: 'clerk', dealerId });
    expect(codeOf(await call('inviteStaff', { staffRole: 'clerk', name: 'x' }, 'new-clerk'))).toBe('FORBIDDEN');
    expect(codeOf(await call('inviteStaff', { staffRole: 'owner', name: 'x' }, 'applicant-1'))).toBe('FORBIDDEN');
    const removed = okData(
      await call<{ userId: string; handover: { started: boolean } }>('removeStaff', { userId: clerk.userId, reason: '已离职' }, 'applicant-1'),
    );
    expect(removed.handover.started).toBe(false);
    expect(codeOf(await call('myCredit', {}, 'new-clerk'))).toBe('FORBIDDEN');
    expect(codeOf(await call('removeStaff', { userId: clerk.userId, reason: '再来一次' }, 'applicant-1'))).toBe('CONFLICT');
    expect(codeOf(await call('removeStaff', { userId: clerk.userId, reason: '不是你的人' }, 'demo-dealer-a'))).toBe('FORBIDDEN');
  });

  it('starts the WeCom customer hand-over when a clerk with customers is removed', async () => {
    const clerk = t.cloud.store.all('users').find((u) => u['openid'] === 'demo-clerk')!;
    const takeover = t.cloud.store.all('wecom_staff').find((s) => s['status'] === 'active' && s['clerkId'] !== clerk._id)!;
    const out = okData(
      await call<{ handover: { started: boolean } }>(
        'removeStaff',
        { userId: clerk._id, reason: '已离职', takeoverWecomUserId: takeover._id },
        'demo-dealer-a',
      ),
    );
    expect(out.handover.started).toBe(true);
    const jobs = t.cloud.store.all('wecom_jobs').filter((j) => j['kind'] === 'customer_handover');
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!['payload']).toMatchObject({ takeoverUserId: takeover._id, mode: 'resigned' });
  });

  it('changes credit and terms with the reason audited; the dealer sees limit, headroom and terms', async () => {
    const { credit } = okData(
      await call<{ credit: CreditView }>('setCredit', { dealerId, creditLimitFen: 8_000_000, paymentTermDays: 60, reason: '年度授信调整' }, 'demo-manager'),
    );
    expect(credit).toMatchObject({ creditLimit: 8_000_000, paymentTermDays: 60 });
    const mine = okData(await call<{ credit: CreditView }>('myCredit', {}, 'applicant-1')).credit;
    expect(mine.headroom).toBe(8_000_000 - mine.receivable - mine.reserved);
    expect(mine.reserved).toBeGreaterThan(0);
    expect(audits('dealers.setCredit').at(-1)).toMatchObject({ reason: '年度授信调整', before: { creditLimit: 5_000_000, paymentTermDays: 45 } });
    expect(codeOf(await call('setCredit', { dealerId, creditLimitFen: 1, paymentTermDays: 1, reason: '原因' }, 'demo-dealer-a'))).toBe('FORBIDDEN');
  });

  it('refuses a suspended dealer’s order with DEALER_SUSPENDED, and takes it again once resumed', async () => {
    okData(await call('setOrdering', { dealerId, suspended: true, reason: '逾期未回款' }, 'demo-manager'));
    const submit = (id: string) =>
      t.call(
        'orders',
        { action: 'submit', clientOrderId: id, lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address: ADDRESS },
        'applicant-1',
        'wx_client',
      );
    expect(codeOf(await submit('dealers-test-order-0002'))).toBe('DEALER_SUSPENDED');
    expect(codeOf(await call('setOrdering', { dealerId, suspended: true, reason: '再来一次' }, 'demo-manager'))).toBe('CONFLICT');
    okData(await call('setOrdering', { dealerId, suspended: false, reason: '已回款' }, 'demo-manager'));
    expect(codeOf(await submit('dealers-test-order-0003'))).toBe('ok');
  });

  it('lets only an admin change a level directly, with the reason', async () => {
    expect(codeOf(await call('setLevel', { dealerId, level: 'A', reason: '评级上调' }, 'demo-manager'))).toBe('FORBIDDEN');
    expect(okData(await call<{ level: string }>('setLevel', { dealerId, level: 'A', reason: '评级上调' }, 'demo-admin')).level).toBe('A');
    expect(audits('dealers.setLevel').at(-1)).toMatchObject({ reason: '评级上调', before: { level: 'B' }, after: { level: 'A' } });
  });

  it('lists and opens dealers within a manager’s regions only', async () => {
    const page = okData(await call<{ items: DealerListItem[] }>('list', { limit: 100 }, 'demo-manager')).items;
    expect(page.every((d) => ['east', 'south'].includes(d.region))).toBe(true);
    const detail = okData(await call<DealerDetail>('get', { dealerId }, 'demo-manager'));
    expect(detail.staff.map((s) => s.staffRole).sort()).toEqual(['clerk', 'owner']);
    expect(detail.orders.count).toBe(2);
    const north = t.cloud.store.all('dealers').find((d) => d['region'] === 'north')!;
    expect(codeOf(await call('get', { dealerId: north._id }, 'demo-manager'))).toBe('NOT_FOUND');
  });

  it('asks an applicant for more information or rejects them, with the reason they see', async () => {
    const { application } = okData(await apply('applicant-7', { creditCode: CODES.d, district: { code: '330105', name: '拱墅区' } }));
    const asked = okData(
      await call<{ application: ApplicationView }>('requestInfo', { applicationId: application.id, what: '请补充门店照片' }, 'demo-manager'),
    );
    expect(asked.application).toMatchObject({ status: 'needs_info', requested: '请补充门店照片' });
    const rejected = okData(
      await call<{ application: ApplicationView }>('reject', { applicationId: application.id, reason: '区域内已有同级经销商' }, 'demo-manager'),
    );
    expect(rejected.application).toMatchObject({ status: 'rejected', decision: { reason: '区域内已有同级经销商' } });
    // The code is free again: a new application of it is taken.
    expect(okData(await apply('applicant-7', { creditCode: CODES.d })).application.status).toBe('submitted');
  });

  /** A valid credit code nobody in the demo data holds, per n. */
  const freshCode = (n: number) => {
    const body = `91330100799${String(n).padStart(6, '0')}`;
    return body + creditCodeCheckChar(body)!;
  };
  const rules = (r: Envelope<AdmissionRuleSetView>) => okData(r).rules.map(({ code, args }) => ({ code, args }));

  it('lets an admin change the admission rule set, audited and versioned; the next screening uses it and records the version that judged it', async () => {
    const current = okData(await call<AdmissionRuleSetView>('admissionRules', {}, 'demo-admin'));
    expect(current.version).toBe(0);
    expect(current.rules.map((r) => r.code)).toEqual([
      'region_quota',
      'required_documents',
      'minimum_scale',
      'blacklist',
      'duplicate_credit_code',
      'district_conflict',
    ]);
    const before = okData(await apply('applicant-rules-1', { creditCode: freshCode(1) })).application;
    expect(before).toMatchObject({ status: 'submitted', screening: { ruleSetVersion: 0 } });
    const stricter = rules(await call('admissionRules', {}, 'demo-admin')).map((r) =>
      r.code === 'minimum_scale' ? { ...r, args: { ...(r.args as object), minStores: 10 } } : r,
    );
    const saved = okData(
      await call<AdmissionRuleSetView>('setAdmissionRules', { expectedVersion: 0, rules: stricter, reason: '门店数门槛提高到 10 家' }, 'demo-admin'),
    );
    expect(saved).toMatchObject({ version: 1, reason: '门店数门槛提高到 10 家' });
    expect(okData(await call<AdmissionRuleSetView>('admissionRules', {}, 'demo-admin')).version).toBe(1);
    expect(audits('dealers.setAdmissionRules')).toEqual([expect.objectContaining({ reason: '门店数门槛提高到 10 家' })]);
    const after = okData(await apply('applicant-rules-2', { creditCode: freshCode(2), stores: 3 })).application;
    expect(after.status).toBe('rejected');
    expect(after.screening.ruleSetVersion).toBe(1);
    expect(after.screening.reasons.join('')).toContain('低于要求的 10 家');
  });

  it('refuses a wrong rule argument naming it, a set saved on a stale version, and anyone but an admin, changing nothing', async () => {
    const current = okData(await call<AdmissionRuleSetView>('admissionRules', {}, 'demo-admin'));
    const wrong = current.rules.map(({ code, args }) => (code === 'region_quota' ? { code, args: { maxPerLevel: { B: -1 } } } : { code, args }));
    const sets = () => JSON.stringify(t.cloud.store.all('admission_rule_sets'));
    const before = sets();
    const bad = await call('setAdmissionRules', { expectedVersion: current.version, rules: wrong, reason: '试一下' }, 'demo-admin');
    expect(codeOf(bad)).toBe('INVALID_INPUT');
    expect(bad.ok ? [] : bad.error.issues?.map((i) => i.path)).toEqual(['rules.0.args.maxPerLevel.B']);
    const same = current.rules.map(({ code, args }) => ({ code, args }));
    expect(codeOf(await call('setAdmissionRules', { expectedVersion: current.version - 1, rules: same, reason: '旧版本上改' }, 'demo-admin'))).toBe('CONFLICT');
    expect(codeOf(await call('setAdmissionRules', { expectedVersion: current.version, rules: [...same, same[0]!], reason: '重复规则' }, 'demo-admin'))).toBe(
      'INVALID_INPUT',
    );
    expect(codeOf(await call('setAdmissionRules', { expectedVersion: current.version, rules: same, reason: '经理来改' }, 'demo-manager'))).toBe('FORBIDDEN');
    expect(codeOf(await call('admissionRules', {}, 'demo-manager'))).toBe('FORBIDDEN');
    expect(sets()).toBe(before);
  });
});
