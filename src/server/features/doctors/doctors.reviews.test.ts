// Written reviews: published by the patient of a closed, rated consultation, screened by
// the community's word lists like a forum post (a match waits for a moderator), answered
// once by the doctor, shown on the profile without the patient's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock('2026-11-21T09:00:00.000Z');
let t: TestApp;
let admin: TestUser;
let moderator: TestUser;
let doctor: TestUser;

async function closed(rate = true) {
  const patient = await t.user({ displayName: 'Private Person' });
  const c = (await patient.http.post('/api/consultations', { department: 'general_practice', description: 'Headaches every afternoon this week.' })).data;
  await doctor.http.post(`/api/consultations/${c.id}/accept`);
  await doctor.http.post(`/api/consultations/${c.id}/close`, { summary: 'Tension headaches; drink more water.' });
  if (rate) await patient.http.post(`/api/consultations/${c.id}/rating`, { stars: 4 });
  return { patient, c };
}

beforeAll(async () => {
  t = await createTestApp({ clock, env: offlineRegistries });
  admin = await t.user({ roles: ['admin'] });
  moderator = await t.user({ roles: ['moderator'] });
  doctor = await approvedDoctor(t, admin, { fullName: 'Dr Rita Review' });
  expect((await moderator.http.post('/api/admin/moderation/word-lists', { list: 'advertising', term: 'miraclepill' })).statusCode).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe('written reviews', () => {
  it('publishes a clean review at once, with the rating and without the patient’s name, and takes one answer from the doctor', async () => {
    const { patient, c } = await closed();
    const review = await patient.http.post(`/api/consultations/${c.id}/review`, { text: 'Listened carefully and explained everything clearly.' });
    expect(review.statusCode).toBe(201);
    expect(review.data).toMatchObject({ status: 'published', stars: 4, answer: null });
    expect((await patient.http.post(`/api/consultations/${c.id}/review`, { text: 'A second review of the same consultation.' })).data.error.code).toBe('already_reviewed');
    const listed = await t.http().get(`/api/doctors/${doctor.id}/reviews`);
    expect(listed.data.map((r: { id: string }) => r.id)).toEqual([review.data.id]);
    expect(JSON.stringify(listed.data)).not.toContain('Private Person');
    expect(JSON.stringify(listed.data)).not.toContain(patient.id);

    expect((await patient.http.post(`/api/doctor/reviews/${review.data.id}/answer`, { text: 'Not mine to answer.' })).statusCode).toBe(404);
    const answered = await doctor.http.post(`/api/doctor/reviews/${review.data.id}/answer`, { text: 'Thank you, get well soon.' });
    expect(answered.data.answer).toBe('Thank you, get well soon.');
    expect((await doctor.http.post(`/api/doctor/reviews/${review.data.id}/answer`, { text: 'Another answer.' })).data.error.code).toBe('already_answered');
  });

  it('holds a review that matches a word list until a moderator decides, and only moderators may', async () => {
    const { patient, c } = await closed();
    const held = await patient.http.post(`/api/consultations/${c.id}/review`, { text: 'Great doctor, but buy the MiraclePill at my shop instead.' });
    expect(held.data.status).toBe('held');
    expect((await t.http().get(`/api/doctors/${doctor.id}/reviews`)).data.map((r: { id: string }) => r.id)).not.toContain(held.data.id);
    expect((await patient.http.get('/api/admin/moderation/doctor-reviews')).statusCode).toBe(403);
    const queue = await moderator.http.get('/api/admin/moderation/doctor-reviews');
    expect(queue.data.find((r: { id: string }) => r.id === held.data.id).heldReason).toMatch(/advertising/);
    expect((await patient.http.post(`/api/admin/moderation/doctor-reviews/${held.data.id}/decision`, { decision: 'publish' })).statusCode).toBe(403);
    expect((await moderator.http.post(`/api/admin/moderation/doctor-reviews/${held.data.id}/decision`, { decision: 'hide' })).data.status).toBe('hidden');
    expect((await t.http().get(`/api/doctors/${doctor.id}/reviews`)).data.map((r: { id: string }) => r.id)).not.toContain(held.data.id);
    expect((await doctor.http.post(`/api/doctor/reviews/${held.data.id}/answer`, { text: 'Hidden reviews get no answer.' })).statusCode).toBe(404);
  });

  it('asks for the rating first and refuses anyone but the patient', async () => {
    const { patient, c } = await closed(false);
    expect((await patient.http.post(`/api/consultations/${c.id}/review`, { text: 'Very helpful and kind doctor.' })).data.error.code).toBe('not_rated');
    expect((await doctor.http.post(`/api/consultations/${c.id}/review`, { text: 'Reviewing myself is not allowed.' })).statusCode).toBe(403);
    expect((await (await t.user()).http.post(`/api/consultations/${c.id}/review`, { text: 'A stranger writing a review.' })).statusCode).toBe(404);
  });
});
