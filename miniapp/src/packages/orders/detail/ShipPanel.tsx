import { useMemo, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { OrderView } from '@shared/contracts';
import type { ShipInput } from '../../../hooks/useOrderCommand';

const CARRIERS = ['顺丰速运', '京东物流', '德邦快递', '中通快递'] as const;
const TRACKING = /^[A-Za-z0-9-]{4,40}$/;

/**
 * 发货 (admin): carrier, tracking number, and the warehouse when the order's stock is held in
 * several. By default it ships everything the chosen warehouse still holds for this order (its
 * reservations); a second shipment from the next warehouse ships the rest.
 *
 * The carrier and warehouse choices are chips, not NutUI's Radio group: the carrier row is a
 * shortcut into a free text field (any other carrier may be typed), which a radio group cannot hold.
 */
export function ShipPanel({
  order,
  busy,
  onClose,
  onSubmit,
}: {
  order: OrderView;
  busy: boolean;
  onClose: () => void;
  onSubmit: (input: ShipInput, summary: string) => Promise<boolean> | void;
}) {
  const warehouses = useMemo(() => [...new Set(order.reservations.map((r) => r.warehouseId))].sort(), [order.reservations]);
  const [warehouseId, setWarehouseId] = useState(warehouses[0] ?? '');
  const [carrier, setCarrier] = useState<string>(CARRIERS[0]);
  const [trackingNo, setTrackingNo] = useState('');
  const [error, setError] = useState<string | null>(null);

  const names = new Map(order.lines.map((l) => [l.sku, l.name]));
  // People read the warehouse's name (orders.get sends them); the id is only what goes to the server.
  const whName = (id: string) => order.warehouseNames?.[id] ?? '仓库';
  const lines = useMemo(() => {
    const bySku = new Map<string, number>();
    for (const r of order.reservations) if (r.warehouseId === warehouseId) bySku.set(r.sku, (bySku.get(r.sku) ?? 0) + r.qty);
    return [...bySku].filter(([, qty]) => qty > 0).map(([sku, qty]) => ({ sku, qty }));
  }, [order.reservations, warehouseId]);
  const total = lines.reduce((n, l) => n + l.qty, 0);

  const send = () => {
    if (busy) return;
    const c = carrier.trim();
    const t = trackingNo.trim();
    if (!c) return setError('请选择或填写承运商');
    if (!TRACKING.test(t)) return setError('运单号须为 4–40 位字母、数字或 -');
    if (lines.length === 0) return setError('该仓库没有待发的商品');
    setError(null);
    void onSubmit(
      { warehouseId, carrier: c, trackingNo: t, lines },
      `从${whName(warehouseId)}发出 ${lines.length} 种商品共 ${total} 件，${c} ${t}。确认发货？`,
    );
  };

  return (
    <View className="card ship-panel">
      <Text className="order-section-title">发货</Text>
      {warehouses.length > 1 ? (
        <View className="ship-field">
          <Text className="ship-label">发货仓库（本单库存预留在 {warehouses.length} 个仓库，每个仓库单独发货）</Text>
          <View className="ship-options">
            {warehouses.map((w) => (
              <Text key={w} className={`ship-option ship-warehouse-${w}${w === warehouseId ? ' ship-option-on' : ''}`} onClick={() => setWarehouseId(w)}>
                {whName(w)}
              </Text>
            ))}
          </View>
        </View>
      ) : (
        <Text className="ship-label">发货仓库：{whName(warehouseId)}</Text>
      )}
      <View className="ship-field">
        <Text className="ship-label">承运商</Text>
        <View className="ship-options">
          {CARRIERS.map((name) => (
            <Text key={name} className={`ship-option ship-carrier-option${name === carrier ? ' ship-option-on' : ''}`} onClick={() => setCarrier(name)}>
              {name}
            </Text>
          ))}
        </View>
        <Input className="ship-input ship-carrier" value={carrier} maxlength={40} placeholder="其他承运商" onInput={(e) => setCarrier(e.detail.value)} />
      </View>
      <View className="ship-field">
        <Text className="ship-label">运单号</Text>
        <Input
          className="ship-input ship-tracking"
          value={trackingNo}
          maxlength={40}
          placeholder="如 SF1234567890"
          onInput={(e) => setTrackingNo(e.detail.value)}
        />
      </View>
      <View className="ship-lines">
        {lines.map((l) => (
          <Text key={l.sku} className="ship-line">
            {names.get(l.sku) ?? l.sku} × {l.qty} 件
          </Text>
        ))}
      </View>
      {error ? <Text className="ship-error">{error}</Text> : null}
      <View className="ship-buttons">
        <Button className="ship-close" shape="round" onClick={onClose}>
          返回
        </Button>
        <Button className="ship-submit" type="primary" shape="round" loading={busy} onClick={send}>
          {busy ? '提交中…' : `发出 ${total} 件`}
        </Button>
      </View>
    </View>
  );
}
