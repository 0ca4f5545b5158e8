// The only code touching the outbox, deliveries, settings and push subscriptions tables.
import type { Database } from '../../platform/db/unit-of-work.ts';

export type Channel = 'email' | 'push' | 'sms';

export type OutboxTables = {
  notification_outbox: {
    id: string;
    user_id: string;
    kind: string;
    params: string;
    link: string | null;
    group_key: string | null;
    urgent: number;
    status: 'pending' | 'expanded';
    created_at: string;
    expanded_at: string | null;
  };
  notification_deliveries: {
    id: string;
    outbox_id: string | null;
    user_id: string | null;
    kind: string;
    channel: Channel;
    target: string;
    subject: string;
    body: string;
    link: string | null;
    locale: string;
    /** pending → sending → sent | failed (gave up) | held (development outbox: nothing sent) | dropped (subscription gone). */
    status: 'pending' | 'sending' | 'sent' | 'failed' | 'held' | 'dropped';
    attempts: number;
    next_attempt_at: string;
    locked_until: string | null;
    last_error: string | null;
    provider: string | null;
    created_at: string;
    sent_at: string | null;
  };
  notification_settings: {
    user_id: string;
    push: number;
    email: number;
    sms: number;
    muted_kinds: string;
    quiet_start: string | null;
    quiet_end: string | null;
    time_zone: string;
    urgent_overrides_quiet: number;
    updated_at: string;
  };
  push_subscriptions: {
    id: string;
    user_id: string;
    endpoint: string;
    p256dh: string;
    auth: string;
    created_at: string;
  };
};

export type OutboxRow = OutboxTables['notification_outbox'];
export type DeliveryRow = OutboxTables['notification_deliveries'];
export type SettingsRow = OutboxTables['notification_settings'];
export type PushSubscriptionRow = OutboxTables['push_subscriptions'];

const deliveryColumns = [
  'id',
  'outbox_id',
  'user_id',
  'kind',
  'channel',
  'target',
  'subject',
  'body',
  'link',
  'locale',
  'status',
  'attempts',
  'next_attempt_at',
  'locked_until',
  'last_error',
  'provider',
  'created_at',
  'sent_at',
] as const;

export class OutboxStore {
  constructor(private readonly db: Database) {}

  q() {
    return this.db.withTables<OutboxTables>();
  }

  async insertOutbox(rows: OutboxRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.q().insertInto('notification_outbox').values(rows).execute();
  }

