// After the close: two free follow-up questions within 72 hours, each with its own reply
// deadline (a missed one refunds a share of the price once, ledger balanced); the check-in
// the doctor sets, which reopens the consultation on "worse" or on red-flag words in
// English, French and Chinese, first for the doctor and after 10 minutes for the department.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock('2026-11-21T09:00:00.000Z');
let t: TestApp;
let admin: TestUser;
let gp1: TestUser;
let gp2: TestUser;

type Consultation = { id: string; conversationId: string; price: number; free: boolean };
const HOUR = 3600_000;

async function closedConsultation(options: { paid?: boolean; checkInHours?: 24 | 48 | 72; doctor?: TestUser } = {}): Promise<{ patient: TestUser; c: Consultation }> {
  const patient = await t.user();
  const doctor = options.doctor ?? gp1;
  const ask = (description: string) => patient.http.post('/api/consultations', { department: 'general_practice', description });
  let c = (await ask('A dry cough for ten days, no fever, worse at night.')).data as Consultation;
  if (options.paid) {
    await patient.http.post(`/api/consultations/${c.id}/cancel`);
    await ask('A first question that uses the free consultation.');
    c = (await ask('A dry cough for ten days, no fever, worse at night.')).data as Consultation;
    expect(c.free).toBe(false);
    const payment = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'sandbox' }, { 'idempotency-key': `pay-${c.id}` });
    expect((await patient.http.post(`/api/sandbox/payments/${payment.data.id}/complete`)).statusCode).toBe(200);
  }
  expect((await doctor.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
  await doctor.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: `hello-${c.id}`, text: 'Hello, any fever or shortness of breath?' });
  const closed = await doctor.http.post(`/api/consultations/${c.id}/close`, { summary: 'Probably a post-viral cough.', advice: 'Honey, fluids; come back if it lasts three weeks.', ...(options.checkInHours ? { checkInHours: options.checkInHours } : {}) });
  expect(closed.statusCode).toBe(200);
  return { patient, c };
}

const messagesOf = async (who: TestUser, c: Consultation) => (await who.http.get(`/api/conversations/${c.conversationId}/messages?after=0`)).data as Array<{ text: string; senderId: string; kind: string; system?: { key: string; params: Record<string, unknown> } }>;
const care = async (who: TestUser, c: Consultation) => (await who.http.get(`/api/consultations/${c.id}/care`)).data;
const ledgerTotal = async () => (await admin.http.get('/api/admin/ledger')).data.total;

beforeAll(async () => {
  t = await createTestApp({ clock, env: offlineRegistries });
  admin = await t.user({ roles: ['admin'] });
  gp1 = await approvedDoctor(t, admin, { fullName: 'Dr Alice Grant' });
  gp2 = await approvedDoctor(t, admin, { fullName: 'Dr Bob Hale' });
});
afterAll(async () => {
  await t.close();
});

