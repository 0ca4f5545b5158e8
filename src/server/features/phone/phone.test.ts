// Phone verification through the API with the Twilio stand-in: codes by SMS, expiry,
// attempts and sending limits on the manual clock; the free first consultation keyed on
// the person (an HMAC of the verified number), with LOTUS_FREE_REQUIRES_PHONE on.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { startTwilioFake, type SmsFake } from '../../../../test/fixtures/sms/sms-providers.ts';
import { ManualClock } from '../../platform/clock.ts';

const creds = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-test-token' };
let twilio: SmsFake;
let t: TestApp;
const clock = new ManualClock('2026-12-01T10:00:00.000Z');

beforeAll(async () => {
  twilio = await startTwilioFake(creds);
  t = await createTestApp({
    clock,
    env: { LOTUS_FREE_REQUIRES_PHONE: 'true', LOTUS_SMS_PER_NUMBER_PER_HOUR: '100', LOTUS_SMS_PROVIDER: 'twilio', LOTUS_TWILIO_ACCOUNT_SID: creds.accountSid, LOTUS_TWILIO_AUTH_TOKEN: creds.authToken, LOTUS_TWILIO_FROM: '+15005550006', LOTUS_TWILIO_URL: twilio.url },
  });
});
afterAll(async () => {
  await t.close();
  await twilio.close();
});

const lastCode = (to: string): string => {
  const text = [...twilio.sent].reverse().find((m) => m.to === to)?.text ?? '';
  const code = /\b(\d{6})\b/.exec(text)?.[1];
  if (!code) throw new Error(`no code sent to ${to}`);
  return code;
};
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const ask = (who: TestUser, body: Record<string, unknown> = {}) =>
  who.http.post('/api/consultations', { department: 'general_practice', description: 'I have had a sore throat and a mild fever for three days.', age: 34, sex: 'female', ...body });

async function verify(who: TestUser, phone: string): Promise<void> {
  expect((await who.http.post('/api/me/phone', { phone })).statusCode).toBe(202);
  const r = await who.http.post('/api/me/phone/verify', { code: lastCode(phone) });
  expect(r.statusCode).toBe(200);
}

