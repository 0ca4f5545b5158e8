// Consultations from both sides: a patient asks (free the first time), a verified doctor of
// the department takes it (only one can), they chat, the doctor closes, the patient rates;
// and what happens when nobody answers in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock('2026-11-21T09:00:00.000Z');
let t: TestApp;
let admin: TestUser;
let gp1: TestUser;
let gp2: TestUser;
let derm: TestUser;

const ask = (who: TestUser, body: Record<string, unknown> = {}) =>
  who.http.post('/api/consultations', {
    department: 'general_practice',
    description: 'I have had a sore throat and a mild fever for three days.',
    age: 34,
    sex: 'female',
    ...body,
  });

beforeAll(async () => {
  t = await createTestApp({ clock, env: offlineRegistries });
  admin = await t.user({ roles: ['admin'] });
  // Per-department promises (the default is 15 minutes); LOTUS_REPLY_PROMISE_SECONDS would override them all.
  for (const department of ['general_practice', 'dermatology', 'cardiology']) {
    const set = await admin.http.put(`/api/admin/consultations/reply-promise/${department}`, { seconds: 600 });
    expect(set.statusCode).toBe(204);
  }
  gp1 = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Alice Grant' });
  gp2 = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Bob Hale' });
  derm = await approvedDoctor(t, admin, { department: 'dermatology', fullName: 'Dr Chloe Day' });
});
afterAll(async () => {
  await t.close();
});

describe('asking', () => {
  it('makes the first consultation free and queues it at once', async () => {
    const patient = await t.user();
    const quote = await patient.http.get('/api/consultations/quote?department=general_practice');
    expect(quote.data).toMatchObject({ free: true, amountDue: 0, replyPromiseSeconds: 600 });
    const res = await ask(patient);
    expect(res.statusCode).toBe(201);
    expect(res.data).toMatchObject({ status: 'waiting', free: true, amountDue: 0, currency: 'USD' });
    expect(res.data.price).toBeGreaterThan(0);
    expect(Number.isInteger(res.data.price)).toBe(true);
    expect(res.data.conversationId).toMatch(/^cnv_/);
  });

  it('charges the second one: it waits for payment and is not in any queue', async () => {
    const patient = await t.user();
    await ask(patient);
    const second = await ask(patient, { description: 'A rash on my arm that itches at night.', department: 'dermatology' });
    expect(second.data).toMatchObject({ status: 'awaiting_payment', free: false });
    expect(second.data.amountDue).toBe(second.data.price);
    const queue = await derm.http.get('/api/doctor/queue');
    expect(queue.data.map((q: { id: string }) => q.id)).not.toContain(second.data.id);
  });

  it('gives one free consultation per phone number, even to a new account with the same phone', async () => {
    const first = await t.user({ phone: '+8613800138001' });
    expect((await ask(first)).data.free).toBe(true);
    const deleted = await first.http.inject({ method: 'DELETE', url: '/api/me', payload: { password: 'a long enough passphrase' } });
    expect(deleted.statusCode).toBe(204);
    const again = await t.user({ phone: '+8613800138001' });
    const res = await ask(again);
    expect(res.data.free).toBe(false);
    expect(res.data.status).toBe('awaiting_payment');
  });

  it('stops red-flag symptoms with the emergency number until the patient acknowledges them', async () => {
    const patient = await t.user();
    const body = { description: 'Crushing chest pain spreading to my left arm since ten minutes.' };
    const res = await ask(patient, body);
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('urgent_symptoms');
    expect(res.data.error.emergencyNumber).toBe('911');
    const zh = await t.user({ phone: '+8613900139000' });
    const cn = await ask(zh, { description: '胸痛，喘不过气，已经半小时了' });
    expect(cn.data.error).toMatchObject({ code: 'urgent_symptoms', emergencyNumber: '120' });
    const list = await patient.http.get('/api/consultations');
    expect(list.data).toEqual([]);
    const acknowledged = await ask(patient, { ...body, acknowledgedUrgent: true });
    expect(acknowledged.statusCode).toBe(201);
    expect(acknowledged.data.redFlags).toContain('chest_pain');
  });

  it('validates the question with field errors', async () => {
    const patient = await t.user();
    const res = await ask(patient, { department: 'astrology', description: 'short' });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.fields).toHaveProperty('description');
    const unknownDept = await ask(patient, { department: 'astrology' });
    expect(unknownDept.data.error.fields.department).toBeDefined();
    const age = await ask(patient, { age: 300 });
    expect(age.data.error.fields.age).toBeDefined();
  });

  it('makes a retried create with the same clientId return the same consultation', async () => {
    const patient = await t.user();
    const a = await ask(patient, { clientId: 'form-1' });
    const b = await ask(patient, { clientId: 'form-1' });
    expect(b.data.id).toBe(a.data.id);
    expect((await patient.http.get('/api/consultations')).data).toHaveLength(1);
  });
});

