// Notifications any feature can send: a reply in a followed thread, a moderator's
// warning, a doctor taking a question. The in-app one is stored, then announced on the bus
// (`user:<id>`, after the commit) so an open page can update its bell without polling.
// Kinds that also reach people outside the app (email, web push, SMS; see
// notifications.texts.ts) get an outbox row written in the caller's transaction (the unit
// of work): the notification exists exactly when the event does. The sender job delivers it.
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import type { Presence } from '../../platform/realtime/presence.ts';
import { NotificationsStore, type NotificationRow } from './notifications.store.ts';
import { OutboxStore, type Channel, type DeliveryRow } from './notifications.outbox-store.ts';
import { mergeSettings, settingsOf, toRow, type NotificationSettings } from './notifications.preferences.ts';
import type { OutboxSender } from './notifications.sender.ts';
import { verifyUnsubscribeToken } from './notifications.sender.ts';
import { isExternalKind, textFor } from './notifications.texts.ts';

export interface NotificationInput {
  kind: string;
  title: string;
  body: string;
  /** A path inside the app, e.g. /community/threads/thr_…; never an outside URL. */
  link?: string | null;
  /** Doctors' urgent items may go through quiet hours (if the doctor allows it). */
  urgent?: boolean;
  /** Notifications of one group (a conversation) within the fold window become one. */
  groupKey?: string;
  /** Only to people with no socket open (they would not see it otherwise). */
  onlyIfAway?: boolean;
  /** False: outside channels only, no entry in the bell (chat messages have their own unread). */
  inApp?: boolean;
}

export interface NotificationsDeps {
  db: Database;
  clock: Clock;
  bus: Bus;
  presence?: Presence;
  secret?: string;
  messageFoldMinutes?: number;
}

export class NotificationsService {
  private readonly store: NotificationsStore;
  readonly outbox: OutboxStore;
  /** Set by buildApp once the channels exist. */
  sender: OutboxSender | null = null;
  vapidPublicKey = '';

  constructor(private readonly deps: NotificationsDeps) {
    this.store = new NotificationsStore(deps.db);
    this.outbox = new OutboxStore(deps.db);
  }

  /** Notifies each user once (duplicates in `userIds` are ignored). Inside a transaction the
   * notification commits or rolls back with the event, and is announced after the commit. */
  async notify(userIds: string[], input: NotificationInput): Promise<void> {
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const link = input.link && input.link.startsWith('/') && !input.link.startsWith('//') ? input.link : null;
    let recipients = [...new Set(userIds)];
    if (input.onlyIfAway && this.deps.presence) {
      const presence = this.deps.presence;
      const online = await Promise.all(recipients.map((id) => presence.isOnline(id)));
      recipients = recipients.filter((_, i) => !online[i]);
    }
    if (input.groupKey && recipients.length > 0) {
      const since = new Date(now.getTime() - (this.deps.messageFoldMinutes ?? 5) * 60_000).toISOString();
      const folded = await this.outbox.recentInGroup(recipients, input.groupKey, since);
      recipients = recipients.filter((id) => !folded.has(id));
    }
    if (recipients.length === 0) return;
    const rows =
      input.inApp === false
        ? []
        : recipients.map((userId) => ({ id: newId('ntf'), userId, kind: input.kind, title: input.title.slice(0, 200), body: input.body.slice(0, 500), link, readAt: null, createdAt: at }));
    await this.store.insertMany(rows);
    if (isExternalKind(input.kind)) {
      await this.outbox.insertOutbox(
        recipients.map((userId) => ({ id: newId('obx'), user_id: userId, kind: input.kind, params: '{}', link, group_key: input.groupKey ?? null, urgent: input.urgent ? 1 : 0, status: 'pending', created_at: at, expanded_at: null })),
      );
    }
    await this.deps.db.afterCommit(async () => {
      for (const row of rows) await this.deps.bus.publish(`user:${row.userId}`, { type: 'notification', id: row.id, kind: row.kind });
    });
  }

  /** One outbox row for an audience resolved when it is sent (`department:<code>`: the
   * department's approved doctors who are online then). Outside channels only. */
  async notifyAudience(audience: string, input: Pick<NotificationInput, 'kind' | 'link' | 'urgent' | 'groupKey'>): Promise<void> {
    if (!isExternalKind(input.kind)) return;
    const link = input.link && input.link.startsWith('/') && !input.link.startsWith('//') ? input.link : null;
    await this.outbox.insertOutbox([{ id: newId('obx'), user_id: audience, kind: input.kind, params: '{}', link, group_key: input.groupKey ?? null, urgent: input.urgent ? 1 : 0, status: 'pending', created_at: this.deps.clock.now().toISOString(), expanded_at: null }]);
  }

