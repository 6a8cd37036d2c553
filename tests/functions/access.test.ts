import type { CampaignDetail, FunnelView, OrderSummary, OrderView, SetupOutput, SubmitOutput } from '../../shared/contracts';
import { contracts } from '../../shared/contracts';
import { COLLECTIONS } from '../../shared/collections';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/** What the whole database holds, to show a refused call changed nothing. */
function snapshot(t: ReturnType<typeof seededCloud>): string {
  return JSON.stringify(COLLECTIONS.filter((c) => t.cloud.store.hasCollection(c)).map((c) => [c, t.cloud.store.all(c)]));
}

const codeOf = (res: Envelope<unknown>) => (res.ok ? 'ok' : res.error.code);

describe('who may call: the console by an allow-list of SOURCE values, roles only from server-written records', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());

  /** Every action each function's router knows, read from the router itself (the console's answer to an unknown action). */
  async function routerActions(fn: string): Promise<string[]> {
    const res = await t.call(fn, { action: '__none__' }, undefined, 'wx_devtools');
    if (res.ok) throw new Error(`${fn} answered an unknown action`);
    const issue = res.error.issues?.find((i) => i.path === 'action');
    const m = /expected one of (.*)$/.exec(issue?.message ?? '');
    if (!m) throw new Error(`${fn}: no action list in ${JSON.stringify(res.error)}`);
    return m[1]!.split(', ');
  }

  it('answers UNAUTHENTICATED to every action of every function called with no OPENID and SOURCE wx_unknown, empty or web, and changes nothing', async () => {
    const functions = t.cloud.functionNames();
    expect([...functions].sort()).toEqual(Object.keys(contracts).sort());
    const before = snapshot(t);
    let calls = 0;
    for (const fn of functions) {
      const actions = await routerActions(fn);
      // The routers and the contracts agree, so the loop below covers every documented action too.
      expect([...actions].sort()).toEqual(Object.keys(contracts[fn as keyof typeof contracts]).sort());
      for (const action of actions) {
        const contract = (contracts as unknown as Record<string, Record<string, { example?: object }>>)[fn]![action]!;
        // A valid input where the contract has one: identity is refused before anything else.
        const event = { action, ...(contract.example ?? {}) };
        for (const source of ['wx_unknown', '', 'web', 'wx_devtools,scf', 'wx_client,scf', 'wx_client']) {
          const res = await t.call(fn, event, undefined, source);
          expect({ fn, action, source, code: codeOf(res) }).toEqual({ fn, action, source, code: 'UNAUTHENTICATED' });
          calls++;
        }
      }
    }
    expect(calls).toBeGreaterThan(6 * 40);
    expect(snapshot(t)).toBe(before);
  });

  it('recognises the console and devtools by SOURCE wx_devtools or wx_localdebug, and nothing that merely resembles them', async () => {
    for (const source of ['wx_devtools', 'wx_localdebug']) expect(codeOf(await t.call('admin', { action: 'listRules' }, undefined, source))).toBe('ok');
    for (const source of [' wx_devtools', 'WX_DEVTOOLS', 'wx_devtools,wx_unknown', 'wx_trigger', 'wx_http', 'wx_paycallback', 'wx_crawler', 'scf']) {
      expect({ source, code: codeOf(await t.call('admin', { action: 'listRules' }, undefined, source)) }).toEqual({ source, code: 'UNAUTHENTICATED' });
    }
  });

  it('refuses a timer event that does not come from the platform trigger', async () => {
    const timer = { Type: 'Timer', TriggerName: 'autoConfirm', Time: new Date(0).toISOString() };
    for (const source of ['wx_unknown', 'web', 'wx_devtools', 'wx_client,wx_trigger']) {
      expect(codeOf(await t.call('orders', timer, undefined, source))).toBe('INVALID_INPUT');
    }
    expect(codeOf((await t.cloud.trigger('orders', 'autoConfirm')) as Envelope<unknown>)).toBe('ok');
  });

  it('ignores a users record carrying _openid (written by a client): it grants no role, and the server-written record of the same openid still decides', async () => {
    const users = t.db.collection('users');
    // What a client allowed to create documents would write: the database stamps _openid on it.
    await users.add({
      data: { _openid: 'o-forger', openid: 'o-forger', name: '伪造', role: 'admin', dealerId: null, mobile: null, status: 'active', createdAt: 0 },
    });
    await users.add({
      data: {
        _id: '0-forged-dealer-a',
        _openid: 'demo-dealer-a',
        openid: 'demo-dealer-a',
        name: '伪造',
        role: 'admin',
        dealerId: null,
        mobile: null,
        status: 'active',
        createdAt: 0,
      },
    });
    try {
      expect(codeOf(await t.call('admin', { action: 'listRules' }, 'o-forger'))).toBe('UNAUTHENTICATED');
      expect(okData(await t.call<{ registered: boolean }>('users', { action: 'me' }, 'o-forger')).registered).toBe(false);
      expect(codeOf(await t.call('orders', { action: 'pendingApprovals' }, 'o-forger'))).toBe('UNAUTHENTICATED');
      // demo-dealer-a stays the dealer the server registered, whatever a client wrote beside it.
      expect(codeOf(await t.call('admin', { action: 'listRules' }, 'demo-dealer-a'))).toBe('FORBIDDEN');
      expect(okData(await t.call<{ role: string; name: string }>('users', { action: 'me' }, 'demo-dealer-a'))).toMatchObject({ role: 'dealer' });
    } finally {
      await users.where({ _openid: t._.exists(true) }).remove();
    }
  });

  it('setup reports every collection whose permissions it cannot confirm, and the collections a client has written to', async () => {
    const clean = okData(await t.call<SetupOutput>('admin', { action: 'setup' }, undefined, 'wx_devtools'));
    expect([...clean.permissions.unconfirmed].sort()).toEqual([...COLLECTIONS].sort());
    expect(clean.permissions.clientWritten).toEqual([]);
    expect(clean.permissions.required).toContain('所有用户不可读写');
    expect(clean.permissions.required).toContain('{"read": false, "write": false}');
    await t.db
      .collection('users')
      .add({ data: { _openid: 'o-client', openid: 'o-client', name: '伪造', role: 'admin', dealerId: null, mobile: null, status: 'active', createdAt: 0 } });
    await t.db.collection('orders').add({ data: { _openid: 'o-client', note: 'written from a phone' } });
    try {
      const report = okData(await t.call<SetupOutput>('admin', { action: 'setup' }, 'demo-admin'));
      expect([...report.permissions.clientWritten].sort()).toEqual(['orders', 'users']);
    } finally {
      for (const c of ['users', 'orders'])
        await t.db
          .collection(c)
          .where({ _openid: t._.exists(true) })
          .remove();
    }
  });
});

