/** What kind of anomaly an alert is, in words (a kind added later reads as 异常 until named here). */
const KIND_LABELS: Record<string, string> = {
  order_spike: '大额订单',
  dealer_churn: '经销商流失',
  off_region: '疑似窜货',
  region_sku_spike: '销量激增',
  region_sku_collapse: '销量骤降',
  payment_delay: '回款逾期',
};
export const kindLabel = (kind: string) => KIND_LABELS[kind] ?? '异常';

/** An instant as a Shanghai calendar day, '2026年9月11日'. */
export function dayText(at: number): string {
  const d = new Date(at + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
