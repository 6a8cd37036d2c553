/**
 * The messages between the local cloud's database thread and a worker thread that runs functions
 * (pool.ts, entry.ts). Each postMessage carries an array of them: those of one turn of the event
 * loop, since a message costs far more than its size.
 */

/** Database thread → worker: run `file`'s main with this event, as this caller. */
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  file: string;
  event: unknown;
  context: Record<string, unknown>;
  /** The invocation's environment (context.ts invocationEnv): getWXContext() reads it. */
  vars: Record<string, string>;
}

/** Database thread → worker: the answer to a request of an invocation. */
export interface AnswerMessage {
  type: 'answer';
  req: number;
  answer?: unknown;
  error?: WireError;
}

/** Worker → database thread: a request the SDK sent (its requester's params), for invocation `id`. */
export interface RequestMessage {
  type: 'request';
  id: number;
  req: number;
  /** One more than the deepest request of the invocation answered when this one was sent (LocalCloud's recorder). */
  depth: number;
  params: Record<string, unknown> & { action: string };
}

/** Worker → database thread: what the invocation answered, as JSON text ('' for undefined), or what it threw. */
export interface ResultMessage {
  type: 'result';
  id: number;
  json?: string;
  error?: WireError;
}

/** Worker → database thread, once at start: the worker's thread id on Linux (/proc/thread-self), for the benchmarks' CPU split. */
export interface ThreadMessage {
  type: 'thread';
  tid: number;
}

export interface WireError {
  message: string;
  stack?: string;
  code?: unknown;
}

export function toWire(e: unknown): WireError {
  const err = e as { message?: unknown; stack?: unknown; code?: unknown };
  return { message: String(err?.message ?? e), stack: typeof err?.stack === 'string' ? err.stack : undefined, code: err?.code };
}

export function fromWire(w: WireError): Error {
  const e = new Error(w.message);
  if (w.stack) e.stack = w.stack;
  if (w.code !== undefined) Object.assign(e, { code: w.code });
  return e;
}
