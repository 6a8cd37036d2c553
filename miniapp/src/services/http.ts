import { currentPersona } from './persona';

/**
 * The local server's function endpoint (LOCAL_CLOUD builds only): `POST /__cloud/call/<fn>` with
 * the chosen persona in `x-local-openid`. ./cloud checks inputs and answers around it; this part
 * has no schemas, so the launch can start a call before the pages' code has loaded.
 */
export async function httpCall(fn: string, data: Record<string, unknown>): Promise<unknown> {
  const res = await fetch(`/__cloud/call/${encodeURIComponent(fn)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-local-openid': currentPersona() },
    body: JSON.stringify(data),
  });
  const text = await res.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON (a proxy's error page, an empty body): the caller's envelope check turns it into INTERNAL.
    return undefined;
  }
}

/**
 * Calls started early (services/launch.ts), by caller, function and body, until a page asks for them.
 * Kept on the window: the launch runs as its own script in index.html (launch.inline.ts), with its
 * own copy of this module, before the app's bundle has arrived.
 */
const early: Map<string, Promise<unknown>> = ((globalThis as { __launchCalls?: Map<string, Promise<unknown>> }).__launchCalls ??= new Map());

const keyOf = (fn: string, data: Record<string, unknown>) =>
  `${currentPersona()}|${fn}|${JSON.stringify(Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1))))}`;

/**
 * The answers of those calls that have come, by the same key: a page that mounts after an answer
 * came can draw it in its first render (no loading render, no wait for a promise's turn).
 */
const answered: Map<string, unknown> = ((globalThis as { __launchAnswers?: Map<string, unknown> }).__launchAnswers ??= new Map());

/** Start a call now; the first identical call (same caller, function and body) gets its answer instead of asking again. */
export function startEarly(fn: string, data: Record<string, unknown>): Promise<unknown> {
  const key = keyOf(fn, data);
  const answer = httpCall(fn, data);
  early.set(key, answer);
  answer.then(
    (a) => {
      if (early.get(key) === answer) answered.set(key, a);
    },
    () => undefined,
  );
  return answer;
}

/** The early call identical to this one, once; undefined when none was started. */
export function takeEarly(fn: string, data: Record<string, unknown>): Promise<unknown> | undefined {
  const key = keyOf(fn, data);
  const answer = early.get(key);
  early.delete(key);
  answered.delete(key);
  return answer;
}

/**
 * The answer of the early call identical to this one if it has come and `accept`s it, taken (as
 * takeEarly takes the call); undefined otherwise, and then the call stays for takeEarly.
 */
export function takeEarlyAnswer(fn: string, data: Record<string, unknown>, accept: (answer: unknown) => boolean): unknown {
  const key = keyOf(fn, data);
  if (!answered.has(key) || !accept(answered.get(key))) return undefined;
  const answer = answered.get(key);
  early.delete(key);
  answered.delete(key);
  return answer;
}
