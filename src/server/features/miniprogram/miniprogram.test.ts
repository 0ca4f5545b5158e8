import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type CryptoKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
let admin: TestUser;
const clock = new ManualClock('2026-11-21T10:00:00.000Z');
const now = () => Math.floor(clock.now().getTime() / 1000);

interface Host {
  id: string;
  key: CryptoKey;
  kid: string;
}
let es: Host;
let rsa: Host;
let rsaPrivate: CryptoKey;

async function registerHost(alg: 'ES256' | 'RS256', name: string, origins = ['https://news.example.com']): Promise<Host & { publicJwk: JWK }> {
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const kid = `${alg.toLowerCase()}-${randomUUID().slice(0, 8)}`;
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  const res = await admin.http.post('/api/admin/hosts', { name, origins, jwks: { keys: [publicJwk] }, status: 'active' });
  expect(res.statusCode).toBe(201);
  return { id: res.data.id, key: privateKey, kid, publicJwk };
}

function assertion(host: Host, overrides: { alg?: string; kid?: string; header?: Record<string, unknown>; claims?: Record<string, unknown>; iat?: number; exp?: number; key?: CryptoKey } = {}) {
  const iat = overrides.iat ?? now();
  const claims: Record<string, unknown> = { iss: host.id, sub: 'reader-1', aud: t.config.publicUrl, jti: randomUUID(), name: 'Alex', ...overrides.claims };
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
  const jwt = new SignJWT(claims).setProtectedHeader({ alg: overrides.alg ?? (host === rsa ? 'RS256' : 'ES256'), kid: overrides.kid ?? host.kid, ...overrides.header }).setIssuedAt(iat);
  if (overrides.exp !== -1) jwt.setExpirationTime(overrides.exp ?? iat + 120);
  return jwt.sign(overrides.key ?? host.key);
}

const exchange = (hostId: string, jwt: string) => t.http().post('/api/mini/session', { hostId, assertion: jwt });

beforeAll(async () => {
  t = await createTestApp({ clock });
  admin = await t.user({ roles: ['admin'] });
  es = await registerHost('ES256', 'News Daily');
  const r = await registerHost('RS256', 'Video App', ['https://video.example.org']);
  rsa = r;
  rsaPrivate = r.key;
});
afterAll(async () => {
  await t.close();
});

describe('signing a reader in', () => {
  it('exchanges a valid ES256 assertion for a mini-program session', async () => {
    const res = await exchange(es.id, await assertion(es, { claims: { sub: 'reader-42', name: 'Alex Martin' } }));
    expect(res.statusCode).toBe(200);
    expect(res.data.token).toMatch(/^lts_/);
    expect(res.data.user).toMatchObject({ displayName: 'Alex Martin', hostId: es.id });
    expect(res.data.user.id).toMatch(/^mpu_/);
    const me = await t.http(res.data.token).get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.data.roles).toEqual(['patient']);
  });

  it('accepts RS256 from a host that registered an RSA key', async () => {
    const res = await exchange(rsa.id, await assertion(rsa, { key: rsaPrivate }));
    expect(res.statusCode).toBe(200);
  });

  it('maps the same host user to the same account, and the same sub on two hosts to two accounts with pairwise ids', async () => {
    const a1 = await exchange(es.id, await assertion(es, { claims: { sub: 'shared-sub' } }));
    const a2 = await exchange(es.id, await assertion(es, { claims: { sub: 'shared-sub' } }));
    const b = await exchange(rsa.id, await assertion(rsa, { claims: { sub: 'shared-sub' } }));
    expect(a1.data.user.id).toBe(a2.data.user.id);
    expect(b.data.user.id).not.toBe(a1.data.user.id);
    const meA1 = await t.http(a1.data.token).get('/api/me');
    const meA2 = await t.http(a2.data.token).get('/api/me');
    const meB = await t.http(b.data.token).get('/api/me');
    expect(meA1.data.id).toBe(meA2.data.id);
    expect(meB.data.id).not.toBe(meA1.data.id);
    // The host never learns the internal account id.
    expect(a1.data.user.id).not.toBe(meA1.data.id);
  });

  it('limits a mini-program session to the mini-program', async () => {
    const res = await exchange(es.id, await assertion(es, { claims: { sub: 'scoped' } }));
    const token = res.data.token as string;
    expect((await t.http(token).get('/api/departments')).statusCode).toBe(200);
    const admin = await t.http(token).get('/api/admin/hosts');
    expect(admin.statusCode).toBe(403);
    expect(admin.data.error.code).toBe('scope_not_allowed');
  });
});

