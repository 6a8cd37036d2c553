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
    await users.add({ data: { _openid: 'o-forger', openid: 'o-forger', name: '伪造', role: 'admin', dealerId: null, mobile: null, status: 'active', createdAt: 0 } });
    await users.add({ data: { _id: '0-forged-dealer-a', _openid: 'demo-dealer-a', openid: 'demo-dealer-a', name: '伪造', role: 'admin', dealerId: null, mobile: null, status: 'active', createdAt: 0 } });
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
});
