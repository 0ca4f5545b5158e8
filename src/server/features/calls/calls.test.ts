// Calls from both sides: the accepting doctor calls, the patient answers or declines, either
// hangs up and the chat says how long it lasted; nobody else may call, answer, read or
// signal; a closed or unaccepted consultation cannot be called in; an unanswered call
// becomes missed. Signalling runs over real WebSockets between the two participants only,
// also across two server instances through Redis (when TEST_REDIS_URL is set). The TURN
// credentials are the ones a real coturn accepts (started by the test, when installed;
// always under CI).
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';
import { miniScopeAllows } from '../miniprogram/miniprogram.routes.ts';
import { callsConfig, iceServersFor, turnCredential } from './calls.turn.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type LotusApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { seedDemo } from '../../demo.ts';
import { allocate, coturnAvailable, startCoturn, type Coturn } from '../../../../test/support/coturn.ts';

const clock = new ManualClock('2026-12-01T10:00:00.000Z');
const TURN_SECRET = 'a test secret of some length';
let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
let otherDoctor: TestUser;

interface Consultation {
  id: string;
  conversationId: string;
  patient: TestUser;
}

async function accepted(): Promise<Consultation> {
  const patient = await t.user({ displayName: 'Pat Ient' });
  const asked = await patient.http.post('/api/consultations', { department: 'general_practice', description: 'A rash on both forearms since Sunday, itchy at night.' });
  expect(asked.statusCode).toBe(201);
  const taken = await doctor.http.post(`/api/consultations/${asked.data.id}/accept`);
  expect(taken.statusCode).toBe(200);
  return { id: asked.data.id, conversationId: asked.data.conversationId, patient };
}

const messagesOf = async (c: Consultation) => (await c.patient.http.get(`/api/conversations/${c.conversationId}/messages?after=0`)).data as Array<{ kind: string; text: string }>;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { ...offlineRegistries, LOTUS_TURN_URLS: 'stun:127.0.0.1:3478,turn:127.0.0.1:3478?transport=udp', LOTUS_TURN_SECRET: TURN_SECRET, LOTUS_CALL_RING_SECONDS: '30' } });
  admin = await t.user({ roles: ['admin'] });
  doctor = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Ana Lopez' });
  otherDoctor = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Ben Ode' });
});
afterAll(async () => {
  await t.close();
});

describe('starting a call', () => {
  it('lets the accepting doctor ring the patient, with TURN credentials for this call', async () => {
    const c = await accepted();
    const res = await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'video' });
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ status: 'ringing', media: 'video', callerId: doctor.id, calleeId: c.patient.id, startedAt: null, endedAt: null, durationSeconds: null });
    expect(res.data.id).toMatch(/^cal_/);
    expect(res.data.iceTransportPolicy).toBe('all');
    const [stun, turn] = res.data.iceServers;
    expect(stun).toEqual({ urls: ['stun:127.0.0.1:3478'] });
    expect(turn.urls).toEqual(['turn:127.0.0.1:3478?transport=udp']);
    const [expiry, user] = turn.username.split(':');
    expect(user).toBe(doctor.id);
    // Valid through the ring time and the longest call (120 minutes by default), no longer.
    expect(Number(expiry)).toBe(Date.parse('2026-12-01T10:00:30.000Z') / 1000 + 120 * 60);
    expect(turn.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn.username).digest('base64'));
    // The patient sees it ringing (also after a reload) and has credentials of their own.
    const list = await c.patient.http.get(`/api/consultations/${c.id}/calls`);
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ id: res.data.id, status: 'ringing' });
    expect(list.data[0].iceServers[1].username).toMatch(new RegExp(`^\\d+:${c.patient.id}$`));
    const notifications = await c.patient.http.get('/api/notifications');
    expect(notifications.data.items[0]).toMatchObject({ kind: 'call', link: `/consultations/${c.id}` });
    await doctor.http.post(`/api/calls/${res.data.id}/hangup`);
  });

  it('answers 404 to the patient, another doctor, an admin and a stranger', async () => {
    const c = await accepted();
    const stranger = await t.user();
    for (const who of [c.patient, otherDoctor, admin, stranger]) {
      const res = await who.http.post(`/api/consultations/${c.id}/calls`, { media: 'audio' });
      expect(res.statusCode).toBe(404);
      expect(res.data.error.code).toBe('consultation_not_found');
    }
    expect((await stranger.http.get(`/api/consultations/${c.id}/calls`)).statusCode).toBe(404);
    expect((await doctor.http.post('/api/consultations/con_nothing/calls', { media: 'audio' })).statusCode).toBe(404);
  });

  it('refuses an unaccepted consultation (404: it has no doctor yet) and a closed one (409)', async () => {
    const patient = await t.user();
    const waiting = (await patient.http.post('/api/consultations', { department: 'general_practice', description: 'Headache every morning for a week now.' })).data;
    expect((await doctor.http.post(`/api/consultations/${waiting.id}/calls`, { media: 'audio' })).statusCode).toBe(404);
    const c = await accepted();
    const closed = await doctor.http.post(`/api/consultations/${c.id}/close`, { summary: 'Contact dermatitis.' });
    expect(closed.statusCode).toBe(200);
    const res = await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'video' });
    expect(res.statusCode).toBe(409);
    expect(res.data.error).toMatchObject({ code: 'consultation_closed' });
    expect(res.data.error.message).toMatch(/closed/);
  });

  it('validates the media and allows one live call at a time', async () => {
    const c = await accepted();
    const bad = await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'hologram' });
    expect(bad.statusCode).toBe(422);
    const first = await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'audio' });
    const second = await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'video' });
    expect(second.statusCode).toBe(409);
    expect(second.data.error.code).toBe('call_in_progress');
    await doctor.http.post(`/api/calls/${first.data.id}/hangup`);
    expect((await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'video' })).statusCode).toBe(201);
  });
});

