import type { SubmitOutput } from '../../shared/contracts';
import { Db } from '../../cloudfunctions/_kit/db';
import { HOLD_GRACE_MS, holdAccount, holdKey, Holds } from '../../cloudfunctions/orders/src/submit/holds';
import { orderNoCandidate } from '../../cloudfunctions/orders/src/submit/order-number';
import type { AccountDoc } from '../../shared/models';
import { releaseHolds } from '../../cloudfunctions/orders/src/timers/release-holds';
import type { Envelope } from '../helpers/seeded';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Stock held outside the submit transaction (orders submit/holds): what a submit that died
 * between hold and commit leaves is given back by the releaseHolds timer, a committed order's
 * hold entry is only cleared, a retried submit never holds twice, and parallel submits on the
 * last units never oversell.
 */
const ADDRESS = { name: '测试', mobile: '13800000000', province: '浙江省', city: '杭州市', district: '西湖区', detail: '测试路 1 号' };
const SKU = 'sku-0005';
let seq = 0;
const clientId = (tag: string) => `${tag}-${Date.now()}-${String(++seq).padStart(6, '0')}`;

interface Row {
  _id: string;
  onHand: number;
  reserved: number;
  holding?: number;
  holds?: Record<string, unknown>;
}

describe('orders: stock holds', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const submit = (clientOrderId: string, qty: number, openid = 'demo-dealer-a') =>
    t.cloud.invoke('orders', { action: 'submit', clientOrderId, lines: [{ sku: SKU, qty }], address: ADDRESS }, { openid }) as Promise<Envelope<SubmitOutput>>;
  const rows = () => t.cloud.store.all('stock').filter((s) => s['sku'] === SKU) as unknown as Row[];
  const row = (id: string) => t.cloud.store.get('stock', id)!.doc as unknown as Row;
  const moq = () => (t.cloud.store.get('products', SKU)!.doc as unknown as { moq: number }).moq;

  /** One row of the SKU with `available` units, every other row empty. */
  async function only(available: number): Promise<string> {
    const [first, ...rest] = rows();
    await t.db
      .collection('stock')
      .doc(first!._id)
      .update({ data: { onHand: 100_000, reserved: 100_000 - available } });
    for (const r of rest)
      await t.db
        .collection('stock')
        .doc(r._id)
        .update({ data: { onHand: 0, reserved: 0 } });
    return first!._id;
  }

  it('releases, once the grace has passed, the hold of a submit that died before its transaction, and the stock can be ordered again', async () => {
    const rowId = await only(moq());
    const db = new Db();
    const now = Date.now();
    const dead = new Holds(db, 'o-dealer-001-dead-submit', [{ rowId, sku: SKU, qty: moq() }], now);
    expect(await dead.take(new Map())).toBe(true);
    expect(row(rowId).reserved).toBe(100_000);
    expect((await submit(clientId('holds-dead'), moq())).ok).toBe(false);
    expect(await releaseHolds(db, now + HOLD_GRACE_MS - 1)).toEqual({ released: 0, cleared: 0 });
    expect(await releaseHolds(db, now + HOLD_GRACE_MS)).toEqual({ released: 1, cleared: 0 });
    expect(row(rowId)).toMatchObject({ reserved: 100_000 - moq(), holding: 0, holds: {} });
    expect(await releaseHolds(db, now + HOLD_GRACE_MS)).toEqual({ released: 0, cleared: 0 });
    okData(await submit(clientId('holds-dead'), moq()));
    expect(row(rowId).reserved).toBe(100_000);
  });

  it('gives back the credit, rebate and order count a dead submit held on the account, once', async () => {
    const db = new Db();
    const now = Date.now();
    const acc = t.cloud.store.get('accounts', 'dealer-001')!.doc as unknown as AccountDoc;
    const dead = new Holds(db, 'o-dealer-001-dead-account', [], now);
    const policy = { creditLimit: Number.MAX_SAFE_INTEGER, approvalRules: [] };
    expect(await holdAccount(db, dead, acc, 1_000, { credit: 1_000, rebate: 0 }, policy, 0)).toBe(true);
    expect(await holdAccount(db, dead, acc, 1_000, { credit: 1_000, rebate: 0 }, policy, 0)).toBe(false);
    expect(t.cloud.store.get('accounts', 'dealer-001')!.doc).toMatchObject({ creditReserved: acc.creditReserved + 1_000, holding: 1 });
    expect(await releaseHolds(db, now + HOLD_GRACE_MS)).toEqual({ released: 1, cleared: 0 });
    expect(t.cloud.store.get('accounts', 'dealer-001')!.doc).toMatchObject({
      creditReserved: acc.creditReserved,
      rebateBalance: acc.rebateBalance,
      orderCount: acc.orderCount,
      holding: 0,
    });
    expect(await releaseHolds(db, now + HOLD_GRACE_MS)).toEqual({ released: 0, cleared: 0 });
  });

  it('clears the hold entry of an order that was committed without changing reserved', async () => {
    const rowId = await only(10 * moq());
    const placed = okData(await submit(clientId('holds-placed'), moq())).order;
    const reserved = row(rowId).reserved;
    expect(row(rowId).holding ?? 0).toBe(0);
    // The function died after its commit, before clearing its entry: as if its hold were still there.
    const db = new Db();
    const now = Date.now();
    const late = new Holds(db, placed.id, [{ rowId, sku: SKU, qty: moq() }], now);
    expect(await late.take(new Map())).toBe(true);
    await t.db.collection('stock').doc(rowId).update({ data: { reserved } });
    expect(await releaseHolds(db, now + HOLD_GRACE_MS)).toEqual({ released: 0, cleared: 1 });
    expect(row(rowId)).toMatchObject({ reserved, holding: 0, holds: {} });
  });

  it('never holds twice for one clientOrderId, sent twice at once and again after', async () => {
    const rowId = await only(10 * moq());
    const before = row(rowId).reserved;
    const id = clientId('holds-twice');
    const answers = await Promise.all([submit(id, moq()), submit(id, moq()), submit(id, moq())]);
    const again = await submit(id, moq());
    const orders = [...answers, again].map((a) => okData(a).order.id);
    expect(new Set(orders).size).toBe(1);
    expect(row(rowId)).toMatchObject({ reserved: before + moq(), holding: 0 });
    expect(Object.keys(row(rowId).holds ?? {})).toHaveLength(0);
    const account = t.cloud.store.get('accounts', 'dealer-001')!.doc as { holding?: number };
    expect(account.holding ?? 0).toBe(0);
  });

  it('places an order whose first number another order already holds under the next free one, and leaves that claim alone', async () => {
    await only(10 * moq());
    const id = clientId('holds-number');
    const orderId = `o-dealer-001-${id}`;
    // Claimed for both days a clock tick could put the submit on; the submit's own day is one of them.
    const now = Date.now();
    const taken = [...new Set([now, now + 60_000].map((at) => orderNoCandidate(orderId, at, 0)))];
    for (const no of taken) await t.db.collection('order_numbers').add({ data: { _id: no, orderId: 'o-someone-else', dealerId: 'dealer-002', at: now } });
    const placed = okData(await submit(id, moq())).order;
    expect(taken).not.toContain(placed.orderNo);
    expect(t.cloud.store.get('order_numbers', placed.orderNo)!.doc).toMatchObject({ orderId });
    for (const no of taken) expect(t.cloud.store.get('order_numbers', no)!.doc).toMatchObject({ orderId: 'o-someone-else' });
    expect(okData(await submit(id, moq())).replayed).toBe(true);
  });

  it('answers a submit whose twin placed the order while its holds were on the way with that order, not with the refusal the twin left it', async () => {
    const rowId = await only(moq());
    const before = row(rowId).reserved;
    const id = clientId('holds-twin');
    const key = holdKey(`o-dealer-001-${id}`);
    // The first invocation's holds are held up on the network until its twin has placed the order and taken the last units.
    const cloud = t.cloud as unknown as { request: (args: { params: Record<string, unknown> }) => Promise<unknown> };
    const send = cloud.request.bind(t.cloud);
    let first: string | null = null;
    let arrived!: () => void;
    let open!: () => void;
    const firstHolds = new Promise<void>((r) => (arrived = r));
    const gate = new Promise<void>((r) => (open = r));
    cloud.request = async (args) => {
      const data = String(args.params['data'] ?? '');
      const by = args.params['action'] === 'database.modifyDocument' && data.includes(`holds.${key}`) ? /"by":"([^"]+)"/.exec(data)?.[1] : undefined;
      if (by && (first ??= by) === by) {
        arrived();
        await gate;
      }
      return send(args);
    };
    try {
      const slow = submit(id, moq());
      await firstHolds;
      const twin = okData(await submit(id, moq()));
      open();
      const late = okData(await slow);
      expect(late).toMatchObject({ replayed: true, order: { id: twin.order.id, orderNo: twin.order.orderNo } });
    } finally {
      open();
      cloud.request = send;
    }
    expect(row(rowId)).toMatchObject({ reserved: before + moq(), holding: 0 });
    expect((t.cloud.store.get('accounts', 'dealer-001')!.doc as { holding?: number }).holding ?? 0).toBe(0);
  });

  it('never oversells the last units to parallel submits of two dealers', async () => {
    const rowId = await only(3 * moq());
    const before = row(rowId).reserved;
    const answers = await Promise.all(Array.from({ length: 10 }, (_x, i) => submit(clientId('holds-last'), moq(), i % 2 ? 'demo-dealer-a' : 'demo-dealer-b')));
    const ok = answers.filter((a) => a.ok).length;
    expect(ok).toBe(3);
    for (const a of answers) if (!a.ok) expect(a.error.code).toBe('OUT_OF_STOCK');
    expect(row(rowId)).toMatchObject({ reserved: before + 3 * moq(), holding: 0 });
    expect(row(rowId).reserved).toBeLessThanOrEqual(row(rowId).onHand);
  });
});
