import type { StepRunner } from './context';

/** The final statement's last figure, the receivable still owed after the wallet step; the runner writes the statement. */
export const statement: StepRunner = async ({ db, doc }) => {
  const acc = await db.getById('accounts', doc.dealerId);
  return { done: true, result: { receivable: acc?.receivable ?? 0, creditReserved: acc?.creditReserved ?? 0 } };
};