describe('taking a consultation', () => {
  it('shows it to online doctors of the department only, oldest first, and lets exactly one accept', async () => {
    const patient = await t.user();
    const c = (await ask(patient)).data;
    const q1 = await gp1.http.get('/api/doctor/queue');
    expect(q1.statusCode).toBe(200);
    const item = q1.data.find((q: { id: string }) => q.id === c.id);
    expect(item).toMatchObject({ department: 'general_practice', free: true, addressedToMe: false });
    expect((await derm.http.get('/api/doctor/queue')).data.map((q: { id: string }) => q.id)).not.toContain(c.id);
    expect((await patient.http.get('/api/doctor/queue')).statusCode).toBe(403);

    const [a, b] = await Promise.all([gp1.http.post(`/api/consultations/${c.id}/accept`), gp2.http.post(`/api/consultations/${c.id}/accept`)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.data.error.code).toBe('already_taken');
    const winner = a.statusCode === 200 ? gp1 : gp2;
    const now = await patient.http.get(`/api/consultations/${c.id}`);
    expect(now.data.status).toBe('active');
    expect(now.data.doctor.id).toBe(winner.id);
    // The joined line keeps its key and the doctor's name, so each reader sees it in their language.
    const lines = await patient.http.get(`/api/conversations/${c.conversationId}/messages?after=0`);
    const name = winner === gp1 ? 'Dr Alice Grant' : 'Dr Bob Hale';
    expect(lines.data.at(-1)).toMatchObject({
      kind: 'system',
      text: `${name} has joined the consultation.`,
      system: { key: 'consultation_joined', params: { name } },
    });
  });

  it('refuses doctors of another department and people who are not approved doctors', async () => {
    const patient = await t.user();
    const c = (await ask(patient)).data;
    const wrong = await derm.http.post(`/api/consultations/${c.id}/accept`);
    expect(wrong.statusCode).toBe(403);
    const outsider = await t.user();
    expect((await outsider.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(403);
  });

  it('keeps an addressed consultation for its doctor until the fallback delay, then opens it to the department', async () => {
    const patient = await t.user();
    const c = (await ask(patient, { doctorId: gp1.id })).data;
    expect((await gp1.http.get('/api/doctor/queue')).data.find((q: { id: string }) => q.id === c.id).addressedToMe).toBe(true);
    expect((await gp2.http.get('/api/doctor/queue')).data.map((q: { id: string }) => q.id)).not.toContain(c.id);
    expect((await gp2.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(403);
    clock.advance(181_000);
    expect((await gp2.http.get('/api/doctor/queue')).data.map((q: { id: string }) => q.id)).toContain(c.id);
    expect((await gp2.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
  });
});

describe('the conversation', () => {
  it('lets patient and doctor chat, keeps everyone else out, closes read-only, and takes one rating', async () => {
    const patient = await t.user();
    const c = (await ask(patient)).data;
    await gp1.http.post(`/api/consultations/${c.id}/accept`);
    clock.advance(90_000);
    const fromDoctor = await gp1.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'd1', text: 'Hello, how high is the fever?' });
    expect(fromDoctor.statusCode).toBe(201);
    const fromPatient = await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'p1', text: '38.2 this morning.' });
    expect(fromPatient.data.seq).toBeGreaterThan(fromDoctor.data.seq);
    const history = await patient.http.get(`/api/conversations/${c.conversationId}/messages?after=0`);
    expect(history.data.map((m: { text: string }) => m.text)).toEqual(expect.arrayContaining(['Hello, how high is the fever?', '38.2 this morning.']));

    const stranger = await t.user();
    expect((await stranger.http.get(`/api/consultations/${c.id}`)).statusCode).toBe(404);
    expect((await stranger.http.get(`/api/conversations/${c.conversationId}/messages`)).statusCode).toBe(404);
    expect((await gp2.http.get(`/api/consultations/${c.id}`)).statusCode).toBe(404);
    expect((await gp2.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'x', text: 'hi' })).statusCode).toBe(404);

    expect((await admin.http.get(`/api/consultations/${c.id}`)).statusCode).toBe(422);
    const byAdmin = await admin.http.get(`/api/consultations/${c.id}?reason=${encodeURIComponent('Complaint review')}`);
    expect(byAdmin.statusCode).toBe(200);
    const audit = await t.platform.audit.list({ resourceType: 'consultation', resourceId: c.id });
    expect(audit.map((a) => a.action)).toContain('consultation.read_by_admin');

    expect((await patient.http.post(`/api/consultations/${c.id}/close`, { summary: 'x' })).statusCode).toBe(403);
    const closed = await gp1.http.post(`/api/consultations/${c.id}/close`, {
      summary: 'Viral pharyngitis, most likely.',
      advice: 'Rest, fluids, paracetamol; see a doctor if it lasts past a week.',
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.data).toMatchObject({ status: 'closed', summary: 'Viral pharyngitis, most likely.' });
    const late = await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'p2', text: 'Thanks!' });
    expect(late.statusCode).toBe(409);
    expect((await patient.http.get(`/api/conversations/${c.conversationId}/messages?after=0`)).statusCode).toBe(200);

    expect((await gp1.http.post(`/api/consultations/${c.id}/rating`, { stars: 5 })).statusCode).toBe(403);
    expect((await patient.http.post(`/api/consultations/${c.id}/rating`, { stars: 6 })).statusCode).toBe(422);
    const rated = await patient.http.post(`/api/consultations/${c.id}/rating`, { stars: 5, comment: 'Clear and kind.' });
    expect(rated.data.rating).toMatchObject({ stars: 5, comment: 'Clear and kind.' });
    expect((await patient.http.post(`/api/consultations/${c.id}/rating`, { stars: 1 })).statusCode).toBe(409);

    // The platform paid the doctor's fee for the free consultation, and the ledger balances.
    const ledger = await admin.http.get('/api/admin/ledger');
    expect(ledger.data.total).toBe(0);
    expect(ledger.data.accounts.platform_subsidy).toBeGreaterThan(0);

    // Both find it again in their history, and the first reply was measured.
    expect((await gp1.http.get('/api/consultations?role=doctor')).data.map((x: { id: string }) => x.id)).toContain(c.id);
    const mine = (await patient.http.get('/api/consultations?role=patient')).data.find((x: { id: string }) => x.id === c.id);
    expect(mine.firstReplyAt).not.toBeNull();
    const times = await t.http().get('/api/consultations/response-times');
    const gp = times.data.find((d: { department: string }) => d.department === 'general_practice');
    expect(gp.consultations).toBeGreaterThanOrEqual(1);
    expect(gp.medianSeconds).toBeGreaterThanOrEqual(90);
  });
});

