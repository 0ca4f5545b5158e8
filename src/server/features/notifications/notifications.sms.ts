// `sms.send(to, text)`: one text message to one number, through the configured provider
// (Twilio or Alibaba Cloud), limited per number, recorded in the delivery log the admin
// console shows. Without a provider the message is held there and nothing is sent.
// The outbox's SMS channel and phone verification both go through here.
import type { Clock } from '../../platform/clock.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { OutboxStore } from './notifications.outbox-store.ts';
import { SmsProviderError, type SmsMessage, type SmsProvider } from './notifications.sms-providers.ts';

export interface SmsResult {
  id: string;
  /** sent: the provider accepted it; held: no provider configured, nothing was sent. */
  status: 'sent' | 'held';
  providerId: string | null;
}

const E164 = /^\+[1-9]\d{6,14}$/;

export class SmsService {
  constructor(
    private readonly deps: { store: OutboxStore; clock: Clock; provider: SmsProvider | null; perNumberPerHour: number },
  ) {}

  get configured(): boolean {
    return this.deps.provider !== null;
  }

  get providerName(): string | null {
    return this.deps.provider?.name ?? null;
  }

  /** Sends now. Throws 422 for a number that is not E.164, 429 past the per-number limit,
   * 502 when the provider refuses (the reason is in the delivery log). */
  async send(to: string, text: string, options: { kind?: string; template?: SmsMessage['template'] } = {}): Promise<SmsResult> {
    if (!E164.test(to)) throw invalid({ to: 'must be a phone number in international form, like +33612345678' });
    if (!text.trim() || text.length > 600) throw invalid({ text: 'must be between 1 and 600 characters' });
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - 3600_000).toISOString();
    if ((await this.deps.store.countRecentSms(to, since)) >= this.deps.perNumberPerHour) {
      throw new AppError(429, 'sms_rate_limited', 'Too many text messages to this number in the last hour. Try again later.');
    }
    const id = newId('dlv');
    const base = { id, outbox_id: null, user_id: null, kind: options.kind ?? 'sms', channel: 'sms' as const, target: to, subject: '', body: text, link: null, locale: 'en', attempts: 1, next_attempt_at: now.toISOString(), locked_until: null, created_at: now.toISOString() };
    if (!this.deps.provider) {
      await this.deps.store.insertDelivery({ ...base, status: 'held', last_error: null, provider: null, sent_at: null });
      return { id, status: 'held', providerId: null };
    }
    try {
      const providerId = await this.deps.provider.send({ to, text, ...(options.template ? { template: options.template } : {}) });
      await this.deps.store.insertDelivery({ ...base, status: 'sent', last_error: null, provider: `${this.deps.provider.name}:${providerId}`, sent_at: this.deps.clock.now().toISOString() });
      return { id, status: 'sent', providerId };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.deps.store.insertDelivery({ ...base, status: 'failed', last_error: reason.slice(0, 500), provider: this.deps.provider.name, sent_at: null });
      throw new AppError(502, 'sms_failed', 'The text message could not be sent. Try again in a moment.');
    }
  }

  /** For the outbox: hands one message to the provider; errors are the caller's to retry. */
  async deliver(message: SmsMessage): Promise<{ provider: string } | 'held'> {
    if (!this.deps.provider) return 'held';
    const id = await this.deps.provider.send(message);
    return { provider: `${this.deps.provider.name}:${id}` };
  }
}

export { SmsProviderError };
