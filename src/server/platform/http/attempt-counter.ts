// Counts events per key in a fixed window (failed sign-ins per login, posts per new
// account). In memory on one process; in Redis when REDIS_URL is set, so that several
// processes share one count.
import type { Redis } from 'ioredis';

export interface AttemptCounter {
  /** Adds one and returns the count in the current window. */
  hit(key: string, windowSeconds: number): Promise<number>;
  count(key: string): Promise<number>;
  reset(key: string): Promise<void>;
  /** Seconds until the key's window ends (0 when it has none). */
  retryAfter(key: string): Promise<number>;
}

export class MemoryAttemptCounter implements AttemptCounter {
  private readonly entries = new Map<string, { count: number; resetAt: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  private live(key: string) {
    const entry = this.entries.get(key);
    if (entry && entry.resetAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
  async hit(key: string, windowSeconds: number): Promise<number> {
    const entry = this.live(key) ?? { count: 0, resetAt: this.now() + windowSeconds * 1000 };
    entry.count += 1;
    this.entries.set(key, entry);
    if (this.entries.size > 100_000) this.sweep();
    return entry.count;
  }
  async count(key: string): Promise<number> {
    return this.live(key)?.count ?? 0;
  }
  async reset(key: string): Promise<void> {
    this.entries.delete(key);
  }
  async retryAfter(key: string): Promise<number> {
    const entry = this.live(key);
    return entry ? Math.ceil((entry.resetAt - this.now()) / 1000) : 0;
  }
  private sweep() {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.resetAt <= now) this.entries.delete(key);
  }
}

export class RedisAttemptCounter implements AttemptCounter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'lotus:attempts:',
  ) {}
  async hit(key: string, windowSeconds: number): Promise<number> {
    const k = this.prefix + key;
    const [[, count]] = (await this.redis.multi().incr(k).expire(k, windowSeconds, 'NX').exec()) as [[unknown, number]];
    return count;
  }
  async count(key: string): Promise<number> {
    return Number((await this.redis.get(this.prefix + key)) ?? 0);
  }
  async reset(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }
  async retryAfter(key: string): Promise<number> {
    return Math.max(0, await this.redis.ttl(this.prefix + key));
  }
}
