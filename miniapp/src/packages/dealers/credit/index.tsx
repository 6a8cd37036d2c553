import { View } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { CreditCells } from './CreditCells';
import '../dealers.scss';

/**
 * 信用额度 (a dealer's people, from 我的): the limit, what is left of it and the payment terms. Its
 * own page in this subpackage, so 我的 (main package, at its size budget) carries only the entry.
 */
export default function CreditPage() {
  return (
    <View className="page page-credit">
      <Cell.Group>
        <CreditCells />
      </Cell.Group>
    </View>
  );
}
