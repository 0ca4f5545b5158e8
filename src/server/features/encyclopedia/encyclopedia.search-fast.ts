// Search's fast path: the database's index (encyclopedia.search-sqlite.ts or -postgres.ts)
// stays the source of truth and takes every write; reads are answered from an in-memory copy
// (encyclopedia.search-memory.ts) while that copy is known to be current, and from the
// database otherwise. Current means: built from the database at the version stamp that
// every index write raises in its transaction (table encyclopedia_search_version), with no
// change heard since. A change in this process or, through the bus, in another one marks
// the copy stale at once; a process that missed an event notices within a second, because
// a search re-reads the stamp when it last read it more than a second ago. A stale copy is
// rebuilt in the background on the next search; meanwhile the database answers.
import { sql } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import type { SearchDocument, SearchHits, SearchIndex, SearchQuery } from './encyclopedia.search.ts';
import { MemorySearchIndex, type MemoryIndexStats } from './encyclopedia.search-memory.ts';

const STAMP_TTL_MS = 1000;

/** Raises the version stamp; called by each dialect's upsert inside its transaction. */
export async function bumpSearchVersion(db: Database): Promise<void> {
  await sql`update encyclopedia_search_version set version = version + 1 where id = 1`.execute(db);
}

async function readSearchVersion(db: Database): Promise<number> {
  const row = await sql<{ version: number }>`select version from encyclopedia_search_version where id = 1`.execute(db);
  return Number(row.rows[0]?.version ?? 0);
}

export class FastSearchIndex implements SearchIndex {
  private memory: MemorySearchIndex | null = null;
  private version = -1;
  private stale = true;
  private checkedAt = 0;
  private building: Promise<void> | null = null;
  private checking: Promise<void> | null = null;
  /** Changes heard so far: a build that overlapped one is thrown away. */
  private changes = 0;
  /** Builds that finished, and searches answered from each side: for tests and the benchmark. */
  builds = 0;
  readonly served = { memory: 0, database: 0 };

  constructor(
    private readonly db: Database,
    private readonly database: SearchIndex,
    /** LOTUS_SEARCH_INDEX=off keeps every search on the database. */
    public enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  upsert(documents: SearchDocument[]): Promise<void> {
    return this.database.upsert(documents);
  }

  /** The encyclopedia changed (here, or in another process through the bus). */
  invalidate(): void {
    this.changes += 1;
    this.stale = true;
  }

  /** The in-memory copy when it is current; otherwise null, and a rebuild starts. */
  private async current(): Promise<MemorySearchIndex | null> {
    if (!this.enabled) return null;
    if (this.memory && !this.stale && this.now() - this.checkedAt >= STAMP_TTL_MS) {
      // One read of the stamp however many searches arrive meanwhile.
      this.checking ??= this.check().finally(() => {
        this.checking = null;
      });
      await this.checking;
    }
    if (this.memory && !this.stale) return this.memory;
    this.rebuild();
    return null;
  }

  private async check(): Promise<void> {
    const changes = this.changes;
    const version = await readSearchVersion(this.db).catch(() => -1);
    if (version === this.version && changes === this.changes) this.checkedAt = this.now();
    else this.stale = true;
  }

  private rebuild(): void {
    if (this.building) return;
    // Detached: the rebuild reads committed rows, never the transaction of the request that started it.
    this.building = this.db.detached(() => this.build())
      .catch(() => undefined)
      .finally(() => {
        this.building = null;
      });
  }

  private async build(): Promise<void> {
    const changes = this.changes;
    const before = await readSearchVersion(this.db);
    const memory = await MemorySearchIndex.build(this.db);
    const after = await readSearchVersion(this.db);
    // Written to while it was read: it may mix two versions, so it is not used.
    if (before !== after || changes !== this.changes) return;
    this.memory = memory;
    this.version = after;
    this.stale = false;
    this.checkedAt = this.now();
    this.builds += 1;
  }

  /** Builds the in-memory copy now if it is not current (the benchmark, tests, and start-up warm it this way). */
  async ready(): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt++) {
      if ((await this.current()) !== null) return true;
      if (!this.enabled) return false;
      while (this.building) await this.building;
    }
    return (await this.current()) !== null;
  }

  /** How big the in-memory copy is, when there is one. */
  stats(): MemoryIndexStats | null {
    return this.memory?.stats ?? null;
  }

  async search(query: SearchQuery): Promise<SearchHits> {
    const memory = await this.current();
    if (memory) {
      this.served.memory += 1;
      return memory.search(query);
    }
    this.served.database += 1;
    return this.database.search(query);
  }

  /** Entries whose title or term is exactly the query, from memory when current; otherwise `fromDatabase`. */
  async exact(
    titleSort: string,
    key: string,
    filter: { category?: string; lang?: string; reader?: string },
    fromDatabase: () => Promise<string[]>,
  ): Promise<string[]> {
    const memory = await this.current();
    return memory ? memory.exact(titleSort, key, filter) : fromDatabase();
  }
}
