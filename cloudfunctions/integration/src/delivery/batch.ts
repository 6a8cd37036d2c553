import { setImmediate } from 'node:timers';
import type { OutboxEventDoc } from '@shared/documents';
import type { WebhookDeliveryDoc } from '@shared/integration/webhooks';
import type { Db, Stored } from '../../../_kit/db';
import { isDuplicateKey } from '../../../_kit/sdk';

type Delivery = Stored<WebhookDeliveryDoc>;

/** At most this many documents per coalesced request (a where-in list stays short). */
const MAX_BATCH = 100;

/**
 * Calls made in one turn of the event loop, sent as one request when the turn ends (setImmediate:
 * no wait is added). A warm instance runs many kicks at once, each with a delivery or two: their
 * inserts, dispatched marks and delivered outcomes become one request each instead of one per
 * event. Each caller still gets its own answer, or the request's failure.
 */
class Coalescer<T, R> {
  private queue: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];

  constructor(private readonly flush: (items: T[]) => Promise<R[]>) {}

  push(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => this.run());
      this.queue.push({ item, resolve, reject });
    });
  }

  private run(): void {
    const waiting = this.queue.splice(0);
    for (let i = 0; i < waiting.length; i += MAX_BATCH) {
      const part = waiting.slice(i, i + MAX_BATCH);
      this.flush(part.map((p) => p.item)).then(
        (out) => part.forEach((p, j) => p.resolve(out[j]!)),
        (e: unknown) => part.forEach((p) => p.reject(e)),
      );
    }
  }
}

/** The fields a delivered outcome writes besides the fence (see run.ts settle). */
export interface DeliveredPatch {
  attempts: number;
  delays: number[];
  lastStatus: number;
  deliveredAt: number;
}

/** One instance's coalesced delivery writes against one database. */
export class DeliveryWrites {
  private readonly inserts: Coalescer<Delivery, boolean>;
  private readonly marks: Coalescer<string, void>;
  private readonly delivered: Coalescer<{ d: Delivery; patch: DeliveredPatch }, void>;

  constructor(private readonly db: Db) {
    this.inserts = new Coalescer((docs) => this.insertAll(docs));
    this.marks = new Coalescer<string, void>(async (ids) => {
      await db.updateWhere('outbox', { _id: db.command['in']!([...new Set(ids)]), dispatched: false }, { dispatched: true } satisfies Partial<OutboxEventDoc>);
      return ids.map(() => undefined);
    });
    this.delivered = new Coalescer<{ d: Delivery; patch: DeliveredPatch }, void>((items) => this.deliverAll(items));
  }

  /** Insert new deliveries; answers those this worker inserted (a concurrent planner's copies are its own). */
  async insert(docs: readonly Delivery[]): Promise<Delivery[]> {
    const mine = await Promise.all(docs.map((d) => this.inserts.push(d)));
    return docs.filter((_, i) => mine[i]);
  }

  /** Mark events dispatched (only those still undispatched). */
  async mark(eventIds: readonly string[]): Promise<void> {
    await Promise.all(eventIds.map((id) => this.marks.push(id)));
  }

  /** Write a delivered outcome while the claim is still the worker's (its claim count unchanged). */
  settleDelivered(d: Delivery, patch: DeliveredPatch): Promise<void> {
    return this.delivered.push({ d, patch });
  }

  private async insertAll(docs: Delivery[]): Promise<boolean[]> {
    try {
      await this.db.addMany('webhook_deliveries', docs);
      return docs.map(() => true);
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
    // Some exist already (another planner, a repeated kick): one at a time, each answered for itself.
    return Promise.all(
      docs.map((d) =>
        this.db.add('webhook_deliveries', d).then(
          () => true,
          (e: unknown) => {
            if (isDuplicateKey(e)) return false;
            throw e;
          },
        ),
      ),
    );
  }

  /** Outcomes with the same fence and fields go as one conditional update; deliveredAt is the group's latest. */
  private async deliverAll(items: Array<{ d: Delivery; patch: DeliveredPatch }>): Promise<void[]> {
    const groups = new Map<string, Array<{ d: Delivery; patch: DeliveredPatch }>>();
    for (const it of items) {
      const key = JSON.stringify([it.d.claims, it.patch.attempts, it.patch.delays, it.patch.lastStatus]);
      const group = groups.get(key);
      if (group) group.push(it);
      else groups.set(key, [it]);
    }
    const _ = this.db.command;
    await Promise.all(
      [...groups.values()].map((group) => {
        const { d, patch } = group[0]!;
        const at = Math.max(...group.map((g) => g.patch.deliveredAt));
        return this.db.updateWhere(
          'webhook_deliveries',
          { _id: _['in']!(group.map((g) => g.d._id)), claims: d.claims, status: 'sending' },
          {
            status: 'delivered',
            lockedUntil: 0,
            lastStatus: patch.lastStatus,
            lastError: null,
            deliveredAt: at,
            updatedAt: at,
            attempts: patch.attempts,
            delays: patch.delays,
          },
        );
      }),
    );
    return items.map(() => undefined);
  }
}

const writers = new WeakMap<Db, DeliveryWrites>();

/** The coalesced writes of a database handle (the kick keeps one per instance, so its kicks share them). */
export function writesOf(db: Db): DeliveryWrites {
  let w = writers.get(db);
  if (!w) writers.set(db, (w = new DeliveryWrites(db)));
  return w;
}