describe('answering, declining, hanging up', () => {
  it('answers, then hangs up: the duration is recorded and the chat says "Video call, 7 min 12 s"', async () => {
    const c = await accepted();
    const call = (await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'video' })).data;
    expect((await doctor.http.post(`/api/calls/${call.id}/answer`)).statusCode).toBe(403);
    clock.advance(5_000);
    const answered = await c.patient.http.post(`/api/calls/${call.id}/answer`);
    expect(answered.statusCode).toBe(200);
    expect(answered.data).toMatchObject({ id: call.id, status: 'active', startedAt: clock.now().toISOString() });
    // A retried answer is the same answer.
    expect((await c.patient.http.post(`/api/calls/${call.id}/answer`)).data.status).toBe('active');
    clock.advance(432_000);
    const ended = await c.patient.http.post(`/api/calls/${call.id}/hangup`);
    expect(ended.statusCode).toBe(200);
    expect(ended.data).toMatchObject({ status: 'ended', durationSeconds: 432, iceServers: [] });
    const got = await doctor.http.get(`/api/calls/${call.id}`);
    expect(got.data).toMatchObject({ id: call.id, status: 'ended', startedAt: answered.data.startedAt, endedAt: clock.now().toISOString(), durationSeconds: 432 });
    expect((await messagesOf(c)).at(-1)).toMatchObject({ kind: 'system', text: 'Video call, 7 min 12 s', system: { key: 'call_ended', params: { media: 'video', seconds: 432 } } });
    // Hanging up again is harmless; answering an ended call is a conflict.
    expect((await doctor.http.post(`/api/calls/${call.id}/hangup`)).data.status).toBe('ended');
    const late = await c.patient.http.post(`/api/calls/${call.id}/answer`);
    expect(late.statusCode).toBe(409);
    expect(late.data.error.code).toBe('call_over');
  });

  it('lets the patient decline, and only the patient', async () => {
    const c = await accepted();
    const call = (await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'audio' })).data;
    expect((await doctor.http.post(`/api/calls/${call.id}/decline`)).statusCode).toBe(403);
    const declined = await c.patient.http.post(`/api/calls/${call.id}/decline`);
    expect(declined.statusCode).toBe(200);
    expect(declined.data).toMatchObject({ status: 'declined', startedAt: null, durationSeconds: null });
    expect((await messagesOf(c)).at(-1)).toMatchObject({ kind: 'system', text: 'Voice call declined', system: { key: 'call_declined', params: { media: 'audio' } } });
  });

  it('makes a call nobody answers within the ring time missed, and says so in the chat', async () => {
    const c = await accepted();
    const call = (await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'video' })).data;
    clock.advance(31_000);
    expect(await t.services.calls.sweep()).toBeGreaterThanOrEqual(1);
    expect((await c.patient.http.get(`/api/calls/${call.id}`)).data).toMatchObject({ status: 'missed', startedAt: null });
    expect((await c.patient.http.post(`/api/calls/${call.id}/answer`)).statusCode).toBe(409);
    expect((await messagesOf(c)).at(-1)).toMatchObject({ kind: 'system', text: 'Missed call', system: { key: 'call_missed', params: {} } });
  });

  it('ends a live call when its consultation closes', async () => {
    const c = await accepted();
    const call = (await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'audio' })).data;
    await c.patient.http.post(`/api/calls/${call.id}/answer`);
    await doctor.http.post(`/api/consultations/${c.id}/close`, { summary: 'Seen on video.' });
    expect((await c.patient.http.get(`/api/calls/${call.id}`)).data.status).toBe('ended');
  });

  it('answers 404 for a call to anyone but its two participants', async () => {
    const c = await accepted();
    const call = (await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'audio' })).data;
    const stranger = await t.user();
    for (const who of [stranger, otherDoctor, admin]) {
      expect((await who.http.get(`/api/calls/${call.id}`)).statusCode).toBe(404);
      for (const action of ['answer', 'decline', 'hangup']) expect((await who.http.post(`/api/calls/${call.id}/${action}`)).statusCode).toBe(404);
      expect((await who.http.post(`/api/calls/${call.id}/signal`, { signal: { kind: 'offer', sdp: 'v=0' } })).statusCode).toBe(404);
    }
    expect((await c.patient.http.get(`/api/calls/${call.id}`)).data.status).toBe('ringing');
  });
});