describe('the reply-time promise', () => {
  it('expires a free consultation nobody took in time and gives the free credit back', async () => {
    const patient = await t.user();
    const c = (await ask(patient, { department: 'cardiology' })).data;
    clock.advance(599_000);
    await t.services.consultations.expireOverdue();
    expect((await patient.http.get(`/api/consultations/${c.id}`)).data.status).toBe('waiting');
    clock.advance(2_000);
    expect(await t.services.consultations.expireOverdue()).toBeGreaterThanOrEqual(1);
    const after = await patient.http.get(`/api/consultations/${c.id}`);
    expect(after.data.status).toBe('expired');
    expect(after.data.refundNote).toMatch(/free consultation is available again/);
    // A reader of Chinese is told in Chinese.
    expect((await patient.http.get(`/api/consultations/${c.id}?lang=zh`)).data.refundNote).toBe('您的免费问诊机会已恢复。');
    const messages = await patient.http.get(`/api/conversations/${c.conversationId}/messages?after=0`);
    expect(messages.data.at(-1)).toMatchObject({
      text: 'No doctor accepted within the promised 10 minutes. Your free consultation is available again.',
      system: { key: 'consultation_expired', params: { minutes: 10, outcome: 'free_credit_returned' } },
    });
    expect((await patient.http.get('/api/consultations/quote?department=general_practice')).data.free).toBe(true);
    // An expired consultation cannot be taken any more.
    expect((await gp1.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(403);
  });

  it('refunds a paid consultation in full when nobody takes it in time', async () => {
    const patient = await t.user();
    await ask(patient);
    const paid = (await ask(patient, { description: 'My knee hurts when I climb stairs for two weeks.' })).data;
    const payment = await patient.http.post('/api/payments', { consultationId: paid.id, provider: 'sandbox' }, { 'idempotency-key': `pay-${paid.id}` });
    expect(payment.statusCode).toBe(201);
    const done = await patient.http.post(`/api/sandbox/payments/${payment.data.id}/complete`);
    expect(done.statusCode).toBe(200);
    expect((await patient.http.get(`/api/consultations/${paid.id}`)).data.status).toBe('waiting');
    clock.advance(601_000);
    await t.services.consultations.expireOverdue();
    const after = await patient.http.get(`/api/consultations/${paid.id}`);
    expect(after.data.status).toBe('expired');
    expect(after.data.refundNote).toMatch(/Refunded in full/);
    expect((await patient.http.get(`/api/consultations/${paid.id}?lang=fr`)).data.refundNote).toBe('Remboursé intégralement sur votre compte bac à sable.');
    const p = await patient.http.get(`/api/payments/${payment.data.id}`);
    expect(p.data.status).toBe('refunded');
    expect((await admin.http.get('/api/admin/ledger')).data.total).toBe(0);
  });

  it('lets the patient cancel before a doctor takes it, and not after', async () => {
    const patient = await t.user();
    const c = (await ask(patient)).data;
    const cancelled = await patient.http.post(`/api/consultations/${c.id}/cancel`);
    expect(cancelled.data.status).toBe('cancelled');
    const next = (await ask(patient)).data;
    expect(next.free).toBe(true);
    await gp1.http.post(`/api/consultations/${next.id}/accept`);
    expect((await patient.http.post(`/api/consultations/${next.id}/cancel`)).statusCode).toBe(409);
  });

  it('announces `closed` on the chat once a cancel commits, and nothing when the cancel rolls back', async () => {
    const patient = await t.user();
    const c = (await ask(patient)).data;
    const bus = t.platform.bus;
    const publish = bus.publish.bind(bus);
    const heard: Array<{ type: string; inTransaction: boolean; status: string | undefined }> = [];
    bus.publish = async (channel, message) => {
      if (channel === `conversation:${c.conversationId}`) {
        // Read outside any transaction: what every other request sees at this moment.
        const row = await (t.platform.db as any).selectFrom('consultations').select('status').where('id', '=', c.id).executeTakeFirst();
        heard.push({ type: (message as { type: string }).type, inTransaction: t.platform.database.inTransaction, status: row?.status });
      }
      return publish(channel, message);
    };
    const messaging = t.services.messaging;
    const close = messaging.close.bind(messaging);
    try {
      // A failure after the chat was closed, inside the cancel's transaction: all of it rolls back.
      messaging.close = async (conversationId) => {
        await close(conversationId);
        throw new Error('the refund desk is down');
      };
      expect((await patient.http.post(`/api/consultations/${c.id}/cancel`)).statusCode).toBe(500);
      messaging.close = close;
      expect((await patient.http.get(`/api/consultations/${c.id}`)).data.status).toBe('waiting');
      expect(heard).toEqual([]);
      const posted = await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'still-open', text: 'Still there?' });
      expect(posted.statusCode).toBe(201);
      heard.length = 0;

      const cancelled = await patient.http.post(`/api/consultations/${c.id}/cancel`);
      expect(cancelled.data.status).toBe('cancelled');
      expect(heard).toEqual([{ type: 'closed', inTransaction: false, status: 'cancelled' }]);
    } finally {
      messaging.close = close;
      bus.publish = publish;
    }
  });
});
