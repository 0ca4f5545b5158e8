// Who has a socket open right now, so a notification for a new message goes out only to
// people who would not see it. Counted per process; with Redis each process also keeps a
// field per user (its node id → until when) refreshed by the hub's heartbeat, so every
// process sees sockets held by the others, and a crashed process's entries run out.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const TTL_MS = 90_000;

export class Presence {
  private readonly local = new Map<string, number>();
  private readonly node = randomUUID();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly redis: Redis | null) {
    if (redis) this.timer = setInterval(() => void this.refresh().catch(() => undefined), 30_000).unref();
  }

  connected(userId: string): void {
    this.local.set(userId, (this.local.get(userId) ?? 0) + 1);
    if (this.redis) void this.redis.hset(`lotus:presence:${userId}`, this.node, String(Date.now() + TTL_MS)).catch(() => undefined);
  }

  disconnected(userId: string): void {
    const left = (this.local.get(userId) ?? 1) - 1;
    if (left > 0) {
      this.local.set(userId, left);
      return;
    }
    this.local.delete(userId);
    if (this.redis) void this.redis.hdel(`lotus:presence:${userId}`, this.node).catch(() => undefined);
  }

  async isOnline(userId: string): Promise<boolean> {
    if (this.local.has(userId)) return true;
    if (!this.redis) return false;
    const fields = await this.redis.hgetall(`lotus:presence:${userId}`).catch(() => ({}) as Record<string, string>);
    const now = Date.now();
    return Object.values(fields).some((until) => Number(until) > now);
  }

  private async refresh(): Promise<void> {
    if (!this.redis) return;
    const until = String(Date.now() + TTL_MS);
    for (const userId of this.local.keys()) await this.redis.hset(`lotus:presence:${userId}`, this.node, until);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
