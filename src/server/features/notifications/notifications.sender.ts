// The outbox sender (a job, every LOTUS_NOTIFY_INTERVAL_MS). Two steps:
// 1. expand: each pending outbox row becomes one delivery per channel and target the
//    person wants (email address, each push subscription, phone), in their language,
//    timed after their quiet hours; unique per (outbox row, channel, target), so a second
//    expansion adds nothing.
// 2. deliver: each due delivery is claimed with a lease (a conditional update), handed to
//    SMTP, the push service or the SMS provider, then marked sent. A process killed
//    between hand-off and mark-sent leaves the lease to run out; the next claim sends it
//    again: at most one resend, none lost. Emails carry a Message-ID derived from the
//    delivery, so a resent email is folded by mail clients. Failures retry with
//    exponential backoff, then stop as failed; a push subscription answered 404/410 is removed.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { isLocale, type Locale } from '../../../shared/locales.ts';
import type { EmailSender } from './notifications.email.ts';
import type { DeliveryRow, OutboxRow, OutboxStore } from './notifications.outbox-store.ts';
import { quietUntil, settingsOf } from './notifications.preferences.ts';
import type { PushSender } from './notifications.push.ts';
import { SmsProviderError } from './notifications.sms-providers.ts';
import type { SmsService } from './notifications.sms.ts';
import { isExternalKind, renderEmail, textFor } from './notifications.texts.ts';

export interface Recipient {
  id: string;
  email: string | null;
  phone: string | null;
  locale: string;
}

export interface SenderDeps {
  store: OutboxStore;
  clock: Clock;
  publicUrl: () => string;
  secret: string;
  email: EmailSender;
  push: PushSender;
  sms: SmsService;
  users: (ids: string[]) => Promise<Recipient[]>;
  /** Outbox rows addressed to an audience (`department:<code>`: its approved doctors who are
   * online) are resolved when they are expanded, so they reach who is online then. */
  audience: (key: string) => Promise<string[]>;
  log: { warn(obj: unknown, msg?: string): void };
  leaseMs?: number;
}

export const MAX_ATTEMPTS = 8;
const BATCH = 200;
const PARALLEL = 32;