  /** Users among `userIds` with a notification in this group since `since` (folded into it). */
  async recentInGroup(userIds: string[], groupKey: string, since: string): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.q()
      .selectFrom('notification_outbox')
      .select('user_id')
      .where('user_id', 'in', userIds)
      .where('group_key', '=', groupKey)
      .where('created_at', '>', since)
      .execute();
    return new Set(rows.map((r) => r.user_id));
  }

  async pendingOutbox(limit: number): Promise<OutboxRow[]> {
    return this.q()
      .selectFrom('notification_outbox')
      .select(['id', 'user_id', 'kind', 'params', 'link', 'group_key', 'urgent', 'status', 'created_at', 'expanded_at'])
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /** Adds the deliveries of one outbox row and marks it expanded, in one transaction;
   * deliveries already there (an expansion that ran twice) are kept as they are. */
  async expand(outboxId: string, deliveries: DeliveryRow[], at: string): Promise<void> {
    await this.db.transaction(async () => {
      const marked = await this.q()
        .updateTable('notification_outbox')
        .set({ status: 'expanded', expanded_at: at })
        .where('id', '=', outboxId)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(marked.numUpdatedRows) !== 1) return;
      if (deliveries.length > 0)
        await this.q()
          .insertInto('notification_deliveries')
          .values(deliveries)
          .onConflict((oc) => oc.columns(['outbox_id', 'channel', 'target']).doNothing())
          .execute();
    });
  }

  async insertDelivery(row: DeliveryRow): Promise<void> {
    await this.q().insertInto('notification_deliveries').values(row).execute();
  }

  async dueDeliveries(now: string, limit: number): Promise<DeliveryRow[]> {
    return this.q()
      .selectFrom('notification_deliveries')
      .select(deliveryColumns)
      .where((eb) =>
        eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)])]),
      )
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
  }

  /** Takes a delivery for `leaseUntil` if nobody else holds it; true if this caller won. */
  async claim(id: string, now: string, leaseUntil: string): Promise<boolean> {
    const result = await this.q()
      .updateTable('notification_deliveries')
      .set((eb) => ({ status: 'sending', locked_until: leaseUntil, attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where((eb) =>
        eb.or([eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]), eb.and([eb('status', '=', 'sending'), eb('locked_until', '<', now)])]),
      )
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async finish(
    id: string,
    patch: Partial<Pick<DeliveryRow, 'status' | 'sent_at' | 'last_error' | 'next_attempt_at' | 'provider' | 'locked_until'>>,
  ): Promise<void> {
    await this.q().updateTable('notification_deliveries').set(patch).where('id', '=', id).where('status', '=', 'sending').execute();
  }

  async findDelivery(id: string): Promise<DeliveryRow | undefined> {
    return this.q().selectFrom('notification_deliveries').select(deliveryColumns).where('id', '=', id).executeTakeFirst();
  }

  async listDeliveries(filter: { status?: string; channel?: string; limit: number }): Promise<DeliveryRow[]> {
    let query = this.q().selectFrom('notification_deliveries').select(deliveryColumns).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit);
    if (filter.status) query = query.where('status', '=', filter.status as DeliveryRow['status']);
    if (filter.channel) query = query.where('channel', '=', filter.channel as Channel);
    return query.execute();
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows = await this.q()
      .selectFrom('notification_deliveries')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async countRecentSms(target: string, since: string): Promise<number> {
    const row = await this.q()
      .selectFrom('notification_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('channel', '=', 'sms')
      .where('target', '=', target)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // ---- settings ------------------------------------------------------------------------

  async settings(userId: string): Promise<SettingsRow | undefined> {
    return this.q()
      .selectFrom('notification_settings')
      .select(['user_id', 'push', 'email', 'sms', 'muted_kinds', 'quiet_start', 'quiet_end', 'time_zone', 'urgent_overrides_quiet', 'updated_at'])
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  async saveSettings(row: SettingsRow): Promise<void> {
    const { user_id: _id, ...rest } = row;
    await this.q()
      .insertInto('notification_settings')
      .values(row)
      .onConflict((oc) => oc.column('user_id').doUpdateSet(rest))
      .execute();
  }

  // ---- push subscriptions --------------------------------------------------------------

  async subscriptions(userId: string): Promise<PushSubscriptionRow[]> {
    return this.q()
      .selectFrom('push_subscriptions')
      .select(['id', 'user_id', 'endpoint', 'p256dh', 'auth', 'created_at'])
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .execute();
  }

  async findSubscription(id: string): Promise<PushSubscriptionRow | undefined> {
    return this.q()
      .selectFrom('push_subscriptions')
      .select(['id', 'user_id', 'endpoint', 'p256dh', 'auth', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** One row per endpoint: a browser re-subscribing (or changing account) moves it. */
  async upsertSubscription(row: PushSubscriptionRow): Promise<string> {
    await this.q()
      .insertInto('push_subscriptions')
      .values(row)
      .onConflict((oc) => oc.column('endpoint').doUpdateSet({ user_id: row.user_id, p256dh: row.p256dh, auth: row.auth }))
      .execute();
    const stored = await this.q().selectFrom('push_subscriptions').select('id').where('endpoint', '=', row.endpoint).executeTakeFirstOrThrow();
    return stored.id;
  }

  async deleteSubscription(id: string, userId?: string): Promise<number> {
    let query = this.q().deleteFrom('push_subscriptions').where('id', '=', id);
    if (userId) query = query.where('user_id', '=', userId);
    return Number((await query.executeTakeFirst()).numDeletedRows);
  }

  /** Bench and tests: how many outbox rows are not expanded yet. */
  async pendingCount(): Promise<number> {
    const row = await this.q()
      .selectFrom('notification_outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
