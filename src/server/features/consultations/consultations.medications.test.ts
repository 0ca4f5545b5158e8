// What the patient takes now travels with their question: written once when asking, read by
// the doctor who takes it, and by nobody outside the consultation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';

let t: TestApp;
let doctor: TestUser;

beforeAll(async () => {
  t = await createTestApp({ env: offlineRegistries });
  const admin = await t.user({ roles: ['admin'] });
  doctor = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Mina Osei' });
});
afterAll(async () => {
  await t.close();
});

const ask = (who: TestUser, body: Record<string, unknown>) =>
  who.http.post('/api/consultations', { department: 'general_practice', description: 'A dry cough for two weeks, worse at night.', ...body });

describe('current medications', () => {
  it('are kept as the patient wrote them and shown to the doctor who takes the consultation', async () => {
    const patient = await t.user();
    const asked = await ask(patient, { medications: '  Lisinopril 10 mg once a day  ' });
    expect(asked.statusCode).toBe(201);
    expect(asked.data.medications).toBe('Lisinopril 10 mg once a day');

    const accepted = await doctor.http.post(`/api/consultations/${asked.data.id}/accept`, {});
    expect(accepted.statusCode).toBe(200);
    const read = await doctor.http.get(`/api/consultations/${asked.data.id}`);
    expect(read.data.medications).toBe('Lisinopril 10 mg once a day');

    const stranger = await t.user();
    expect((await stranger.http.get(`/api/consultations/${asked.data.id}`)).statusCode).toBe(404);
  });

  it('are null when the patient leaves them out', async () => {
    const patient = await t.user();
    const asked = await ask(patient, {});
    expect(asked.statusCode).toBe(201);
    expect(asked.data.medications).toBeNull();
  });

  it('refuse more than 1000 characters with the field named', async () => {
    const patient = await t.user();
    const asked = await ask(patient, { medications: 'x'.repeat(1001) });
    expect(asked.statusCode).toBe(422);
    expect(asked.data.error.fields).toHaveProperty('medications');
  });
});
