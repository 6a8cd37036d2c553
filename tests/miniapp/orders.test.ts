/**
 * 订单 (the tab) and 订单详情 (packages/orders/detail) as built for WeChat, in
 * miniprogram-simulate, against the real orders function on a local cloud seeded with the demo
 * data set (dealer A has 63 completed orders from its history).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OrderListGroup, OrderSummary, OrderView } from '../../shared/contracts';
import { formatFen } from '../../shared/money';
import { formatShanghai } from '../../shared/time';
import { okData } from '../helpers/seeded';
import { simulatedApp } from './helpers/simulated-app';
import type { SimNode } from './support/weapp';
import { WEAPP_DIR, afterQueuedWork, find, textOf, waitFor } from './support/weapp';
import { BIG_ORDER, SMALL_ORDER, act, placeOrder } from './support/orders';

jest.setTimeout(60_000);

/* eslint-disable @typescript-eslint/no-explicit-any -- the simulator's wx is untyped */
const wx = (): any => (globalThis as any).wx;

describe('the orders tab and the order page', () => {
  const sim = simulatedApp({ caller: 'demo-dealer-a', pages: { tab: 'pages/orders/index', detail: 'packages/orders/detail/index' }, modals: true });
  const { app, calls, t, modals } = sim;

  const call = (fn: string, event: unknown, who?: string) => t.call(fn, event, who);
  const list = async (group: OrderListGroup, who = 'demo-dealer-a', cursor?: string) =>
    okData(
      await t.call<{ items: OrderSummary[]; nextCursor: string | null }>('orders', { action: 'list', group, limit: 10, ...(cursor ? { cursor } : {}) }, who),
    );
  const cards = (p: SimNode) => p.querySelectorAll('.order-card');
  const cardNos = (p: SimNode) => p.querySelectorAll('.order-card-no').map(textOf);
  const dealerOrders = () => t.cloud.store.all('orders').filter((o) => o['dealerId'] === 'dealer-001');
  const get = async (orderId: string, who = 'demo-dealer-a') => okData(await t.call<OrderView>('orders', { action: 'get', orderId }, who));
  const events = (p: SimNode) => p.querySelectorAll('.order-event').map(textOf);

  it('the orders tab lists the dealer’s orders by group and pages through them with a cursor', async () => {
    const pending = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'tab-pending');
    const toShip = await placeOrder(call, 'demo-dealer-a', SMALL_ORDER, 'tab-toship');
    expect(pending.status).toBe('pending_approval');
    expect(toShip.status).toBe('approved');

    const p = sim.open('tab');
    await waitFor(() => expect(cards(p)).toHaveLength(10));
    const first = await list('all');
    expect(cardNos(p)).toEqual(first.items.map((o) => o.orderNo));
    // Newest first: the two just placed lead the list.
    expect(cardNos(p).slice(0, 2)).toEqual([toShip.orderNo, pending.orderNo]);
    // The first card, field by field (the simulator only queries from the page root).
    expect(find(p, `.order-card-${toShip.id}`)).not.toBeNull();
    expect(textOf(find(p, '.order-card-status'))).toBe('待发货');
    expect(textOf(find(p, '.order-card-payable'))).toBe(formatFen(toShip.payable));
    expect(textOf(find(p, '.order-card-time'))).toBe(formatShanghai(toShip.createdAt).slice(0, 16));
    expect(textOf(find(p, '.order-card-preview'))).toContain('青禾天然矿泉水 350ml');
    expect(p.querySelectorAll('.order-card-status').map(textOf).slice(0, 2)).toEqual(['待发货', '待审批']);

    // 加载更多 follows the cursor to the end, where 没有更多了 marks it; nothing twice, nothing missing.
    const total = dealerOrders().length;
    // Several pages of 10 (the demo history gives dealer A a few dozen orders).
    expect(total).toBeGreaterThan(30);
    for (let i = 0; i < 10 && !find(p, '.orders-end'); i++) {
      const before = cards(p).length;
      find(p, '.orders-more')!.dispatchEvent('tap');
      await waitFor(() => expect(cards(p).length).toBeGreaterThan(before));
    }
    await waitFor(() => expect(find(p, '.orders-end')).not.toBeNull());
    expect(cards(p)).toHaveLength(total);
    expect(new Set(cardNos(p)).size).toBe(total);
    expect(textOf(find(p, '.orders-end'))).toBe('没有更多了');
    const cursors = calls.filter((c) => c.name === 'orders' && c.data['action'] === 'list').map((c) => c.data['cursor'] ?? null);
    expect(cursors[0]).toBeNull();
    expect(cursors.slice(1).every((c) => typeof c === 'string')).toBe(true);

    // 待审批: only the orders waiting for the manager (the one just placed first, then those the
    // demo data left waiting), saying so.
    const waiting = (await list('pending')).items.map((o) => o.orderNo);
    expect(waiting[0]).toBe(pending.orderNo);
    find(p, '.orders-tab-pending')!.dispatchEvent('tap');
    await waitFor(() => expect(cardNos(p)).toEqual(waiting));
    expect(find(p, '.orders-tab-pending.orders-tab-active')).not.toBeNull();
    expect(textOf(find(p, '.order-card-status'))).toBe('待审批');
    expect(textOf(find(p, '.order-card-waiting'))).toBe('等待渠道经理审批');
    expect(find(p, '.orders-end')).not.toBeNull();

    const toShipNow = (await list('to_ship')).items.map((o) => o.orderNo);
    expect(toShipNow[0]).toBe(toShip.orderNo);
    find(p, '.orders-tab-to_ship')!.dispatchEvent('tap');
    await waitFor(() => expect(cardNos(p)).toEqual(toShipNow));

    // 已关闭 has none yet: its own empty state.
    find(p, '.orders-tab-closed')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.page-state-title'))).toBe('没有已关闭的订单'));
    expect(cards(p)).toHaveLength(0);

    // Pull to refresh asks again: a cancelled order appears under 已关闭.
    await act(call, 'demo-dealer-a', 'cancel', { orderId: pending.id, reason: '下错单了' });
    (p.instance as any).onPullDownRefresh();
    await waitFor(() => expect(cardNos(p)).toEqual([pending.orderNo]));
    expect(textOf(find(p, '.order-card-status'))).toBe('已取消');
    await waitFor(() => expect(app.wxCalls.map((c) => c.api)).toContain('stopPullDownRefresh'));

    // A card opens its order.
    find(p, `.order-card-${pending.id}`)!.dispatchEvent('tap');
    await waitFor(() =>
      expect(app.wxCalls).toContainEqual({
        api: 'navigateTo',
        args: expect.objectContaining({ url: `/packages/orders/detail/index?id=${encodeURIComponent(pending.id)}` }),
      }),
    );
  });

  it('the orders tab shows each dealer only its own orders, and an error with 重试 when the list cannot load', async () => {
    sim.caller = 'demo-dealer-b';
    const p = sim.open('tab');
    const mine = await list('all', 'demo-dealer-b');
    await waitFor(() => expect(cardNos(p)).toEqual(mine.items.map((o) => o.orderNo)));
    const dealerB = t.cloud.store.all('orders').filter((o) => o['dealerId'] !== 'dealer-001');
    expect(mine.items.every((o) => o.dealerId !== 'dealer-001')).toBe(true);
    expect(dealerB.length).toBeGreaterThan(0);

    sim.caller = 'someone-unknown';
    const q = sim.open('tab');
    await waitFor(() => expect(find(q, '.page-state-error')).not.toBeNull());
    expect(textOf(find(q, '.page-state-retry'))).toBe('重试');
  });

  it('the order detail shows status, lines, address, shipments and the timeline with who and when', async () => {
    const placed = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'timeline');
    await act(call, 'demo-manager', 'approve', { orderId: placed.id, reason: '老客户，同意' });
    const shipped = await act(call, 'demo-admin', 'ship', {
      orderId: placed.id,
      carrier: '顺丰速运',
      trackingNo: 'SF7000000001',
      lines: [{ sku: 'sku-0275', qty: 240 }],
    });
    expect(shipped.status).toBe('shipped');

    const p = sim.open('detail', { id: placed.id });
    await waitFor(() => expect(textOf(find(p, '.order-status'))).toBe('已发货'));
    expect(textOf(find(p, '.order-no'))).toBe(`订单号 ${placed.orderNo}`);
    expect(textOf(find(p, '.order-line-sku-0275'))).toContain('订 240 件 · 已发 240 件');
    expect(textOf(find(p, '.order-line-sku-0275'))).toContain(`单价 ${formatFen(shipped.lines[0]!.unitPrice)}`);
    expect(textOf(find(p, '.order-payable'))).toBe(formatFen(shipped.payable));
    expect(textOf(find(p, '.order-address'))).toContain('王建国 13900000001');
    expect(textOf(find(p, '.order-address'))).toContain('浙江省杭州市西湖区 文三路 100 号');
    expect(textOf(find(p, '.order-shipment-carrier'))).toBe('顺丰速运');
    expect(textOf(find(p, '.order-shipment-tracking'))).toBe('SF7000000001');

    // Why it needed approval, and that the manager's step is done.
    const rule = shipped.approval!.matched[0]!;
    expect(textOf(find(p, '.order-approval-rule-why'))).toBe(rule.explanation);
    expect(textOf(find(p, '.order-approval-step'))).toContain('已通过');

    // The timeline, newest first: event, who (name and role, never an openid), when (Asia/Shanghai), and what was said (an approval's comment, a refusal's reason).
    const ev = shipped.events;
    const at = (i: number) => formatShanghai(ev[i]!.at).slice(0, 16);
    const who = (i: number) => ev[i]!.actor.name;
    expect(ev.map((e) => e.actor.role)).toEqual(['dealer', 'manager', 'admin']);
    expect(events(p)).toEqual([
      `发货（顺丰速运 SF7000000001）${who(2)} · 品牌管理员 · ${at(2)}`,
      `渠道经理审批通过，订单已审批${who(1)} · 渠道经理 · ${at(1)}审批意见：老客户，同意`,
      `提交订单，等待审批${who(0)} · 经销商 · ${at(0)}`,
    ]);
    expect(events(p).join('')).not.toMatch(/demo-(dealer-a|manager|admin)/);
    // The dealer may confirm receipt and order again; approving is not the dealer's.
    expect(find(p, '.order-confirm-receipt')).not.toBeNull();
    expect(find(p, '.order-buy-again')).not.toBeNull();
    expect(find(p, '.order-approve')).toBeNull();
    expect(find(p, '.order-cancel')).toBeNull();
    expect(find(p, '.order-ship')).toBeNull();
  });

  it('the dealer confirms receipt: after the confirm dialog the order shows 已收货 and the event', async () => {
    const placed = await placeOrder(call, 'demo-dealer-a', SMALL_ORDER, 'receipt');
    await act(call, 'demo-admin', 'ship', { orderId: placed.id, carrier: '京东物流', trackingNo: 'JD0000000001', lines: [{ sku: 'sku-0001', qty: 120 }] });
    const p = sim.open('detail', { id: placed.id });
    await waitFor(() => expect(find(p, '.order-confirm-receipt')).not.toBeNull());

    // 取消 in the dialog changes nothing.
    sim.modalAnswer = false;
    find(p, '.order-confirm-receipt')!.dispatchEvent('tap');
    await waitFor(() => expect(modals).toHaveLength(1));
    // The dialog's answer has been handled once the work it queued has run: no command was sent.
    await afterQueuedWork();
    expect(calls.filter((c) => c.data['action'] === 'confirmReceipt')).toEqual([]);
    expect((await get(placed.id)).status).toBe('shipped');

    sim.modalAnswer = true;
    find(p, '.order-confirm-receipt')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.order-status'))).toBe('已收货'));
    expect(String(modals[1]!['title'])).toBe('确认收货');
    const delivered = await get(placed.id);
    expect(delivered.status).toBe('delivered');
    const receipt = delivered.events[delivered.events.length - 1]!;
    expect(receipt.actor.role).toBe('dealer');
    expect(events(p)[0]).toBe(`确认收货${receipt.actor.name} · 经销商 · ${formatShanghai(receipt.at).slice(0, 16)}`);
    expect(find(p, '.order-confirm-receipt')).toBeNull();
  });

  it('the dealer cancels before approval with a reason of 2–200 characters; stock and credit are released', async () => {
    const placed = await placeOrder(call, 'demo-dealer-a', BIG_ORDER, 'cancel');
    const reserved = () =>
      t.cloud.store
        .all('stock')
        .filter((s) => s['sku'] === 'sku-0275')
        .reduce((n, s) => n + Number(s['reserved']), 0);
    const held = reserved();
    expect(held).toBeGreaterThanOrEqual(240);
    const p = sim.open('detail', { id: placed.id });
    await waitFor(() => expect(find(p, '.order-cancel')).not.toBeNull());
    find(p, '.order-cancel')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.reason-input')).not.toBeNull());
    find(p, '.reason-input')!.dispatchEvent('input', { detail: { value: ' 错 ' } });
    find(p, '.reason-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.reason-error'))).toBe('请填写原因，至少 2 个字'));
    expect(modals).toEqual([]);

    find(p, '.reason-input')!.dispatchEvent('input', { detail: { value: '数量下错了' } });
    find(p, '.reason-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.order-status'))).toBe('已取消'));
    expect(modals).toHaveLength(1);
    expect(textOf(find(p, '.order-close-reason'))).toBe('原因：数量下错了');
    expect(events(p)[0]).toContain('原因：数量下错了');
    expect(reserved()).toBe(held - 240);
    expect(find(p, '.order-cancel')).toBeNull();
  });

  it('再来一单 puts the past order’s lines in the cart in packs and goes to the cart', async () => {
    wx().removeStorageSync('cart.v1');
    const past = (await list('done')).items[0]!;
    const order = await get(past.id);
    const p = sim.open('detail', { id: past.id });
    await waitFor(() => expect(find(p, '.order-buy-again')).not.toBeNull());
    find(p, '.order-buy-again')!.dispatchEvent('tap');
    await waitFor(() => expect(app.wxCalls).toContainEqual({ api: 'switchTab', args: expect.objectContaining({ url: '/pages/cart/index' }) }));
    const cart = wx().getStorageSync('cart.v1') as Array<{ sku: string; qty: number; unit: string }>;
    const items = order.lines.filter((l) => l.kind === 'item');
    expect(cart.map((l) => l.sku).sort()).toEqual(items.map((l) => l.sku).sort());
    for (const line of items) {
      const c = cart.find((x) => x.sku === line.sku)!;
      const product = t.cloud.store.get('products', line.sku)!.doc as unknown as { packUnits: Array<{ name: string; factor: number }> };
      const factor = product.packUnits.find((u) => u.name === c.unit)?.factor ?? 1;
      expect(c.qty * factor).toBe(line.qty);
    }
  });

  it('the admin ships from the order page, warehouse by warehouse, then completes it after receipt', async () => {
    // Enough water to need both warehouses' stock.
    const east =
      Number(t.cloud.store.get('stock', 'stock-wh-east-sku-0001')!.doc['onHand']) -
      Number(t.cloud.store.get('stock', 'stock-wh-east-sku-0001')!.doc['reserved']);
    const boxes = Math.floor(east / 24) + 5;
    const placed = await placeOrder(call, 'demo-dealer-a', [{ sku: 'sku-0001', qty: boxes, unit: '箱' }], 'two-warehouses');
    if (placed.status === 'pending_approval') await act(call, 'demo-admin', 'approve', { orderId: placed.id });
    const warehouses = [...new Set(placed.reservations.map((r) => r.warehouseId))].sort();
    expect(warehouses).toEqual(['wh-east', 'wh-south']);

    sim.caller = 'demo-admin';
    const p = sim.open('detail', { id: placed.id });
    await waitFor(() => expect(find(p, '.order-ship')).not.toBeNull());
    expect(find(p, '.order-confirm-receipt')).toBeNull();
    find(p, '.order-ship')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.ship-panel')).not.toBeNull());
    expect(find(p, '.ship-warehouse-wh-east.ship-option-on')).not.toBeNull();
    expect(find(p, '.ship-warehouse-wh-south')).not.toBeNull();
    const fromEast = placed.reservations.find((r) => r.warehouseId === 'wh-east')!.qty;
    expect(textOf(find(p, '.ship-submit'))).toBe(`发出 ${fromEast} 件`);

    // A bad tracking number is caught before sending.
    find(p, '.ship-tracking')!.dispatchEvent('input', { detail: { value: 'SF 1' } });
    find(p, '.ship-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.ship-error'))).toBe('运单号须为 4–40 位字母、数字或 -'));
    expect(modals).toEqual([]);

    find(p, '.ship-tracking')!.dispatchEvent('input', { detail: { value: 'SF7100000001' } });
    find(p, '.ship-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.order-status'))).toBe('部分发货'));
    expect((await get(placed.id, 'demo-admin')).shipments).toHaveLength(1);

    // The rest from the other warehouse.
    find(p, '.order-ship')!.dispatchEvent('tap');
    await waitFor(() => expect(find(p, '.ship-panel')).not.toBeNull());
    expect(find(p, '.ship-warehouse-wh-south')).toBeNull();
    find(p, '.ship-carrier-option')!.dispatchEvent('tap');
    find(p, '.ship-tracking')!.dispatchEvent('input', { detail: { value: 'SF7100000002' } });
    find(p, '.ship-submit')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(p, '.order-status'))).toBe('已发货'));
    expect(p.querySelectorAll('.order-shipment-tracking').map(textOf)).toEqual(['SF7100000001', 'SF7100000002']);
    expect(find(p, '.order-complete')).toBeNull();

    await act(call, 'demo-dealer-a', 'confirmReceipt', { orderId: placed.id });
    const q = sim.open('detail', { id: placed.id });
    await waitFor(() => expect(find(q, '.order-complete')).not.toBeNull());
    find(q, '.order-complete')!.dispatchEvent('tap');
    await waitFor(() => expect(textOf(find(q, '.order-status'))).toBe('已完成'));
    expect((await get(placed.id, 'demo-admin')).status).toBe('completed');
  });

  it('an order the caller may not see shows the server’s refusal', async () => {
    sim.caller = 'demo-dealer-b';
    const a = dealerOrders()[0]!;
    const p = sim.open('detail', { id: String(a['_id']) });
    await waitFor(() => expect(find(p, '.page-state-error')).not.toBeNull());
    expect(textOf(find(p, '.page-state-message'))).toBe('订单不存在或无权查看');
  });

  it('keeps the order pages out of the main package', () => {
    const appJson = JSON.parse(fs.readFileSync(path.join(WEAPP_DIR, 'app.json'), 'utf8')) as {
      pages: string[];
      subPackages: Array<{ root: string; pages: string[] }>;
    };
    expect(appJson.pages).toContain('pages/orders/index');
    const sub = Object.fromEntries(appJson.subPackages.map((s) => [s.root, s.pages]));
    expect(sub['packages/checkout']).toEqual(['index']);
    expect(sub['packages/orders']).toEqual(['detail/index', 'statement/index']);
    expect(sub['packages/approvals']).toEqual(['index']);
    expect(fs.existsSync(path.join(WEAPP_DIR, 'packages', 'orders', 'detail', 'index.js'))).toBe(true);
  });
});
