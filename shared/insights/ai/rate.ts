/**
 * 问渠道's per-user rate limit: at most `limit` questions in any `windowMs` (a sliding window). Each
 * question costs a model call of several rounds; a held-down button or a script must not run up the
 * bill or crowd out the other managers. Pure: the ask action keeps the stamps in a transaction.
 */
export const ASK_WINDOW_MS = 60_000;
export const ASK_PER_MINUTE = 10;

export type AskAllowance = { ok: true; stamps: number[] } | { ok: false; retryAfterSeconds: number; message: string };

/** Whether one more question is allowed at `now` given the earlier ones' times; the stamps to keep when it is. */
export function askAllowance(stamps: ReadonlyArray<number>, now: number, limit = ASK_PER_MINUTE, windowMs = ASK_WINDOW_MS): AskAllowance {
  const recent = stamps.filter((t) => t > now - windowMs && t <= now).sort((a, b) => a - b);
  if (recent.length < limit) return { ok: true, stamps: [...recent, now] };
  // The oldest question in the window leaves it first: one more is allowed then.
  const retryAfterSeconds = Math.max(1, Math.ceil((recent[recent.length - limit]! + windowMs - now) / 1000));
  return { ok: false, retryAfterSeconds, message: `问渠道每分钟最多 ${limit} 个问题，请 ${retryAfterSeconds} 秒后再问` };
}

/** `insight_ask_usage` (_id = users._id): the times of the user's latest questions, within the window. */
export interface AskUsageDoc {
  userId: string;
  stamps: number[];
  updatedAt: number;
}
