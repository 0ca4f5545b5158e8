// Red flags come before every other check, on every path where a patient writes, and the
// emergency number follows where the patient is (account country, phone, Accept-Language).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';

// Nine characters: shorter than the ten a question needs.
const SUICIDAL_ZH = '我不想活了，想自杀';

let t: TestApp;
let admin: TestUser;
let gp: TestUser;

const ask = (who: TestUser, body: Record<string, unknown> = {}, headers?: Record<string, string>) =>
  who.http.post('/api/consultations', { department: 'general_practice', description: 'A sore throat and a mild fever for three days.', ...body }, headers);

beforeAll(async () => {
  t = await createTestApp({ env: offlineRegistries });
  admin = await t.user({ roles: ['admin'] });
  gp = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Alice Grant' });
});
afterAll(async () => {
  await t.close();
});

describe('asking a doctor: red flags first', () => {
  it('answers a 9-character Chinese red-flag text with urgent_symptoms and 120, not a length error', async () => {
    const patient = await t.user({ phone: '+8613700137000' });
    const res = await ask(patient, { description: SUICIDAL_ZH }, { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.code).toBe('urgent_symptoms');
    expect(res.data.error.emergencyNumbers).toContain('120');
    expect(res.data.error.emergencyNumbers.every((n: unknown) => typeof n === 'string')).toBe(true);
    expect(res.data.error.flags).toContain('suicidal_thoughts');
    expect(res.data.error.message).toContain('120');
  });

  it('screens before the department and the length limits are checked', async () => {
    const patient = await t.user();
    const unknownDepartment = await ask(patient, { department: 'astrology', description: 'chest pain' });
    expect(unknownDepartment.data.error.code).toBe('urgent_symptoms');
    const tooLong = await ask(patient, { description: `${'x'.repeat(5000)} I want to kill myself` });
    expect(tooLong.data.error.code).toBe('urgent_symptoms');
    const empty = await ask(patient, { description: 'hi' });
    expect(empty.data.error.code).toBe('validation_failed');
  });

  it('lets the patient continue with a short red-flag text once they acknowledge it', async () => {
    const patient = await t.user({ phone: '+8613700137001' });
    const res = await ask(patient, { description: SUICIDAL_ZH, acknowledgedUrgent: true });
    expect(res.statusCode).toBe(201);
    expect(res.data.redFlags).toEqual(['suicidal_thoughts']);
    const tooLong = await ask(patient, { description: `${'x'.repeat(5000)} chest pain`, acknowledgedUrgent: true });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.data.error.fields.description).toMatch(/4000/);
  });

  it('screens the French text of the mini-program the same way', async () => {
    const patient = await t.user({ phone: '+33612345678' });
    const res = await ask(patient, { description: 'envie de mourir' });
    expect(res.data.error).toMatchObject({ code: 'urgent_symptoms', emergencyNumbers: ['15', '112'], country: 'FR' });
  });
});

describe('chat with a doctor: delivered, with guidance', () => {
  it('delivers a red-flag message, shows its writer the emergency number, and tells the doctor', async () => {
    const patient = await t.user();
    const c = (await ask(patient, {}, { 'accept-language': 'en-US' })).data;
    expect((await gp.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
    const sent = await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'm1', text: '胸痛' }, { 'accept-language': 'en-US' });
    expect(sent.statusCode).toBe(201);
    expect(sent.data.urgent).toMatchObject({ flags: ['chest_pain'], emergencyNumbers: ['911'] });
    const listed = await gp.http.get(`/api/conversations/${c.conversationId}/messages`);
    expect(listed.data.map((m: { text: string }) => m.text)).toContain('胸痛');
    const seen = await gp.http.get(`/api/consultations/${c.id}`);
    expect(seen.data.redFlags).toContain('chest_pain');
    expect(seen.data.redFlagNotes).toEqual(['Possible chest pain: the patient was shown emergency guidance and chose to continue']);
    const plain = await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'm2', text: 'ok' });
    expect(plain.data.urgent).toBeUndefined();
    const doctorSays = await gp.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'd1', text: 'If the chest pain comes back, call 120.' });
    expect(doctorSays.data.urgent).toBeUndefined();
  });

  it('gives the guidance before refusing a message that is too long', async () => {
    const patient = await t.user();
    const c = (await ask(patient)).data;
    const res = await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'long', text: `${'a'.repeat(4500)} I can't breathe` });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.urgent.emergencyNumbers).toEqual(['911']);
  });
});