describe('asking from inside a host', () => {
  it('refuses a paid question it cannot take payment for, leaving nothing behind, and still screens red flags first', async () => {
    const token = (await exchange(es.id, await assertion(es, { claims: { sub: 'asker' } }))).data.token as string;
    const reader = t.http(token);
    const ask = (description: string) => reader.post('/api/consultations', { department: 'general_practice', description, acceptTelemedicine: true });
    expect((await ask('A sore throat and a mild fever for three days.')).statusCode).toBe(201);

    const paid = await ask('A rash on my arm since last week, itchy at night.');
    expect(paid.statusCode).toBe(409);
    expect(paid.data.error.code).toBe('payment_not_available_here');
    expect(paid.data.error.message).toMatch(/paying is not possible inside this app/);
    expect((await reader.get('/api/consultations')).data).toHaveLength(1);

    const urgent = await ask('我不想活了，想自杀');
    expect(urgent.statusCode).toBe(422);
    expect(urgent.data.error.code).toBe('urgent_symptoms');
  });
});

describe('refusals', () => {
  const refusedWith = async (code: string, hostId: string, jwt: string | Promise<string>) => {
    const res = await exchange(hostId, await jwt);
    expect(res.statusCode, res.body).toBe(401);
    expect(res.data.error.code).toBe(code);
  };

  it('an unknown host', () => refusedWith('unknown_host', 'host_nope', assertion(es)));
  it('a key the host did not register', async () => {
    const other = await generateKeyPair('ES256');
    await refusedWith('unknown_key', es.id, assertion(es, { kid: 'not-registered', key: other.privateKey }));
  });
  it('a registered kid signed by another key', async () => {
    const other = await generateKeyPair('ES256');
    await refusedWith('bad_signature', es.id, assertion(es, { key: other.privateKey }));
  });
  it('alg none', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', kid: es.kid })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ iss: es.id, sub: 'x', aud: t.config.publicUrl, iat: now(), exp: now() + 60, jti: randomUUID() })).toString('base64url');
    await refusedWith('unsupported_algorithm', es.id, `${header}.${body}.`);
  });
  it('HS256 (an algorithm the key is not for)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', kid: es.kid })).toString('base64url');
    await refusedWith('unsupported_algorithm', es.id, `${header}.e30.c2ln`);
  });
  it('RS256 claimed over an EC key', async () => {
    const rsaKeys = await generateKeyPair('RS256');
    await refusedWith('algorithm_mismatch', es.id, assertion(es, { alg: 'RS256', key: rsaKeys.privateKey }));
  });
  for (const header of ['jku', 'x5u', 'jwk', 'crit'] as const) {
    it(`a ${header} header`, async () => {
      const value = header === 'crit' ? ['exp'] : header === 'jwk' ? es.kid : 'https://attacker.example/keys';
      const jwt = header === 'crit'
        ? new SignJWT({ iss: es.id, sub: 'x', aud: t.config.publicUrl, jti: randomUUID(), exp: now() + 60 }).setProtectedHeader({ alg: 'ES256', kid: es.kid, crit: ['exp'], exp: 1 } as never).setIssuedAt(now()).sign(es.key).catch(() => {
            const h = Buffer.from(JSON.stringify({ alg: 'ES256', kid: es.kid, crit: ['x'] })).toString('base64url');
            return `${h}.e30.c2ln`;
          })
        : assertion(es, { header: { [header]: value } });
      await refusedWith('forbidden_header', es.id, jwt);
    });
  }
  it('a wrong audience', () => refusedWith('wrong_audience', es.id, assertion(es, { claims: { aud: 'https://elsewhere.example' } })));
  it('a wrong issuer', () => refusedWith('wrong_issuer', es.id, assertion(es, { claims: { iss: rsa.id } })));
  it('an expired assertion', () => refusedWith('assertion_expired', es.id, assertion(es, { iat: now() - 600, exp: now() - 300 })));
  it('a not-yet-valid assertion', () => refusedWith('assertion_not_yet_valid', es.id, assertion(es, { claims: { nbf: now() + 600 } })));
  it('an assertion issued in the future', () => refusedWith('assertion_not_yet_valid', es.id, assertion(es, { iat: now() + 600, exp: now() + 660 })));
  it('a lifetime over 5 minutes', () => refusedWith('assertion_lifetime_too_long', es.id, assertion(es, { exp: now() + 301 })));
  it('no expiry', () => refusedWith('assertion_expired', es.id, assertion(es, { exp: -1 })));
  it('a missing jti', () => refusedWith('missing_jti', es.id, assertion(es, { claims: { jti: undefined } })));
  it('a missing sub', () => refusedWith('missing_subject', es.id, assertion(es, { claims: { sub: undefined } })));
  it('a reused jti', async () => {
    const jwt = await assertion(es, { claims: { jti: 'once-only' } });
    expect((await exchange(es.id, jwt)).statusCode).toBe(200);
    await refusedWith('assertion_replayed', es.id, jwt);
    // The same jti signed again is still a replay.
    await refusedWith('assertion_replayed', es.id, assertion(es, { claims: { jti: 'once-only' } }));
  });
  it('garbage', () => refusedWith('malformed_assertion', es.id, 'not.a.jwt'));
});

