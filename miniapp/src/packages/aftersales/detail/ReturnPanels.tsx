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
 * 收货入库: per line how many go back on hand (the rest is scrapped), into the warehouse chosen
 * from the server's list (the one that shipped the order first, preselected). Credit follows at
 * once on the server.
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
  const into = r.receiveInto ?? [];
  const [warehouseId, setWarehouseId] = useState(into[0]?.id ?? '');
  const [restock, setRestock] = useState<Record<string, number>>(Object.fromEntries(r.lines.map((l) => [l.sku, l.qty])));
  const lines = r.lines.map((l) => {
    const n = Math.min(l.qty, Math.max(0, Math.floor(restock[l.sku] ?? 0)));
    return { sku: l.sku, restockQty: n, scrapQty: l.qty - n };
  });
  return (
    <View className="card return-panel">
      <Text className="return-title">收货入库</Text>
      <Text className="return-hint">收货仓库</Text>
      <View className="return-warehouses">
        {into.length === 0 ? <Text className="return-error">没有可收货的仓库：请先在云开发控制台添加仓库</Text> : null}
        {into.map((w) => (
          <Text
            key={w.id}
            className={`return-warehouse return-warehouse-${w.id}${w.id === warehouseId ? ' return-warehouse-on' : ''}`}
            onClick={() => setWarehouseId(w.id)}
          >
            {w.name}
          </Text>
        ))}
      </View>
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
        <Button
          className="return-receive-submit"
          type="primary"
          shape="round"
          loading={busy}
          disabled={!warehouseId}
          onClick={() => onSubmit(warehouseId, lines)}
        >
          确认入库并退款
        </Button>
      </View>
    </View>
  );
}

/** The buttons of what the caller may do now (the server's `commands`); panels open for input. */
export function ReturnActions(props: {
  can: ReadonlySet<string>;
  busy: boolean;
  onPanel: (panel: 'reject' | 'ship_back' | 'receive') => void;
  onApprove: () => void;
  onWithdraw: () => void;
}) {
  const { can, busy, onPanel } = props;
  return (
    <View className="return-actions">
      {can.has('withdraw') ? (
        <Button className="return-withdraw" shape="round" loading={busy} onClick={props.onWithdraw}>
          撤回申请
        </Button>
      ) : null}
      {can.has('reject') ? (
        <Button className="return-reject" type="danger" shape="round" onClick={() => onPanel('reject')}>
          驳回
        </Button>
      ) : null}
      {can.has('approve') ? (
        <Button className="return-approve" type="primary" shape="round" loading={busy} onClick={props.onApprove}>
          同意退货
        </Button>
      ) : null}
      {can.has('ship_back') ? (
        <Button className="return-ship-back" type="primary" shape="round" onClick={() => onPanel('ship_back')}>
          登记寄回
        </Button>
      ) : null}
      {can.has('receive') ? (
        <Button className="return-receive" type="primary" shape="round" onClick={() => onPanel('receive')}>
          收货入库
        </Button>
      ) : null}
    </View>
  );
}
