import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const password = 'correct horse battery';

describe('registration', () => {
  it('creates a patient account with email and returns a token and a session cookie', async () => {
    const res = await t.http().post('/api/auth/register', { acceptTerms: true, email: 'Ada@Example.com', password, displayName: 'Ada' });
    expect(res.statusCode).toBe(201);
    expect(res.data.token).toMatch(/^lts_/);
    expect(res.data.user).toMatchObject({ displayName: 'Ada', email: 'ada@example.com', roles: ['patient'] });
    const cookie = res.cookies.find((c) => c.name === 'lotus_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    expect(JSON.stringify(res.data)).not.toMatch(/scrypt|password/i);
  });

  it('registers with a phone number only, normalising separators', async () => {
    const res = await t.http().post('/api/auth/register', { acceptTerms: true, phone: '+86 138-0013-8000', password, displayName: '李雷' });
    expect(res.statusCode).toBe(201);
    expect(res.data.user.phone).toBe('+8613800138000');
    expect(res.data.user.email).toBeUndefined();
  });

  it('refuses a duplicate email or phone with 409', async () => {
    const email = await t.http().post('/api/auth/register', { acceptTerms: true, email: 'ada@example.com', password, displayName: 'Other' });
    expect(email.statusCode).toBe(409);
    expect(email.data.error.code).toBe('account_exists');
    const phone = await t.http().post('/api/auth/register', { acceptTerms: true, phone: '+8613800138000', password, displayName: 'Other' });
    expect(phone.statusCode).toBe(409);
  });

  it('answers 422 with fields for a bad email, a bad phone and a weak password, creating nothing', async () => {
    const res = await t.http().post('/api/auth/register', { acceptTerms: true, email: 'not-an-email', phone: '12345', password: 'short', displayName: 'X' });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('validation_failed');
    expect(Object.keys(res.data.error.fields).sort()).toEqual(['email', 'password', 'phone']);
    const common = await t.http().post('/api/auth/register', { acceptTerms: true, email: 'weak@example.com', password: 'password', displayName: 'Weak' });
    expect(common.statusCode).toBe(422);
    expect(common.data.error.fields.password).toMatch(/common/);
    const login = await t.http().post('/api/auth/login', { login: 'weak@example.com', password: 'password' });
    expect(login.statusCode).toBe(401);
  });

  it('needs an email or a phone, and a display name', async () => {
    const res = await t.http().post('/api/auth/register', { acceptTerms: true, password, displayName: '' });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.fields).toHaveProperty('email');
    expect(res.data.error.fields).toHaveProperty('displayName');
  });

  it('reports a missing required field by name', async () => {
    const res = await t.http().post('/api/auth/register', { acceptTerms: true, email: 'x@example.com', displayName: 'X' });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.fields.password).toBe('is required');
  });
});

describe('sign-in and sessions', () => {
  it('signs in by email or phone; the bearer token and the cookie both authenticate', async () => {
    const byEmail = await t.http().post('/api/auth/login', { login: 'ADA@example.com', password });
    expect(byEmail.statusCode).toBe(200);
    const me = await t.http(byEmail.data.token).get('/api/me');
    expect(me.statusCode).toBe(200);
    expect(me.data).toMatchObject({ displayName: 'Ada', email: 'ada@example.com', roles: ['patient'] });
    const cookie = byEmail.cookies.find((c) => c.name === 'lotus_session')!;
    const viaCookie = await t.http().get('/api/me', { cookie: `lotus_session=${cookie.value}` });
    expect(viaCookie.statusCode).toBe(200);

    const byPhone = await t.http().post('/api/auth/login', { login: '+8613800138000', password });
    expect(byPhone.statusCode).toBe(200);
    expect(byPhone.data.user.displayName).toBe('李雷');
  });

  it('answers 401 to a wrong password and to an unknown account, alike', async () => {
    const wrong = await t.http().post('/api/auth/login', { login: '+8613800138000', password: 'wrong password!' });
    const unknown = await t.http().post('/api/auth/login', { login: 'nobody@example.com', password });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.data.error).toEqual(unknown.data.error);
  });

  it('answers 429 after too many failed attempts, even with the right password', async () => {
    await t.http().post('/api/auth/register', { acceptTerms: true, email: 'target@example.com', password, displayName: 'Target' });
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await t.http().post('/api/auth/login', { login: 'target@example.com', password: `guess ${i}!!` })).statusCode);
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes[5]).toBe(429);
    const right = await t.http().post('/api/auth/login', { login: 'target@example.com', password });
    expect(right.statusCode).toBe(429);
    expect(right.data.error.code).toBe('too_many_attempts');
  });

  it('signs out: the token and the cookie stop working', async () => {
    const login = await t.http().post('/api/auth/login', { login: 'ada@example.com', password });
    const token = login.data.token as string;
    const cookie = login.cookies.find((c) => c.name === 'lotus_session')!.value;
    const out = await t.http(token).post('/api/auth/logout');
    expect(out.statusCode).toBe(204);
    expect((await t.http(token).get('/api/me')).statusCode).toBe(401);
    expect((await t.http().get('/api/me', { cookie: `lotus_session=${cookie}` })).statusCode).toBe(401);
    // Another session of the same account is untouched.
    const other = await t.http().post('/api/auth/login', { login: 'ada@example.com', password });
    expect((await t.http(other.data.token).get('/api/me')).statusCode).toBe(200);
  });

  it('answers 401 without a session, in the error shape', async () => {
    const res = await t.http().get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(res.data).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
  });

  it('refuses a cookie-authenticated write from another site (CSRF)', async () => {
    const login = await t.http().post('/api/auth/login', { login: 'ada@example.com', password });
    const cookie = `lotus_session=${login.cookies.find((c) => c.name === 'lotus_session')!.value}`;
    const crossSite = await t.http().patch('/api/me', { displayName: 'Hacked' }, { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.data.error.code).toBe('cross_site_request');
    const badOrigin = await t.http().patch('/api/me', { displayName: 'Hacked' }, { cookie, origin: 'https://evil.example' });
    expect(badOrigin.statusCode).toBe(403);
    const sameOrigin = await t.http().patch('/api/me', { displayName: 'Ada L.' }, { cookie, origin: 'http://localhost:80', host: 'localhost:80', 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.statusCode).toBe(200);
    expect(sameOrigin.data.displayName).toBe('Ada L.');
  });
});

describe('profile and language', () => {
  it('remembers the interface language on the account and answers in it', async () => {
    const u = await t.user();
    const res = await u.http.patch('/api/me', { locale: 'zh' });
    expect(res.statusCode).toBe(200);
    expect(res.data.locale).toBe('zh');
    const departments = await u.http.get('/api/departments');
    expect(departments.data.find((d: { code: string }) => d.code === 'paediatrics').name).toBe('儿科');
  });
});