/** 30 s, 1, 2, 4 … minutes, at most an hour. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

export function unsubscribeToken(secret: string, userId: string): string {
  return createHmac('sha256', secret).update(`unsubscribe-email:${userId}`).digest('base64url').slice(0, 32);
}

export function verifyUnsubscribeToken(secret: string, userId: string, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(secret, userId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export class OutboxSender {
  constructor(private readonly deps: SenderDeps) {}

  unsubscribeUrl(userId: string): string {
    return `${this.deps.publicUrl()}/api/notifications/unsubscribe?u=${encodeURIComponent(userId)}&t=${unsubscribeToken(this.deps.secret, userId)}`;
  }

  /** One pass: expand what is pending and deliver what is due, a batch at a time, so the
   * first deliveries go out while later events are still being expanded. Returns counts. */
  async runOnce(): Promise<{ expanded: number; delivered: number }> {
    let expanded = 0;
    let delivered = 0;
    for (;;) {
      const pending = await this.deps.store.pendingOutbox(BATCH);
      if (pending.length > 0) await this.expandAll(pending);
      expanded += pending.length;
      delivered += await this.deliverDue();
      if (pending.length < BATCH) return { expanded, delivered };
    }
  }

  private async deliverDue(): Promise<number> {
    let delivered = 0;
    for (;;) {
      const due = await this.deps.store.dueDeliveries(this.deps.clock.now().toISOString(), BATCH);
      if (due.length === 0) return delivered;
      let next = 0;
      const worker = async () => {
        while (next < due.length) {
          const row = due[next++]!;
          if (await this.deliverOne(row)) delivered++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL, due.length) }, worker));
      if (due.length < BATCH) return delivered;
    }
  }

  private async expandAll(rows: OutboxRow[]): Promise<void> {
    const audiences = new Map<string, string[]>();
    for (const row of rows) if (row.user_id.includes(':') && !audiences.has(row.user_id)) audiences.set(row.user_id, await this.deps.audience(row.user_id).catch(() => []));
    const ids = new Set<string>();
    for (const row of rows) for (const id of audiences.get(row.user_id) ?? [row.user_id]) ids.add(id);
    const users = new Map((await this.deps.users([...ids])).map((u) => [u.id, u]));
    for (const row of rows) {
      const deliveries: DeliveryRow[] = [];
      for (const id of audiences.get(row.user_id) ?? [row.user_id]) deliveries.push(...(await this.deliveriesFor(row, users.get(id))));
      await this.deps.store.expand(row.id, deliveries, this.deps.clock.now().toISOString());
    }
  }

  private async deliveriesFor(row: OutboxRow, user: Recipient | undefined): Promise<DeliveryRow[]> {
    if (!user || !isExternalKind(row.kind)) return [];
    const settings = settingsOf(await this.deps.store.settings(user.id));
    if (!settings.kinds[row.kind]) return [];
    const now = this.deps.clock.now();
    const at = (quietUntil(settings, now, row.urgent === 1) ?? now).toISOString();
    const locale: Locale = isLocale(user.locale) ? user.locale : 'en';
    const text = textFor(row.kind, locale);
    const base = { outbox_id: row.id, user_id: user.id, kind: row.kind, subject: text.title, body: text.body, link: row.link, locale, attempts: 0, next_attempt_at: at, locked_until: null, last_error: null, provider: null, created_at: now.toISOString(), sent_at: null };
    const out: DeliveryRow[] = [];
    if (settings.channels.email && user.email) out.push({ ...base, id: newId('dlv'), channel: 'email', target: user.email, status: this.deps.email.configured ? 'pending' : 'held' });
    if (settings.channels.push) {
      for (const sub of await this.deps.store.subscriptions(user.id)) out.push({ ...base, id: newId('dlv'), channel: 'push', target: sub.id, status: 'pending' });
    }
    if (settings.channels.sms && user.phone) out.push({ ...base, id: newId('dlv'), channel: 'sms', target: user.phone, status: this.deps.sms.configured ? 'pending' : 'held' });
    return out;
  }

  private linkOf(row: DeliveryRow): string {
    return `${this.deps.publicUrl()}${row.link ?? '/'}`;
  }

  /** Claims, hands off and marks one delivery; true when it was handed off now. */
  private async deliverOne(row: DeliveryRow): Promise<boolean> {
    const now = this.deps.clock.now();
    if (!(await this.deps.store.claim(row.id, now.toISOString(), new Date(now.getTime() + (this.deps.leaseMs ?? 60_000)).toISOString()))) return false;
    const attempts = row.attempts + 1;
    try {
      const provider = await this.handOff(row);
      if (provider === 'gone') {
        await this.deps.store.finish(row.id, { status: 'dropped', last_error: 'the push subscription has expired and was removed', locked_until: null });
        return false;
      }
      if (provider === 'held') {
        await this.deps.store.finish(row.id, { status: 'held', locked_until: null });
        return false;
      }
      await this.deps.store.finish(row.id, { status: 'sent', sent_at: this.deps.clock.now().toISOString(), provider, locked_until: null });
      return true;
    } catch (error) {
      const reason = (error instanceof Error ? error.message : String(error)).slice(0, 500);
      const retryable = !(error instanceof SmsProviderError) || error.retryable;
      const giveUp = !retryable || attempts >= MAX_ATTEMPTS;
      this.deps.log.warn({ delivery: row.id, channel: row.channel, attempts, err: reason }, giveUp ? 'notification delivery failed' : 'notification delivery will be retried');
      await this.deps.store.finish(row.id, giveUp ? { status: 'failed', last_error: reason, locked_until: null } : { status: 'pending', last_error: reason, locked_until: null, next_attempt_at: new Date(this.deps.clock.now().getTime() + backoffMs(attempts)).toISOString() });
      return false;
    }
  }

  private async handOff(row: DeliveryRow): Promise<string | 'gone' | 'held'> {
    const url = this.linkOf(row);
    const locale: Locale = isLocale(row.locale) ? row.locale : 'en';
    if (row.channel === 'email') {
      if (!this.deps.email.configured) return 'held';
      const unsubscribeUrl = this.unsubscribeUrl(row.user_id ?? '');
      const { text, html } = renderEmail({ title: row.subject, body: row.body, url, settingsUrl: `${this.deps.publicUrl()}/settings/notifications`, unsubscribeUrl, locale });
      await this.deps.email.send({ to: row.target, subject: row.subject, text, html, messageId: `<${row.id}@${new URL(this.deps.publicUrl()).hostname}>`, unsubscribeUrl });
      return 'smtp';
    }
    if (row.channel === 'push') {
      const sub = await this.deps.store.findSubscription(row.target);
      if (!sub) return 'gone';
      const outcome = await this.deps.push.send(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        { title: row.subject, body: row.body, url: row.link ?? '/', kind: row.kind, tag: row.outbox_id ?? row.id },
        { urgency: row.kind === 'consultation_new_question' || row.kind === 'consultation_addressed' ? 'high' : 'normal' },
      );
      if (outcome.ok) return `push:${outcome.status}`;
      if (outcome.gone) {
        await this.deps.store.deleteSubscription(sub.id);
        return 'gone';
      }
      throw new Error(outcome.error);
    }
    const sent = await this.deps.sms.deliver({ to: row.target, text: `${row.subject}: ${url}` });
    return sent === 'held' ? 'held' : sent.provider;
  }
}
