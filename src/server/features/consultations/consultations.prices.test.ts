// Prices and promises that agree: what a patient is quoted is what they pay and what the
// doctor's queue shows; a free consultation is free everywhere and the doctor sees their
// pay; with nobody online, the quote says so before any payment and where someone is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock('2026-11-21T09:00:00.000Z');
let t: TestApp;
let admin: TestUser;
let gp: TestUser;
let derm: TestUser;

type QueueItem = { id: string; free: boolean; price: number; amountDue: number; doctorEarns: number; currency: string };

beforeAll(async () => {
  t = await createTestApp({ clock, env: { ...offlineRegistries, LOTUS_PLATFORM_FEE_PERCENT: '20' } });
  admin = await t.user({ roles: ['admin'] });
  gp = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Alice Grant', priceMinor: 4000 });
  derm = await approvedDoctor(t, admin, { department: 'dermatology', fullName: 'Dr Chloe Day', online: false });
});
afterAll(async () => {
  await t.close();
});

describe('prices that agree', () => {
  it('shows a free consultation as free to the patient and the doctor, and the doctor what they are paid', async () => {
    const patient = await t.user();
    const quote = (await patient.http.get('/api/consultations/quote?department=general_practice')).data;
    expect(quote).toMatchObject({ free: true, amountDue: 0 });
    const c = (await patient.http.post('/api/consultations', { department: 'general_practice', description: 'A sore throat for three days, mild fever.' })).data;
    expect(c).toMatchObject({ free: true, amountDue: 0, price: quote.price, currency: quote.currency });
    const item = ((await gp.http.get('/api/doctor/queue')).data as QueueItem[]).find((q) => q.id === c.id)!;
    expect(item).toMatchObject({ free: true, amountDue: 0, currency: quote.currency });
    // A free consultation is subsidised at its price (see close): that is the doctor's pay.
    expect(item.doctorEarns).toBe(quote.price);
  });

  it('charges what was quoted, and the queue shows that amount in that currency with the doctor’s share', async () => {
    const patient = await t.user();
    await patient.http.patch('/api/me', { country: 'US' });
    await patient.http.post('/api/consultations', { department: 'general_practice', description: 'First question, a cough for a week.' });
    const quote = (await patient.http.get('/api/consultations/quote?department=general_practice')).data;
    expect(quote.free).toBe(false);
    expect(quote.currency).toBe('USD');
    const c = (await patient.http.post('/api/consultations', { department: 'general_practice', description: 'My knee hurts when I climb stairs.' })).data;
    expect(c).toMatchObject({ status: 'awaiting_payment', amountDue: quote.amountDue, currency: quote.currency });
    const payment = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'sandbox' }, { 'idempotency-key': `pay-${c.id}` });
    expect(payment.data).toMatchObject({ amount: quote.amountDue, currency: quote.currency });
    await patient.http.post(`/api/sandbox/payments/${payment.data.id}/complete`);
    const item = ((await gp.http.get('/api/doctor/queue')).data as QueueItem[]).find((q) => q.id === c.id)!;
    expect(item).toMatchObject({ free: false, amountDue: quote.amountDue, currency: quote.currency });
    expect(item.doctorEarns).toBe(quote.amountDue - Math.round(quote.amountDue * 0.2));
  });

  it('quotes a particular doctor at their price, and the created consultation costs the same', async () => {
    const patient = await t.user();
    await patient.http.post('/api/consultations', { department: 'general_practice', description: 'First question, a cough for a week.' });
    const gpId = (await gp.http.get('/api/me')).data.id;
    const quote = (await patient.http.get(`/api/consultations/quote?department=general_practice&doctorId=${gpId}`)).data;
    expect(quote).toMatchObject({ price: 4000, amountDue: 4000, currency: 'USD' });
    const c = (await patient.http.post('/api/consultations', { department: 'general_practice', doctorId: gpId, description: 'A rash on my arm since Monday.' })).data;
    expect(c).toMatchObject({ price: 4000, amountDue: 4000, currency: 'USD' });
  });
});

describe('promises that can be kept', () => {
  it('says before any payment that nobody is online, when the promise would run out, and where doctors are', async () => {
    const patient = await t.user();
    const quote = (await patient.http.get('/api/consultations/quote?department=dermatology')).data;
    expect(quote.onlineDoctors).toBe(0);
    expect(Date.parse(quote.replyDeadlineIfAskedNow)).toBe(clock.now().getTime() + quote.replyPromiseSeconds * 1000);
    expect(quote.onlineElsewhere).toEqual([{ department: 'general_practice', name: expect.any(String), onlineDoctors: 1 }]);
    const busy = (await patient.http.get('/api/consultations/quote?department=general_practice')).data;
    expect(busy.onlineDoctors).toBe(1);
    expect(busy.onlineElsewhere).toEqual([]);
    expect(derm.id).toBeDefined();
  });
});