  async list(actor: Actor, options: { limit?: number; unreadOnly?: boolean } = {}): Promise<{ items: NotificationRow[]; unread: number }> {
    const [items, unread] = await Promise.all([
      this.store.list(actor.userId, Math.min(options.limit ?? 30, 100), options.unreadOnly ?? false),
      this.store.countUnread(actor.userId),
    ]);
    return { items: items.map((n) => (isExternalKind(n.kind) ? { ...n, ...textFor(n.kind, actor.locale) } : n)), unread };
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

  // ---- settings ----------------------------------------------------------------------

  async settings(actor: Actor): Promise<NotificationSettings> {
    return settingsOf(await this.outbox.settings(actor.userId));
  }

  async updateSettings(actor: Actor, input: Parameters<typeof mergeSettings>[1]): Promise<NotificationSettings> {
    const next = mergeSettings(await this.settings(actor), input);
    await this.outbox.saveSettings(toRow(actor.userId, next, this.deps.clock.now().toISOString()));
    return next;
  }

  /** One-click unsubscribe from email (RFC 8058): the signed link is the authorisation. */
  async unsubscribeEmail(userId: string, token: string): Promise<void> {
    if (!this.deps.secret || !verifyUnsubscribeToken(this.deps.secret, userId, token)) throw new AppError(404, 'unsubscribe_link_invalid', 'This unsubscribe link is not valid. Change your email settings after signing in.');
    const current = settingsOf(await this.outbox.settings(userId));
    await this.outbox.saveSettings(toRow(userId, { ...current, channels: { ...current.channels, email: false } }, this.deps.clock.now().toISOString()));
  }

  // ---- push subscriptions ----------------------------------------------------------------

  async subscribePush(actor: Actor, input: { endpoint: string; keys: { p256dh: string; auth: string } }): Promise<{ id: string }> {
    let url: URL;
    try {
      url = new URL(input.endpoint);
    } catch {
      throw invalid({ endpoint: 'must be the push service URL the browser gave' });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid({ endpoint: 'must be an https URL' });
    const p256dh = Buffer.from(input.keys.p256dh, 'base64url');
    const auth = Buffer.from(input.keys.auth, 'base64url');
    if (p256dh.length !== 65 || p256dh[0] !== 4) throw invalid({ 'keys.p256dh': 'must be the P-256 public key of the subscription (65 bytes, base64url)' });
    if (auth.length < 16) throw invalid({ 'keys.auth': 'must be the 16-byte authentication secret of the subscription (base64url)' });
    const id = await this.outbox.upsertSubscription({ id: newId('psb'), user_id: actor.userId, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, created_at: this.deps.clock.now().toISOString() });
    return { id };
  }

  async pushSubscriptions(actor: Actor): Promise<Array<{ id: string; endpointHost: string; createdAt: string }>> {
    return (await this.outbox.subscriptions(actor.userId)).map((s) => ({ id: s.id, endpointHost: new URL(s.endpoint).host, createdAt: s.created_at }));
  }

  async unsubscribePush(actor: Actor, id: string): Promise<void> {
    if ((await this.outbox.deleteSubscription(id, actor.userId)) === 0) throw notFound('This push subscription');
  }

  // ---- operators ------------------------------------------------------------------------

  async deliveries(filter: { status?: string; channel?: string; limit?: number }): Promise<{ items: DeliveryView[]; counts: Record<string, number> }> {
    const [rows, counts] = await Promise.all([this.outbox.listDeliveries({ ...filter, limit: Math.min(filter.limit ?? 100, 500) }), this.outbox.countByStatus()]);
    return { items: rows.map(toDeliveryView), counts };
  }
}

export interface DeliveryView {
  id: string;
  kind: string;
  channel: Channel;
  to: string;
  subject: string;
  body: string;
  link: string | null;
  locale: string;
  status: DeliveryRow['status'];
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  provider: string | null;
  createdAt: string;
  sentAt: string | null;
}

function toDeliveryView(r: DeliveryRow): DeliveryView {
  // Addresses shown to operators half-hidden: enough to tell two apart, not to harvest.
  const to = r.channel === 'email' ? r.target.replace(/^(.).*(@.*)$/, '$1…$2') : r.channel === 'sms' ? r.target.replace(/^(\+\d{2}).*(\d{2})$/, '$1…$2') : r.target;
  return { id: r.id, kind: r.kind, channel: r.channel, to, subject: r.subject, body: r.body, link: r.link, locale: r.locale, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at, lastError: r.last_error, provider: r.provider, createdAt: r.created_at, sentAt: r.sent_at };
}
