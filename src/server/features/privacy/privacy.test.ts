// The patient's access log: an admin's read of their consultation shows with its reason;
// the treating doctor's and their own reads do not; a staff read without a reason is refused.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
let admin: TestUser;
let doctor: TestUser;
const clock = new ManualClock('2026-12-01T09:00:00.000Z');

beforeAll(async () => {
  t = await createTestApp({ clock, env: { ...offlineRegistries } });
  admin = await t.user({ roles: ['admin'], displayName: 'Ada Admin' });
  doctor = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Alice Grant' });
});
afterAll(() => t.close());

describe('GET /api/me/access-log', () => {
  it('lists an admin’s read with its reason, and not the doctor’s or the patient’s own', async () => {
    const patient = await t.user();
    const c = (
      await patient.http.post('/api/consultations', {
        department: 'general_practice',
        description: 'I have had a sore throat and a mild fever for three days.',
        age: 34,
      })
    ).data;
    expect((await doctor.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
    await doctor.http.get(`/api/consultations/${c.id}`);
    await doctor.http.get(`/api/conversations/${c.conversationId}/messages?after=0`);
    await patient.http.get(`/api/consultations/${c.id}`);
    expect((await patient.http.get('/api/me/access-log')).data).toEqual([]);

    const refused = await admin.http.get(`/api/consultations/${c.id}`);
    expect(refused.statusCode).toBe(422);
    expect(refused.data.error.code).toBe('reason_required');
    clock.advance(60_000);
    expect((await admin.http.get(`/api/consultations/${c.id}?reason=${encodeURIComponent('Complaint #12 review')}`)).statusCode).toBe(200);

    const log = await patient.http.get('/api/me/access-log');
    expect(log.statusCode).toBe(200);
    expect(log.data).toEqual([
      { at: '2026-12-01T09:01:00.000Z', actor: { role: 'admin', name: 'Ada Admin' }, action: 'consultation.read_by_admin', reason: 'Complaint #12 review' },
    ]);

    // Another patient's log says nothing of it.
    const other = await t.user();
    expect((await other.http.get('/api/me/access-log')).data).toEqual([]);
    expect((await t.http().get('/api/me/access-log')).statusCode).toBe(401);
  });

  it('lists staff downloads of the visit summary and reads of the follow-up care, each with its reason; not the doctor’s', async () => {
    const patient = await t.user();
    const c = (await patient.http.post('/api/consultations', { department: 'general_practice', description: 'A cough for ten days, worse at night.', age: 52 }))
      .data;
    expect((await doctor.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
    expect(
      (
        await doctor.http.post(`/api/consultations/${c.id}/close`, {
          summary: 'Post-viral cough.',
          advice: 'Honey, fluids; see a doctor if it lasts three weeks.',
        })
      ).statusCode,
    ).toBe(200);
    expect((await doctor.http.get(`/api/consultations/${c.id}/summary.pdf`)).statusCode).toBe(200);
    expect((await doctor.http.get(`/api/consultations/${c.id}/care`)).statusCode).toBe(200);
    expect((await patient.http.get('/api/me/access-log')).data).toEqual([]);

    expect((await admin.http.get(`/api/consultations/${c.id}/summary.pdf`)).data.error.code).toBe('reason_required');
    expect((await admin.http.get(`/api/consultations/${c.id}/care`)).data.error.code).toBe('reason_required');
    clock.advance(60_000);
    expect((await admin.http.get(`/api/consultations/${c.id}/summary.pdf?reason=${encodeURIComponent('Insurer dispute #7')}`)).statusCode).toBe(200);
    expect((await admin.http.get(`/api/consultations/${c.id}/care?reason=${encodeURIComponent('Follow-up complaint')}`)).statusCode).toBe(200);

    const log = (await patient.http.get('/api/me/access-log')).data as Array<{ action: string; reason: string | null; actor: { role: string } }>;
    expect(log.every((e) => e.actor.role === 'admin')).toBe(true);
    expect(log.map((e) => [e.action, e.reason])).toEqual(
      expect.arrayContaining([
        ['consultation.summary_pdf', 'Insurer dispute #7'],
        ['consultation.read_by_admin', 'Follow-up complaint'],
      ]),
    );
    expect(log.every((e) => e.reason !== null)).toBe(true);
  });
  it('lists a staff read of the chat and its photos with the reason given, and refuses one without a reason; not the doctor’s', async () => {
    const patient = await t.user();
    const c = (
      await patient.http.post('/api/consultations', {
        department: 'general_practice',
        description: 'A red patch on my arm for a week, itchy at night.',
        age: 40,
      })
    ).data;
    expect((await doctor.http.post(`/api/consultations/${c.id}/accept`)).statusCode).toBe(200);
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const form = new FormData();
    form.append('file', new Blob([jpeg], { type: 'image/jpeg' }), 'arm.jpg');
    const upload = await patient.http.inject({ method: 'POST', url: `/api/conversations/${c.conversationId}/attachments`, payload: form as never });
    expect(upload.statusCode).toBe(201);
    const sent = await patient.http.post(`/api/conversations/${c.conversationId}/messages`, { clientId: 'photo', text: '', attachmentIds: [upload.data.id] });
    const url = sent.data.attachments[0].url as string;
    expect((await doctor.http.get(url)).statusCode).toBe(200);
    expect((await doctor.http.get(`/api/conversations/${c.conversationId}/messages`)).statusCode).toBe(200);

    for (const path of [url, `/api/conversations/${c.conversationId}/messages`, `/api/conversations/${c.conversationId}`]) {
      const refused = await admin.http.get(path);
      expect(refused.statusCode).toBe(422);
      expect(refused.data.error.code).toBe('reason_required');
    }
    expect((await patient.http.get('/api/me/access-log')).data).toEqual([]);

    clock.advance(60_000);
    const sep = url.includes('?') ? '&' : '?';
    expect((await admin.http.get(`${url}${sep}reason=${encodeURIComponent('Reported image #3')}`)).statusCode).toBe(200);
    expect((await admin.http.get(`/api/conversations/${c.conversationId}/messages?reason=${encodeURIComponent('Complaint #9')}`)).statusCode).toBe(200);

    const log = (await patient.http.get('/api/me/access-log')).data as Array<{ action: string; reason: string | null; actor: { role: string; name: string } }>;
    expect(log.map((e) => [e.actor.name, e.action, e.reason])).toEqual(
      expect.arrayContaining([
        ['Ada Admin', 'attachment.read_by_admin', 'Reported image #3'],
        ['Ada Admin', 'consultation.read_by_admin', 'Complaint #9'],
      ]),
    );
    expect(log).toHaveLength(2);
  });
});