describe('forums: posted, with guidance', () => {
  it('posts a red-flag thread and returns the guidance for the writer’s country', async () => {
    const writer = await t.user({ phone: '+33612345679' });
    const res = await writer.http.post('/api/community/threads', { forumId: 'frm_diabetes', title: 'Une question', body: 'J’ai une douleur à la poitrine' });
    expect(res.statusCode).toBe(201);
    expect(res.data.urgent).toMatchObject({ flags: ['chest_pain'], emergencyNumbers: ['15', '112'] });
  });

  it('shows the guidance before refusing a title that is too short', async () => {
    const writer = await t.user();
    const res = await writer.http.post('/api/community/threads', { forumId: 'frm_diabetes', title: '救命', body: '我不想活了' }, { 'accept-language': 'zh-CN' });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.fields.title).toBeDefined();
    expect(res.data.error.urgent.emergencyNumbers[0]).toBe('120');
  });

  it('gives a reader of a flagged thread the number of where they are, signed in or not', async () => {
    const writer = await t.user();
    const thread = await writer.http.post('/api/community/threads', { forumId: 'frm_diabetes', title: 'Worried tonight', body: 'My father had a seizure an hour ago.' });
    const anonymous = await t.http().get(`/api/community/threads/${thread.data.id}`, { 'accept-language': 'en-FR,en;q=0.8' });
    expect(anonymous.data.emergency).toMatchObject({ country: 'FR', number: '15' });
    const chinese = await t.user({ phone: '+8613700137009' });
    const signedIn = await chinese.http.get(`/api/community/threads/${thread.data.id}`, { 'accept-language': 'en-US' });
    expect(signedIn.data.emergency).toMatchObject({ country: 'CN', number: '120' });
  });

  it('shows the guidance on a reply', async () => {
    const writer = await t.user();
    const thread = await writer.http.post('/api/community/threads', { forumId: 'frm_diabetes', title: 'Morning glucose', body: 'Always high in the morning.' });
    const reply = await writer.http.post(`/api/community/threads/${thread.data.id}/posts`, { body: 'seizure' }, { 'accept-language': 'en-US' });
    expect(reply.statusCode).toBe(201);
    expect(reply.data.urgent.emergencyNumbers).toEqual(['911']);
  });
});

