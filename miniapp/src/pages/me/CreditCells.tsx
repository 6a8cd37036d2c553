import { Text } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { myCreditContract } from '@shared/contracts/dealer-credit';
import { formatFen } from '@shared/money';
import { callContract } from '../../services/cloud';
import { useCall } from '../../services/useCall';

/**
 * The dealer's credit limit, what is left of it and its payment terms (dealers.myCredit): the
 * headroom is what orders.submit checks a credit order against. Only this one contract is
 * imported, so the dealers function's schemas stay out of the main package.
 */
export function CreditCells() {
  const { state } = useCall(() => callContract('dealers', 'myCredit', myCreditContract, {}));
  if (state.status !== 'ok') return <Cell title="信用额度" extra={<Text className="muted">{state.status === 'loading' ? '读取中…' : '暂时无法读取'}</Text>} />;
  const c = state.data.credit;
  return (
    <>
      <Cell title="信用额度" extra={<Text className="me-credit-limit">{formatFen(c.creditLimit)}</Text>} />
      <Cell title="可用额度" extra={<Text className="me-credit-headroom">{formatFen(c.headroom)}</Text>} />
      <Cell title="账期" extra={<Text className="me-credit-terms">{c.paymentTermDays} 天</Text>} />
    </>
  );
}
