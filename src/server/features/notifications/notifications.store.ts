// The only code that touches the notifications table.
import type { Db, Tx } from '../../platform/db/db.ts';

export type NotificationsTables = {
  notifications: {
    id: string;
    user_id: string;
    kind: string;
    title: string;
    body: string;
    link: string | null;
    read_at: string | null;
    created_at: string;
  };
};

export interface NotificationRow {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

export class NotificationsStore {
  constructor(private readonly db: Db) {}

  private q(executor: Db | Tx = this.db) {
    return executor.withTables<NotificationsTables>();
  }

  async insertMany(rows: NotificationsTables['notifications'][], executor: Db | Tx = this.db): Promise<void> {
    if (rows.length === 0) return;
    await this.q(executor).insertInto('notifications').values(rows).execute();
  }

  async list(userId: string, limit: number, unreadOnly: boolean): Promise<NotificationRow[]> {
    let query = this.q()
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'read_at', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (unreadOnly) query = query.where('read_at', 'is', null);
    const rows = await query.execute();
    return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, link: r.link, readAt: r.read_at, createdAt: r.created_at }));
  }

  async countUnread(userId: string): Promise<number> {
    const row = await this.q()
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one (or, without id, every) unread notification of the user read; returns how many changed. */
  async markRead(userId: string, now: string, id?: string): Promise<number> {
    let query = this.q().updateTable('notifications').set({ read_at: now }).where('user_id', '=', userId).where('read_at', 'is', null);
    if (id) query = query.where('id', '=', id);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async exists(userId: string, id: string): Promise<boolean> {
    const row = await this.q().selectFrom('notifications').select('id').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Boolean(row);
  }
}
