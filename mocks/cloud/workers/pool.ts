/**
 * Cloud functions run in worker threads, apart from the thread that serves the database.
 *
 * Why: in CloudBase each invocation runs in an instance of its own, beside the database service;
 * locally every invocation and the database shared one Node thread, so under load (the orders
 * benchmark's 250 submissions/s) a dealer waited for that thread's queue — the functions' CPU
 * (wx-server-sdk building and reading requests, validation, pricing) ahead of every database
 * request. Here the functions' code runs in `size` worker threads and each of their requests
 * crosses to the database thread, which serves it as before (the latency model, the round-trip
 * recorder and the open APIs' permissions stay there: LocalCloud.answer).
 *
 * What is not offered in a worker: a clock given to LocalCloud (functions read their worker's
 * Date.now), cloud.ai(), and jest's module mocks of function code. The benchmarks use it; tests
 * and the dev server run functions in the database thread (LocalCloudOptions.workers unset).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnswerMessage, InvokeMessage, RequestMessage, ResultMessage, ThreadMessage } from './protocol';
import { fromWire, toWire } from './protocol';

/**
 * Each worker's young generation, MB (V8 splits it into semi-spaces of a third each; Node's
 * default is 48, semi-spaces of 16). An invocation's garbage — the SDK's requests and answers as
 * extended JSON, validation, pricing — dies young; with many invocations in flight a small young
 * generation is scavenged so often that collection was a fifth of a worker's CPU in the orders
 * bench and its helper threads most of "other threads". Twice the default cut the CPU per
 * submission of the workers and of the helper threads (README, orders). A CloudBase instance
 * has memory of its own (256 MB by default); this is the local simulation's tuning, not the
 * functions' behaviour.
 */
const YOUNG_GENERATION_MB = 96;

/** How the database thread serves one request of an invocation (params as the SDK's requester got them). */
export type Serve = (id: number, depth: number, params: RequestMessage['params']) => Promise<unknown>;

interface Slot {
  worker: Worker;
  /** Invocations running in it now: a new one goes to the least busy worker. */
  running: number;
  /** Answers not yet sent: sent together when the code running now has run (workers/entry.ts send: why not a turn later). */
  outbox: AnswerMessage[];
}

export class FunctionPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { slot: Slot; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private seq = 0;

  constructor(
    size: number,
    private readonly serve: Serve,
  ) {
    // The worker loads TypeScript through tsx (a dev dependency), as `npm run bench` does.
    const entry = path.join(__dirname, 'entry.ts');
    const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
    for (let i = 0; i < size; i++) {
      const worker = new Worker(code, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
      const slot: Slot = { worker, running: 0, outbox: [] };
      worker.on('message', (batch: Array<RequestMessage | ResultMessage | ThreadMessage>) => {
        for (const m of batch) this.onMessage(slot, m);
      });
      worker.on('error', (e) => this.failAll(slot, e));
      this.slots.push(slot);
    }
  }

  /** Run `file`'s main in a worker; the answer is the function's result as JSON (undefined stays undefined). */
  run(file: string, event: unknown, context: Record<string, unknown>, vars: Record<string, string>): { id: number; result: Promise<unknown> } {
    const id = ++this.seq;
    const slot = this.slots.reduce((a, b) => (b.running < a.running ? b : a));
    slot.running++;
    const result = new Promise<unknown>((resolve, reject) => this.pending.set(id, { slot, resolve, reject }));
    slot.worker.postMessage([{ type: 'invoke', id, file, event, context, vars } satisfies InvokeMessage]);
    return { id, result };
  }

  private onMessage(slot: Slot, m: RequestMessage | ResultMessage | ThreadMessage): void {
    if (m.type === 'thread') {
      this.threadIds.push(m.tid);
      return;
    }
    if (m.type === 'request') {
      this.serve(m.id, m.depth, m.params).then(
        (answer) => this.send(slot, { type: 'answer', req: m.req, answer }),
        (e: unknown) => this.send(slot, { type: 'answer', req: m.req, error: toWire(e) }),
      );
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    slot.running--;
    if (m.error) p.reject(fromWire(m.error));
    else p.resolve(m.json ? (JSON.parse(m.json) as unknown) : undefined);
  }

  private send(slot: Slot, m: AnswerMessage): void {
    if (slot.outbox.push(m) > 1) return;
    queueMicrotask(() => slot.worker.postMessage(slot.outbox.splice(0)));
  }

  private failAll(slot: Slot, e: Error): void {
    for (const [id, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(id);
      p.reject(e);
    }
  }

  /** The workers' Linux thread ids, as they told them (none elsewhere): the benchmarks read each one's CPU. */
  readonly threadIds: number[] = [];

  /** CPU share of each worker's event loop since it started (performance.eventLoopUtilization). */
  utilization(): number[] {
    return this.slots.map((s) => s.worker.performance.eventLoopUtilization().utilization);
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
