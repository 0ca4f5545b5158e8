// In-app notifications any feature can send: a reply in a followed thread, a moderator's
// warning, a consultation answered. Stored first, then announced on the bus
// (`user:<id>`) so an open page can update its bell without polling.
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Tx } from '../../platform/db/db.ts';
import { notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import { NotificationsStore, type NotificationRow } from './notifications.store.ts';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  /** A path inside the app, e.g. /community/threads/thr_…; never an outside URL. */
  link?: string | null;
}

export class NotificationsService {
  private readonly store: NotificationsStore;

  constructor(private readonly deps: { db: Db; clock: Clock; bus: Bus }) {
    this.store = new NotificationsStore(deps.db);
  }

  /** Notifies each user once (duplicates in `userIds` are ignored). */
  async notify(userIds: string[], input: NotificationInput, executor?: Db | Tx): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    const link = input.link && input.link.startsWith('/') && !input.link.startsWith('//') ? input.link : null;
    const rows = [...new Set(userIds)].map((userId) => ({
      id: newId('ntf'),
      user_id: userId,
      kind: input.kind,
      title: input.title.slice(0, 200),
      body: input.body.slice(0, 500),
      link,
      read_at: null,
      created_at: now,
    }));
    await this.store.insertMany(rows, executor);
    for (const row of rows) await this.deps.bus.publish(`user:${row.user_id}`, { type: 'notification', id: row.id, kind: row.kind });
  }

  async list(actor: Actor, options: { limit?: number; unreadOnly?: boolean } = {}): Promise<{ items: NotificationRow[]; unread: number }> {
    const [items, unread] = await Promise.all([
      this.store.list(actor.userId, Math.min(options.limit ?? 30, 100), options.unreadOnly ?? false),
      this.store.countUnread(actor.userId),
    ]);
    return { items, unread };
  }

  async unreadCount(actor: Actor): Promise<number> {
    return this.store.countUnread(actor.userId);
  }

  async markRead(actor: Actor, id: string): Promise<void> {
    if (!(await this.store.exists(actor.userId, id))) throw notFound('This notification');
    await this.store.markRead(actor.userId, this.deps.clock.now().toISOString(), id);
  }

  async markAllRead(actor: Actor): Promise<number> {
    return this.store.markRead(actor.userId, this.deps.clock.now().toISOString());
  }
}
