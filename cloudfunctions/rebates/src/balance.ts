import type { Db } from '../../_kit/db';

/**
 * The balance: the account's cached sum of the ledger, which bookWallet keeps in step in the same
 * transaction as every entry (the ledger sum, walletBalance of the entries, is what it caches).
 */
export async function balanceOf(db: Db, dealerId: string): Promise<number> {
  return (await db.getById<{ rebateBalance: number }>('accounts', dealerId))?.rebateBalance ?? 0;
}