describe('host administration and suspension', () => {
  it('is for admins only', async () => {
    const patient = await t.user();
    expect((await patient.http.post('/api/admin/hosts', { name: 'X', origins: ['https://x.example'], jwks: { keys: [] } })).statusCode).toBe(403);
  });

  it('validates origins and keys with field errors, and never stores private key material', async () => {
    const bad = await admin.http.post('/api/admin/hosts', { name: 'Bad', origins: ['https://x.example/path', 'ftp://x'], jwks: { keys: [{ kty: 'oct', k: 'secret' }] } });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.data.error.fields).sort()).toEqual(['jwks', 'origins']);
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = { ...(await exportJWK(privateKey)), kid: 'leaky' };
    const res = await admin.http.post('/api/admin/hosts', { name: 'Leaky', origins: ['https://leaky.example'], jwks: { keys: [privateJwk] } });
    expect(res.statusCode).toBe(201);
    expect(res.data.jwks.keys[0].d).toBeUndefined();
  });

  it('suspending a host refuses new sign-ins and ends its sessions at once', async () => {
    const host = await registerHost('ES256', 'Soon Suspended', ['https://suspend.example']);
    const session = await exchange(host.id, await assertion(host));
    expect((await t.http(session.data.token).get('/api/me')).statusCode).toBe(200);
    const patch = await admin.http.patch(`/api/admin/hosts/${host.id}`, { status: 'suspended' });
    expect(patch.statusCode).toBe(200);
    expect((await t.http(session.data.token).get('/api/me')).statusCode).toBe(401);
    const again = await exchange(host.id, await assertion(host));
    expect(again.statusCode).toBe(401);
    expect(again.data.error.code).toBe('host_suspended');
    expect((await admin.http.patch(`/api/admin/hosts/${host.id}`, { status: 'active' })).statusCode).toBe(200);
    expect((await exchange(host.id, await assertion(host))).statusCode).toBe(200);
  });
});

describe('framing', () => {
  it('lets only active hosts frame the mini-program, and nothing else', async () => {
    const gone = await registerHost('ES256', 'Gone', ['https://gone.example']);
    await admin.http.patch(`/api/admin/hosts/${gone.id}`, { status: 'suspended' });
    const mini = await t.http().get('/mini/', { accept: 'text/html' });
    const csp = mini.headers['content-security-policy'] as string;
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/news\.example\.com/);
    expect(csp).toMatch(/frame-ancestors [^;]*https:\/\/video\.example\.org/);
    expect(csp).not.toMatch(/frame-ancestors [^;]*gone\.example/);
    expect(mini.headers['x-frame-options']).toBeUndefined();
    for (const url of ['/', '/api/departments', '/doctor/', '/admin/']) {
      const res = await t.http().get(url, { accept: 'text/html' });
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('serves the host SDK to other origins, naming our origin', async () => {
    const sdk = await t.http().get('/sdk/host.js');
    expect(sdk.statusCode).toBe(200);
    expect(sdk.headers['content-type']).toMatch(/javascript/);
    expect(sdk.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(sdk.body).toContain(`'${new URL(t.config.publicUrl).origin}'`);
    expect(sdk.body).not.toMatch(/postMessage\([^)]*'\*'\)/);
    expect(sdk.body.length).toBeLessThan(6000);
  });
});
