// The right doctor for the patient: three patients (in China writing Chinese, in France
// writing French, in New York writing English) and four doctors (licensed in China; in
// France; in New York only; in Texas with a multi-state licence). Each doctor's queue shows
// exactly the questions they may take, and accepting any other is refused with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock('2026-11-21T09:00:00.000Z');
let t: TestApp;
let admin: TestUser;
const doctors: Record<'cn' | 'fr' | 'ny' | 'multi', TestUser> = {} as never;

type Place = { country: string; state?: string; language: string };
const places: Record<'cn' | 'fr' | 'us', Place> = {
  cn: { country: 'CN', language: 'zh' },
  fr: { country: 'FR', language: 'fr' },
  us: { country: 'US', state: 'NY', language: 'en' },
};

// null: may take it; otherwise the refusal's code.
const expected: Record<keyof typeof places, Record<keyof typeof doctors, string | null>> = {
  cn: { cn: null, fr: 'jurisdiction_mismatch', ny: 'jurisdiction_mismatch', multi: 'jurisdiction_mismatch' },
  fr: { cn: 'jurisdiction_mismatch', fr: null, ny: 'jurisdiction_mismatch', multi: 'jurisdiction_mismatch' },
  us: { cn: 'jurisdiction_mismatch', fr: 'jurisdiction_mismatch', ny: null, multi: null },
};

async function ask(place: Place, description = 'A cough that has lasted two weeks, worse at night.') {
  const patient = await t.user();
  const res = await patient.http.post('/api/consultations', { department: 'general_practice', description, ...place });
  expect(res.statusCode).toBe(201);
  return { patient, consultation: res.data as { id: string; country: string; patientState: string | null; language: string } };
}

const queueIds = async (doctor: TestUser) => ((await doctor.http.get('/api/doctor/queue')).data as Array<{ id: string }>).map((q) => q.id);

beforeAll(async () => {
  t = await createTestApp({ clock, env: offlineRegistries });
  admin = await t.user({ roles: ['admin'] });
  doctors.cn = await approvedDoctor(t, admin, { fullName: 'Dr Zhang Min', country: 'CN', languages: ['zh'] });
  doctors.fr = await approvedDoctor(t, admin, { fullName: 'Dr Anne Morel', country: 'FR', languages: ['fr', 'en'] });
  doctors.ny = await approvedDoctor(t, admin, { fullName: 'Dr Nora York', country: 'US', usState: 'NY', multiState: false, languages: ['en'] });
  doctors.multi = await approvedDoctor(t, admin, { fullName: 'Dr Tex Wide', country: 'US', usState: 'TX', multiState: true, languages: ['en', 'es'] });
});
afterAll(async () => {
  await t.close();
});

describe('the jurisdiction matrix', () => {
  it('records where the patient is and what they write in', async () => {
    const { consultation } = await ask(places.us);
    expect(consultation).toMatchObject({ country: 'US', patientState: 'NY', language: 'en' });
  });

  for (const [placeKey, place] of Object.entries(places) as Array<[keyof typeof places, Place]>) {
    it(`a patient in ${place.country}${place.state ? `/${place.state}` : ''} writing ${place.language}: the right queues, and accept refused elsewhere`, async () => {
      const { consultation } = await ask(place);
      const row = expected[placeKey];
      for (const [doctorKey, doctor] of Object.entries(doctors) as Array<[keyof typeof doctors, TestUser]>) {
        expect({ doctorKey, listed: (await queueIds(doctor)).includes(consultation.id) }).toEqual({ doctorKey, listed: row[doctorKey] === null });
      }
      // Every refusal first, so the consultation is still waiting when each is tried.
      for (const [doctorKey, code] of Object.entries(row).filter(([, c]) => c !== null)) {
        const res = await doctors[doctorKey as keyof typeof doctors].http.post(`/api/consultations/${consultation.id}/accept`);
        expect({ doctorKey, status: res.statusCode, code: res.data.error?.code }).toEqual({ doctorKey, status: 403, code });
        expect(res.data.error.message).toMatch(/licence|languages/);
      }
      const allowed = Object.entries(row).filter(([, c]) => c === null).map(([k]) => doctors[k as keyof typeof doctors]);
      expect((await allowed[0]!.http.post(`/api/consultations/${consultation.id}/accept`)).statusCode).toBe(200);
      for (const other of allowed.slice(1)) expect((await other.http.post(`/api/consultations/${consultation.id}/accept`)).data.error.code).toBe('already_taken');
    });
  }
});