describe('signalling over HTTP (the mini-program has no realtime socket)', () => {
  it('keeps each side its own inbox while the call is live, and nothing once it is over', async () => {
    const c = await accepted();
    const call = (await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'audio' })).data;
    await c.patient.http.post(`/api/calls/${call.id}/answer`);
    expect((await doctor.http.post(`/api/calls/${call.id}/signal`, { signal: { kind: 'offer', sdp: 'v=0 a', round: 1 } })).statusCode).toBe(204);
    await doctor.http.post(`/api/calls/${call.id}/signal`, { signal: { kind: 'candidate', candidate: { candidate: 'candidate:1', sdpMid: '0' }, round: 1 } });
    const inbox = await c.patient.http.get(`/api/calls/${call.id}/signals?after=0`);
    expect(inbox.statusCode).toBe(200);
    expect(inbox.data.status).toBe('active');
    expect(inbox.data.signals.map((s: { signal: { kind: string } }) => s.signal.kind)).toEqual(['offer', 'candidate']);
    expect(inbox.data.signals[0].signal).toEqual({ kind: 'offer', sdp: 'v=0 a', round: 1 });
    const later = await c.patient.http.get(`/api/calls/${call.id}/signals?after=${inbox.data.signals[0].seq}`);
    expect(later.data.signals).toHaveLength(1);
    // The sender's own signals are not in their inbox; a stranger sees no call at all.
    expect((await doctor.http.get(`/api/calls/${call.id}/signals?after=0`)).data.signals).toEqual([]);
    expect((await otherDoctor.http.get(`/api/calls/${call.id}/signals?after=0`)).statusCode).toBe(404);
    expect((await doctor.http.post(`/api/calls/${call.id}/signal`, { signal: 'not an object' })).statusCode).toBe(422);
    await c.patient.http.post(`/api/calls/${call.id}/hangup`);
    expect((await c.patient.http.get(`/api/calls/${call.id}/signals?after=0`)).data).toEqual({ status: 'ended', signals: [] });
    expect(await t.services.calls.store.signalsFor(call.id, c.patient.id, 0, 10)).toEqual([]);
    expect((await c.patient.http.post(`/api/calls/${call.id}/signal`, { signal: { kind: 'rejoin' } })).statusCode).toBe(409);
  });

  it('is reachable from a mini-program session', () => {
    expect(miniScopeAllows(`/api/calls/cal_1/signals?after=3`)).toBe(true);
    expect(miniScopeAllows('/api/calls/cal_1/answer')).toBe(true);
  });
});

