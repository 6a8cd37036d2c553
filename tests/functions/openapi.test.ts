import { createHash, createHmac, randomBytes } from 'node:crypto';
import { Db } from '../../cloudfunctions/_kit/db';
import { ROUTES } from '../../cloudfunctions/openapi/src/routes';
import type { PartnerKeyWithSecret } from '../../shared/contracts/openapi';
import { openApiDocument } from '../../shared/openapi/document';
import type { PartnerScope } from '../../shared/openapi/types';
import { PARTNER_SCOPES } from '../../shared/openapi/types';
import { pinClock } from '../helpers/clock';
import { okData, seededCloud } from '../helpers/seeded';

type Http = { statusCode: number; headers: Record<string, string>; body: string };
type Key = { keyId: string; secret: string };

/**
 * The open API for partner systems (issue 15), through the function as CloudBase HTTP access calls
 * it. The signer below is written from docs/openapi.md, as a partner would write it, not imported
 * from the function.
 */
describe('the open API', () => {
  process.env['INTEGRATION_SECRET_KEY'] = randomBytes(32).toString('base64');
  const t = seededCloud();
  afterAll(() => t.cleanup());

  const admin = <T>(input: Record<string, unknown>) => t.call<T>('openapi', input, undefined, 'wx_devtools');
  const newKey = async (scopes: PartnerScope[], ratePerMinute?: number): Promise<Key> => {
    const res = okData(
      await admin<PartnerKeyWithSecret>({ action: 'createPartnerKey', partner: 'acme-erp', name: '测试', scopes, ...(ratePerMinute ? { ratePerMinute } : {}) }),
    );
    return { keyId: res.key.keyId, secret: res.secret };
  };

  /** docs/openapi.md: the path, then the query sorted by name, each part percent-encoded. */
  const signedPath = (path: string) => {
    const [p, qs] = path.split('?');
    const q = [...new URLSearchParams(qs ?? '')].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    return q.length > 0 ? `${p}?${q.join('&')}` : p!;
  };
  function sign(
    key: Key,
    method: string,
    path: string,
    body = '',
    o: { timestamp?: number; nonce?: string; secret?: string; headers?: Record<string, string> } = {},
  ) {
    const timestamp = String(Math.floor((o.timestamp ?? Date.now()) / 1000));
    const nonce = o.nonce ?? randomBytes(16).toString('hex');
    const bodyHash = createHash('sha256').update(body).digest('hex');
    const signature = createHmac('sha256', o.secret ?? key.secret)
      .update(`${method}\n${signedPath(path)}\n${timestamp}\n${nonce}\n${bodyHash}`)
      .digest('base64');
    const [p, qs] = path.split('?');
    return {
      path: p!,
      httpMethod: method,
      headers: {
        'content-type': 'application/json',
        'x-partner-key': key.keyId,
        'x-timestamp': timestamp,
        'x-nonce': nonce,
        'x-signature': signature,
        ...o.headers,
      },
      queryStringParameters: Object.fromEntries(new URLSearchParams(qs ?? '')),
      body,
      isBase64Encoded: false,
    };
  }
  const send = async (event: unknown) => {
    const res = (await t.cloud.invoke('openapi', event, { source: 'wx_http' })) as Http;
    return {
      status: res.statusCode,
      headers: res.headers,
      body: JSON.parse(res.body) as Record<string, unknown> & { error?: { code: string; message: string } },
    };
  };
  const call = (key: Key, method: string, path: string, body?: unknown, o?: Parameters<typeof sign>[4]) =>
    send(sign(key, method, path, body === undefined ? '' : JSON.stringify(body), o));
  const codeOf = (r: { body: { error?: { code: string } } }) => r.body.error?.code ?? 'ok';

  const count = (coll: string) => t.cloud.store.all(coll).length;
  const receivable = (dealerId: string) => (t.cloud.store.get('accounts', dealerId)?.doc as unknown as { receivable: number } | undefined)?.receivable ?? 0;
  /** What a refused call must leave as it was: the business data and the gate's own stores. */
  const footprint = () => [count('payments'), count('outbox'), count('api_writes'), count('api_nonces'), count('audit_log'), receivable('dealer-001')];
  const payment = (paymentRef: string, amount = 10_000) => ({ paymentRef, dealerId: 'dealer-001', amount, at: Date.now() - 60_000, method: '银行转账' });

  let full: Key;
  beforeAll(async () => {
    full = await newKey([...PARTNER_SCOPES]);
  });

  it('answers a signed call: orders since a cursor, page after page, and one order', async () => {
    const first = await call(full, 'GET', '/openapi/v1/orders?limit=3');
    expect(first.status).toBe(200);
    const page1 = first.body as unknown as { orders: Array<{ id: string; updatedAt: number }>; nextCursor: string };
    expect(page1.orders).toHaveLength(3);
    const second = await call(full, 'GET', `/openapi/v1/orders?limit=3&since=${page1.nextCursor}`);
    const page2 = second.body as unknown as typeof page1;
    expect(page2.orders).toHaveLength(3);
    const all = [...page1.orders, ...page2.orders];
    expect(new Set(all.map((o) => o.id)).size).toBe(6);
    const keys = all.map((o) => [o.updatedAt, o.id] as const);
    expect([...keys].sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1))).toEqual(keys);
    const one = await call(full, 'GET', `/openapi/v1/orders/${page2.orders[0]!.id}`);
    expect(one.body).toEqual(page2.orders[0]);
  });

  it('lists products with their list price and visibility, page by page in SKU order', async () => {
    const first = await call(full, 'GET', '/openapi/v1/products?limit=2');
    const page1 = first.body as unknown as { products: Array<{ sku: string; listPrice: number; visibility: unknown }>; next: string };
    expect([first.status, page1.products.length, page1.next]).toEqual([200, 2, page1.products[1]!.sku]);
    const page2 = (await call(full, 'GET', `/openapi/v1/products?limit=2&after=${page1.next}`)).body as unknown as typeof page1;
    expect(page2.products[0]!.sku > page1.next).toBe(true);
    expect(page1.products[0]).toMatchObject({ listPrice: expect.any(Number), visibility: { levels: expect.any(Array) } });
  });

  it('refuses an unsigned call with UNSIGNED', async () => {
    const res = await send({ path: '/openapi/v1/orders', httpMethod: 'GET', headers: {}, queryStringParameters: {}, body: '', isBase64Encoded: false });
    expect([res.status, codeOf(res)]).toEqual([401, 'UNSIGNED']);
  });

  it('refuses a forged signature with BAD_SIGNATURE and changes nothing', async () => {
    const before = footprint();
    const res = await call(full, 'POST', '/openapi/v1/payments', payment('FORGED-1'), { secret: `psk_${randomBytes(32).toString('base64url')}` });
    expect([res.status, codeOf(res)]).toEqual([401, 'BAD_SIGNATURE']);
    expect(footprint()).toEqual(before);
  });

  it('refuses a body changed after signing with BAD_SIGNATURE', async () => {
    const event = sign(full, 'POST', '/openapi/v1/payments', JSON.stringify(payment('TAMPER-1', 100)));
    const res = await send({ ...event, body: JSON.stringify(payment('TAMPER-1', 100_000)) });
    expect(codeOf(res)).toBe('BAD_SIGNATURE');
  });

  it('refuses a replayed request with REPLAYED and applies it once', async () => {
    const event = sign(full, 'POST', '/openapi/v1/payments', JSON.stringify(payment('REPLAY-1')));
    expect(codeOf(await send(event))).toBe('ok');
    const before = footprint();
    const again = await send(event);
    expect([again.status, codeOf(again)]).toEqual([409, 'REPLAYED']);
    expect(footprint()).toEqual(before);
  });

  it('refuses a timestamp more than 5 minutes off with STALE and changes nothing', async () => {
    const before = footprint();
    const old = await call(full, 'POST', '/openapi/v1/payments', payment('STALE-1'), { timestamp: Date.now() - 301_000 });
    const ahead = await call(full, 'POST', '/openapi/v1/payments', payment('STALE-2'), { timestamp: Date.now() + 301_000 });
    expect([old.status, codeOf(old), codeOf(ahead)]).toEqual([401, 'STALE', 'STALE']);
    expect(footprint()).toEqual(before);
  });

  it('refuses an operation outside the key’s scopes with OUT_OF_SCOPE and changes nothing', async () => {
    const reader = await newKey(['orders:read']);
    const before = footprint();
    const res = await call(reader, 'POST', '/openapi/v1/payments', payment('SCOPE-1'));
    expect([res.status, codeOf(res)]).toEqual([403, 'OUT_OF_SCOPE']);
    expect(footprint()).toEqual(before);
  });

  it('refuses calls over the key’s per-minute limit with RATE_LIMITED and changes nothing', async () => {
    const limited = await newKey(['payments:write'], 2);
    expect(codeOf(await call(limited, 'POST', '/openapi/v1/payments', payment('RATE-1')))).toBe('ok');
    expect(codeOf(await call(limited, 'POST', '/openapi/v1/payments', payment('RATE-2')))).toBe('ok');
    const before = footprint();
    const third = await call(limited, 'POST', '/openapi/v1/payments', payment('RATE-3'));
    expect([third.status, codeOf(third)]).toEqual([429, 'RATE_LIMITED']);
    expect(footprint()).toEqual(before);
  });

  it('refuses a revoked key with BAD_SIGNATURE', async () => {
    const key = await newKey(['orders:read']);
    expect(codeOf(await call(key, 'GET', '/openapi/v1/orders?limit=1'))).toBe('ok');
    okData(await admin({ action: 'revokePartnerKey', keyId: key.keyId, reason: '测试吊销' }));
    expect(codeOf(await call(key, 'GET', '/openapi/v1/orders?limit=1'))).toBe('BAD_SIGNATURE');
  });

  it('refuses bad input with INVALID_INPUT and changes nothing', async () => {
    const before = footprint();
    const res = await call(full, 'POST', '/openapi/v1/payments', { ...payment('BAD-1'), amount: -5 });
    expect([res.status, codeOf(res)]).toEqual([400, 'INVALID_INPUT']);
    expect(res.body.error!.message).toContain('amount');
    expect(footprint().slice(0, 3)).toEqual(before.slice(0, 3));
  });

  it('records a payment retried with the same reference once, lowering the receivable once', async () => {
    const before = receivable('dealer-001');
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await call(full, 'POST', '/openapi/v1/payments', payment('HK-OPENAPI-1', 50_000)));
    expect(answers.map((a) => [a.status, a.body['duplicate']])).toEqual([
      [200, false],
      [200, true],
      [200, true],
    ]);
    expect(receivable('dealer-001')).toBe(before - 50_000);
    expect(t.cloud.store.all('payments').filter((p) => p['ref'] === 'acme-erp:HK-OPENAPI-1' && p['source'] === 'openapi')).toHaveLength(1);
  });

  it('ships part of an order through the state machine, once however often the shipment is retried', async () => {
    const approved = t.cloud.store
      .all('orders')
      .find((o) => o['status'] === 'approved' && (o['lines'] as Array<{ qty: number; kind: string }>).some((l) => l.kind === 'item' && l.qty > 1));
    expect(approved).toBeDefined();
    const orderId = approved!['_id'] as string;
    const line = (approved!['lines'] as Array<{ sku: string; qty: number; kind: string }>).find((l) => l.kind === 'item' && l.qty > 1)!;
    const warehouseId = (approved!['reservations'] as Array<{ sku: string; warehouseId: string }>).find((r) => r.sku === line.sku)!.warehouseId;
    const body = { shipmentId: 'WMS-SHIP-1', carrier: '顺丰速运', trackingNo: 'SF1234567890', warehouseId, lines: [{ sku: line.sku, qty: 1 }] };
    const outbox = () => t.cloud.store.all('outbox').length;
    const first = await call(full, 'POST', `/openapi/v1/orders/${orderId}/shipments`, body);
    expect(first.status).toBe(200);
    const order = (first.body as { order: { status: string; shipments: Array<{ trackingNo: string }> } }).order;
    expect(order.status).toBe('partially_shipped');
    expect(order.shipments.map((s) => s.trackingNo)).toEqual(['SF1234567890']);
    const events = outbox();
    for (let i = 0; i < 2; i++) {
      const again = await call(full, 'POST', `/openapi/v1/orders/${orderId}/shipments`, body);
      expect([again.status, again.body['duplicate']]).toEqual([200, true]);
    }
    const stored = t.cloud.store.get('orders', orderId)!.doc as unknown as { shipments: unknown[]; lines: Array<{ sku: string; shippedQty: number }> };
    expect(stored.shipments).toHaveLength(1);
    expect(stored.lines.find((l) => l.sku === line.sku)!.shippedQty).toBe(1);
    expect(outbox()).toBe(events);
  });

  it('sets a stock level only when its version is newer: a late older message changes nothing', async () => {
    const row = () => t.cloud.store.get('stock', 'stock-wh-east-sku-0002')!.doc as unknown as { onHand: number; levelVersion?: number };
    const level = (onHand: number, version: number) =>
      call(full, 'POST', '/openapi/v1/stock-levels', { sku: 'sku-0002', warehouseId: 'wh-east', onHand, version });
    const newer = await level(777, 2_000);
    expect([newer.status, newer.body['applied'], newer.body['onHand']]).toEqual([200, true, 777]);
    const older = await level(5, 1_000);
    expect([older.status, older.body['applied'], older.body['onHand']]).toEqual([200, false, 777]);
    const again = await level(777, 2_000);
    expect(again.body['applied']).toBe(false);
    expect([row().onHand, row().levelVersion]).toEqual([777, 2_000]);
  });

  it('sets a dealer’s credit limit and terms, audited, and a repeat of the same values changes nothing', async () => {
    const credit = { creditLimit: 88_000_000, paymentTermDays: 60, reason: 'ERP 年度授信' };
    const audits = () => t.cloud.store.all('audit_log').filter((a) => a['action'] === 'openapi.setCredit').length;
    const first = await call(full, 'POST', '/openapi/v1/dealers/dealer-002/credit', credit);
    expect([first.status, first.body['creditLimit'], first.body['paymentTermDays'], first.body['changed']]).toEqual([200, 88_000_000, 60, true]);
    const [events, entries] = [t.cloud.store.all('outbox').length, audits()];
    expect(entries).toBe(1);
    const again = await call(full, 'POST', '/openapi/v1/dealers/dealer-002/credit', credit);
    expect([again.status, again.body['changed']]).toEqual([200, false]);
    expect([t.cloud.store.all('outbox').length, audits()]).toEqual([events, entries]);
    expect((t.cloud.store.get('dealers', 'dealer-002')!.doc as unknown as { creditLimit: number }).creditLimit).toBe(88_000_000);
  });

  it('answers a write retried under the same Idempotency-Key with the first answer, and refuses the key for another request', async () => {
    const idem = { headers: { 'Idempotency-Key': 'pay-7f3a-0001' } };
    const before = receivable('dealer-001');
    const body = payment('IDEM-1', 20_000);
    const first = await call(full, 'POST', '/openapi/v1/payments', body, idem);
    expect([first.status, first.body['duplicate']]).toEqual([200, false]);
    const again = await call(full, 'POST', '/openapi/v1/payments', body, idem);
    expect([again.status, again.body, again.headers['idempotent-replayed']]).toEqual([200, first.body, 'true']);
    const footprintBefore = footprint();
    const other = await call(full, 'POST', '/openapi/v1/payments', payment('IDEM-2', 30_000), idem);
    expect([other.status, codeOf(other)]).toEqual([409, 'IDEMPOTENCY_KEY_REUSED']);
    // Its nonce is spent (it was signed and admitted); nothing else is written.
    const business = (f: unknown[]) => f.filter((_, i) => i !== 3);
    expect(business(footprint())).toEqual(business(footprintBefore));
    expect(receivable('dealer-001')).toBe(before - 20_000);
    const elsewhere = await call(full, 'POST', '/openapi/v1/stock-levels', { sku: 'sku-0003', warehouseId: 'wh-east', onHand: 5, version: 1 }, idem);
    expect(codeOf(elsewhere)).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it("keeps a write's answer under its Idempotency-Key in the write's own transaction: a lost request after the commit cannot leave the key pending", async () => {
    // Any write to api_idempotency outside a transaction fails, as if the instance died right after the commit.
    const update = Db.prototype.update;
    const lost = jest.spyOn(Db.prototype, 'update').mockImplementation(function (this: Db, ...args: Parameters<Db['update']>) {
      return args[0] === 'api_idempotency' ? Promise.reject(new Error('instance gone')) : update.apply(this, args);
    });
    try {
      const idem = { headers: { 'Idempotency-Key': 'pay-in-tx-0001' } };
      const body = payment('IDEM-TX', 5_000);
      const first = await call(full, 'POST', '/openapi/v1/payments', body, idem);
      expect([first.status, first.body['duplicate']]).toEqual([200, false]);
      const again = await call(full, 'POST', '/openapi/v1/payments', body, idem);
      expect([again.status, again.body, again.headers['idempotent-replayed']]).toEqual([200, first.body, 'true']);
    } finally {
      lost.mockRestore();
    }
  });

  it('keeps Idempotency-Keys per partner for a day, then the cleanup timer forgets them', async () => {
    const other = okData(await admin<PartnerKeyWithSecret>({ action: 'createPartnerKey', partner: 'other-erp', name: '测试', scopes: ['payments:write'] }));
    const idem = { headers: { 'Idempotency-Key': 'shared-key-1' } };
    expect(codeOf(await call(full, 'POST', '/openapi/v1/payments', payment('IDEM-A', 1_000), idem))).toBe('ok');
    const theirs = await call({ keyId: other.key.keyId, secret: other.secret }, 'POST', '/openapi/v1/payments', payment('IDEM-B', 1_000), idem);
    expect([theirs.status, theirs.body['duplicate']]).toEqual([200, false]);
    expect(count('api_idempotency')).toBeGreaterThanOrEqual(2);
    pinClock(Date.now() + 25 * 3600_000);
    try {
      expect(await t.cloud.trigger('openapi', 'cleanNonces')).toMatchObject({ ok: true });
      expect(count('api_idempotency')).toBe(0);
    } finally {
      pinClock();
    }
  });

  it('reads a dealer’s open receivable and its ageing, the same balance the statement closes on', async () => {
    const res = await call(full, 'GET', '/openapi/v1/dealers/dealer-001/receivable');
    expect(res.status).toBe(200);
    const r = res.body as unknown as { receivable: number; buckets: Record<string, number>; unmatched: number; overdueAmount: number; headroom: number };
    expect(r.receivable).toBe(receivable('dealer-001'));
    const aged = Object.values(r.buckets).reduce((a, b) => a + b, 0) + r.unmatched;
    expect(aged).toBe(Math.max(0, r.receivable));
    expect(r.overdueAmount).toBe(r.buckets['days1to30']! + r.buckets['days31to60']! + r.buckets['days61to90']! + r.buckets['over90']!);
    await call(full, 'POST', '/openapi/v1/payments', payment('AGE-1', 10_000));
    const after = (await call(full, 'GET', '/openapi/v1/dealers/dealer-001/receivable')).body as unknown as typeof r;
    expect([after.receivable, after.headroom]).toEqual([r.receivable - 10_000, r.headroom + 10_000]);
    const missing = await call(full, 'GET', '/openapi/v1/dealers/no-such-dealer/receivable');
    expect([missing.status, codeOf(missing)]).toEqual([404, 'NOT_FOUND']);
  });

  it('sets a product’s list price and visibility only when its version is newer, audited', async () => {
    const sku = 'sku-0004';
    const terms = (listPrice: number, version: number) =>
      call(full, 'POST', `/openapi/v1/products/${sku}/terms`, {
        listPrice,
        visibility: { levels: ['A'], regions: ['east'], dealerIds: [] },
        version,
        reason: 'ERP 调价',
      });
    const newer = await terms(12_345, 20);
    expect([newer.status, newer.body['applied'], (newer.body['product'] as { listPrice: number }).listPrice]).toEqual([200, true, 12_345]);
    const older = await terms(99, 10);
    expect([older.status, older.body['applied'], (older.body['product'] as { listPrice: number }).listPrice, older.body['version']]).toEqual([
      200,
      false,
      12_345,
      20,
    ]);
    const stored = t.cloud.store.get('products', sku)!.doc as unknown as { listPrice: number; visibility: { levels: string[]; regions: string[] } };
    expect([stored.listPrice, stored.visibility.levels, stored.visibility.regions]).toEqual([12_345, ['A'], ['east']]);
    expect(t.cloud.store.all('audit_log').filter((a) => a['action'] === 'openapi.setProductTerms')).toHaveLength(1);
    const bad = await call(full, 'POST', `/openapi/v1/products/${sku}/terms`, {
      visibility: { levels: ['Z'], regions: [], dealerIds: [] },
      version: 30,
      reason: 'x',
    });
    expect([bad.status, codeOf(bad)]).toEqual([400, 'INVALID_INPUT']);
    const reader = await newKey(['catalog:read']);
    expect(codeOf(await call(reader, 'POST', `/openapi/v1/products/${sku}/terms`, { listPrice: 1, version: 40, reason: 'x' }))).toBe('OUT_OF_SCOPE');
  });

  it('an admin sets product terms as the same versioned change, and a catalog re-import keeps the version: a partner’s older message stays refused', async () => {
    const sku = 'sku-0005';
    const brand = <T>(input: Record<string, unknown>) => t.call<T>('admin', input, undefined, 'wx_devtools');
    const set = okData(
      await brand<{ applied: boolean; version: number; listPrice: number }>({ action: 'setProductTerms', sku, listPrice: 777, reason: '总部调价' }),
    );
    expect([set.applied, set.listPrice, set.version]).toEqual([true, 777, expect.any(Number)]);
    expect(t.cloud.store.all('audit_log').filter((a) => a['action'] === 'admin.setProductTerms' && (a['target'] as { id: string }).id === sku)).toHaveLength(1);
    const p = t.cloud.store.get('products', sku)!.doc as Record<string, unknown>;
    const row = [sku, p['name'], p['categoryId'], p['spec'], p['baseUnit'], '8.00', 'x', p['moq'], p['multiple'], 'on_sale'];
    const units = (p['packUnits'] as Array<{ name: string; factor: number }>).map((u) => `${u.name}:${u.factor}`).join('|');
    const csv = `sku,name,categoryId,spec,baseUnit,listPrice,packUnits,moq,multiple,status\n${row.map((c) => (c === 'x' ? units : String(c))).join(',')}\n`;
    expect(okData(await brand<{ errors: unknown[]; updated: number }>({ action: 'importCatalog', csv, dryRun: false }))).toMatchObject({
      errors: [],
      updated: 1,
    });
    expect(t.cloud.store.get('products', sku)!.doc['termsVersion']).toBe(set.version);
    const late = await call(full, 'POST', `/openapi/v1/products/${sku}/terms`, { listPrice: 1, version: set.version - 1, reason: 'ERP 旧消息' });
    expect([late.status, late.body['applied']]).toEqual([200, false]);
  });

  it('lists partner keys for admins, newest first, never with a secret', async () => {
    const key = await newKey(['receivables:read']);
    const list = okData(await admin<{ items: Array<{ keyId: string; scopes: string[]; createdAt: number }> }>({ action: 'partnerKeys' }));
    expect(list.items.find((k) => k.keyId === key.keyId)).toMatchObject({ scopes: ['receivables:read'], status: 'active' });
    const times = list.items.map((k) => k.createdAt);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(JSON.stringify(list)).not.toContain('psk_');
    expect(JSON.stringify(list)).not.toContain('"secret"');
  });

  it('never writes a secret in a log line or in plain text in the database', async () => {
    const lines: string[] = [];
    const spies = (['log', 'info', 'warn', 'error'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' '))),
    );
    try {
      const key = await newKey(['orders:read']);
      await call(key, 'GET', '/openapi/v1/orders?limit=1');
      await call(key, 'POST', '/openapi/v1/payments', payment('LOG-1'));
      await call(key, 'GET', '/openapi/v1/orders?limit=1', undefined, { secret: 'psk_wrong' });
      expect(lines.some((l) => l.includes('openapi refused'))).toBe(true);
      expect(lines.filter((l) => l.includes(key.secret))).toEqual([]);
      const stored = JSON.stringify(t.cloud.store.get('partner_keys', key.keyId)!.doc);
      expect(stored).not.toContain(key.secret);
      expect(JSON.stringify(t.cloud.store.all('audit_log'))).not.toContain(key.secret);
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });

  it('forgets nonces and counters once past the window (the cleanup timer), when a replay is STALE anyway', async () => {
    const event = sign(full, 'GET', '/openapi/v1/orders?limit=1');
    expect(codeOf(await send(event))).toBe('ok');
    expect([count('api_nonces') > 0, count('api_rate') > 0]).toEqual([true, true]);
    pinClock(Date.now() + 11 * 60_000);
    try {
      expect(await t.cloud.trigger('openapi', 'cleanNonces')).toMatchObject({ ok: true });
      expect([count('api_nonces'), count('api_rate')]).toEqual([0, 0]);
      expect(codeOf(await send(event))).toBe('STALE');
    } finally {
      pinClock();
    }
  });

  describe('its OpenAPI 3.1 document', () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, { operationId: string }>> };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method: method.toUpperCase(), id: op.operationId })),
    );

    it('documents exactly the operations the function handles', () => {
      expect(doc.openapi).toBe('3.1.0');
      expect(documented.map((o) => o.id).sort()).toEqual(Object.keys(ROUTES).sort());
    });

    it('documents an Idempotency-Key header on every write', () => {
      const ops = Object.values(openApiDocument().paths as Record<string, Record<string, { parameters: Array<{ name: string; in: string }> }>>).flatMap((o) =>
        Object.entries(o),
      );
      const writes = ops.filter(([method]) => method === 'post');
      expect(writes.length).toBeGreaterThan(0);
      for (const [, op] of writes) expect(op.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
    });

    it('every documented operation answers at its documented method and path, and an undocumented one is NOT_FOUND', async () => {
      for (const op of documented) {
        const path = `/openapi${op.path.replace(/\{\w+\}/g, 'no-such-id')}`;
        const res = await call(full, op.method, path, op.method === 'POST' ? {} : undefined);
        expect({ op: op.id, routed: !(res.body.error?.message ?? '').startsWith('没有这个接口') }).toEqual({ op: op.id, routed: true });
      }
      const unknown = await call(full, 'DELETE', '/openapi/v1/orders');
      expect([unknown.status, codeOf(unknown), unknown.body.error!.message.startsWith('没有这个接口')]).toEqual([404, 'NOT_FOUND', true]);
    });
  });
});
