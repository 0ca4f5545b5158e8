// Group commit: messages posted at the same time are stored together, in one transaction,
// and each request is answered only after the transaction that holds its message commits.
// While a batch is being written the next one gathers; a batch is written as soon as the
// previous one is done (no timer, so a lone message waits for nothing). If a batch fails as
// a whole (a racing resend in another process, a serialisation failure), each of its
// messages is stored on its own with the one-message path, so one bad message fails alone.
import type { Database } from '../../platform/db/unit-of-work.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import type { BatchOutcome, MessageRow, MessagingStore } from './messaging.store.ts';

export type NewMessage = Omit<MessageRow, 'id' | 'seq' | 'createdAt'> & { id: string };
export interface Stored {
  row: MessageRow;
  /** False when the message was already stored (a resend): it is not announced again. */
  fresh: boolean;
}

interface Waiting {
  message: NewMessage;
  resolve(stored: Stored): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 256;

export class GroupCommit {
  private queue: Waiting[] = [];
  private writing = false;
  /** Batches written, messages in them, the largest batch, and batches that fell back to one at a time. */
  readonly stats = { batches: 0, messages: 0, largest: 0, fallbacks: 0 };

  constructor(
    private readonly deps: {
      db: Database;
      store: MessagingStore;
      postgres: boolean;
      now: () => string;
      /** The one-message path, for a batch that failed as a whole. */
      single: (message: NewMessage) => Promise<Stored>;
    },
  ) {}

  submit(message: NewMessage): Promise<Stored> {
    return new Promise<Stored>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      // setImmediate: requests read in the same turn of the event loop join one batch.
      if (!this.writing) {
        this.writing = true;
        // Detached: the batch opens its own transaction, never the caller's (a submitter
        // inside a transaction would otherwise lend it to every message in the batch).
        setImmediate(() => void this.deps.db.detached(() => this.drain()));
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_BATCH);
        await this.write(batch);
      }
    } finally {
      this.writing = false;
    }
  }

  private async write(batch: Waiting[]): Promise<void> {
    let outcomes: BatchOutcome[];
    try {
      const now = this.deps.now();
      outcomes = await this.deps.db.transaction(() =>
        this.deps.store.insertBatch(
          batch.map((w) => w.message),
          now,
          this.deps.postgres,
        ),
      );
      this.stats.batches++;
      this.stats.messages += batch.length;
      this.stats.largest = Math.max(this.stats.largest, batch.length);
    } catch {
      this.stats.fallbacks++;
      for (const waiting of batch) await this.deps.single(waiting.message).then(waiting.resolve, waiting.reject);
      return;
    }
    batch.forEach((waiting, i) => {
      const outcome = outcomes[i]!;
      if (outcome.outcome === 'stored') waiting.resolve({ row: outcome.row, fresh: outcome.fresh });
      else if (outcome.outcome === 'missing') waiting.reject(notFound('This conversation'));
      else waiting.reject(conflict('conversation_closed', 'This conversation is closed; it can be read but not written in.'));
    });
  }
}
