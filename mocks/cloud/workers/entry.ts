/**
 * A worker thread of the local cloud's function pool (pool.ts): runs cloud functions as the
 * cloud's instances do, apart from the thread that serves the database. wx-server-sdk runs here
 * unchanged; its requester sends each request to the database thread and waits for the answer,
 * as it would wait for CloudBase across the network.
 */
import fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { currentInvocationEnv, installEnvOverlay, runAs } from '../context';
import { guardRequestCore, SDK_GATEWAY_REQUESTER, SDK_REQUESTER, SDK_UTILS } from '../sdk-paths';
import type { AnswerMessage, InvokeMessage, RequestMessage, ResultMessage, ThreadMessage } from './protocol';
import { fromWire, toWire } from './protocol';

type Main = (event: unknown, context: unknown) => Promise<unknown>;

const port = parentPort!;
/**
 * Each invocation in progress by its environment (context.ts runAs: a fresh object per invocation):
 * its id, and the deepest of its requests answered so far. Found through the environment's async
 * context rather than one of its own: every promise pays each async context's hooks.
 */
const invocations = new WeakMap<object, { id: number; done: number }>();
const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
const mains = new Map<string, Main>();
let reqSeq = 0;
/**
 * Messages not yet sent: sent together when the code running now has run (a message costs far
 * more than its size, and the requests of one Promise.all are sent in one go). Not held for the
 * next turn of the event loop: that turn first ran every other invocation's answers that had
 * arrived, so a request waited for all of them (about 5 ms a round at 250 submissions/s, in the
 * orders bench's modelled run).
 */
const outbox: Array<RequestMessage | ResultMessage | ThreadMessage> = [];

function send(m: RequestMessage | ResultMessage | ThreadMessage): void {
  if (outbox.push(m) > 1) return;
  queueMicrotask(() => port.postMessage(outbox.splice(0)));
}

installEnvOverlay();
guardRequestCore();
try {
  // Linux names this thread "<pid>/task/<tid>": the benchmarks read its CPU from /proc.
  send({ type: 'thread', tid: Number(fs.readlinkSync('/proc/thread-self').split('/').pop()) });
} catch {
  // Elsewhere there is no per-thread CPU to read.
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const utils = require(SDK_UTILS) as { processReturn: (r: unknown) => unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const requester = require(SDK_REQUESTER) as { request: (args: { params: RequestMessage['params'] }) => Promise<unknown> };
requester.request = async ({ params }) => {
  const vars = currentInvocationEnv();
  const inv = vars && invocations.get(vars);
  if (inv === undefined) throw new Error('local cloud worker: a cloud request outside an invocation');
  const req = ++reqSeq;
  const depth = inv.done + 1;
  const answer = await new Promise<unknown>((resolve, reject) => {
    waiting.set(req, { resolve, reject });
    send({ type: 'request', id: inv.id, req, depth, params });
  });
  if (depth > inv.done) inv.done = depth;
  // A Buffer (an open-API reply) crosses the thread as a Uint8Array.
  if (answer instanceof Uint8Array && !Buffer.isBuffer(answer)) return Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength);
  if (answer && typeof answer === 'object' && (answer as { code?: unknown }).code) return utils.processReturn(answer);
  return answer;
};
// cloud.ai()'s replies may be streams, which do not cross threads: not offered in the pool.
// eslint-disable-next-line @typescript-eslint/no-require-imports
(require(SDK_GATEWAY_REQUESTER) as { request: unknown }).request = () =>
  Promise.reject(new Error('local cloud: cloud.ai() is not available to functions run in worker threads (LocalCloudOptions.workers)'));

function load(file: string): Main {
  let main = mains.get(file);
  if (!main) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { main?: Main };
    if (typeof mod.main !== 'function') throw new Error(`cloud function ${file} exports no main`);
    mains.set(file, (main = mod.main));
  }
  return main;
}

async function run(m: InvokeMessage): Promise<void> {
  let out: ResultMessage;
  try {
    const main = load(m.file);
    invocations.set(m.vars, { id: m.id, done: 0 });
    const result = await runAs(m.vars, () => main(m.event, m.context));
    out = { type: 'result', id: m.id, json: result === undefined ? '' : JSON.stringify(result) };
  } catch (e) {
    out = { type: 'result', id: m.id, error: toWire(e) };
  }
  send(out);
}

port.on('message', (batch: Array<InvokeMessage | AnswerMessage>) => {
  for (const m of batch) {
    if (m.type === 'invoke') {
      void run(m);
      continue;
    }
    const w = waiting.get(m.req);
    if (!w) continue;
    waiting.delete(m.req);
    if (m.error) w.reject(fromWire(m.error));
    else w.resolve(m.answer);
  }
});
