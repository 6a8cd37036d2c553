import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { useState } from 'react';
import { formatFen } from '@shared/money/format-fen';
import { PageState } from '../../components/PageState';
import { PaySheet } from './PaySheet';
import { usePay } from './usePay';
import './index.scss';

/**
 * 在线支付: 去支付 for one order (?orderId=, the amount is what the order still asks) or 在线还款
 * (the dealer chooses how much of what it owes to pay, ?owed= as the statement showed it). WeChat
 * Pay through cloud payment; the money is booked once the payment callback recorded it, and the
 * receivable then shown is the account's.
 */
export default function PayPage() {
  const { orderId, owed, phase, start, confirmLocal, cancelSheet } = usePay();
  const [yuan, setYuan] = useState(owed > 0 ? (owed / 100).toFixed(2) : '');
  const fen = Math.round(Number(yuan) * 100);
  const valid = orderId !== null || (Number.isFinite(fen) && fen > 0 && (owed === 0 || fen <= owed));
  const busy = phase.step === 'starting' || phase.step === 'confirming';

  if (phase.step === 'paid') {
    return (
      <View className="page page-pay">
        <View className="card pay-done">
          <Text className="pay-done-title">支付成功</Text>
          <Text className="pay-done-amount">{formatFen(phase.pay.amount)}</Text>
          <Text className="pay-done-receivable">当前应收余额 {formatFen(phase.status.receivable)}</Text>
          <Text className="muted">商户单号 {phase.pay.outTradeNo}</Text>
          <Button className="pay-back" block onClick={() => void Taro.navigateBack()}>
            返回
          </Button>
        </View>
      </View>
    );
  }
  return (
    <View className="page page-pay">
      <View className="card pay-what">
        <Text className="pay-what-title">{orderId ? '支付订单' : '在线还款'}</Text>
        {orderId ? (
          <Text className="muted">金额为订单应付款减去已在线支付的部分，支付后计入回款。</Text>
        ) : (
          <View className="pay-amount-row">
            <Text>还款金额（元）</Text>
            <Input className="pay-amount-input" type="digit" value={yuan} placeholder="请输入金额" onInput={(e) => setYuan(e.detail.value)} />
            {owed > 0 ? <Text className="muted">当前应付 {formatFen(owed)}，还款不能超过应付金额。</Text> : null}
          </View>
        )}
      </View>
      {phase.step === 'failed' ? <PageState status="error" message={phase.message} onRetry={() => void start(fen)} retryText="重新支付" /> : null}
      <Button className="pay-start" type="primary" block loading={busy} disabled={busy || !valid} onClick={() => void start(fen)}>
        {orderId ? '去支付' : '确认还款'}
      </Button>
      {phase.step === 'sheet' || (phase.step === 'confirming' && process.env.TARO_ENV !== 'weapp') ? (
        <PaySheet pay={phase.pay} busy={phase.step === 'confirming'} onConfirm={() => void confirmLocal(phase.pay)} onCancel={cancelSheet} />
      ) : null}
    </View>
  );
}
