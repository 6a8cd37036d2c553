import { Image, Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ReturnableView } from '@shared/contracts/aftersales';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { QtyStepper } from '../../../components/QtyStepper';
import { useApply } from './useApply';
import '../index.scss';

/**
 * 申请退货 (?orderId=): the delivered order's lines, each with a stepper limited to what may still
 * come back (delivered − returned − in open requests), the reason and up to 9 photos, within the
 * brand's return window. Sent once (one client id per visit); the request opens on its detail page.
 */
export default function ApplyPage() {
  const a = useApply();
  if (a.state.status === 'loading') return <PageState status="loading" rows={4} />;
  if (a.state.status === 'error') return <PageState status="error" message={a.state.error.message} onRetry={() => void a.reload()} />;
  const r: ReturnableView = a.state.data;
  const any = r.lines.some((l) => l.left > 0);
  if (!r.open || !any) {
    const why = !r.open ? `订单 ${r.orderNo} 不在退货期内（收货后 ${r.windowDays} 天内可申请）` : '本订单的商品都已退回或在退货处理中';
    return <PageState status="empty" title="暂不能申请退货" description={why} />;
  }
  return (
    <View className="page page-return-apply">
      <View className="card">
        <Text className="return-title">订单 {r.orderNo}</Text>
        {r.deadline ? <Text className="return-hint">请在 {formatShanghaiMinute(r.deadline)} 前申请</Text> : null}
        {r.lines.map((l) => (
          <View key={l.sku} className="return-line">
            <View className="return-line-text">
              <Text className="return-line-name">{l.name}</Text>
              <Text className="return-hint">
                已收 {l.delivered} 件 · 可退 {l.left} 件{l.pending > 0 ? ` · 处理中 ${l.pending} 件` : ''}
              </Text>
            </View>
            <QtyStepper
              className="return-qty"
              value={a.form.qty[l.sku] ?? 0}
              min={0}
              step={1}
              max={l.left}
              unit="件"
              disabled={l.left === 0}
              onChange={(n) => a.setQty(l.sku, n)}
            />
          </View>
        ))}
      </View>
      <View className="card">
        <Text className="return-title">退货原因</Text>
        <Textarea
          className="return-reason"
          value={a.form.reason}
          maxlength={200}
          placeholder="请说明原因，如：外箱破损、临期"
          onInput={(e) => a.setReason(e.detail.value)}
        />
        <Text className="return-title">照片（最多 9 张）</Text>
        <View className="return-photos">
          {a.form.photos.map((p) => (
            <Image key={p.fileId} className="return-photo" src={p.preview} mode="aspectFill" onClick={() => a.removePhoto(p.fileId)} />
          ))}
          {a.form.photos.length < 9 ? (
            <View className="return-photo return-photo-add" onClick={() => void a.addPhoto()}>
              +
            </View>
          ) : null}
        </View>
      </View>
      {a.error ? <Text className="return-error">{a.error}</Text> : null}
      <Button className="return-submit" type="primary" block loading={a.busy} onClick={() => void a.submit()}>
        提交退货申请
      </Button>
    </View>
  );
}
