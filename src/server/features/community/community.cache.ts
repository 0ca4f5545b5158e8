// Read-through caches for the community's hot pages (a thread page, a forum page, the
// forum list). What is cached is the data of a page, not its answer: each request still
// adds what depends on the reader (liked, mine, editable). A write in this process drops
// the entries it affects at once and announces it on the bus, so other processes drop
// theirs too; a short lifetime bounds what any missed announcement could leave stale.
import type { Bus } from '../../platform/realtime/bus.ts';

const CHANNEL = 'community:invalidate';

export class PageCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly max: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    // Most recently used last, so the oldest is evicted first.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.max) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
  }

  dropPrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

export interface Invalidation {
  threadId?: string;
  forumId?: string;
}

export class CommunityCaches {
  readonly threads = new PageCache<unknown>(2000, 10_000);
  readonly forums = new PageCache<unknown>(1000, 10_000);

  constructor(private readonly bus: Bus | null) {
    if (bus) void bus.subscribe(CHANNEL, (message) => this.drop(message as Invalidation)).catch(() => undefined);
  }

  private drop({ threadId, forumId }: Invalidation): void {
    if (threadId) this.threads.dropPrefix(`${threadId}:`);
    // Any change to a forum's threads changes its pages, its counts and the forum list.
    if (forumId) this.forums.clear();
  }

  /** Drops what a write affected, here and (through the bus) in every other process. */
  invalidate(change: Invalidation): void {
    this.drop(change);
    if (this.bus) void this.bus.publish(CHANNEL, change).catch(() => undefined);
  }
}
