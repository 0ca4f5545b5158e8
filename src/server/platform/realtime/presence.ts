// Who has a socket open right now, so a notification for a new message goes out only to
// people who would not see it. Counted per process; with Redis each process also keeps a
// field per user (its node id → until when) refreshed by the hub's heartbeat, so every
// process sees sockets held by the others, and a crashed process's entries run out.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

const TTL_MS = 90_000;

/** Where a failed Redis write is reported; presence then falls back to what this process sees. */
export interface PresenceLog {
  warn(details: object, message: string): void;
}

export class Presence {
  private readonly local = new Map<string, number>();
  private readonly node = randomUUID();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: Redis | null,
    private readonly log: PresenceLog = { warn: () => undefined },
  ) {
    if (redis) this.timer = setInterval(() => void this.refresh().catch((error: unknown) => this.failed('refresh', error)), 30_000).unref();
  }

  private failed(what: string, error: unknown): void {
    this.log.warn({ err: error, node: this.node }, `presence: Redis ${what} failed; other processes may not see this one's sockets until the next refresh`);
  }

  connected(userId: string): void {
    this.local.set(userId, (this.local.get(userId) ?? 0) + 1);
    if (this.redis) void this.redis.hset(`lotus:presence:${userId}`, this.node, String(Date.now() + TTL_MS)).catch((error: unknown) => this.failed('connect', error));
  }

  disconnected(userId: string): void {
    const left = (this.local.get(userId) ?? 1) - 1;
    if (left > 0) {
      this.local.set(userId, left);
      return;
    }
    this.local.delete(userId);
    if (this.redis) void this.redis.hdel(`lotus:presence:${userId}`, this.node).catch((error: unknown) => this.failed('disconnect', error));
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
