import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { Envelope } from '@shared/envelope';
import { ok } from '@shared/envelope';
import { formatYuan } from '@shared/orders/format';
import { formatShanghaiMinute } from '@shared/time';
import { readableText } from '@shared/rebates/readable';
import type { WalletEntry } from '@shared/rebates/wallet';
import { WALLET_ENTRY_TYPES } from '@shared/rebates/wallet';
import { PageState } from '../../../components/PageState';
import { usePagedList } from '../../../hooks/usePagedList';
import { call } from '../../../services/cloud';
import './index.scss';

const PAGE_SIZE = 20;

/** A ledger entry; one about an order names it (orderId) so the entry links to it. */
type Entry = WalletEntry & { orderId: string | null };

/** One page of rebates.wallet as a paged list: its entries are the items, the balance rides along. */
interface WalletPage {
  items: Entry[];
  nextCursor: string | null;
  balance: number;
}

async function walletPage(cursor: string | undefined): Promise<Envelope<WalletPage>> {
  const res = await call('rebates', 'wallet', { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
  return res.ok ? ok({ items: res.data.entries, nextCursor: res.data.nextCursor, balance: res.data.balance }) : res;
}

/** A signed amount of fen as the ledger shows it: credits '+¥7,257.05', debits '-¥100.00'. */
export function signedYuan(fen: number): string {
  return fen > 0 ? `+${formatYuan(fen)}` : formatYuan(fen);
}

/**
 * 返利明细: the rebate wallet's ledger (rebates.wallet), newest first, twenty at a time — every
 * settlement credited, order spend, release, claw-back and adjustment with its sign, its time in
 * Asia/Shanghai and its note. The balance on top is the sum of all entries, as of the first page.
 */
export default function LedgerPage() {
  const { state, reload, loadMore } = usePagedList<WalletPage>({ fetch: walletPage, keyOf: (e) => e.id });

  return (
    <View className="page page-rebate-ledger">
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? (
        <View className="ledger">
          <View className="card ledger-summary">
            <Text className="ledger-summary-label">可用返利</Text>
            <Text className="ledger-balance">{formatYuan(state.first.balance)}</Text>
          </View>
          {state.items.length === 0 ? (
            <PageState status="empty" title="还没有返利流水" description="返利结算入账、下单抵扣、抵扣退回和扣回都会逐笔记在这里。" />
          ) : (
            <View className="card ledger-list">
              {state.items.map((e) => (
                <LedgerEntry key={e.id} e={e} />
              ))}
            </View>
          )}
          {state.items.length > 0 && state.nextCursor ? (
            <View className={`ledger-more${state.more === 'error' ? ' ledger-more-error' : ''}`} onClick={() => void loadMore()}>
              {state.more === 'loading' ? '加载中…' : state.more === 'error' ? '加载失败，点击重试' : '加载更多'}
            </View>
          ) : null}
          {state.items.length > 0 && !state.nextCursor ? <View className="ledger-end">没有更多了</View> : null}
        </View>
      ) : null}
    </View>
  );
}

/** One entry; an order's spend or release says which order (its number) and opens it on a tap. */
function LedgerEntry({ e }: { e: Entry }) {
  const openOrder = e.orderId ? () => void Taro.navigateTo({ url: `/packages/orders/detail/index?id=${encodeURIComponent(e.orderId!)}` }) : undefined;
  return (
    <View className={`ledger-entry ledger-entry-${e.type}`}>
      <View className="ledger-entry-main">
        <Text className="ledger-entry-type">{WALLET_ENTRY_TYPES[e.type]}</Text>
        <Text className={`ledger-entry-amount ${e.amount > 0 ? 'ledger-amount-credit' : 'ledger-amount-debit'}`}>{signedYuan(e.amount)}</Text>
      </View>
      <Text className="ledger-entry-time">{formatShanghaiMinute(e.at)}</Text>
      {e.note ? <Text className="ledger-entry-note">{readableText(e.note)}</Text> : null}
      {openOrder ? (
        <View className="ledger-entry-order" onClick={openOrder}>
          <Text>订单 {e.ref}</Text>
          <Text className="ledger-entry-order-go">查看订单 ›</Text>
        </View>
      ) : null}
    </View>
  );
}
