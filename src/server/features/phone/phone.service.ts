// Phone verification: a six-digit code by SMS, kept only as an HMAC, valid 10 minutes,
// 5 attempts; sending limited per number, per account and per address. The answer is the
// same whether or not the number belongs to another account. A verified number gives the
// person key the one free consultation is claimed under: an HMAC of the E.164 number under
// a key derived from the server secret (a bare hash would be reversed by hashing every
// possible number).
import { createHmac, hkdfSync, randomInt, timingSafeEqual } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, invalid } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Locale } from '../../../shared/locales.ts';
import type { SmsService } from '../notifications/notifications.sms.ts';
import { PhoneStore } from './phone.store.ts';

export const CODE_TTL_MS = 10 * 60_000;
export const MAX_ATTEMPTS = 5;
const HOUR = 3600_000;
export const LIMITS = { perNumberPerHour: 3, perAccountPerHour: 5, perAddressPerHour: 10 };

const CODE_TEXT: Record<Locale, (code: string) => string> = {
  en: (code) => `Your Lotus Health code is ${code}. It expires in 10 minutes. Do not share it.`,
  zh: (code) => `您的 Lotus Health 验证码是 ${code}，10 分钟内有效。请勿告诉他人。`,
  fr: (code) => `Votre code Lotus Health est ${code}. Il expire dans 10 minutes. Ne le partagez pas.`,
};

/** E.164 of what a person typed, or null when it is not a possible number. */
export function normaliseE164(value: string): string | null {
  const cleaned = value.trim().replace(/[\s\-.()]/g, '');
  if (!/^\+[1-9]\d{6,14}$/.test(cleaned)) return null;
  const parsed = parsePhoneNumberFromString(cleaned);
  return parsed && parsed.isPossible() ? parsed.number : null;
}

export class PhoneService {
  readonly store: PhoneStore;
  private readonly personKey: Buffer;
  private readonly codeKey: Buffer;

  constructor(private readonly deps: { db: Database; clock: Clock; sms: SmsService; secret: string }) {
    this.store = new PhoneStore(deps.db);
    this.personKey = Buffer.from(hkdfSync('sha256', deps.secret, 'lotus-phone', 'free consultation person key', 32));
    this.codeKey = Buffer.from(hkdfSync('sha256', deps.secret, 'lotus-phone', 'verification code hash', 32));
  }

  /** Forgets a deleted account's verified numbers and codes. */
  forget(userId: string): Promise<void> {
    return this.store.forget(userId);
  }

  /** The keyed HMAC of a normalised E.164 number: who the free consultation was given to. */
  personKeyOf(e164: string): string {
    return createHmac('sha256', this.personKey).update(e164).digest('hex');
  }

  private codeHash(codeId: string, code: string): string {
    return createHmac('sha256', this.codeKey).update(`${codeId}:${code}`).digest('hex');
  }