describe('follow-up questions', () => {
  it('takes two free follow-ups in the same conversation, lets the doctor reply to each, and refuses a third', async () => {
    const { patient, c } = await closedConsultation();
    expect((await gp1.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'Not the patient.' })).statusCode).toBe(403);

    const first = await patient.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'Can I take honey at night with my blood pressure pills?' });
    expect(first.statusCode).toBe(201);
    expect(first.data).toMatchObject({ kind: 'follow_up', status: 'open', replyDeadline: new Date(clock.now().getTime() + 24 * HOUR).toISOString() });
    expect((await messagesOf(gp1, c)).at(-1)).toMatchObject({ text: 'Can I take honey at night with my blood pressure pills?', senderId: patient.id });

    const reply = await gp1.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'fu-1', text: 'Yes, honey is fine with them.' });
    expect(reply.statusCode).toBe(201);
    expect((await care(patient, c)).followUps[0]).toMatchObject({ status: 'answered' });
    // Answered: read-only again until the next follow-up.
    expect((await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'extra', text: 'And another thing…' })).data.error.code).toBe('conversation_closed');

    expect((await patient.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'How long until the cough should stop?' })).statusCode).toBe(201);
    const third = await patient.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'One more question please.' });
    expect(third.statusCode).toBe(409);
    expect(third.data.error.code).toBe('follow_up_limit');
    expect(third.data.error.message).toMatch(/new question/);
    expect(third.data.error.askAgain).toEqual({ doctorId: gp1.id, department: 'general_practice' });
    const state = await care(patient, c);
    expect(state).toMatchObject({ followUpLimit: 2, followUpsLeft: 0 });
    expect(state.followUps).toHaveLength(2);
  });

  it('refuses follow-ups before the close and after the 72-hour window', async () => {
    const patient = await t.user();
    const open = (await patient.http.post('/api/consultations', { department: 'general_practice', description: 'A sore knee after running.' })).data;
    expect((await patient.http.post(`/api/consultations/${open.id}/follow-ups`, { text: 'Still waiting?' })).data.error.code).toBe('not_closed');

    const { patient: p2, c } = await closedConsultation();
    clock.advance(72 * HOUR - 1000);
    expect((await p2.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'Just in time: is it fine?' })).statusCode).toBe(201);
    clock.advance(2000);
    const late = await p2.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'Too late now?' });
    expect(late.statusCode).toBe(409);
    expect(late.data.error.code).toBe('follow_up_window_closed');
    expect(late.data.error.message).toMatch(/ask the same doctor a new question/);
  });

  it('refunds the configured share once when follow-up deadlines are missed; the ledger stays at zero', async () => {
    const { patient, c } = await closedConsultation({ paid: true });
    const asked = await patient.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'The cough is keeping me awake, what can I do?' });
    await patient.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'Should I see someone in person?' });
    clock.advance(24 * HOUR - 1000);
    await t.services.consultations.care.sweep();
    expect((await care(patient, c)).followUps.map((f: { status: string }) => f.status)).toEqual(['open', 'open']);
    clock.advance(2000);
    expect((await t.services.consultations.care.sweep()).missed).toBeGreaterThanOrEqual(2);
    expect(await t.services.consultations.care.sweep()).toEqual({ asked: 0, missed: 0 });

    const state = await care(patient, c);
    expect(state.followUps.map((f: { status: string }) => f.status)).toEqual(['missed', 'missed']);
    const refunded = state.followUps.reduce((sum: number, f: { refunded: number }) => sum + f.refunded, 0);
    expect(refunded).toBe(Math.round(c.price / 2));
    expect(state.followUps.find((f: { id: string }) => f.id === asked.data.id).note).toMatch(/50% of the price is being refunded/);

    const stranger = await t.user();
    expect((await stranger.http.get(`/api/consultations/${c.id}/care`)).statusCode).toBe(404);
    const refunds = (await admin.http.get('/api/admin/refunds')).data.filter((r: { reason: string }) => r.reason === 'follow_up_reply_missed');
    expect(refunds.filter((r: { amount: number }) => r.amount === Math.round(c.price / 2)).length).toBe(1);
    expect(await ledgerTotal()).toBe(0);
    // The doctor can no longer answer a missed follow-up: the conversation is read-only.
    expect((await gp1.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'late', text: 'Sorry, late.' })).data.error.code).toBe('conversation_closed');
  });

  it('offers another doctor when a free consultation’s follow-up is missed, and keeps each department’s deadline', async () => {
    expect((await admin.http.put('/api/admin/consultations/follow-up-reply/general_practice', { seconds: 3600 })).statusCode).toBe(204);
    const { patient, c } = await closedConsultation();
    const f = await patient.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'Is the cough contagious?' });
    expect(f.data.replyDeadline).toBe(new Date(clock.now().getTime() + HOUR).toISOString());
    clock.advance(HOUR + 1000);
    await t.services.consultations.care.sweep();
    const missed = (await care(patient, c)).followUps[0];
    expect(missed).toMatchObject({ status: 'missed', refunded: 0 });
    expect(missed.note).toMatch(/nothing to refund: you can ask another doctor/);
    expect((await messagesOf(patient, c)).at(-1)!).toMatchObject({ text: expect.stringMatching(/another doctor/), system: { key: 'follow_up_missed', params: { outcome: 'free' } } });
    expect(await ledgerTotal()).toBe(0);
    await admin.http.put('/api/admin/consultations/follow-up-reply/general_practice', { seconds: 86400 });
  });
});

