// A mini-program reader's free first consultation needs a verified phone like anyone's. A
// host registered as able to vouch for phones may pass one (OpenID Connect's
// phone_number with phone_number_verified); from any other host the claim is ignored.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';

let t: TestApp;
let admin: TestUser;

interface Host {
  id: string;
  key: CryptoKey;
  kid: string;
}

async function registerHost(name: string, vouchesPhones: boolean | undefined): Promise<Host> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `es-${randomUUID().slice(0, 8)}`;
  const res = await admin.http.post('/api/admin/hosts', {
    name,
    origins: ['https://news.example.com'],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    ...(vouchesPhones === undefined ? {} : { vouchesPhones }),
  });
  expect(res.statusCode).toBe(201);
  expect(res.data.vouchesPhones).toBe(vouchesPhones ?? false);
  return { id: res.data.id, key: privateKey, kid };
}

async function signIn(host: Host, sub: string, claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ name: 'Alex', ...claims })
    .setProtectedHeader({ alg: 'ES256', kid: host.kid })
    .setIssuer(host.id)
    .setSubject(sub)
    .setAudience(t.config.publicUrl)
    .setIssuedAt(now)
    .setExpirationTime(now + 120)
    .setJti(randomUUID())
    .sign(host.key);
  const res = await t.http().post('/api/mini/session', { hostId: host.id, assertion: jwt });
  expect(res.statusCode).toBe(200);
  return res.data.token as string;
}

const ask = (token: string, body: Record<string, unknown> = { acceptTelemedicine: true }) =>
  t.http(token).post('/api/consultations', { department: 'general_practice', description: 'I have had a sore throat and a mild fever for three days.', age: 34, sex: 'female', ...body });

beforeAll(async () => {
  t = await createTestApp({ env: { LOTUS_FREE_REQUIRES_PHONE: 'true' } });
  admin = await t.user({ roles: ['admin'] });
});
afterAll(async () => {
  await t.close();
});

describe('a host vouching for its readers’ phones', () => {
  it('counts a verified phone_number claim from a host registered to vouch, so the reader asks free', async () => {
    const host = await registerHost('Vouching News', true);
    const token = await signIn(host, 'reader-1', { phone_number: '+8613910000077', phone_number_verified: true });
    expect((await t.http(token).get('/api/me/phone')).data).toMatchObject({ phone: '+8613910000077', verified: true });
    const res = await ask(token);
    expect(res.statusCode).toBe(201);
    expect(res.data.free).toBe(true);
  });

  it('ignores the claim from a host not registered to vouch, and an unverified claim from one that is', async () => {
    const plain = await registerHost('Plain News', undefined);
    const unvouched = await signIn(plain, 'reader-2', { phone_number: '+8613910000078', phone_number_verified: true });
    expect((await t.http(unvouched).get('/api/me/phone')).data.verified).toBe(false);
    expect((await ask(unvouched)).data.error.code).toBe('phone_verification_required');

    const vouching = await registerHost('Careful News', true);
    const unverified = await signIn(vouching, 'reader-3', { phone_number: '+8613910000079' });
    expect((await t.http(unverified).get('/api/me/phone')).data.verified).toBe(false);
    expect((await ask(unverified)).data.error.code).toBe('phone_verification_required');
  });

  it('gives one free consultation per number across hosts: a second host vouching for the same number moves no subsidy', async () => {
    const a = await registerHost('Host A', true);
    const b = await registerHost('Host B', true);
    const first = await signIn(a, 'same-person', { phone_number: '+8613910000080', phone_number_verified: true });
    expect((await ask(first)).data.free).toBe(true);
    const second = await signIn(b, 'same-person', { phone_number: '+8613910000080', phone_number_verified: true });
    const res = await ask(second);
    expect(res.data.free ?? false).toBe(false);
  });

  it('has a host-signed reader accept the telemedicine consent on the first question, though not our terms', async () => {
    const host = await registerHost('Consent News', true);
    const token = await signIn(host, 'reader-consent', { phone_number: '+8613910000081', phone_number_verified: true });
    expect((await t.http(token).get('/api/me')).data.pendingConsents).toEqual([]);
    const refused = await ask(token, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.data.error.code).toBe('telemedicine_consent_required');
    expect(refused.data.error.consent.text).toContain('not a diagnosis');
    expect((await ask(token)).statusCode).toBe(201);
    const mine = (await t.http(token).get('/api/me/consents')).data;
    expect(mine.consents.map((c: { document: string }) => c.document)).toEqual(['telemedicine']);
  });

  it('lets an operator turn vouching on for an existing host', async () => {
    const host = await registerHost('Later News', false);
    const res = await admin.http.patch(`/api/admin/hosts/${host.id}`, { vouchesPhones: true });
    expect(res.statusCode).toBe(200);
    expect(res.data.vouchesPhones).toBe(true);
  });
});
