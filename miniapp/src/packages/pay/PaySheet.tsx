import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { PayOutput } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';

/**
 * The local H5 build's stand-in for WeChat's pay sheet: the amount and 确认支付. It exists only
 * where there is no wx.requestPayment (usePay picks it by platform); in WeChat the platform's own
 * sheet opens instead.
 */
export function PaySheet({ pay, busy, onConfirm, onCancel }: { pay: PayOutput; busy: boolean; onConfirm: () => void; onCancel: () => void }) {
  return (
    <View className="pay-sheet-mask">
      <View className="pay-sheet">
        <Text className="pay-sheet-title">微信支付（本地模拟）</Text>
        <Text className="pay-sheet-amount">{formatFen(pay.amount)}</Text>
        <Text className="pay-sheet-no muted">商户单号 {pay.outTradeNo}</Text>
        <Button className="pay-sheet-confirm" type="primary" block loading={busy} disabled={busy} onClick={onConfirm}>
          确认支付
        </Button>
        <Text className="pay-sheet-cancel" onClick={busy ? undefined : onCancel}>
          取消
        </Text>
      </View>
    </View>
  );
}