describe('what each caller sees', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const users = () =>
    t.cloud.store.all('users') as unknown as Array<{ _id: string; openid: string; name: string; role: string; dealerId: string | null; status: string }>;

  it('campaigns.funnel shows exactly the campaigns campaigns.get shows to each caller, and the cost only where get shows it', async () => {
    const campaigns = t.cloud.store.all('campaigns').map((c) => c._id);
    expect(campaigns.length).toBeGreaterThan(1);
    // Every owner and clerk of every dealer, and the brand staff.
    const callers = users()
      .filter((u) => u.status === 'active')
      .map((u) => u.openid);
    let hidden = 0;
    let shown = 0;
    for (const campaignId of campaigns) {
      for (const openid of callers) {
        const get = await t.call<CampaignDetail>('campaigns', { action: 'get', campaignId }, openid);
        const funnel = await t.call<FunnelView>('campaigns', { action: 'funnel', campaignId }, openid);
        expect({ campaignId, openid, funnel: codeOf(funnel) }).toEqual({ campaignId, openid, funnel: codeOf(get) });
        if (get.ok && funnel.ok) {
          shown++;
          expect({ campaignId, openid, cost: funnel.data.funnel.totals.cost }).toEqual({ campaignId, openid, cost: get.data.cost });
          if (get.data.cost === null) expect(funnel.data.funnel.totals.roi).toBeNull();
        } else if (!get.ok && get.error.code === 'NOT_FOUND') hidden++;
      }
    }
    // The data has both: campaigns some callers may not see, and ones they may.
    expect(hidden).toBeGreaterThan(0);
    expect(shown).toBeGreaterThan(0);
  });

  describe('an order that went through two approval steps', () => {
    const RULE = {
      code: 'order_amount_over',
      id: 'apr-access-two-steps',
      name: '两级审批（测试）',
      args: { thresholdFen: 100 },
      steps: [
        { role: 'manager', label: '渠道经理审批' },
        { role: 'admin', label: '财务审批' },
      ],
    };
    let order: OrderView;
    beforeAll(async () => {
      okData(await t.call('admin', { action: 'upsertApprovalRule', rule: RULE }, undefined, 'wx_devtools'));
      const address = { name: '王建国', mobile: '13900000001', province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' };
      order = okData(
        await t.call<SubmitOutput>(
          'orders',
          { action: 'submit', clientOrderId: 'access-two-steps-0001', lines: [{ sku: 'sku-0001', qty: 10, unit: '箱' }], address },
          'demo-dealer-a',
        ),
      ).order;
      expect(order.status).toBe('pending_approval');
      okData(await t.call('orders', { action: 'approve', orderId: order.id }, 'demo-manager'));
    });
    afterAll(async () => {
      okData(await t.call('admin', { action: 'disableApprovalRule', id: RULE.id, reason: '测试结束' }, undefined, 'wx_devtools'));
    });

    it('lets the console list orders and the approvals waiting for an admin, as a brand admin sees them', async () => {
      const consolePending = okData(await t.call<{ items: OrderSummary[] }>('orders', { action: 'pendingApprovals' }, undefined, 'wx_devtools')).items;
      expect(consolePending.map((o) => o.id)).toContain(order.id);
      const adminPending = okData(await t.call<{ items: OrderSummary[] }>('orders', { action: 'pendingApprovals' }, 'demo-admin')).items;
      expect(consolePending).toEqual(adminPending);
      const consoleList = okData(
        await t.call<{ items: OrderSummary[]; nextCursor: string | null }>('orders', { action: 'list', group: 'pending', limit: 50 }, undefined, 'wx_devtools'),
      );
      expect(consoleList.items.map((o) => o.id)).toContain(order.id);
      expect(consoleList).toEqual(okData(await t.call('orders', { action: 'list', group: 'pending', limit: 50 }, 'demo-admin')));
      const all = okData(await t.call<{ items: OrderSummary[] }>('orders', { action: 'list', limit: 50 }, undefined, 'wx_devtools')).items;
      // The whole brand's orders, not one dealer's.
      expect(new Set(all.map((o) => o.dealerId)).size).toBeGreaterThan(1);
    });

    it('shows the dealer who acted on its order by name and role, never by openid', async () => {
      okData(await t.call('orders', { action: 'approve', orderId: order.id }, undefined, 'wx_devtools'));
      // One shipment per reservation (the stock may sit in more than one warehouse).
      for (const [n, r] of order.reservations.entries()) {
        okData(
          await t.call(
            'orders',
            {
              action: 'ship',
              orderId: order.id,
              warehouseId: r.warehouseId,
              carrier: '顺丰速运',
              trackingNo: `SF10000000${n}`,
              lines: [{ sku: r.sku, qty: r.qty }],
            },
            'demo-admin',
          ),
        );
      }
      const shipped = order.reservations.map(() => ['shipped'] as const);
      const byOpenid = new Map(users().map((u) => [u.openid, u]));
      const person = (openid: string) => byOpenid.get(openid)!.name;
      for (const viewer of ['demo-dealer-a', 'demo-manager', 'demo-admin']) {
        const view = okData(await t.call<OrderView>('orders', { action: 'get', orderId: order.id }, viewer));
        const text = JSON.stringify(view);
        for (const u of users()) expect({ viewer, leaked: text.includes(`"${u.openid}"`) ? u.openid : null }).toEqual({ viewer, leaked: null });
        expect(view.events.map((e) => [e.type, e.actor])).toEqual([
          ['submitted', { role: 'dealer', name: person('demo-dealer-a') }],
          ['step_approved', { role: 'manager', name: person('demo-manager') }],
          ['approved', { role: 'admin', name: '品牌方' }],
          ...shipped.map(([type]) => [type, { role: 'admin', name: person('demo-admin') }]),
        ]);
        expect(view.approval?.steps.map((s) => s.approvedBy)).toEqual([
          { role: 'manager', name: person('demo-manager') },
          { role: 'admin', name: '品牌方' },
        ]);
        expect(view.shipments.map((s) => s.by)).toEqual(shipped.map(() => ({ role: 'admin', name: person('demo-admin') })));
      }
      // The stored trail keeps who it was, for the audit.
      const stored = t.cloud.store.get('orders', order.id)!.doc as unknown as { events: Array<{ actor: { id: string } }> };
      expect(stored.events.map((e) => e.actor.id)).toEqual(['demo-dealer-a', 'demo-manager', 'console', ...shipped.map(() => 'demo-admin')]);
    });
  });

  it('caps what an error repeats: 100,000 unknown keys come back as a short answer that still counts them', async () => {
    const event: Record<string, unknown> = { action: 'listRules' };
    for (let i = 0; i < 100_000; i++) event[`unknown_key_${i}`] = i;
    const res = await t.call('admin', event, 'demo-admin');
    expect(codeOf(res)).toBe('INVALID_INPUT');
    const text = JSON.stringify(res);
    expect(text.length).toBeLessThan(4_000);
    expect(text).toContain('100000');
    expect(text).not.toContain('unknown_key_99999');
    // A key as long as the payload allows is cut, and so is a long action name.
    const long = 'k'.repeat(50_000);
    const one = JSON.stringify(await t.call('admin', { action: 'listRules', [long]: 1 }, 'demo-admin'));
    expect(one.length).toBeLessThan(2_000);
    const action = JSON.stringify(await t.call('admin', { action: long }, 'demo-admin'));
    expect(action.length).toBeLessThan(2_000);
    // Many bad items: the answer lists a few and counts the rest.
    const lines = Array.from({ length: 200 }, () => ({ sku: '', qty: -1, unit: '' }));
    const many = await t.call('pricing', { action: 'quote', lines }, 'demo-dealer-a');
    expect(codeOf(many)).toBe('INVALID_INPUT');
    if (!many.ok) expect(many.error.issues!.length).toBeLessThanOrEqual(20);
    expect(JSON.stringify(many).length).toBeLessThan(10_000);
  });
});
