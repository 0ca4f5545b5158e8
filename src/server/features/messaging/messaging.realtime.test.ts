// Realtime over real WebSockets (the server listens on port 0): authentication and
// Origin, subscribe with afterSeq, live delivery, typing and read events, and resume after
// a disconnect with nothing lost or doubled. With TEST_REDIS_URL, two server processes
// share one Redis bus and deliver to each other's sockets.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp, type LotusApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';

type Frame = { type: string; seq?: number; text?: string; [key: string]: unknown };

class Client {
  readonly frames: Frame[] = [];
  private waiters: Array<() => void> = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const w of this.waiters.splice(0)) w();
    });
  }
  static async open(url: string, token: string, headers: Record<string, string> = {}): Promise<Client> {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}`, ...headers } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Client(ws);
  }
  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }
  messages(): Frame[] {
    return this.frames.filter((f) => f.type === 'message');
  }
  async until(predicate: (frames: Frame[]) => boolean, ms = 5000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this.frames)) {
      if (Date.now() > deadline) throw new Error(`timed out; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
  close(): Promise<void> {
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return `ws://127.0.0.1:${(t.app.server.address() as { port: number }).port}/api/realtime`;
}

describe('realtime on one server', () => {
  let t: TestApp;
  let url: string;
  let ada: TestUser;
  let bo: TestUser;
  let eve: TestUser;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp();
    url = await listen(t);
    [ada, bo, eve] = await Promise.all([t.user({ displayName: 'Ada' }), t.user({ displayName: 'Bo' }), t.user({ displayName: 'Eve' })]);
    id = (await ada.http.post('/api/conversations', { kind: 'direct', memberIds: [bo.id] })).data.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses a socket without a session, or from another site', async () => {
    const anonymous = new WebSocket(url);
    const status = await new Promise<number>((resolve) => anonymous.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status).toBe(401);
    const foreign = new WebSocket(url, { headers: { authorization: `Bearer ${ada.token}`, origin: 'https://evil.example' } });
    const status2 = await new Promise<number>((resolve) => foreign.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    expect(status2).toBe(403);
  });

  it('does not let a stranger subscribe', async () => {
    const stranger = await Client.open(url, eve.token);
    stranger.send({ type: 'subscribe', conversationId: id, afterSeq: 0 });
    await stranger.until((f) => f.some((x) => x.type === 'error'));
    expect(stranger.frames[0]).toMatchObject({ type: 'error', code: 'not_found' });
    await ada.http.post(`/api/conversations/${id}/messages`, { clientId: 's0', text: 'secret' });
    await new Promise((r) => setTimeout(r, 100));
    expect(stranger.messages()).toEqual([]);
    await stranger.close();
  });

  it('replays after afterSeq, then streams; typing and read reach the other side', async () => {
    const bob = await Client.open(url, bo.token);
    bob.send({ type: 'subscribe', conversationId: id, afterSeq: 0 });
    await bob.until((f) => f.filter((x) => x.type === 'message').length === 1);
    expect(bob.messages()[0]).toMatchObject({ conversationId: id, seq: 1, senderId: ada.id, text: 'secret' });
    await ada.http.post(`/api/conversations/${id}/messages`, { clientId: 's1', text: 'live' });
    await bob.until((f) => f.filter((x) => x.type === 'message').length === 2);
    expect(bob.messages()[1]).toMatchObject({ seq: 2, text: 'live', createdAt: expect.any(String) });

    const adaSocket = await Client.open(url, ada.token);
    adaSocket.send({ type: 'subscribe', conversationId: id, afterSeq: 2 });
    await adaSocket.until((f) => f.some((x) => x.type === 'subscribed'));
    bob.send({ type: 'typing', conversationId: id });
    await adaSocket.until((f) => f.some((x) => x.type === 'typing'));
    expect(adaSocket.frames.find((x) => x.type === 'typing')).toMatchObject({ userId: bo.id, displayName: 'Bo' });
    bob.send({ type: 'read', conversationId: id, seq: 2 });
    await adaSocket.until((f) => f.some((x) => x.type === 'read'));
    expect(adaSocket.frames.find((x) => x.type === 'read')).toMatchObject({ userId: bo.id, seq: 2 });
    expect(adaSocket.messages()).toEqual([]);
    await bob.close();
    await adaSocket.close();
  });

  it('resumes after a disconnect with every missed message exactly once, in order', async () => {
    const first = await Client.open(url, bo.token);
    first.send({ type: 'subscribe', conversationId: id, afterSeq: 0 });
    await first.until((f) => f.filter((x) => x.type === 'message').length >= 2);
    // Messages keep coming while the socket is connected, then while it is gone.
    const sending = (async () => {
      for (let i = 0; i < 30; i++) await ada.http.post(`/api/conversations/${id}/messages`, { clientId: `r${i}`, text: `n${i}` });
    })();
    await new Promise((r) => setTimeout(r, 20));
    first.ws.terminate();
    const seen = first.messages().map((m) => m.seq!);
    const last = Math.max(...seen);
    const second = await Client.open(url, bo.token);
    second.send({ type: 'subscribe', conversationId: id, afterSeq: last });
    await sending;
    const total = (await bo.http.get(`/api/conversations/${id}/messages?after=0&limit=500`)).data.length;
    await second.until((f) => f.filter((x) => x.type === 'message').length === total - last);
    await new Promise((r) => setTimeout(r, 100));
    const resumed = second.messages().map((m) => m.seq!);
    expect(resumed).toEqual(Array.from({ length: total - last }, (_, i) => last + 1 + i));
    const combined = [...new Set(seen)].concat(resumed);
    expect(combined).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    await second.close();
  });
});

