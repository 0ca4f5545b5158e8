// Sign-in by phone code (passwordless) through the API with the Twilio stand-in: a code to a
// verified number signs in, wrong codes and expiry are refused, 5 attempts, the same sending
// limits as verification, and the answer never tells whether a number is registered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { startTwilioFake, type SmsFake } from '../../../../test/fixtures/sms/sms-providers.ts';
import { ManualClock } from '../../platform/clock.ts';

const creds = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-test-token' };
let twilio: SmsFake;
let t: TestApp;
const clock = new ManualClock('2026-12-02T10:00:00.000Z');

beforeAll(async () => {
  twilio = await startTwilioFake(creds);
  t = await createTestApp({
    clock,
    env: {
      LOTUS_SMS_PER_NUMBER_PER_HOUR: '100',
      LOTUS_SMS_PROVIDER: 'twilio',
      LOTUS_TWILIO_ACCOUNT_SID: creds.accountSid,
      LOTUS_TWILIO_AUTH_TOKEN: creds.authToken,
      LOTUS_TWILIO_FROM: '+15005550006',
      LOTUS_TWILIO_URL: twilio.url,
    },
  });
});
afterAll(async () => {
  await t.close();
  await twilio.close();
});

const codeFor = (to: string): string | null => /\b(\d{6})\b/.exec([...twilio.sent].reverse().find((m) => m.to === to)?.text ?? '')?.[1] ?? null;
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const requestCode = (phone: string, remoteAddress = '198.51.100.1') =>
  t.http().inject({ method: 'POST', url: '/api/auth/phone/code', payload: { phone }, remoteAddress });
const signIn = (phone: string, code: string) => t.http().post('/api/auth/phone/verify', { phone, code });

async function withVerifiedPhone(phone: string): Promise<TestUser> {
  const u = await t.user();
  await u.http.post('/api/me/phone', { phone });
  expect((await u.http.post('/api/me/phone/verify', { code: codeFor(phone) })).statusCode).toBe(200);
  return u;
}

describe('sign-in by phone code', () => {
  it('sends a code to a verified number and signs in with it: a session like the password’s', async () => {
    const u = await withVerifiedPhone('+33612340001');
    const sent = await requestCode('+33 6 12 34 00 01');
    expect(sent.statusCode).toBe(202);
    const code = codeFor('+33612340001')!;
    const bad = await signIn('+33612340001', wrong(code));
    expect(bad.statusCode).toBe(422);
    expect(bad.data.error.code).toBe('wrong_code');
    const ok = await signIn('+33612340001', code);
    expect(ok.statusCode).toBe(200);
    expect(ok.data.user.id).toBe(u.id);
    expect(ok.headers['set-cookie']).toContain('lotus_session=');
    expect((await t.http(ok.data.token).get('/api/me')).data.id).toBe(u.id);
    // A code signs in once.
    expect((await signIn('+33612340001', code)).statusCode).toBe(422);
  });

  it('answers the same for a number no account has verified, and sends nothing there', async () => {
    await withVerifiedPhone('+33612340002');
    const sentBefore = twilio.sent.length;
    const known = await requestCode('+33612340002');
    const unknown = await requestCode('+33612340099');
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(twilio.sent.length).toBe(sentBefore + 1);
    expect(twilio.sent.some((m) => m.to === '+33612340099')).toBe(false);
    const guess = await signIn('+33612340099', '123456');
    const wrongKnown = await signIn('+33612340002', wrong(codeFor('+33612340002')!));
    expect(guess.statusCode).toBe(wrongKnown.statusCode);
    expect(guess.data.error).toEqual(wrongKnown.data.error);
    // A number registered but never verified gets no code either.
    await t.user({ phone: '+33612340098' });
    await requestCode('+33612340098');
    expect(twilio.sent.some((m) => m.to === '+33612340098')).toBe(false);
  });

  it('refuses a code after 10 minutes, and after 5 wrong codes even the right one', async () => {
    await withVerifiedPhone('+33612340003');
    await requestCode('+33612340003');
    const late = codeFor('+33612340003')!;
    clock.advance(10 * 60_000 + 1000);
    expect((await signIn('+33612340003', late)).data.error.code).toBe('code_expired');

    await requestCode('+33612340003');
    const code = codeFor('+33612340003')!;
    for (let i = 0; i < 5; i++) expect((await signIn('+33612340003', wrong(code))).statusCode).toBe(422);
    const r = await signIn('+33612340003', code);
    expect(r.statusCode).toBe(429);
    expect(r.data.error.code).toBe('too_many_attempts');
  });

  it('limits codes per number, registered or not, and per address', async () => {
    clock.advance(2 * 3600_000);
    await withVerifiedPhone('+33612340004');
    // The verification code counted towards the number's hour too: start a fresh hour.
    clock.advance(2 * 3600_000);
    for (const phone of ['+33612340004', '+33612340097']) {
      for (let i = 0; i < 3; i++) expect((await requestCode(phone, `198.51.100.${10 + i}`)).statusCode).toBe(202);
      const fourth = await requestCode(phone, '198.51.100.20');
      expect(fourth.statusCode).toBe(429);
      expect(fourth.data.error.code).toBe('too_many_codes');
    }
    clock.advance(2 * 3600_000);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await requestCode(`+336123402${String(i).padStart(2, '0')}`, '203.0.113.50')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('does not sign in a suspended account', async () => {
    clock.advance(2 * 3600_000);
    const u = await withVerifiedPhone('+33612340005');
    await t.services.accounts.setStatus(u.id, 'suspended');
    await requestCode('+33612340005');
    const r = await signIn('+33612340005', codeFor('+33612340005')!);
    expect(r.statusCode).toBe(403);
    expect(r.data.error.code).toBe('account_suspended');
  });

  it('rejects a number that is not a phone number', async () => {
    expect((await requestCode('12345')).statusCode).toBe(422);
  });
});