  async sendCode(actor: Actor, input: { phone: string }, ip: string): Promise<void> {
    const phone = normaliseE164(input.phone ?? '');
    if (!phone) throw invalid({ phone: 'must be a mobile number in international form, like +8613800138000' }, 'This phone number is not valid.');
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - HOUR).toISOString();
    const limited = (message: string) => new AppError(429, 'too_many_codes', message);
    if ((await this.store.countSince('user_id', actor.userId, since)) >= LIMITS.perAccountPerHour)
      throw limited('You asked for too many codes in the last hour. Try again later.');
    if ((await this.store.countSince('phone', phone, since)) >= LIMITS.perNumberPerHour)
      throw limited('Too many codes were sent to this number in the last hour. Try again later.');
    if ((await this.store.countSince('ip', ip, since)) >= LIMITS.perAddressPerHour)
      throw limited('Too many codes were asked for from your network in the last hour. Try again later.');
    const id = newId('pvc');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.store.insertCode({
      id,
      user_id: actor.userId,
      phone,
      code_hash: this.codeHash(id, code),
      ip,
      attempts: 0,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + CODE_TTL_MS).toISOString(),
      used_at: null,
    });
    await this.deps.sms.send(phone, CODE_TEXT[actor.locale](code), { kind: 'phone_code' });
  }

  /** Sign-in by code: a code goes to the number only when an account has verified it, but
   * the answer, the limits (per number and per address) and the work done are the same
   * either way, so asking tells nothing about who is registered. */
  async sendSignInCode(input: { phone: string }, ip: string, locale: Locale): Promise<void> {
    const phone = normaliseE164(input.phone ?? '');
    if (!phone) throw invalid({ phone: 'must be a mobile number in international form, like +8613800138000' }, 'This phone number is not valid.');
    const now = this.deps.clock.now();
    const since = new Date(now.getTime() - HOUR).toISOString();
    const limited = (message: string) => new AppError(429, 'too_many_codes', message);
    if ((await this.store.countSince('phone', phone, since)) >= LIMITS.perNumberPerHour) throw limited('Too many codes were sent to this number in the last hour. Try again later.');
    if ((await this.store.countSince('ip', ip, since)) >= LIMITS.perAddressPerHour) throw limited('Too many codes were asked for from your network in the last hour. Try again later.');
    const userId = await this.store.accountWithVerified(phone);
    const id = newId('pvc');
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // Without an account the row still counts towards the limits; its code is never sent.
    await this.store.insertCode({ id, user_id: userId ?? '', phone, code_hash: this.codeHash(id, code), ip, attempts: 0, created_at: now.toISOString(), expires_at: new Date(now.getTime() + CODE_TTL_MS).toISOString(), used_at: null, purpose: 'sign_in' });
    if (userId) await this.deps.sms.send(phone, CODE_TEXT[locale](code), { kind: 'phone_code' });
  }

  /** The account a right sign-in code proves; one answer for a wrong code and an unknown number. */
  async verifySignIn(input: { phone: string; code: string }): Promise<string> {
    const wrong = () => new AppError(422, 'wrong_code', 'This code is not right for this number. Check the text message, or ask for a new code.', { code: 'is not right' });
    const phone = normaliseE164(input.phone ?? '');
    if (!phone) throw wrong();
    const pending = await this.store.latestSignInCode(phone);
    if (!pending) throw wrong();
    if (pending.attempts >= MAX_ATTEMPTS) throw new AppError(429, 'too_many_attempts', 'Too many wrong codes. Ask for a new code.');
    const now = this.deps.clock.now();
    if (now.toISOString() >= pending.expiresAt) throw new AppError(422, 'code_expired', 'This code has expired. Ask for a new one.');
    const given = Buffer.from(this.codeHash(pending.id, String(input.code ?? '').trim()), 'hex');
    if (!timingSafeEqual(given, Buffer.from(pending.codeHash, 'hex')) || !pending.userId) {
      await this.store.countAttempt(pending.id);
      throw wrong();
    }
    await this.store.markSignInUsed(phone, now.toISOString());
    return pending.userId;
  }

  async verify(actor: Actor, input: { code: string }): Promise<{ phone: string; verified: true }> {
    const pending = await this.store.latestCode(actor.userId);
    if (!pending) throw new AppError(422, 'no_code', 'Ask for a code first: no code is waiting for this account.');
    if (pending.attempts >= MAX_ATTEMPTS) throw new AppError(429, 'too_many_attempts', 'Too many wrong codes. Ask for a new code.');
    const now = this.deps.clock.now();
    if (now.toISOString() >= pending.expiresAt) throw new AppError(422, 'code_expired', 'This code has expired. Ask for a new one.');
    const given = Buffer.from(this.codeHash(pending.id, String(input.code ?? '').trim()), 'hex');
    const expected = Buffer.from(pending.codeHash, 'hex');
    if (!timingSafeEqual(given, expected)) {
      await this.store.countAttempt(pending.id);
      throw new AppError(422, 'wrong_code', 'This code is not right. Check the text message and try again.', { code: 'is not right' });
    }
    await this.store.markUsed(actor.userId, now.toISOString());
    await this.store.setVerified(actor.userId, pending.phone, this.personKeyOf(pending.phone), now.toISOString());
    return { phone: pending.phone, verified: true };
  }

  async status(actor: Actor): Promise<{ phone: string | null; verified: boolean; verifiedAt: string | null }> {
    const v = await this.store.verified(actor.userId);
    return v ? { phone: v.phone, verified: true, verifiedAt: v.verifiedAt } : { phone: null, verified: false, verifiedAt: null };
  }

  /** For the demo seed: a number known verified (idempotent). */
  async markVerified(userId: string, phone: string): Promise<void> {
    const e164 = normaliseE164(phone);
    if (!e164) throw new Error(`not a phone number: ${phone}`);
    await this.store.setVerified(userId, e164, this.personKeyOf(e164), this.deps.clock.now().toISOString());
  }

  /** The person key of the account's verified phone, or null without one. */
  async verifiedKey(userId: string): Promise<string | null> {
    return (await this.store.verified(userId))?.phoneKey ?? null;
  }
}