describe('phone verification', () => {
  it('sends a six-digit code by SMS and verifies the number with it', async () => {
    const u = await t.user();
    const sent = await u.http.post('/api/me/phone', { phone: '+33 6 12 34 56 01' });
    expect(sent.statusCode).toBe(202);
    const code = lastCode('+33612345601');
    expect(code).toMatch(/^\d{6}$/);
    const bad = await u.http.post('/api/me/phone/verify', { code: wrong(code) });
    expect(bad.statusCode).toBe(422);
    expect(bad.data.error.code).toBe('wrong_code');
    const ok = await u.http.post('/api/me/phone/verify', { code });
    expect(ok.statusCode).toBe(200);
    expect(ok.data).toEqual({ phone: '+33612345601', verified: true });
    expect((await u.http.get('/api/me/phone')).data).toMatchObject({ phone: '+33612345601', verified: true });
    // A code verifies once.
    expect((await u.http.post('/api/me/phone/verify', { code })).statusCode).toBe(422);
  });

  it('stores the code hashed, never in clear', async () => {
    const u = await t.user();
    await u.http.post('/api/me/phone', { phone: '+33612345602' });
    const code = lastCode('+33612345602');
    const rows = await (t.platform.db as any).selectFrom('phone_codes').selectAll().where('user_id', '=', u.id).execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(code);
  });

  it('refuses a code after 10 minutes', async () => {
    const u = await t.user();
    await u.http.post('/api/me/phone', { phone: '+33612345603' });
    const code = lastCode('+33612345603');
    clock.advance(10 * 60_000 + 1000);
    const r = await u.http.post('/api/me/phone/verify', { code });
    expect(r.statusCode).toBe(422);
    expect(r.data.error.code).toBe('code_expired');
  });

  it('answers 429 after 5 wrong codes, even to the right one', async () => {
    const u = await t.user();
    await u.http.post('/api/me/phone', { phone: '+33612345604' });
    const code = lastCode('+33612345604');
    for (let i = 0; i < 5; i++) expect((await u.http.post('/api/me/phone/verify', { code: wrong(code) })).statusCode).toBe(422);
    const r = await u.http.post('/api/me/phone/verify', { code });
    expect(r.statusCode).toBe(429);
    expect(r.data.error.code).toBe('too_many_attempts');
  });

  it('limits sending per number and per account within an hour, then allows it again', async () => {
    clock.advance(2 * 3600_000);
    const a = await t.user();
    const b = await t.user();
    const c = await t.user();
    // Per number: 3 an hour, whoever asks.
    expect((await a.http.post('/api/me/phone', { phone: '+33612345605' })).statusCode).toBe(202);
    expect((await b.http.post('/api/me/phone', { phone: '+33612345605' })).statusCode).toBe(202);
    expect((await c.http.post('/api/me/phone', { phone: '+33612345605' })).statusCode).toBe(202);
    const fourth = await a.http.post('/api/me/phone', { phone: '+33612345605' });
    expect(fourth.statusCode).toBe(429);
    // Per account: 5 an hour, whatever the numbers (a has used 1).
    for (let i = 0; i < 4; i++) expect((await a.http.post('/api/me/phone', { phone: `+3361234570${i}` })).statusCode).toBe(202);
    expect((await a.http.post('/api/me/phone', { phone: '+33612345709' })).statusCode).toBe(429);
    clock.advance(3600_000 + 1000);
    expect((await a.http.post('/api/me/phone', { phone: '+33612345605' })).statusCode).toBe(202);
  });

  it('limits sending per address', async () => {
    clock.advance(2 * 3600_000);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const u = await t.user();
      statuses.push((await u.http.inject({ method: 'POST', url: '/api/me/phone', payload: { phone: `+336123458${String(i).padStart(2, '0')}` }, remoteAddress: '203.0.113.9' })).statusCode);
    }
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('answers the same whether or not the number is another account’s', async () => {
    clock.advance(2 * 3600_000);
    await t.user({ phone: '+33612345690' });
    const other = await t.user();
    const taken = await other.http.post('/api/me/phone', { phone: '+33612345690' });
    const fresh = await other.http.post('/api/me/phone', { phone: '+33612345691' });
    expect(taken.statusCode).toBe(fresh.statusCode);
    expect(taken.body).toBe(fresh.body);
  });

  it('rejects a number that is not a phone number', async () => {
    const u = await t.user();
    expect((await u.http.post('/api/me/phone', { phone: '12345' })).statusCode).toBe(422);
  });
});

describe('the free consultation, per person', () => {
  it('asks for a verified phone before the free consultation; paid needs none', async () => {
    const u = await t.user();
    const r = await ask(u);
    expect(r.statusCode).toBe(409);
    expect(r.data.error.code).toBe('phone_verification_required');
    const paid = await ask(u, { payInstead: true });
    expect(paid.statusCode).toBe(201);
    expect(paid.data.free).toBe(false);
  });

  it('gives two accounts with one phone one free consultation between them, and survives deletion', async () => {
    clock.advance(2 * 3600_000);
    const phone = '+8613800138111';
    const a = await t.user();
    await verify(a, phone);
    const first = await ask(a);
    expect(first.statusCode).toBe(201);
    expect(first.data.free).toBe(true);

    const b = await t.user();
    await verify(b, phone);
    const second = await ask(b);
    expect(second.statusCode).toBe(201);
    expect(second.data.free).toBe(false);

    // Deleting the account that had it gives nobody a second one.
    await a.http.inject({ method: 'DELETE', url: '/api/me', payload: { password: 'a long enough passphrase' } });
    expect((await a.http.get('/api/me')).statusCode).toBe(401);
    const c = await t.user();
    await verify(c, phone);
    const third = await ask(c);
    expect(third.statusCode).toBe(201);
    expect(third.data.free).toBe(false);
  });

  it('keys the claim on an HMAC of the number under a server key, not on its SHA-256', async () => {
    clock.advance(2 * 3600_000);
    const phone = '+8613800138222';
    const u = await t.user();
    await verify(u, phone);
    expect((await ask(u)).data.free).toBe(true);
    const claims = await (t.platform.db as any).selectFrom('free_consultation_claims').select('claim_key').where('user_id', '=', u.id).execute();
    expect(claims).toHaveLength(1);
    const key: string = claims[0].claim_key;
    const sha = createHash('sha256').update(phone).digest('hex');
    expect(key).not.toContain(sha);
    expect(key).not.toContain(phone);
    expect(key).toBe(`person:${t.services.phones.personKeyOf(phone)}`);
  });
});

describe('LOTUS_FREE_REQUIRES_PHONE=false', () => {
  it('gives the free consultation without a phone, keyed on the account', async () => {
    const off = await createTestApp({ env: { LOTUS_FREE_REQUIRES_PHONE: 'false' } });
    try {
      const u = await off.user();
      const r = await ask(u);
      expect(r.statusCode).toBe(201);
      expect(r.data.free).toBe(true);
    } finally {
      await off.close();
    }
  });
});