describe('telling the patient of the answer', () => {
  const outboxOf = (userId: string, kind: string) => t.services.notifications.outbox.q().selectFrom('notification_outbox').select(['kind', 'link']).where('user_id', '=', userId).where('kind', '=', kind).execute();

  it('puts exactly one follow-up-answered notification for the patient in the outbox, in their language', async () => {
    const { patient, c } = await closedConsultation();
    expect((await patient.http.patch('/api/me', { locale: 'fr' })).statusCode).toBe(200);
    // Chat during the consultation and the close tell nothing of a follow-up.
    expect(await outboxOf(patient.id, 'consultation_follow_up_answered')).toHaveLength(0);
    expect((await patient.http.post(`/api/consultations/${c.id}/follow-ups`, { text: 'Can I still go swimming this week?' })).statusCode).toBe(201);
    expect(await outboxOf(patient.id, 'consultation_follow_up_answered')).toHaveLength(0);
    const messagesBefore = (await outboxOf(patient.id, 'consultation_message')).length;

    expect((await gp1.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: `answer-${c.id}`, text: 'Yes, gentle swimming is fine.' })).statusCode).toBe(201);
    expect(await outboxOf(patient.id, 'consultation_follow_up_answered')).toEqual([{ kind: 'consultation_follow_up_answered', link: `/consultations/${c.id}` }]);
    // The closed consultation's answer is not also a new-message notification.
    expect(await outboxOf(patient.id, 'consultation_message')).toHaveLength(messagesBefore);
    const bell = (await patient.http.get('/api/notifications')).data.items.find((n: { kind: string }) => n.kind === 'consultation_follow_up_answered');
    expect(bell).toMatchObject({ title: 'Votre médecin a répondu à votre question de suivi', link: `/consultations/${c.id}` });
    expect(JSON.stringify(bell)).not.toContain('swimming');
    expect((await patient.http.get('/api/me/notification-settings')).data.kinds.consultation_follow_up_answered).toBe(true);
  });

  it('tells nothing of a follow-up for a message of an open consultation', async () => {
    const patient = await t.user();
    const c = (await patient.http.post('/api/consultations', { department: 'general_practice', description: 'A rash on the forearm since Monday.' })).data as Consultation;
    expect((await gp1.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
    expect((await gp1.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: `chat-${c.id}`, text: 'Does it itch?' })).statusCode).toBe(201);
    expect(await outboxOf(patient.id, 'consultation_follow_up_answered')).toHaveLength(0);
  });
});

