// Who may open the realtime socket and follow what. A mini-program session, which has no
// cookie, opens it with its bearer token offered as a subprotocol, or with a short-lived
// single-use ticket; the token itself never goes in the URL. Then the same rules hold as
// for everyone: a conversation's events to its members, `user:<id>` to that person,
// `queue:<department>` to the doctors practising in it, `doctors:presence` to anyone signed in.
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

type Frame = { type: string; [key: string]: unknown };

class Client {
  readonly frames: Frame[] = [];
  private waiters: Array<() => void> = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const w of this.waiters.splice(0)) w();
    });
  }
  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
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
  /** Subscribes and waits for the answer: `subscribed`, or the error frame. */
  async subscribe(frame: Record<string, unknown>): Promise<Frame> {
    const before = this.frames.length;
    this.send({ type: 'subscribe', ...frame });
    await this.until((f) => f.slice(before).some((x) => x.type === 'subscribed' || x.type === 'error'));
    return this.frames.slice(before).find((x) => x.type === 'subscribed' || x.type === 'error')!;
  }
  close(): void {
    this.ws.close();
  }
}

/** Opens a socket; resolves with the client, or rejects with the refusal's HTTP status. */
function open(url: string, options: { protocols?: string[]; headers?: Record<string, string> } = {}): Promise<Client> {
  const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(new Client(ws)));
    ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused with ${res.statusCode}`), { status: res.statusCode })));
    ws.once('error', reject);
  });
}
const refusal = (promise: Promise<Client>) =>
  promise.then(
    () => 0,
    (error: { status?: number }) => error.status ?? -1,
  );

const clock = new ManualClock('2026-12-02T09:00:00.000Z');
let t: TestApp;
let url: string;
let admin: TestUser;
let doctor: TestUser;
let mini: { token: string; id: string };

async function miniSession(): Promise<{ token: string; id: string }> {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = `k-${randomUUID().slice(0, 8)}`;
  const host = await admin.http.post('/api/admin/hosts', {
    name: 'Daily News',
    origins: ['https://news.example.com'],
    jwks: { keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' }] },
    status: 'active',
  });
  expect(host.statusCode).toBe(201);
  const iat = Math.floor(clock.now().getTime() / 1000);
  const assertion = await new SignJWT({ iss: host.data.id, sub: 'reader-7', aud: t.config.publicUrl, jti: randomUUID(), name: 'Reader Seven' })
    .setProtectedHeader({ alg: 'ES256', kid })
    .setIssuedAt(iat)
    .setExpirationTime(iat + 120)
    .sign(privateKey);
  const session = await t.http().post('/api/mini/session', { hostId: host.data.id, assertion });
  expect(session.statusCode).toBe(200);
  return { token: session.data.token, id: session.data.user.id };
}

beforeAll(async () => {
  t = await createTestApp({ clock, env: offlineRegistries });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(t.app.server.address() as { port: number }).port}/api/realtime`;
  admin = await t.user({ roles: ['admin'] });
  doctor = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Alice Grant' });
  mini = await miniSession();
});
afterAll(async () => {
  await t?.close();
});

describe('opening the socket from a mini-program session', () => {
  it('accepts the bearer token offered as a subprotocol, and answers with lotus.v1', async () => {
    const client = await open(url, { protocols: ['lotus.v1', `lotus.bearer.${mini.token}`] });
    expect(client.ws.protocol).toBe('lotus.v1');
    expect(await client.subscribe({ channel: 'user:me' })).toMatchObject({ type: 'subscribed', channel: 'user:me' });
    client.close();
  });

  it('accepts the token as the only subprotocol (the handshake echoes it back)', async () => {
    const client = await open(url, { protocols: [`lotus.bearer.${mini.token}`] });
    expect(client.ws.protocol).toBe(`lotus.bearer.${mini.token}`);
    client.close();
  });

  it('refuses a token that is not a live session', async () => {
    expect(await refusal(open(url, { protocols: ['lotus.v1', 'lotus.bearer.lts_notarealtokenatallnotarealtoken'] }))).toBe(401);
  });

  it('opens with a ticket once; a used, expired, unknown ticket or one without a session is refused', async () => {
    expect((await t.http().post('/api/realtime/tickets')).statusCode).toBe(401);
    const issued = await t.http(mini.token).post('/api/realtime/tickets');
    expect(issued.statusCode).toBe(201);
    expect(issued.data.ticket).toMatch(/^rtt_/);
    expect(issued.data.ticket).not.toContain(mini.token);
    const client = await open(`${url}?ticket=${issued.data.ticket}`);
    expect(await client.subscribe({ channel: 'user:me' })).toMatchObject({ type: 'subscribed' });
    client.close();
    expect(await refusal(open(`${url}?ticket=${issued.data.ticket}`))).toBe(401);

    const late = await t.http(mini.token).post('/api/realtime/tickets');
    clock.advance(46_000);
    expect(await refusal(open(`${url}?ticket=${late.data.ticket}`))).toBe(401);
    expect(await refusal(open(`${url}?ticket=rtt_${'A'.repeat(43)}`))).toBe(401);
  });

  it('ends a ticket with its session: signed out, the ticket opens nothing', async () => {
    const other = await miniSession();
    const issued = await t.http(other.token).post('/api/realtime/tickets');
    expect((await t.http(other.token).post('/api/auth/logout')).statusCode).toBeLessThan(300);
    expect(await refusal(open(`${url}?ticket=${issued.data.ticket}`))).toBe(401);
  });
});