describe('languages and states', () => {
  it('refuses a doctor who did not declare the patient’s language, and lets anyone licensed answer "any language"', async () => {
    const { consultation: spanish } = await ask({ country: 'US', state: 'NY', language: 'es' });
    expect(await queueIds(doctors.ny)).not.toContain(spanish.id);
    expect((await doctors.ny.http.post(`/api/consultations/${spanish.id}/accept`)).data.error.code).toBe('language_mismatch');
    expect(await queueIds(doctors.multi)).toContain(spanish.id);

    const { consultation: any } = await ask({ country: 'CN', language: 'any' }, '我咳嗽两个星期了，晚上更厉害。Cough for two weeks.');
    expect(await queueIds(doctors.cn)).toContain(any.id);
    expect((await doctors.fr.http.post(`/api/consultations/${any.id}/accept`)).data.error.code).toBe('jurisdiction_mismatch');
  });

  it('gives a US patient in another state, or of unknown state, only to multi-state licences', async () => {
    const { consultation: california } = await ask({ country: 'US', state: 'CA', language: 'en' });
    expect(await queueIds(doctors.ny)).not.toContain(california.id);
    expect(await queueIds(doctors.multi)).toContain(california.id);
    const { consultation: unknown } = await ask({ country: 'US', language: 'en' });
    expect(unknown.patientState).toBeNull();
    expect((await doctors.ny.http.post(`/api/consultations/${unknown.id}/accept`)).data.error.code).toBe('jurisdiction_mismatch');
  });

  it('tells the patient before asking who can answer, and refuses addressing a doctor who cannot', async () => {
    const patient = await t.user();
    const quote = await patient.http.get('/api/consultations/quote?department=general_practice&country=FR&language=fr');
    expect(quote.data.whoCanAnswer).toEqual({ country: 'FR', state: null, language: 'fr', licensedIn: ['FR'], sameState: false, consultationNotDiagnosis: false });
    expect(quote.data.onlineDoctors).toBe(1);
    const china = await patient.http.get('/api/consultations/quote?department=general_practice&country=CN&language=zh');
    expect(china.data.whoCanAnswer.consultationNotDiagnosis).toBe(true);
    const addressed = await patient.http.post('/api/consultations', { department: 'general_practice', description: 'Une toux depuis deux semaines.', country: 'FR', language: 'fr', doctorId: doctors.ny.id });
    expect(addressed.statusCode).toBe(422);
    expect(addressed.data.error.fields.doctorId).toMatch(/not licensed to practise in France/);
    const badState = await patient.http.post('/api/consultations', { department: 'general_practice', description: 'A cough for two weeks now.', country: 'US', state: 'ZZ' });
    expect(badState.data.error.fields.state).toBeDefined();
  });
});

describe('operators set the rule per country', () => {
  it('lets US licences answer patients in France once an operator allows it, and only operators may', async () => {
    const patient = await t.user();
    expect((await patient.http.put('/api/admin/consultations/jurisdictions/FR', { licensedIn: ['FR', 'US'], sameState: false })).statusCode).toBe(403);
    const set = await admin.http.put('/api/admin/consultations/jurisdictions/FR', { licensedIn: ['FR', 'US'], sameState: false });
    expect(set.statusCode).toBe(200);
    const { consultation } = await ask({ country: 'FR', language: 'en' });
    expect(await queueIds(doctors.ny)).toContain(consultation.id);
    expect(await queueIds(doctors.cn)).not.toContain(consultation.id);
    const rules = await admin.http.get('/api/admin/consultations/jurisdictions');
    expect(rules.data).toContainEqual({ country: 'FR', licensedIn: ['FR', 'US'], sameState: false });
    expect(rules.data).toContainEqual({ country: 'US', licensedIn: ['US'], sameState: true });
    await admin.http.put('/api/admin/consultations/jurisdictions/FR', { licensedIn: ['FR'], sameState: false });
  });
});
