// The unit of work: one transaction per piece of work, found through AsyncLocalStorage
// instead of being passed from function to function.
//
// - `db.q` is the executor to query with: the transaction this call runs inside (opened on
//   this database), else the root handle. Stores take every query from it, so a store called
//   inside a transaction takes part in it without being told. On SQLite there is one
//   connection: a query made outside the open transaction would wait for it forever; with
//   the unit of work there is no "outside" to forget about.
// - `db.transaction(fn)` opens a transaction, or joins the one in scope (no savepoints: an
//   inner failure that the outer code catches does not undo the inner writes, as before).
// - `db.afterCommit(fn)` registers an effect that must follow a commit (bus events,
//   notifications, outbound calls). Effects run in registration order once the outermost
//   transaction commits, before `transaction()` resolves; a rollback drops them unrun. An
//   effect's failure is logged and does not fail the work, which has committed. Outside a
//   transaction the effect runs at once and the returned promise settles when it is done,
//   so callers can always write `await db.afterCommit(…)`.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DialectName, Db, Tx } from './db.ts';

interface Unit {
  owner: Database;
  trx: Tx;
  effects: Array<() => unknown>;
  /** Set once the transaction has committed or rolled back: a callback that outlives it
   * (a timer started inside) queries the root again instead of a finished transaction. */
  done: boolean;
}

const scope = new AsyncLocalStorage<Unit>();

export type EffectErrorLogger = (error: unknown) => void;

export class Database {
  private logEffectError: EffectErrorLogger = (error) => console.error('after-commit effect failed', error);

  constructor(
    /** The root handle. Prefer `q`; the root is for work that must not join a transaction
     * in scope (migrations, the CLI) and for tests that read tables directly. */
    readonly root: Db,
    readonly dialect: DialectName,
  ) {}

  /** Where failed after-commit effects are reported (the app's logger). */
  onEffectError(log: EffectErrorLogger): void {
    this.logEffectError = log;
  }

  private current(): Unit | undefined {
    const unit = scope.getStore();
    return unit && unit.owner === this && !unit.done ? unit : undefined;
  }

  /** The executor for the next query: the transaction in scope, else the root. */
  get q(): Db | Tx {
    return this.current()?.trx ?? this.root;
  }

  /** `q` typed with a feature's tables: what a store queries. */
  withTables<T extends Record<string, Record<string, any>>>() {
    return this.q.withTables<T>();
  }

  /** So raw `sql`…`.execute(db)` runs on the transaction in scope too. */
  getExecutor() {
    return this.q.getExecutor();
  }

  get inTransaction(): boolean {
    return this.current() !== undefined;
  }

  /** Runs `fn` in a transaction: the one in scope, or a new one committed when `fn`
   * resolves and rolled back when it throws. After-commit effects run after the commit. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.current()) return fn();
    const effects: Array<() => unknown> = [];
    let unit: Unit | undefined;
    try {
      const result = await this.root.transaction().execute((trx) => {
        unit = { owner: this, trx, effects, done: false };
        return scope.run(unit, fn);
      });
      if (unit) unit.done = true;
      // The effects run in no unit: one that writes opens its own transaction.
      await scope.run(undefined as unknown as Unit, () => this.runEffects(effects));
      return result;
    } finally {
      if (unit) unit.done = true;
    }
  }

  /** Registers an effect to run after the transaction in scope commits (dropped if it
   * rolls back); outside a transaction it runs now. */
  async afterCommit(effect: () => unknown): Promise<void> {
    const unit = this.current();
    if (unit) {
      unit.effects.push(effect);
      return;
    }
    await this.runEffects([effect]);
  }

  /** Runs `fn` outside any transaction in scope, e.g. work started now that finishes later
   * (a batch writer) and must open its own transaction rather than join the caller's. */
  detached<T>(fn: () => T): T {
    return scope.run(undefined as unknown as Unit, fn);
  }

  private async runEffects(effects: Array<() => unknown>): Promise<void> {
    for (const effect of effects) {
      try {
        await effect();
      } catch (error) {
        this.logEffectError(error);
      }
    }
  }
}
