import type { InvocationTrace } from '../../mocks/cloud';
import type { SubmitOutput } from '../../shared/contracts';
import { okData, seededCloud } from '../helpers/seeded';

/**
 * Round trips in sequence of orders.submit, what a dealer waits for in CloudBase (npm run bench --
 * orders: sequential_round_trips): a dealer with a parent (a first-tier it may order through,
 * 二级分销) waits no more rounds than one without, its parent read beside it.
 */
const ADDRESS = { name: '陈立', mobile: '13900000002', province: '浙江省', city: '宁波市', district: '海曙区', detail: '中山路 1 号' };
let seq = 0;

describe('orders.submit’s rounds in sequence', () => {
  const t = seededCloud();
  afterAll(() => t.cleanup());
  const all = (coll: string) => t.cloud.store.all(coll);
  const ownerOf = (dealerId: string) =>
    all('users').find((u) => u['dealerId'] === dealerId && u['role'] === 'dealer' && u['status'] === 'active')?.['openid'] as string | undefined;
  const dealers = all('dealers').filter((d) => d['status'] === 'active' && ownerOf(d['_id'] as string) && !d['twoTier']);
  const enabled = new Set(
    all('dealers')
      .filter((d) => (d['twoTier'] as { enabled?: boolean } | undefined)?.enabled)
      .map((d) => d['_id'] as string),
  );
  const withParent = dealers.find((d) => d['parentDealerId'] && !enabled.has(d['parentDealerId'] as string))!;
  const withoutParent = dealers.find((d) => !d['parentDealerId'])!;
  const product = all('products').find(
    (p) => p['status'] === 'on_sale' && Object.values(p['visibility'] as Record<string, unknown[]>).every((v) => v.length === 0),
  )!;
  const submit = (dealer: Record<string, unknown>) =>
    t.call<SubmitOutput>(
      'orders',
      {
        action: 'submit',
        clientOrderId: `submit-rounds-${String(++seq).padStart(6, '0')}`,
        lines: [{ sku: product['sku'], qty: product['moq'] }],
        address: ADDRESS,
      },
      ownerOf(dealer['_id'] as string),
    );

  /**
   * The traces of `work`'s invocations under the latency model, as in the cloud: answered in no
   * time, a side chain could finish before the next round is sent.
   */
  const traced = async (work: () => Promise<void>): Promise<InvocationTrace[]> => {
    const traces: InvocationTrace[] = [];
    const stop = t.cloud.recordRoundTrips((r) => traces.push(r), { requests: true });
    t.cloud.latencyMs = 25;
    try {
      await work();
    } finally {
      t.cloud.latencyMs = 0;
      stop();
    }
    return traces;
  };

  it('reads a known dealer’s parent beside the dealer, so a child of a parent waits as many rounds as a dealer without one', async () => {
    // Warm instance, as the bench measures: each dealer has submitted once.
    okData(await submit(withParent));
    okData(await submit(withoutParent));
    const [child, alone] = await traced(async () => {
      okData(await submit(withParent));
      okData(await submit(withoutParent));
    });
    expect(child!.sequential).toBe(alone!.sequential);
    // Both dealers' documents in the first round of reads, beside the caller's look-up (the instance knows the dealer).
    expect(child!.requests!.filter((r) => r.what === 'getDocument dealers').map((r) => r.depth)).toEqual([1, 1]);
  });

  it('reads a returning dealer’s first round beside the caller’s look-up, so a placed order waits five rounds', async () => {
    okData(await submit(withoutParent));
    const [trace] = await traced(async () => {
      okData(await submit(withoutParent));
    });
    const depthOf = (what: string) => trace!.requests!.filter((r) => r.what === what).map((r) => r.depth);
    // The caller's look-up, the dealer, its account and the cart's stock all go in the first round.
    expect(depthOf('getDocument users')[0]).toBe(1);
    expect(depthOf('getDocument dealers')).toEqual([1]);
    expect(depthOf('getDocument accounts')).toEqual([1]);
    // Look-up and reads, holds beside the transaction's start, its writes, its commit, then the holds settled.
    expect(trace!.sequential).toBe(5);
  });

  it('never takes what was read early for the dealer an OPENID had before: a user moved to another dealer orders for the new one', async () => {
    const openid = ownerOf(withoutParent['_id'] as string)!;
    okData(await submit(withoutParent));
    const user = all('users').find((u) => u['openid'] === openid)!;
    const other = dealers.find((d) => d['_id'] !== withoutParent['_id'] && !d['parentDealerId'])!;
    await t.db
      .collection('users')
      .doc(user['_id'] as string)
      .update({ data: { dealerId: other['_id'] } });
    try {
      const placed = okData(
        await t.call<SubmitOutput>(
          'orders',
          {
            action: 'submit',
            clientOrderId: `submit-rounds-${String(++seq).padStart(6, '0')}`,
            lines: [{ sku: product['sku'], qty: product['moq'] }],
            address: ADDRESS,
          },
          openid,
        ),
      );
      expect(all('orders').find((o) => o['_id'] === placed.order.id)?.['dealerId']).toBe(other['_id']);
    } finally {
      await t.db
        .collection('users')
        .doc(user['_id'] as string)
        .update({ data: { dealerId: withoutParent['_id'] } });
    }
  });
});