describe('what a socket may follow', () => {
  it("gives a person their own channel, not someone else's", async () => {
    const patient = await t.user();
    const client = await open(url, { headers: { authorization: `Bearer ${patient.token}` } });
    expect(await client.subscribe({ channel: `user:${patient.id}` })).toMatchObject({ type: 'subscribed' });
    expect(await client.subscribe({ channel: `user:${doctor.id}` })).toMatchObject({ type: 'error', code: 'not_found', channel: `user:${doctor.id}` });
    expect(await client.subscribe({ channel: 'sessions' })).toMatchObject({ type: 'error', code: 'not_found' });
    expect(await client.subscribe({ channel: 'doctors:presence' })).toMatchObject({ type: 'subscribed' });
    client.close();
  });

  it("gives a department's queue to its doctors only: not to patients, mini sessions or other departments", async () => {
    const patient = await t.user();
    const asPatient = await open(url, { headers: { authorization: `Bearer ${patient.token}` } });
    expect(await asPatient.subscribe({ channel: 'queue:general_practice' })).toMatchObject({ type: 'error', code: 'not_found' });
    asPatient.close();
    const asMini = await open(url, { protocols: ['lotus.v1', `lotus.bearer.${mini.token}`] });
    expect(await asMini.subscribe({ channel: 'queue:general_practice' })).toMatchObject({ type: 'error', code: 'not_found' });
    asMini.close();
    const asDoctor = await open(url, { headers: { authorization: `Bearer ${doctor.token}` } });
    expect(await asDoctor.subscribe({ channel: 'queue:dermatology' })).toMatchObject({ type: 'error', code: 'not_found' });
    expect(await asDoctor.subscribe({ channel: 'queue:general_practice' })).toMatchObject({ type: 'subscribed' });
    asDoctor.close();
  });

  it("keeps a conversation's events to its members, on a mini session's socket too", async () => {
    const stranger = await t.user();
    const other = await t.user();
    const { id } = (await stranger.http.post('/api/conversations', { kind: 'direct', memberIds: [other.id] })).data;
    const asMini = await open(url, { protocols: ['lotus.v1', `lotus.bearer.${mini.token}`] });
    expect(await asMini.subscribe({ conversationId: id, afterSeq: 0 })).toMatchObject({ type: 'error', code: 'not_found' });
    asMini.close();
  });
});

describe('events on the channels', () => {
  it("tells the department's doctors a question joined the queue and was taken, and the patient that it was taken; the mini chat gets the doctor's message", async () => {
    const asDoctor = await open(url, { headers: { authorization: `Bearer ${doctor.token}` } });
    await asDoctor.subscribe({ channel: 'queue:general_practice' });
    const asked = await t
      .http(mini.token)
      .post('/api/consultations', {
        department: 'general_practice',
        description: 'A sore throat and a mild fever for three days now.',
        age: 30,
        sex: 'female',
        acceptTelemedicine: true,
      });
    expect(asked.statusCode).toBe(201);
    await asDoctor.until((f) => f.some((x) => x.type === 'queued' && x.consultationId === asked.data.id));

    const asMini = await open(url, { protocols: ['lotus.v1', `lotus.bearer.${mini.token}`] });
    await asMini.subscribe({ channel: 'user:me' });
    expect(await asMini.subscribe({ conversationId: asked.data.conversationId, afterSeq: 0 })).toMatchObject({ type: 'subscribed' });

    expect((await doctor.http.post(`/api/consultations/${asked.data.id}/accept`)).statusCode).toBe(200);
    await asDoctor.until((f) => f.some((x) => x.type === 'taken' && x.consultationId === asked.data.id));
    await asMini.until((f) => f.some((x) => x.type === 'consultation' && x.consultationId === asked.data.id && x.status === 'active'));

    await doctor.http.post(`/api/conversations/${asked.data.conversationId}/messages`, {
      clientId: 'd1',
      text: 'Hello, I am Dr Grant. How high is the fever?',
    });
    await asMini.until((f) => f.some((x) => x.type === 'message' && x.text === 'Hello, I am Dr Grant. How high is the fever?'));
    expect(asMini.frames.find((x) => x.type === 'message' && x.senderId === doctor.id)).toMatchObject({
      conversationId: asked.data.conversationId,
      seq: expect.any(Number),
    });
    asMini.close();
    asDoctor.close();
  });
});
