// Our own origin: LOTUS_PUBLIC_URL and, when its host is loopback, the loopback aliases
// (127.0.0.1 for localhost and the reverse, same port). In production other hosts redirect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair } from 'jose';
import { generateVAPIDKeys } from 'web-push';
import WebSocket from 'ws';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { isOwnOrigin, ownOrigins } from './origins.ts';

describe('ownOrigins', () => {
  it('adds the loopback aliases of a loopback public URL, with its scheme and port', () => {
    expect(ownOrigins('http://localhost:3000')).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
    expect(ownOrigins('http://127.0.0.1:8080/')).toEqual(['http://127.0.0.1:8080', 'http://localhost:8080']);
    expect(ownOrigins('https://health.example.org')).toEqual(['https://health.example.org']);
    expect(isOwnOrigin('http://127.0.0.1:3001', 'http://localhost:3000')).toBe(false);
    expect(isOwnOrigin('https://127.0.0.1:3000', 'http://localhost:3000')).toBe(false);
  });
});

describe('a request at a loopback alias of the public URL (development)', () => {
  let t: TestApp;
  let ada: TestUser;
  const publicUrl = 'http://localhost:4173';
  const alias = 'http://127.0.0.1:4173';

  beforeAll(async () => {
    t = await createTestApp({ env: { LOTUS_PUBLIC_URL: publicUrl } });
    ada = await t.user({ displayName: 'Ada' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('accepts a cookie write whose Origin is the alias, and still refuses another site', async () => {
    const login = await t.http().post('/api/auth/login', { login: ada.email, password: 'a long enough passphrase' });
    expect(login.statusCode).toBe(200);
    const cookie = `lotus_session=${login.cookies.find((c) => c.name === 'lotus_session')!.value}`;
    // Host is the public one (a proxy, or the Vite dev server) while the page runs at the alias.
    const fromAlias = await t.http().patch('/api/me', { displayName: 'Ada L.' }, { cookie, host: 'localhost:4173', origin: alias, 'sec-fetch-site': 'same-origin' });
    expect(fromAlias.statusCode).toBe(200);
    expect(fromAlias.data.displayName).toBe('Ada L.');
    const otherPort = await t.http().patch('/api/me', { displayName: 'Hacked' }, { cookie, host: 'localhost:4173', origin: 'http://127.0.0.1:9999', 'sec-fetch-site': 'same-origin' });
    expect(otherPort.statusCode).toBe(403);
    expect(otherPort.data.error.code).toBe('cross_site_request');
  });

  it('accepts a realtime socket whose Origin is the alias', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as { port: number }).port;
    const open = (origin: string) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api/realtime`, { headers: { authorization: `Bearer ${ada.token}`, host: 'localhost:4173', origin } });
        ws.once('open', () => {
          ws.close();
          resolve(101);
        });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      });
    expect(await open(alias)).toBe(101);
    expect(await open('http://127.0.0.1:9999')).toBe(403);
  });

  it('counts a link to our page at the alias as our own: allowed in a group, not external, previewed from the app', async () => {
    const bo = await t.user({ displayName: 'Bo' });
    const group = (await ada.http.post('/api/conversations', { kind: 'group', memberIds: [bo.id], title: 'Circle' })).data.id;
    const res = await ada.http.post(`/api/conversations/${group}/messages`, { clientId: 'alias-1', text: `Read ${alias}/encyclopedia/asthma` });
    expect(res.statusCode).toBe(201);
    expect(res.data.links[0]).toMatchObject({ url: `${alias}/encyclopedia/asthma`, external: false });
    const external = await ada.http.post(`/api/conversations/${group}/messages`, { clientId: 'alias-2', text: 'Read http://127.0.0.1:9999/encyclopedia/asthma' });
    expect(external.statusCode).toBe(422);
    // Answered by the app itself (tests have no web build, so a page that needs none).
    const preview = await ada.http.get(`/api/link-preview?url=${encodeURIComponent(`${alias}/healthz`)}`);
    expect(preview.statusCode).toBe(200);
    expect(preview.data).toMatchObject({ url: `${alias}/healthz`, siteName: 'Lotus Health' });
    const missing = await ada.http.get(`/api/link-preview?url=${encodeURIComponent(`${alias}/api/no-such-page`)}`);
    expect(missing.data.error.message).toBe('This Lotus Health page does not exist.');
  });

  it('serves the mini-program framable by the alias of a host registered at the public origin', async () => {
    const admin = await t.user({ roles: ['admin'] });
    const host = await admin.http.post('/api/admin/hosts', { name: 'Local news', origins: [publicUrl], jwks: { keys: [{ ...(await exportJWK((await generateKeyPair('ES256')).publicKey)), kid: 'k1', alg: 'ES256' }] }, status: 'active' });
    expect(host.data).toMatchObject({ origins: [publicUrl] });
    const page = await t.http().get('/mini/', { accept: 'text/html' });
    expect(page.headers['content-security-policy']).toMatch(new RegExp(`frame-ancestors [^;]*${alias.replace(/\./g, '\\.')}`));
    const launch = await t.http().get(`/api/mini/hosts/${host.data.id}`);
    expect(launch.data.origins).toContain(alias);
  });
});

describe('in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    const vapid = generateVAPIDKeys();
    t = await createTestApp({
      env: { NODE_ENV: 'production', LOTUS_SECRET: 'p'.repeat(48), LOTUS_PUBLIC_URL: 'https://health.example.org', LOTUS_VAPID_PUBLIC_KEY: vapid.publicKey, LOTUS_VAPID_PRIVATE_KEY: vapid.privateKey },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('redirects a request for another host to the public URL, keeping the path', async () => {
    const res = await t.http().get('/encyclopedia/asthma?lang=fr', { host: '127.0.0.1:3000', accept: 'text/html' });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('https://health.example.org/encyclopedia/asthma?lang=fr');
    const post = await t.http().post('/api/auth/login', { login: 'x', password: 'y' }, { host: 'lotus.internal' });
    expect(post.statusCode).toBe(308);
    const atPublic = await t.http().get('/api/departments', { host: 'health.example.org' });
    expect(atPublic.statusCode).toBe(200);
    expect((await t.http().get('/healthz', { host: '10.0.0.7:3000' })).statusCode).toBe(200);
  });
});