describe('the check-in', () => {
  it('asks when due; "better" changes nothing, "worse" reopens at the front of the doctor’s queue, and the doctor sees the answer', async () => {
    const { patient, c } = await closedConsultation({ checkInHours: 48 });
    expect((await care(patient, c)).checkIn).toMatchObject({ hours: 48, askedAt: null });
    expect((await patient.http.post(`/api/consultations/${c.id}/check-in`, { answer: 'worse' })).data.error.code).toBe('check_in_not_due');
    clock.advance(48 * HOUR);
    expect((await t.services.consultations.care.sweep()).asked).toBeGreaterThanOrEqual(1);
    expect((await messagesOf(patient, c)).at(-1)!.text).toMatch(/Better, the same, or worse\?/);
    expect((await messagesOf(patient, c)).at(-1)!.system).toEqual({ key: 'check_in_asked', params: {} });

    const { patient: fine, c: fineC } = await closedConsultation({ checkInHours: 24 });
    clock.advance(24 * HOUR);
    await t.services.consultations.care.sweep();
    const better = await fine.http.post(`/api/consultations/${fineC.id}/check-in`, { answer: 'better' });
    expect(better.data).toMatchObject({ checkIn: { answer: 'better' }, followUp: null, emergency: null });
    expect((await gp1.http.get('/api/doctor/queue')).data.map((q: { id: string }) => q.id)).not.toContain(fineC.id);

    // A new question waits in the queue; the reopened check-in goes before it.
    await (await t.user()).http.post('/api/consultations', { department: 'general_practice', description: 'Back pain after lifting boxes.' });
    const worse = await patient.http.post(`/api/consultations/${c.id}/check-in`, { answer: 'worse', text: 'The cough is worse and now I have a fever.' });
    expect(worse.statusCode).toBe(200);
    expect(worse.data.followUp).toMatchObject({ kind: 'check_in', status: 'open' });
    expect(worse.data.emergency).toBeNull();
    expect((await patient.http.post(`/api/consultations/${c.id}/check-in`, { answer: 'same' })).data.error.code).toBe('check_in_answered');
    const queue = (await gp1.http.get('/api/doctor/queue')).data;
    expect(queue[0]).toMatchObject({ id: c.id, reopened: { checkIn: true }, addressedToMe: true, free: true });
    expect((await messagesOf(gp1, c)).at(-1)!.text).toMatch(/the patient feels worse: “The cough is worse and now I have a fever.”/);
    expect((await messagesOf(gp1, c)).at(-1)!.system).toEqual({ key: 'check_in_answered', params: { answer: 'worse', text: 'The cough is worse and now I have a fever.', reopened: true } });
    expect((await gp1.http.get(`/api/consultations/${c.id}/care`)).data.checkIn).toMatchObject({ answer: 'worse' });

    // Not yet the department's: the consultation's own doctor has ten minutes.
    expect((await gp2.http.get('/api/doctor/queue')).data.map((q: { id: string }) => q.id)).not.toContain(c.id);
    expect((await gp2.http.post(`/api/consultations/${c.id}/check-in/take`)).statusCode).toBe(409);
    clock.advance(10 * 60_000);
    expect((await gp2.http.get('/api/doctor/queue')).data[0]).toMatchObject({ id: c.id, addressedToMe: false });
    expect((await gp2.http.post(`/api/consultations/${c.id}/check-in/take`)).statusCode).toBe(200);
    expect((await gp2.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'dept', text: 'Please see a doctor today about the fever.' })).statusCode).toBe(201);
    expect((await care(patient, c)).followUps.at(-1)).toMatchObject({ kind: 'check_in', status: 'answered' });
  });

  for (const [language, text, number] of [
    ['English', 'About the same, but since this morning I have chest pain.', '911'],
    ['French', "Pareil, mais j'ai une douleur à la poitrine depuis ce matin.", '911'],
    ['Chinese', '差不多，但是今天早上开始胸痛，喘不过气。', '911'],
  ] as const) {
    it(`reopens on red-flag words in ${language} even when the patient says "the same", with the emergency guidance first`, async () => {
      const { patient, c } = await closedConsultation({ checkInHours: 72 });
      clock.advance(72 * HOUR);
      await t.services.consultations.care.sweep();
      const res = await patient.http.post(`/api/consultations/${c.id}/check-in`, { answer: 'same', text });
      expect(res.statusCode).toBe(200);
      expect(res.data.checkIn.redFlags).toContain('chest_pain');
      expect(res.data.followUp).toMatchObject({ kind: 'check_in', status: 'open' });
      expect(res.data.emergency.number).toBe(number);
      expect((await messagesOf(gp1, c)).at(-1)!.text).toMatch(new RegExp(`^Emergency first: .*Call ${number} now`));
      expect((await messagesOf(gp1, c)).at(-1)!.system).toMatchObject({ key: 'check_in_answered', params: { answer: 'same', emergencyNumber: number, reopened: true } });
      expect((await gp1.http.get('/api/doctor/queue')).data[0]).toMatchObject({ id: c.id, redFlags: expect.arrayContaining(['chest_pain']) });
      // Answered, so the next test's reopened check-in is the first in the queue.
      await gp1.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: `er-${c.id}`, text: 'Please call the emergency number now.' });
    });
  }
});

describe('the visit summary', () => {
  it('downloads as a PDF for the patient and the doctor only, once closed', async () => {
    const { patient, c } = await closedConsultation();
    const pdf = await patient.http.inject({ method: 'GET', url: `/api/consultations/${c.id}/summary.pdf` });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment; filename="visit-summary-/);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await gp1.http.inject({ method: 'GET', url: `/api/consultations/${c.id}/summary.pdf` })).statusCode).toBe(200);
    expect((await (await t.user()).http.inject({ method: 'GET', url: `/api/consultations/${c.id}/summary.pdf` })).statusCode).toBe(404);
    const open = (await patient.http.post('/api/consultations', { department: 'general_practice', description: 'Another question, still waiting.' })).data;
    expect((await patient.http.inject({ method: 'GET', url: `/api/consultations/${open.id}/summary.pdf` })).statusCode).toBe(409);
  });
});
