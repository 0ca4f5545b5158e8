// A question nobody has taken after a few minutes reminds the department's online doctors,
// once; new questions tell them at once; all through the outbox, on the manual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock('2026-12-01T10:00:00.000Z');
let t: TestApp;
let gp: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { ...offlineRegistries, LOTUS_NOTIFY_INTERVAL_MS: '600000' } });
  const admin = await t.user({ roles: ['admin'] });
  gp = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Ines Roy' });
});
afterAll(async () => {
  await t.close();
});

const deliveriesTo = async (userId: string) => (await t.services.notifications.outbox.q().selectFrom('notification_deliveries').select(['kind', 'channel']).where('user_id', '=', userId).execute()).map((d) => `${d.kind}:${d.channel}`).sort();

describe('doctors hear of waiting questions', () => {
  it('a new question tells the online doctors of its department, and a reminder follows once after three minutes', async () => {
    const patient = await t.user();
    const asked = await patient.http.post('/api/consultations', { department: 'general_practice', description: 'Headache every morning for two weeks.', age: 50 });
    expect(asked.statusCode).toBe(201);
    await t.platform.jobs.runNow('notifications-outbox');
    // The reviewer's approval reached the doctor too.
    expect(await deliveriesTo(gp.id)).toEqual(['consultation_new_question:email', 'doctor_application_decision:email']);

    await t.platform.jobs.runNow('consultation-reminders');
    clock.advance(3 * 60_000 + 1000);
    await t.platform.jobs.runNow('consultation-reminders');
    await t.platform.jobs.runNow('consultation-reminders');
    await t.platform.jobs.runNow('notifications-outbox');
    expect(await deliveriesTo(gp.id)).toEqual(['consultation_new_question:email', 'consultation_waiting_reminder:email', 'doctor_application_decision:email']);

    // Taken: no more reminders for it.
    expect((await gp.http.post(`/api/consultations/${asked.data.id}/accept`)).statusCode).toBe(200);
    clock.advance(10 * 60_000);
    await t.platform.jobs.runNow('consultation-reminders');
    await t.platform.jobs.runNow('notifications-outbox');
    expect((await deliveriesTo(gp.id)).filter((d) => d.startsWith('consultation_waiting_reminder'))).toHaveLength(1);
  });
});