describe.runIf(process.env.TEST_REDIS_URL)('two server instances through Redis', () => {
  // Two servers that share nothing but one database file and Redis, like two processes
  // behind a load balancer: a message posted on one reaches a socket held by the other.
  let dir: string;
  let one: LotusApp;
  let two: LotusApp;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-redis-'));
    const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', LOTUS_DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'shared.sqlite')}`, REDIS_URL: process.env.TEST_REDIS_URL!, LOTUS_SECRET: 'a'.repeat(40) };
    one = await buildApp(loadConfig(env));
    two = await buildApp(loadConfig(env));
    await one.app.listen({ port: 0, host: '127.0.0.1' });
    await two.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await one?.app.close();
    await two?.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a message posted on one instance to a socket on the other, and resumes there', async () => {
    const base = (app: LotusApp) => `http://127.0.0.1:${(app.app.server.address() as { port: number }).port}`;
    const register = async (name: string) => {
      const res = await fetch(`${base(one)}/api/auth/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${name}.${Date.now()}@example.com`, password: 'a long enough passphrase', displayName: name, acceptTerms: true }),
      });
      return (await res.json()) as { token: string; user: { id: string } };
    };
    const ada = await register('ada');
    const bo = await register('bo');
    const post = (path: string, body: unknown) =>
      fetch(`${base(one)}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${ada.token}` }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<{ id: string; seq: number }>);
    const { id } = await post('/api/conversations', { kind: 'direct', memberIds: [bo.user.id] });
    await post(`/api/conversations/${id}/messages`, { clientId: 'x0', text: 'before' });
    const bob = await Client.open(`${base(two).replace('http', 'ws')}/api/realtime`, bo.token);
    bob.send({ type: 'subscribe', conversationId: id, afterSeq: 0 });
    await bob.until((f) => f.filter((x) => x.type === 'message').length === 1);
    for (let i = 1; i <= 5; i++) await post(`/api/conversations/${id}/messages`, { clientId: `x${i}`, text: `from one ${i}` });
    await bob.until((f) => f.filter((x) => x.type === 'message').length === 6);
    expect(bob.messages().map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(bob.messages()[5]).toMatchObject({ senderId: ada.user.id, text: 'from one 5' });
    await bob.close();
  });

  it('redeems a ticket issued by one instance on the other, once; user channel events cross instances', async () => {
    const base = (app: LotusApp) => `http://127.0.0.1:${(app.app.server.address() as { port: number }).port}`;
    const res = await fetch(`${base(one)}/api/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `cy.${Date.now()}@example.com`, password: 'a long enough passphrase', displayName: 'Cy', acceptTerms: true }),
    });
    const cy = (await res.json()) as { token: string; user: { id: string } };
    const issued = (await (await fetch(`${base(one)}/api/realtime/tickets`, { method: 'POST', headers: { authorization: `Bearer ${cy.token}` } })).json()) as { ticket: string };
    const ws = new WebSocket(`${base(two).replace('http', 'ws')}/api/realtime?ticket=${issued.ticket}`);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const client = new Client(ws);
    client.send({ type: 'subscribe', channel: 'user:me' });
    await client.until((f) => f.some((x) => x.type === 'subscribed'));
    const again = new WebSocket(`${base(one).replace('http', 'ws')}/api/realtime?ticket=${issued.ticket}`);
    const status = await new Promise<number>((resolve) => again.once('unexpected-response', (_req, r) => resolve(r.statusCode ?? 0)));
    expect(status).toBe(401);
    // A notice published by the first instance reaches the socket held by the second.
    await one.platform.bus.publish(`user:${cy.user.id}`, { type: 'notification', id: 'ntf_cross', kind: 'test' });
    await client.until((f) => f.some((x) => x.type === 'notification' && x.id === 'ntf_cross'));
    await client.close();
  });
});
