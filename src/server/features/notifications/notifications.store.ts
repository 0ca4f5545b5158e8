// The only code that touches the notifications table. Its columns are snake_case in SQL and
// camelCase here: Kysely's CamelCasePlugin maps names both ways, so a selected row is the
// contract's Notification as it is, with no mapper to keep in step.
import { CamelCasePlugin } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import type { Notification } from '../../../shared/contracts/notifications.ts';

export type NotificationsTables = {
  notifications: Notification & { userId: string };
};

export type NotificationRow = Notification;

const camelCase = new CamelCasePlugin();

export class NotificationsStore {
  constructor(private readonly db: Database) {}

  private q() {
    return this.db.q.withTables<NotificationsTables>().withPlugin(camelCase);
  }

  async insertMany(rows: NotificationsTables['notifications'][]): Promise<void> {
    if (rows.length === 0) return;
    await this.q().insertInto('notifications').values(rows).execute();
  }

  async list(userId: string, limit: number, unreadOnly: boolean): Promise<NotificationRow[]> {
    let query = this.q()
      .selectFrom('notifications')
      .select(['id', 'kind', 'title', 'body', 'link', 'readAt', 'createdAt'])
      .where('userId', '=', userId)
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc')
      .limit(limit);
    if (unreadOnly) query = query.where('readAt', 'is', null);
    return query.execute();
  }

  async countUnread(userId: string): Promise<number> {
    const row = await this.q()
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one (or, without id, every) unread notification of the user read; returns how many changed. */
  async markRead(userId: string, now: string, id?: string): Promise<number> {
    let query = this.q().updateTable('notifications').set({ readAt: now }).where('userId', '=', userId).where('readAt', 'is', null);
    if (id) query = query.where('id', '=', id);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async exists(userId: string, id: string): Promise<boolean> {
    const row = await this.q().selectFrom('notifications').select('id').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
    return Boolean(row);
  }
}
