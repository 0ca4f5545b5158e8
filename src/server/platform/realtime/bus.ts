// The event bus carries realtime events (new messages, typing, status changes) and notices
// between server processes. In-process by default; Redis pub/sub when REDIS_URL is set, so a
// patient connected to one process and a doctor connected to another see each other.
// Each channel has a schema (channels.ts, and the shared realtime contract): publishing a
// message that does not fit throws; a received one that does not fit is dropped and logged.
import { EventEmitter } from 'node:events';
import { Redis } from 'ioredis';
import { refusalOf, type Channel, type MessageOn } from './channels.ts';

export type BusHandler<M = unknown> = (message: M) => void;

/** Where a dropped message is reported. */
export interface BusLog {
  warn(details: object, message: string): void;
}

export interface Bus {
  publish<C extends Channel>(channel: C, message: MessageOn<C>): Promise<void>;
  /** Returns a function that unsubscribes. */
  subscribe<C extends Channel>(channel: C, handler: BusHandler<MessageOn<C>>): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const silent: BusLog = { warn: () => undefined };

function checkOutgoing(channel: string, message: unknown): void {
  const refusal = refusalOf(channel, message);
  if (refusal) throw new Error(`bus: refused to publish a message that ${refusal}`);
}

/** Whether a received message may be handed on; a bad one is logged once here. */
function acceptIncoming(log: BusLog, channel: string, message: unknown): boolean {
  const refusal = refusalOf(channel, message);
  if (!refusal) return true;
  log.warn({ channel, refusal }, 'bus: dropped a received message that does not fit its channel');
  return false;
}

export class LocalBus implements Bus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  constructor(private readonly log: BusLog = silent) {}
  async publish<C extends Channel>(channel: C, message: MessageOn<C>): Promise<void> {
    checkOutgoing(channel, message);
    // Deliver asynchronously, as Redis would, so no caller depends on synchronous delivery.
    // Delivered as a copy through JSON, as Redis would, so the same checks hold on the way out.
    const payload = JSON.stringify(message);
    queueMicrotask(() => {
      const received: unknown = JSON.parse(payload);
      if (acceptIncoming(this.log, channel, received)) this.emitter.emit(channel, received);
    });
  }
  async subscribe<C extends Channel>(channel: C, handler: BusHandler<MessageOn<C>>) {
    this.emitter.on(channel, handler);
    return async () => {
      this.emitter.off(channel, handler);
    };
  }
  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}

export class RedisBus implements Bus {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, Set<BusHandler<never>>>();

  constructor(
    url: string,
    private readonly log: BusLog = silent,
    private readonly prefix = 'lotus:bus:',
  ) {
    // Publishes made in the same turn of the event loop leave in one write (one round trip).
    this.pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3, enableAutoPipelining: true });
    this.sub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
    this.sub.on('message', (prefixed: string, payload: string) => {
      const channel = prefixed.slice(this.prefix.length);
      const set = this.handlers.get(channel);
      if (!set) return;
      let message: unknown;
      try {
        message = JSON.parse(payload);
      } catch {
        this.log.warn({ channel }, 'bus: dropped a received message that is not JSON');
        return;
      }
      if (!acceptIncoming(this.log, channel, message)) return;
      for (const handler of set) (handler as BusHandler)(message);
    });
  }
  async publish<C extends Channel>(channel: C, message: MessageOn<C>): Promise<void> {
    checkOutgoing(channel, message);
    await this.pub.publish(this.prefix + channel, JSON.stringify(message));
  }
  /** For tests: what any process could put on the wire, unchecked. */
  async publishRaw(channel: string, payload: string): Promise<void> {
    await this.pub.publish(this.prefix + channel, payload);
  }
  async subscribe<C extends Channel>(channel: C, handler: BusHandler<MessageOn<C>>) {
    let set = this.handlers.get(channel);
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
      await this.sub.subscribe(this.prefix + channel);
    }
    set.add(handler as BusHandler<never>);
    return async () => {
      const current = this.handlers.get(channel);
      if (!current) return;
      current.delete(handler as BusHandler<never>);
      if (current.size === 0) {
        this.handlers.delete(channel);
        await this.sub.unsubscribe(this.prefix + channel);
      }
    };
  }
  async close(): Promise<void> {
    this.handlers.clear();
    await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
  }
}