describe('the emergency number follows where the patient is', () => {
  const numbersFor = async (who: TestUser, headers?: Record<string, string>) =>
    (await ask(who, { description: 'chest pain since an hour' }, headers)).data.error.emergencyNumbers as string[];

  it('uses the phone number’s country over the interface language', async () => {
    const frenchPhone = await t.user({ phone: '+33698765432' });
    expect(await numbersFor(frenchPhone, { 'accept-language': 'en-US' })).toEqual(['15', '112']);
    const chinesePhone = await t.user({ phone: '+8613700137003' });
    expect(await numbersFor(chinesePhone, { 'accept-language': 'fr-FR' })).toEqual(['120', '110', '119']);
  });

  it('falls back to the Accept-Language region: an English speaker in France sees 15 and 112', async () => {
    const patient = await t.user();
    expect(await numbersFor(patient, { 'accept-language': 'en-FR,en;q=0.9' })).toEqual(['15', '112']);
    expect(await numbersFor(patient, { 'accept-language': 'en-US' })).toEqual(['911']);
    expect(await numbersFor(patient, { 'accept-language': 'de-DE' })).toEqual(['112']);
    expect(await numbersFor(patient, { 'accept-language': 'nl-NL' })).toEqual(['112']);
    expect(await numbersFor(patient, { 'accept-language': 'zh-CN' })).toEqual(['120', '110', '119']);
  });

  it('lets the patient set their country with PATCH /api/me, which GET /api/me returns and asking uses', async () => {
    const patient = await t.user({ phone: '+8613700137004' });
    expect((await patient.http.get('/api/me')).data.country).toBe('CN');
    const set = await patient.http.patch('/api/me', { country: 'fr' });
    expect(set.statusCode).toBe(200);
    expect(set.data.country).toBe('FR');
    expect((await patient.http.get('/api/me')).data.country).toBe('FR');
    expect(await numbersFor(patient, { 'accept-language': 'zh-CN' })).toEqual(['15', '112']);
    const quote = await patient.http.get('/api/consultations/quote?department=general_practice');
    expect(quote.data.currency).toBe('EUR');
    await patient.http.patch('/api/me', { country: 'US' });
    expect(await numbersFor(patient)).toEqual(['911']);
  });

  it('refuses a country code that is not ISO 3166-1 alpha-2', async () => {
    const patient = await t.user();
    expect((await patient.http.get('/api/me')).data.country).toBeNull();
    for (const country of ['France', 'XX', '12', '']) {
      const res = await patient.http.patch('/api/me', { country });
      expect(res.statusCode).toBe(422);
      expect(res.data.error.fields.country).toBeDefined();
    }
  });
});

describe('the doctor reads what a flag means', () => {
  it('lists flagged consultations first, with the flag as a sentence in the doctor’s language', async () => {
    const plain = await t.user();
    await ask(plain, { description: 'A mild cough for a week, no fever.' });
    const flagged = await t.user();
    const c = (await ask(flagged, { description: 'Chest pain when I climb stairs', acknowledgedUrgent: true })).data;
    await ask(plain, { description: 'Another plain question about a cough.' }).catch(() => undefined);

    const queue = (await gp.http.get('/api/doctor/queue')).data as Array<{ id: string; redFlags: string[]; redFlagNotes: string[] }>;
    const firstPlain = queue.findIndex((q) => q.redFlags.length === 0);
    const lastFlagged = queue.map((q) => q.redFlags.length > 0).lastIndexOf(true);
    expect(firstPlain).toBeGreaterThan(-1);
    expect(lastFlagged).toBeLessThan(firstPlain);
    const item = queue.find((q) => q.id === c.id)!;
    expect(item.redFlagNotes).toEqual(['Possible chest pain: the patient was shown emergency guidance and chose to continue']);
    expect(item.redFlagNotes.join(' ')).not.toContain('chest_pain');

    await gp.http.patch('/api/me', { locale: 'fr' });
    const fr = (await gp.http.get('/api/doctor/queue')).data.find((q: { id: string }) => q.id === c.id);
    expect(fr.redFlagNotes).toEqual(['Douleur thoracique possible : le patient a vu les consignes d’urgence et a choisi de continuer']);
    await gp.http.patch('/api/me', { locale: 'zh' });
    const zh = (await gp.http.get('/api/doctor/queue')).data.find((q: { id: string }) => q.id === c.id);
    expect(zh.redFlagNotes[0]).toMatch(/^可能胸痛：/);
    await gp.http.patch('/api/me', { locale: 'en' });

    expect((await gp.http.post(`/api/consultations/${c.id}/accept`)).data.redFlagNotes[0]).toMatch(/^Possible chest pain/);
  });

  it('keeps the emergency numbers of the patient’s country on the consultation', async () => {
    const patient = await t.user({ phone: '+33612340000' });
    const c = (await ask(patient, { description: 'douleur thoracique', acknowledgedUrgent: true })).data;
    const seen = (await patient.http.get(`/api/consultations/${c.id}`)).data;
    expect(seen.emergencyNumbers).toEqual(['15', '112']);
    expect(seen.redFlags).toEqual(['chest_pain']);
  });
});
