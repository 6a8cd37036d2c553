import path from 'node:path';
import type { TestCloud } from '../helpers/local-cloud';
import { createTestCloud } from '../helpers/local-cloud';

type Envelope = { ok: boolean; data?: Record<string, unknown>; error?: { code: string; message: string; details?: Record<string, unknown> } };

describe('the router every cloud function answers through', () => {
  let t: TestCloud;
  const call = (event: unknown, openid?: string) => t.cloud.invoke('guarded', event, { openid }) as Promise<Envelope>;

  beforeAll(async () => {
    t = createTestCloud({ functionsDir: path.join(__dirname, 'fixtures', 'functions') });
    const users = t.db.collection('users');
    await users.add({ data: { openid: 'o-dealer', name: '经销商', role: 'dealer', dealerId: 'dealer-1', mobile: null, status: 'active', createdAt: 0 } });
    await users.add({ data: { openid: 'o-clerk', name: '导购', role: 'clerk', dealerId: 'dealer-1', mobile: null, status: 'active', createdAt: 0 } });
    await users.add({ data: { openid: 'o-manager', name: '经理', role: 'manager', dealerId: null, mobile: null, status: 'active', createdAt: 0 } });
    await users.add({ data: { openid: 'o-disabled', name: '停用', role: 'dealer', dealerId: 'dealer-2', mobile: null, status: 'disabled', createdAt: 0 } });
  });
  afterAll(() => t.cleanup());

  it('gives the handler the dealer from the database, not from the payload', async () => {
    expect(await call({ action: 'dealerOnly', qty: 3 }, 'o-dealer')).toEqual({ ok: true, data: { dealerId: 'dealer-1', qty: 3 } });
  });

  it('answers UNAUTHENTICATED when an unknown openid calls a role-restricted action', async () => {
    expect((await call({ action: 'dealerOnly', qty: 3 }, 'o-stranger')).error?.code).toBe('UNAUTHENTICATED');
  });

  it('answers UNAUTHENTICATED when a call carries no openid at all (an HTTP call)', async () => {
    expect((await call({ action: 'staffOnly' })).error?.code).toBe('UNAUTHENTICATED');
  });

  it('answers FORBIDDEN when the role does not match', async () => {
    expect((await call({ action: 'dealerOnly', qty: 3 }, 'o-clerk')).error?.code).toBe('FORBIDDEN');
    expect((await call({ action: 'staffOnly' }, 'o-dealer')).error?.code).toBe('FORBIDDEN');
    expect(await call({ action: 'staffOnly' }, 'o-manager')).toEqual({ ok: true, data: { role: 'manager' } });
  });

  it('refuses a disabled account even when its role would match', async () => {
    const res = await call({ action: 'dealerOnly', qty: 3 }, 'o-disabled');
    expect(res.error?.code).toBe('FORBIDDEN');
    expect(res.error?.message).toContain('停用');
  });

  it('validates before anything else and says which field is wrong', async () => {
    for (const qty of [0, -1, 1.5, '3', null, 100_001]) {
      const res = await call({ action: 'dealerOnly', qty }, 'o-dealer');
      expect(res.error?.code).toBe('INVALID_INPUT');
      expect(res.error?.message).toContain('qty');
    }
  });

  it('answers a typed refusal as its error code with details', async () => {
    expect(await call({ action: 'refuse' }, 'o-dealer')).toEqual({
      ok: false,
      error: { code: 'OUT_OF_STOCK', message: '库存不足：可用 3 件', details: { available: 3 } },
    });
  });

  it('turns a thrown exception into INTERNAL without leaking its message, and logs the cause', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await call({ action: 'boom' }, 'o-dealer');
      expect(res.ok).toBe(false);
      expect(res.error?.code).toBe('INTERNAL');
      expect(res.error?.message).not.toContain('secret');
      expect(spy.mock.calls.map((c) => String(c[0])).join('\n')).toContain('secret internal detail');
    } finally {
      spy.mockRestore();
    }
  });

  it('answers INVALID_INPUT when the event is not an object', async () => {
    for (const event of [[], 'me', 42]) expect((await call(event, 'o-dealer')).error?.code).toBe('INVALID_INPUT');
  });
});
