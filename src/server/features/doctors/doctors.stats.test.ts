// Trust figures on a doctor's profile: consultations, the average rating shown only from
// five ratings up (with its count always), the median first reply; the directory searches
// by name or hospital and sorts by rating, response time and price.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock('2026-11-21T09:00:00.000Z');
let t: TestApp;
let admin: TestUser;
let slow: TestUser;
let quick: TestUser;

/** One consultation from ask to rating, the doctor's first reply `replySeconds` after the question. */
async function consultation(doctor: TestUser, replySeconds: number, stars: number | null) {
  const patient = await t.user();
  const c = (await patient.http.post('/api/consultations', { department: 'dermatology', description: 'A dry patch of skin on my elbow.' })).data;
  clock.advance(replySeconds * 1000);
  expect((await doctor.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
  await doctor.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: `r-${c.id}`, text: 'Hello, since when?' });
  await doctor.http.post(`/api/consultations/${c.id}/close`, { summary: 'Likely eczema.' });
  if (stars !== null) expect((await patient.http.post(`/api/consultations/${c.id}/rating`, { stars })).statusCode).toBe(200);
}

const stats = async (doctor: TestUser) => (await t.http().get(`/api/doctors/${doctor.id}`)).data.stats;

beforeAll(async () => {
  t = await createTestApp({ clock, env: offlineRegistries });
  admin = await t.user({ roles: ['admin'] });
  slow = await approvedDoctor(t, admin, { department: 'dermatology', fullName: 'Dr Sam Slow', priceMinor: 1000 });
  quick = await approvedDoctor(t, admin, { department: 'dermatology', fullName: 'Dr Quinn Quick', priceMinor: 4000 });
  await t.user(); // the directory is public
});
afterAll(async () => {
  await t.close();
});

describe('a doctor’s public figures', () => {
  it('starts empty: no consultations, no average, no reply time', async () => {
    expect(await stats(slow)).toEqual({ consultations: 0, ratingAverage: null, ratingCount: 0, medianFirstReplySeconds: null });
  });

  it('shows the count of ratings below five, and the average from the fifth on', async () => {
    for (const [seconds, stars] of [[300, 4], [600, 5], [900, 3], [1200, 4]] as const) await consultation(slow, seconds, stars);
    expect(await stats(slow)).toEqual({ consultations: 4, ratingAverage: null, ratingCount: 4, medianFirstReplySeconds: 750 });
    await consultation(slow, 60, 5);
    await consultation(slow, 60, null);
    expect(await stats(slow)).toEqual({ consultations: 6, ratingAverage: 4.2, ratingCount: 5, medianFirstReplySeconds: 450 });
  });

  it('searches the directory by name or hospital and sorts by rating, response time and price', async () => {
    for (let i = 0; i < 5; i++) await consultation(quick, 30, 5);
    const ids = async (query: string) => ((await t.http().get(`/api/doctors?department=dermatology&${query}`)).data as Array<{ id: string }>).map((d) => d.id);
    expect(await ids('q=quinn')).toEqual([quick.id]);
    expect(await ids('q=springfield%20general')).toEqual(expect.arrayContaining([slow.id, quick.id]));
    expect(await ids('q=nobody-like-this')).toEqual([]);
    expect(await ids('sort=rating')).toEqual([quick.id, slow.id]);
    expect(await ids('sort=response')).toEqual([quick.id, slow.id]);
    expect(await ids('sort=price')).toEqual([slow.id, quick.id]);
    const listed = (await t.http().get('/api/doctors?department=dermatology&sort=rating')).data[0];
    expect(listed.stats).toMatchObject({ ratingAverage: 5, ratingCount: 5, consultations: 5 });
  });

  it('finds doctors by a condition through the encyclopedia entry linked to their department', async () => {
    const gp = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Gail General' });
    await t.services.encyclopedia.importEntries(
      [{ content: { title: 'Psoriasis', lang: 'en', category: 'disease', synonyms: [], department: 'dermatology', sections: { overview: 'Psoriasis is a long-lasting skin disease with red, itchy, scaly patches.' }, related: [] } }],
      { name: 'Test editors', source: 'test' },
    );
    const found = ((await t.http().get('/api/doctors?condition=psoriasis')).data as Array<{ id: string; department: string }>);
    expect(found.map((d) => d.id)).toEqual(expect.arrayContaining([slow.id, quick.id]));
    expect(found.map((d) => d.id)).not.toContain(gp.id);
    expect((await t.http().get('/api/doctors?condition=zzzqqq')).data).toEqual([]);
  });
});
