import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorBody } from '@shared/envelope';
import type { PricedCart } from '@shared/contracts/pricing';
import type { QuoteLine } from '@shared/pricing/types';
import type { CartEntry } from '../services/cart';
import { call } from '../services/cloud';

/** A quote (with stock per SKU) and the lines exactly as they were sent: quote.lines[i].lineIndex points into `sent`. */
export interface Priced {
  sent: CartEntry[];
  result: PricedCart;
}

export interface QuoteState {
  /** The last good quote. It stays while a newer one is on its way, so prices never blank out. */
  priced: Priced | null;
  /** A newer quote is on its way (重新计价中). */
  pending: boolean;
  /** Why the last request failed; shown only when nothing newer is pending. */
  failure: ErrorBody | null;
}

export interface Quote extends QuoteState {
  /**
   * Price `lines` after `delayMs` (a burst of taps sends one request). An empty cart clears the
   * quote without asking. An answer that arrives after a newer request started is dropped, so a
   * slow answer for an old quantity never overwrites the price of the current one.
   */
  requote: (lines: CartEntry[], delayMs?: number) => void;
}

const IDLE: QuoteState = { priced: null, pending: false, failure: null };

/**
 * The one way the cart and checkout ask the server for a price (pricing.quote): the client
 * never computes one. `onRefused` hears every failed answer (the cart uses it to re-check the
 * caller's role on FORBIDDEN).
 */
export function useQuote(onRefused?: (error: ErrorBody) => void): Quote {
  const [state, setState] = useState<QuoteState>(IDLE);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const refusedRef = useRef(onRefused);
  refusedRef.current = onRefused;

  const requote = useCallback((lines: CartEntry[], delayMs = 0) => {
    if (timer.current) clearTimeout(timer.current);
    const mine = ++seq.current;
    if (lines.length === 0) {
      setState(IDLE);
      return;
    }
    setState((s) => (s.pending ? s : { ...s, pending: true }));
    timer.current = setTimeout(() => {
      timer.current = null;
      void call('pricing', 'quote', { lines: lines.map((l) => ({ sku: l.sku, qty: l.qty, unit: l.unit })) }).then((res) => {
        if (mine !== seq.current) return;
        if (res.ok) {
          setState({ priced: { sent: lines, result: res.data }, pending: false, failure: null });
          return;
        }
        setState((s) => ({ ...s, pending: false, failure: res.error }));
        refusedRef.current?.(res.error);
      });
    }, delayMs);
  }, []);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  return { ...state, requote };
}

/**
 * The quoted line for a cart entry, and whether it was priced for another quantity or unit
 * (stale: still shown, dimmed, until the new quote lands).
 */
export function quotedLine(priced: Priced, entry: CartEntry): { line: QuoteLine | null; stale: boolean } {
  const index = priced.sent.findIndex((s) => s.sku === entry.sku);
  if (index < 0) return { line: null, stale: true };
  const sent = priced.sent[index]!;
  const line = priced.result.lines.find((l) => l.kind === 'item' && l.lineIndex === index) ?? null;
  return { line, stale: sent.qty !== entry.qty || sent.unit !== entry.unit };
}
