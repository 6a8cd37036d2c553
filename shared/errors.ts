/**
 * The closed list of error codes every cloud function may answer with.
 * A code is a stable contract with the mini-program: add codes, never rename them.
 */
export const ERROR_CODES = [
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'OUT_OF_STOCK',
  'CREDIT_LIMIT_EXCEEDED',
  'MOQ_NOT_MET',
  'RATE_LIMITED',
  /** The caller's dealer is suspended (dealers.setOrdering): ordering is refused until the brand resumes it. */
  'DEALER_SUSPENDED',
  /** A first-tier's sub-dealer price outside the brand's bounds (tier.setPrice); the message names the range. */
  'PRICE_OUT_OF_BOUNDS',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** Default Chinese messages: what went wrong and what to do about it. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '提交的内容有误，请检查后重试',
  UNAUTHENTICATED: '尚未登记身份，请联系品牌方开通账号',
  FORBIDDEN: '当前身份无权进行此操作',
  NOT_FOUND: '要找的记录不存在或已被删除',
  CONFLICT: '记录状态已变化，请刷新后重试',
  OUT_OF_STOCK: '库存不足，请减少数量或换一个商品',
  CREDIT_LIMIT_EXCEEDED: '信用额度不足，请先回款或减少下单金额',
  MOQ_NOT_MET: '未达到起订量，请增加数量',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  DEALER_SUSPENDED: '所属经销商已暂停下单，请联系渠道经理',
  PRICE_OUT_OF_BOUNDS: '价格超出品牌方设定的范围，请调整',
  INTERNAL: '系统繁忙，请稍后重试；如持续出现请联系品牌方',
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
