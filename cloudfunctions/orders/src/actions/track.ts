import { contracts } from '@shared/contracts';
import type { TrackNode } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { canSee } from '@shared/orders';
import { deliveryIdOf, PATH_ACTION_LABELS } from '@shared/payments/wxpay';
import { CONSOLE } from '@shared/roles';
import { sdk } from '../../../_kit/sdk';
import { defineAction } from '../../../_kit/router';

/**
 * 物流轨迹: each shipment's timeline from WeChat's logistics open API (查询运单轨迹, cloud call
 * openapi.logistics.getPath; config.json permissions.openapi lists it), oldest node first. A
 * carrier it does not know, or a failed lookup, leaves that shipment with its tracking number and
 * a reason instead of a timeline.
 * https://developers.weixin.qq.com/miniprogram/en/dev/api-backend/open-api/express/by-business/logistics.getPath.html
 */
export const track = defineAction(contracts.orders.track, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ orderId }, { db, caller }) => {
  const order = await db.getById('orders', orderId);
  if (!order || !canSee(caller, order)) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
  const shipments = await Promise.all(
    order.shipments.map(async (s) => {
      const base = { no: s.no, carrier: s.carrier, trackingNo: s.trackingNo };
      const deliveryId = deliveryIdOf(s.carrier);
      if (!deliveryId) return { ...base, path: [], error: `暂不支持查询${s.carrier}的物流轨迹，请凭运单号到承运商查询` };
      try {
        const res = await sdk().openapi['logistics']!['getPath']!({
          openid: caller.openid ?? '',
          orderId: `${orderId}-${s.no}`,
          deliveryId,
          waybillId: s.trackingNo,
        });
        const items = (res['pathItemList'] ?? []) as Array<{ actionTime: number; actionType: number; actionMsg: string }>;
        const path: TrackNode[] = items.map((i) => ({
          at: i.actionTime * 1000,
          type: i.actionType,
          label: PATH_ACTION_LABELS[i.actionType] ?? '运输中',
          msg: i.actionMsg,
        }));
        return { ...base, path: path.sort((a, b) => a.at - b.at), error: null };
      } catch {
        return { ...base, path: [], error: '物流轨迹暂时查不到，请稍后再试' };
      }
    }),
  );
  return { shipments };
});
