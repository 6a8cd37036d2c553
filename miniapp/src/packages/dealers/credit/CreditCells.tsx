import { useEffect, useState } from 'react';
import { Text } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { myCreditContract } from '@shared/contracts/dealer-credit';
import type { CreditView } from '@shared/contracts/dealer-credit';
import { formatFen } from '@shared/money';
import { callContract } from '../../../services/cloud';

type Shown = { status: 'closed' } | { status: 'loading' } | { status: 'ok'; credit: CreditView } | { status: 'error'; message: string };

/**
 * The dealer's credit limit, what is left of it and its payment terms (dealers.myCredit), read
 * when the page opens and again on a tap of the limit. The headroom is what orders.submit checks
 * a credit order against.
 */
export function CreditCells() {
  const [shown, setShown] = useState<Shown>({ status: 'closed' });
  const open = async () => {
    setShown({ status: 'loading' });
    const answer = await callContract('dealers', 'myCredit', myCreditContract, {});
    setShown(answer.ok ? { status: 'ok', credit: answer.data.credit } : { status: 'error', message: answer.error.message });
  };
  useEffect(() => {
    void open();
  }, []);
  if (shown.status !== 'ok') {
    const extra = shown.status === 'loading' ? '读取中…' : shown.status === 'error' ? `${shown.message}，点击重试` : '额度 · 可用 · 账期 ›';
    return <Cell className="me-credit" title="信用额度" extra={<Text className="muted">{extra}</Text>} clickable onClick={() => void open()} />;
  }
  const c = shown.credit;
  return (
    <>
      <Cell
        className="me-credit"
        title="信用额度"
        extra={<Text className="me-credit-limit">{formatFen(c.creditLimit)}</Text>}
        clickable
        onClick={() => void open()}
      />
      <Cell title="可用额度" extra={<Text className="me-credit-headroom">{formatFen(c.headroom)}</Text>} />
      <Cell title="账期" extra={<Text className="me-credit-terms">{c.paymentTermDays} 天</Text>} />
    </>
  );
}
