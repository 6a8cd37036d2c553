import { useEffect, useState } from 'react';
import { REBATE_SPEND_RULE } from '@shared/contracts/rebates';
import { spendCap } from '@shared/rebates/wallet';
import { readCart } from '../../services/cart';
import { call } from '../../services/cloud';
import { knownMe, loadMe } from '../../services/session';

export interface RebateChoice {
  /** The wallet balance, fen; null until known (or when it cannot be read: no rebate row then). */
  balance: number | null;
  /** The buyer chose to spend it on this order. */
  on: boolean;
  toggle: () => void;
  /** The most this order may use (the spend rule's cap on `payable`). */
  maxFor: (payable: number) => number;
  /** What to deduct from `payable`: the cap when chosen, else 0. */
  useFor: (payable: number) => number;
}

/**
 * The rebate wallet (返利) at checkout: its balance, and whether the buyer chose to spend it.
 * Also makes sure users.me is at hand: 提交订单 asks consent to the order's notifications with
 * the templates it lists, and that must happen inside the tap. An empty cart asks nothing.
 */
export function useRebateChoice(): RebateChoice {
  const [balance, setBalance] = useState<number | null>(null);
  const [on, setOn] = useState(false);
  useEffect(() => {
    if (readCart().length === 0) return;
    if (!knownMe()) void loadMe();
    void call('rebates', 'wallet', { limit: 1 }).then((res) => setBalance(res.ok ? res.data.balance : null));
  }, []);
  const maxFor = (payable: number) => (balance === null ? 0 : spendCap(payable, REBATE_SPEND_RULE, balance));
  return { balance, on, toggle: () => setOn((v) => !v), maxFor, useFor: (payable) => (on ? maxFor(payable) : 0) };
}
