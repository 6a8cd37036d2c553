import { useCallback, useEffect, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Cell } from '@nutui/nutui-react-taro';
import type { TierStatus } from '@shared/contracts/tier';
import { tierStatus } from '@shared/contracts/tier-badge';
import { callContract } from '../../services/cloud';

/**
 * 二级分销's entries on 我的, for a dealer's owner or buyer: a first-tier the brand enabled gets
 * 下级订单, 下级供货价 and 我的库存; a second-tier dealer of one gets 向上级订货 naming its supplier.
 * Anyone else sees nothing. One small call after the profile is on screen (tier.status), asked
 * again when 我的 shows again; a failed answer shows no entries rather than an error.
 */
export function TierCells() {
  const [status, setStatus] = useState<TierStatus | null>(null);
  const ask = useCallback(() => {
    void callContract('tier', 'status', tierStatus, {}).then((r) => setStatus(r.ok ? r.data : null));
  }, []);
  useEffect(ask, [ask]);
  useDidShow(ask);
  const open = (url: string) => () => void Taro.navigateTo({ url });
  if (status?.role === 'first_tier') {
    return (
      <Cell.Group title="二级分销">
        <Cell
          className="me-tier-incoming"
          title="下级订单"
          extra={`${status.children} 家下级经销商 ›`}
          clickable
          onClick={open('/packages/tier/incoming/index')}
        />
        <Cell className="me-tier-prices" title="下级供货价" extra="在品牌方范围内定价 ›" clickable onClick={open('/packages/tier/prices/index')} />
        <Cell className="me-tier-stock" title="我的库存" extra="在库 · 已占用 · 可售 ›" clickable onClick={open('/packages/tier/stock/index')} />
      </Cell.Group>
    );
  }
  if (status?.role === 'sub_dealer' && status.supplier) {
    return (
      <Cell.Group title="二级分销">
        <Cell className="me-tier-outgoing" title="向上级订货" extra={`${status.supplier.name} ›`} clickable onClick={open('/packages/tier/outgoing/index')} />
      </Cell.Group>
    );
  }
  return null;
}
