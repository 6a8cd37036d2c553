import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { Audience, TabName } from '../../services/tabs';
import { TAB_URLS, homeTab } from '../../services/tabs';
import { PageState } from '../PageState';
import './index.scss';

/** What a tab is for, told to someone it does not work for. */
const PURPOSE: Record<Exclude<TabName, 'me'>, { title: string; description: (a: Audience) => string }> = {
  catalog: {
    title: '商品目录供经销商订货使用',
    description: (a) =>
      a === 'guest'
        ? '商品按经销商的等级、区域和合同定价。开通经销商账号后，这里可以查看价格和库存并下单。'
        : '商品按经销商的等级、区域和合同定价，只对经销商和所属导购开放。经销商的订单与审批请在「订单」中查看。',
  },
  cart: {
    title: '购物车供经销商下单使用',
    description: (a) =>
      a === 'clerk'
        ? '导购不在小程序里下单：可在「商品」查看价格和库存为顾客推荐，订货由所属经销商完成。'
        : a === 'guest'
          ? '开通经销商账号后，在这里汇总商品、按你的价格计价并提交订单。'
          : '经销商在这里汇总商品、计价并提交订单；渠道经理和品牌方在「订单」中查看和审批订单。',
  },
  orders: {
    title: '订单供已开通的账号查看',
    description: () => '开通经销商账号后，这里会列出你的订单、审批进度和物流。',
  },
  rebates: {
    title: '返利仅对经销商账号开放',
    description: () => '返利按经销商实际到货的进货额计算：经销商在这里查看本期进度、预计返利和可用余额。',
  },
};

const GO_HOME: Record<TabName, string> = {
  catalog: '去看商品',
  cart: '去购物车',
  orders: '去看订单',
  rebates: '去看返利',
  me: '去开通账号',
};

/** The tab says what it is for and takes the caller to their own home tab (class names tab-closed-* for tests). */
export function TabClosed({ tab, audience, icon }: { tab: Exclude<TabName, 'me'>; audience: Audience; icon: string }) {
  const home = homeTab(audience);
  return (
    <View className={`tab-closed tab-closed-${tab}`}>
      <PageState
        status="empty"
        icon={icon}
        title={PURPOSE[tab].title}
        description={PURPOSE[tab].description(audience)}
        action={
          <View className="tab-closed-home" onClick={() => void Taro.switchTab({ url: TAB_URLS[home] })}>
            {GO_HOME[home]}
          </View>
        }
      />
    </View>
  );
}