describe('TURN credentials', () => {
  it('follow the TURN REST API scheme coturn checks: expiry:user, base64 HMAC-SHA1 of it', () => {
    const { username, credential } = turnCredential('north', 'usr_1', new Date('2026-12-01T12:00:00Z'));
    expect(username).toBe('1796126400:usr_1');
    // Computed independently: printf '1796126400:usr_1' | openssl dgst -sha1 -hmac north -binary | base64
    expect(credential).toBe(createHmac('sha1', 'north').update('1796126400:usr_1').digest('base64'));
  });

  it('are configured with checks: turn: URLs need a secret, URLs need a scheme', () => {
    expect(() => callsConfig({ LOTUS_TURN_URLS: 'turn:example.org:3478' })).toThrow(/LOTUS_TURN_SECRET/);
    expect(() => callsConfig({ LOTUS_TURN_URLS: 'example.org', LOTUS_TURN_SECRET: 'x'.repeat(20) })).toThrow(/LOTUS_TURN_URLS/);
    expect(callsConfig({})).toMatchObject({ turnUrls: [], stunUrls: [], turnSecret: null, ringSeconds: 45, relayOnly: false });
    expect(() => callsConfig({ LOTUS_CALL_RELAY_ONLY: 'true' })).toThrow(/LOTUS_CALL_RELAY_ONLY/);
    expect(callsConfig({ LOTUS_CALL_RELAY_ONLY: 'true', LOTUS_TURN_URLS: 'turn:example.org:3478', LOTUS_TURN_SECRET: 'x'.repeat(20) }).relayOnly).toBe(true);
  });
});

type Frame = { type: string; [key: string]: unknown };

