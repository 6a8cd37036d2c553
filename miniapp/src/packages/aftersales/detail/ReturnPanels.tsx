import { useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReturnView } from '@shared/contracts/aftersales';

/** 登记寄回: the carrier and tracking number of the parcel the dealer sent back. */
export function ShipBackPanel({ busy, onClose, onSubmit }: { busy: boolean; onClose: () => void; onSubmit: (carrier: string, trackingNo: string) => void }) {
  const [carrier, setCarrier] = useState('');
  const [trackingNo, setTrackingNo] = useState('');
  const ready = carrier.trim() !== '' && trackingNo.trim() !== '';
  return (
    <View className="card return-panel">
      <Text className="return-title">登记寄回</Text>
      <Input className="return-input return-carrier" value={carrier} placeholder="承运商，如：顺丰速运" onInput={(e) => setCarrier(e.detail.value)} />
      <Input className="return-input return-tracking" value={trackingNo} placeholder="运单号" onInput={(e) => setTrackingNo(e.detail.value)} />
      <View className="return-actions">
        <Button shape="round" onClick={onClose}>
          返回
        </Button>
        <Button
          className="return-ship-submit"
          type="primary"
          shape="round"
          loading={busy}
          disabled={!ready}
          onClick={() => onSubmit(carrier.trim(), trackingNo.trim())}
        >
          确认寄回
        </Button>
      </View>
    </View>
  );
}

/**
 * 收货入库: per line how many go back on hand (the rest is scrapped), into the warehouse named
 * (the one that shipped the order, unless changed). Credit follows at once on the server.
 */
export function ReceivePanel({
  request: r,
  busy,
  onClose,
  onSubmit,
}: {
  request: ReturnView;
  busy: boolean;
  onClose: () => void;
  onSubmit: (warehouseId: string, lines: Array<{ sku: string; restockQty: number; scrapQty: number }>) => void;
}) {
  const [warehouseId, setWarehouseId] = useState('wh-east');
  const [restock, setRestock] = useState<Record<string, number>>(Object.fromEntries(r.lines.map((l) => [l.sku, l.qty])));
  const lines = r.lines.map((l) => {
    const n = Math.min(l.qty, Math.max(0, Math.floor(restock[l.sku] ?? 0)));
    return { sku: l.sku, restockQty: n, scrapQty: l.qty - n };
  });
  return (
    <View className="card return-panel">
      <Text className="return-title">收货入库</Text>
      <Input
        className="return-input return-warehouse"
        value={warehouseId}
        placeholder="收货仓库 id，如 wh-east"
        onInput={(e) => setWarehouseId(e.detail.value)}
      />
      {r.lines.map((l, i) => (
        <View key={l.sku} className="return-line">
          <Text className="return-line-name">
            {l.name}（退回 {l.qty} 件，报废 {lines[i]!.scrapQty} 件）
          </Text>
          <Input
            className={`return-input return-restock return-restock-${l.sku}`}
            type="number"
            value={String(restock[l.sku] ?? 0)}
            onInput={(e) => setRestock((m) => ({ ...m, [l.sku]: Number(e.detail.value) || 0 }))}
          />
        </View>
      ))}
      <View className="return-actions">
        <Button shape="round" onClick={onClose}>
          返回
        </Button>
        <Button className="return-receive-submit" type="primary" shape="round" loading={busy} onClick={() => onSubmit(warehouseId.trim(), lines)}>
          确认入库并退款
        </Button>
      </View>
    </View>
  );
}