class Socket {
  readonly frames: Frame[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.frames.push(JSON.parse(String(data)) as Frame));
  }
  static async open(url: string, token: string): Promise<Socket> {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Socket(ws);
  }
  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }
  async until(predicate: (f: Frame) => boolean, ms = 5000): Promise<Frame> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = this.frames.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out; frames: ${JSON.stringify(this.frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  async subscribe(conversationId: string, reason?: string): Promise<Frame> {
    this.send({ type: 'subscribe', conversationId, afterSeq: 0, ...(reason ? { reason } : {}) });
    return this.until((f) => (f.type === 'subscribed' || f.type === 'error') && f.conversationId === conversationId);
  }
  close(): void {
    this.ws.close();
  }
}

describe('signalling over /api/realtime', () => {
  let url: string;
  beforeAll(async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(t.app.server.address() as { port: number }).port}/api/realtime`;
  });

  it('relays SDP and ICE between the two participants only; call events carry {callId, status}', async () => {
    const c = await accepted();
    const [doc, pat, reader, stranger] = await Promise.all([Socket.open(url, doctor.token), Socket.open(url, c.patient.token), Socket.open(url, admin.token), Socket.open(url, otherDoctor.token)]);
    try {
      expect((await doc.subscribe(c.conversationId)).type).toBe('subscribed');
      expect((await pat.subscribe(c.conversationId)).type).toBe('subscribed');
      // An admin may read the chat, giving a reason (audited, shown to the patient), but never
      // receives a call's signalling.
      expect(await reader.subscribe(c.conversationId)).toMatchObject({ type: 'error', code: 'reason_required' });
      reader.send({ type: 'subscribe', conversationId: c.conversationId, afterSeq: 0, reason: 'Quality review of calls' });
      await reader.until((f) => f.type === 'subscribed' && f.conversationId === c.conversationId);
      expect((await stranger.subscribe(c.conversationId)).type).toBe('error');

      const call = (await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'video' })).data;
      expect(await pat.until((f) => f.type === 'call')).toMatchObject({ callId: call.id, status: 'ringing', media: 'video' });
      await c.patient.http.post(`/api/calls/${call.id}/answer`);
      expect(await doc.until((f) => f.type === 'call' && f.status === 'active')).toMatchObject({ callId: call.id });

      doc.send({ type: 'call.signal', callId: call.id, signal: { kind: 'offer', sdp: 'v=0 offer' } });
      expect(await pat.until((f) => f.type === 'call.signal')).toMatchObject({ callId: call.id, from: doctor.id, to: c.patient.id, signal: { kind: 'offer', sdp: 'v=0 offer' } });
      pat.send({ type: 'call.signal', callId: call.id, signal: { kind: 'candidate', candidate: { candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host', sdpMid: '0' } } });
      expect((await doc.until((f) => f.type === 'call.signal')).signal).toMatchObject({ kind: 'candidate' });

      // Another doctor's socket (not subscribed, and not a participant) cannot inject signals.
      stranger.send({ type: 'call.signal', callId: call.id, signal: { kind: 'offer', sdp: 'v=0 evil' } });
      expect(await stranger.until((f) => f.type === 'error' && f.callId === call.id)).toMatchObject({ code: 'call_not_found' });

      await doctor.http.post(`/api/calls/${call.id}/hangup`);
      expect(await pat.until((f) => f.type === 'call' && f.status === 'ended')).toMatchObject({ callId: call.id });
      // Once over, nothing more is relayed.
      pat.send({ type: 'call.signal', callId: call.id, signal: { kind: 'offer', sdp: 'v=0 late' } });
      expect(await pat.until((f) => f.type === 'error' && f.callId === call.id)).toMatchObject({ code: 'call_over' });

      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(reader.frames.filter((f) => f.type === 'call.signal')).toEqual([]);
      expect(doc.frames.filter((f) => f.type === 'call.signal')).toHaveLength(1);
      expect(pat.frames.filter((f) => f.type === 'call.signal')).toHaveLength(1);
      expect(stranger.frames.filter((f) => f.type === 'call.signal')).toEqual([]);
    } finally {
      for (const s of [doc, pat, reader, stranger]) s.close();
    }
  });

  it('refuses signalling once the consultation is closed', async () => {
    const c = await accepted();
    const call = (await doctor.http.post(`/api/consultations/${c.id}/calls`, { media: 'audio' })).data;
    await c.patient.http.post(`/api/calls/${call.id}/answer`);
    await doctor.http.post(`/api/consultations/${c.id}/close`, { summary: 'Done by phone.' });
    const doc = await Socket.open(url, doctor.token);
    try {
      doc.send({ type: 'call.signal', callId: call.id, signal: { kind: 'offer', sdp: 'v=0' } });
      expect(await doc.until((f) => f.type === 'error')).toMatchObject({ code: 'call_over', callId: call.id });
    } finally {
      doc.close();
    }
  });
});

const ci = process.env.CI === 'true' || process.env.CI === '1';

// The credentials a call hands out are the ones coturn accepts: a real coturn started by
// the test (TURN REST API secret, 127.0.0.1, a free port) grants a relay for them, and
// refuses an expired username, a wrong secret and a tampered user id.
if (coturnAvailable() || ci) {
  describe('TURN credentials against coturn', () => {
    let coturn: Coturn;
    beforeAll(async () => {
      coturn = await startCoturn();
    });
    afterAll(async () => {
      await coturn?.stop();
    });

    it('grants a relay for the credentials of a call', async () => {
      const config = callsConfig({ LOTUS_TURN_URLS: coturn.url, LOTUS_TURN_SECRET: coturn.secret });
      const [server] = iceServersFor(config, 'usr_patient', new Date(Date.now() + 60 * 60 * 1000));
      expect(server!.urls).toEqual([coturn.url]);
      const outcome = await allocate(coturn.port, server!.username!, server!.credential!);
      expect(outcome).toMatchObject({ ok: true });
      if (outcome.ok) expect(outcome.relayed).toMatch(/^127\.0\.0\.1:\d+$/);
    });

    it('refuses an expired username, another secret, and a changed user id', async () => {
      const expired = turnCredential(coturn.secret, 'usr_patient', new Date(Date.now() - 60 * 1000));
      expect(await allocate(coturn.port, expired.username, expired.credential)).toMatchObject({ ok: false, errorCode: 401 });
      const other = turnCredential('not the coturn secret at all', 'usr_patient', new Date(Date.now() + 3600_000));
      expect(await allocate(coturn.port, other.username, other.credential)).toMatchObject({ ok: false, errorCode: 401 });
      const good = turnCredential(coturn.secret, 'usr_patient', new Date(Date.now() + 3600_000));
      expect(await allocate(coturn.port, good.username.replace('usr_patient', 'usr_someone'), good.credential)).toMatchObject({ ok: false, errorCode: 401 });
    });
  });
} else {
  process.stdout.write('SKIPPED TURN tests against coturn: no turnserver binary (apt-get install coturn)\n');
}

// Two server instances that share one database file and Redis, like two processes behind a
// load balancer: the doctor's socket is on one, the patient's on the other; the call's
// state events and its signalling reach the other side through the bus, and only the
// other participant receives the signalling. Registered when TEST_REDIS_URL is set.
async function rawSocket(url: string, token: string) {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const frames: Frame[] = [];
  ws.on('message', (data) => frames.push(JSON.parse(String(data)) as Frame));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const until = async (predicate: (f: Frame) => boolean) => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = frames.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out; frames: ${JSON.stringify(frames)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  return { ws, frames, until, send: (frame: unknown) => ws.send(JSON.stringify(frame)) };
}

if (process.env.TEST_REDIS_URL) {
  describe('calls across two server instances through Redis', () => {
    let dir: string;
    let one: LotusApp;
    let two: LotusApp;
    const base = (app: LotusApp) => `http://127.0.0.1:${(app.app.server.address() as { port: number }).port}`;
    const call = async (app: LotusApp, method: string, url: string, token: string | null, body?: unknown) => {
      const res = await fetch(`${base(app)}${url}`, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
      const data = await res.json().catch(() => null);
      if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(data)}`);
      return data;
    };

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-calls-redis-'));
      const env = { NODE_ENV: 'test', LOG_LEVEL: 'silent', LOTUS_DATA_DIR: dir, DATABASE_URL: `sqlite:${path.join(dir, 'shared.sqlite')}`, REDIS_URL: process.env.TEST_REDIS_URL!, LOTUS_SECRET: 'b'.repeat(40), LOTUS_FREE_REQUIRES_PHONE: 'false' };
      one = await buildApp(loadConfig(env));
      await seedDemo(one);
      two = await buildApp(loadConfig(env), { migrate: false });
      await one.app.listen({ port: 0, host: '127.0.0.1' });
      await two.app.listen({ port: 0, host: '127.0.0.1' });
    }, 60_000);
    afterAll(async () => {
      await one?.app.close();
      await two?.app.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('rings, answers and relays signalling from a socket on one instance to a socket on the other', async () => {
      const patient = await call(one, 'POST', '/api/auth/register', null, { email: `calls.${Date.now()}@example.com`, password: 'a long enough passphrase', displayName: 'Ming', acceptTerms: true });
      const asked = await call(one, 'POST', '/api/consultations', patient.token, { department: 'general_practice', country: 'CN', description: 'A cough for two weeks, worse at night.', acceptTelemedicine: true });
      const doctor = await call(two, 'POST', '/api/auth/login', null, { login: 'dr.li@lotus.demo', password: 'lotus-doctor-demo' });
      await call(two, 'POST', `/api/consultations/${asked.id}/accept`, doctor.token);

      const doc = await rawSocket(`${base(one).replace('http', 'ws')}/api/realtime`, doctor.token);
      const pat = await rawSocket(`${base(two).replace('http', 'ws')}/api/realtime`, patient.token);
      try {
        for (const s of [doc, pat]) {
          s.send({ type: 'subscribe', conversationId: asked.conversationId, afterSeq: 0 });
          await s.until((f) => f.type === 'subscribed');
        }
        const ringing = await call(one, 'POST', `/api/consultations/${asked.id}/calls`, doctor.token, { media: 'video' });
        expect(await pat.until((f) => f.type === 'call')).toMatchObject({ callId: ringing.id, status: 'ringing' });
        await call(two, 'POST', `/api/calls/${ringing.id}/answer`, patient.token);
        expect(await doc.until((f) => f.type === 'call' && f.status === 'active')).toMatchObject({ callId: ringing.id });
        doc.send({ type: 'call.signal', callId: ringing.id, signal: { kind: 'offer', sdp: 'v=0 across', round: 1 } });
        expect(await pat.until((f) => f.type === 'call.signal')).toMatchObject({ from: doctor.user.id, to: patient.user.id, signal: { kind: 'offer', sdp: 'v=0 across' } });
        pat.send({ type: 'call.signal', callId: ringing.id, signal: { kind: 'answer', sdp: 'v=0 back', round: 1 } });
        expect((await doc.until((f) => f.type === 'call.signal')).signal).toMatchObject({ kind: 'answer' });
        await new Promise((resolve) => setTimeout(resolve, 100));
        // Nobody hears their own signalling back.
        expect(doc.frames.filter((f) => f.type === 'call.signal')).toHaveLength(1);
        expect(pat.frames.filter((f) => f.type === 'call.signal')).toHaveLength(1);
        await call(two, 'POST', `/api/calls/${ringing.id}/hangup`, patient.token);
        expect(await doc.until((f) => f.type === 'call' && f.status === 'ended')).toMatchObject({ callId: ringing.id });
      } finally {
        doc.ws.close();
        pat.ws.close();
      }
    });
  });
}
