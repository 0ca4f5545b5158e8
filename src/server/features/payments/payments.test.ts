import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { TestConsultations } from '../../../../test/fixtures/payments/orders.ts';
import { ManualClock } from '../../platform/clock.ts';
import { ConfigError } from '../../config.ts';
import { loadPaymentsConfig } from './payments.config.ts';
import { Payables } from './payments.payables.ts';
import { decimalToMinor, minorToDecimal } from './payments.provider.ts';

let t: TestApp;
let clock: ManualClock;
let consultations: TestConsultations;
let patient: TestUser;
let other: TestUser;
let admin: TestUser;

beforeAll(async () => {
  clock = new ManualClock('2026-03-01T08:00:00.000Z');
  t = await createTestApp({ clock });
  consultations = TestConsultations.install(t.services.payments);
  patient = await t.user();
  other = await t.user();
  admin = await t.user({ roles: ['admin'] });
});
afterAll(async () => {
  await t.close();
});

const key = () => `key-${Math.random().toString(36).slice(2)}`;
const ledger = async () => (await admin.http.get('/api/admin/ledger')).data;

async function paySandbox(user: TestUser, consultationId: string) {
  const res = await user.http.post('/api/payments', { consultationId, provider: 'sandbox' }, { 'idempotency-key': key() });
  expect(res.statusCode).toBe(201);
  return res.data;
}

describe('payables registry', () => {
  it('answers "consultation not found" while no feature registered consultations', () => {
    const payables = new Payables();
    expect(() => payables.get('consultation')).toThrowError(/Consultation was not found/);
    try {
      payables.get('consultation');
    } catch (error) {
      expect((error as { statusCode: number; code: string }).statusCode).toBe(404);
      expect((error as { code: string }).code).toBe('consultation_not_found');
    }
  });
});

describe('checkout with the sandbox', () => {
  it('lists only configured providers: here the sandbox alone', async () => {
    const res = await patient.http.get('/api/payments/providers');
    expect(res.statusCode).toBe(200);
    expect(res.data).toEqual({ providers: ['sandbox'], sandbox: true });
  });

  it('creates a payment with an action, and an Idempotency-Key returns the first result again', async () => {
    const c = consultations.add(patient.id, 2500);
    const k = key();
    const first = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'sandbox' }, { 'idempotency-key': k });
    expect(first.statusCode).toBe(201);
    expect(first.data).toMatchObject({ status: 'pending', amount: 2500, currency: 'CNY', provider: 'sandbox', action: { type: 'redirect', url: `/pay/sandbox/${first.data.id}` } });
    expect(first.data.id).toMatch(/^[A-Za-z0-9_-]{6,32}$/);
    const again = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'sandbox' }, { 'idempotency-key': k });
    expect(again.statusCode).toBe(201);
    expect(again.data.id).toBe(first.data.id);
    const changed = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'alipay' }, { 'idempotency-key': k });
    expect(changed.statusCode).toBe(409);
    expect(changed.data.error.code).toBe('idempotency_key_reused');
  });

  it('refuses an unconfigured provider with 422 and an unknown or foreign consultation with 404', async () => {
    const c = consultations.add(patient.id);
    const alipay = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'alipay' });
    expect(alipay.statusCode).toBe(422);
    expect(alipay.data.error.code).toBe('provider_unavailable');
    const unknown = await patient.http.post('/api/payments', { consultationId: 'tc_nope', provider: 'sandbox' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.data.error.code).toBe('consultation_not_found');
    const foreign = await other.http.post('/api/payments', { consultationId: c.id, provider: 'sandbox' });
    expect(foreign.statusCode).toBe(404);
    expect((await t.http().post('/api/payments', { consultationId: c.id, provider: 'sandbox' })).statusCode).toBe(401);
  });

  it('shows a payment to its payer and to an admin (audited), and to nobody else', async () => {
    const c = consultations.add(patient.id);
    const payment = await paySandbox(patient, c.id);
    expect((await patient.http.get(`/api/payments/${payment.id}`)).data.status).toBe('pending');
    const foreign = await other.http.get(`/api/payments/${payment.id}`);
    expect(foreign.statusCode).toBe(404);
    const byAdmin = await admin.http.get(`/api/payments/${payment.id}`);
    expect(byAdmin.statusCode).toBe(200);
    expect(byAdmin.data.payerId).toBe(patient.id);
    const audit = await t.platform.audit.list({ resourceType: 'payment', resourceId: payment.id });
    expect(audit.map((a) => a.action)).toContain('payment.read_by_admin');
  });

  it('completes once however many times the sandbox button is pressed', async () => {
    const c = consultations.add(patient.id, 3000);
    const payment = await paySandbox(patient, c.id);
    const before = await ledger();
    for (let i = 0; i < 5; i++) {
      const res = await patient.http.post(`/api/sandbox/payments/${payment.id}/complete`);
      expect(res.statusCode).toBe(200);
      expect(res.data.status).toBe('paid');
    }
    expect(c.paid).toHaveLength(1);
    expect(c.status).toBe('waiting');
    const after = await ledger();
    expect(after.total).toBe(0);
    expect(after.accounts['cash:sandbox'] - (before.accounts['cash:sandbox'] ?? 0)).toBe(3000);
    const events = await admin.http.get(`/api/admin/payment-events?paymentId=${payment.id}`);
    expect(events.data).toHaveLength(1);
    expect(events.data[0]).toMatchObject({ outcome: 'applied', deliveries: 5 });
    expect((await other.http.post(`/api/sandbox/payments/${payment.id}/complete`)).statusCode).toBe(404);
    const again = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'sandbox' });
    expect(again.statusCode).toBe(409);
  });

  it('refunds in full automatically when the payable was cancelled before the money arrived', async () => {
    const c = consultations.add(patient.id, 1800);
    const payment = await paySandbox(patient, c.id);
    c.status = 'cancelled';
    const res = await patient.http.post(`/api/sandbox/payments/${payment.id}/complete`);
    expect(res.data.status).toBe('refunded');
    expect(c.refunded).toEqual([expect.objectContaining({ amount: 1800, reason: 'consultation_cancelled' })]);
    const refunds = await admin.http.get('/api/admin/refunds');
    expect(refunds.data.find((r: { paymentId: string }) => r.paymentId === payment.id)).toMatchObject({ status: 'succeeded', amount: 1800, currency: payment.currency });
    expect(payment.currency).toMatch(/^[A-Z]{3}$/);
    expect((await ledger()).total).toBe(0);
  });

  it('refunds a second payment of the same consultation', async () => {
    const c = consultations.add(patient.id, 1000);
    const one = await paySandbox(patient, c.id);
    const two = await paySandbox(patient, c.id);
    await patient.http.post(`/api/sandbox/payments/${one.id}/complete`);
    const second = await patient.http.post(`/api/sandbox/payments/${two.id}/complete`);
    expect(second.data.status).toBe('refunded');
    expect(c.paid).toHaveLength(1);
  });
});

describe('refunds', () => {
  it('lets an admin refund part, then the rest, with Idempotency-Key, through the provider', async () => {
    const c = consultations.add(patient.id, 5000);
    const payment = await paySandbox(patient, c.id);
    await patient.http.post(`/api/sandbox/payments/${payment.id}/complete`);
    const k = key();
    const part = await admin.http.post(`/api/admin/payments/${payment.id}/refunds`, { amount: 2000 }, { 'idempotency-key': k });
    expect(part.statusCode).toBe(201);
    expect(part.data).toMatchObject({ amount: 2000, status: 'succeeded', requestedBy: admin.id });
    const same = await admin.http.post(`/api/admin/payments/${payment.id}/refunds`, { amount: 2000 }, { 'idempotency-key': k });
    expect(same.data.id).toBe(part.data.id);
    const other = await admin.http.post(`/api/admin/payments/${payment.id}/refunds`, { amount: 100 }, { 'idempotency-key': k });
    expect(other.statusCode).toBe(409);
    expect((await patient.http.get(`/api/payments/${payment.id}`)).data).toMatchObject({ status: 'partially_refunded', refundedAmount: 2000 });
    const tooMuch = await admin.http.post(`/api/admin/payments/${payment.id}/refunds`, { amount: 3001 }, { 'idempotency-key': key() });
    expect(tooMuch.statusCode).toBe(422);
    const rest = await admin.http.post(`/api/admin/payments/${payment.id}/refunds`, {}, { 'idempotency-key': key() });
    expect(rest.data.amount).toBe(3000);
    expect((await patient.http.get(`/api/payments/${payment.id}`)).data.status).toBe('refunded');
    const none = await admin.http.post(`/api/admin/payments/${payment.id}/refunds`, {}, { 'idempotency-key': key() });
    expect(none.statusCode).toBe(409);
    expect((await patient.http.post(`/api/admin/payments/${payment.id}/refunds`, {}, { 'idempotency-key': key() })).statusCode).toBe(403);
    expect(c.refunded.map((r) => r.amount)).toEqual([2000, 3000]);
    expect((await ledger()).total).toBe(0);
  });

  it('refundInFull refunds what is left once and then has nothing left to do', async () => {
    const c = consultations.add(patient.id, 4200);
    const payment = await paySandbox(patient, c.id);
    await patient.http.post(`/api/sandbox/payments/${payment.id}/complete`);
    const first = await t.services.payments.refundInFull(payment.id, 'reply_promise_missed');
    expect(first).toMatchObject({ amount: 4200, status: 'succeeded', reason: 'reply_promise_missed' });
    expect(await t.services.payments.refundInFull(payment.id, 'reply_promise_missed')).toBeNull();
  });
});

describe('expiry and reconciliation', () => {
  it('expires a payment pending past its time, and refunds money that arrives after', async () => {
    const c = consultations.add(patient.id, 2200);
    const payment = await paySandbox(patient, c.id);
    clock.advance(10 * 60_000);
    let report = await t.services.payments.reconcile();
    expect(report.expired).toBe(0);
    expect((await patient.http.get(`/api/payments/${payment.id}`)).data.status).toBe('pending');
    clock.advance(25 * 60_000);
    report = await t.services.payments.reconcile();
    expect(report.expired).toBeGreaterThanOrEqual(1);
    expect((await patient.http.get(`/api/payments/${payment.id}`)).data.status).toBe('expired');
    expect(c.expired).toHaveLength(1);
    const late = await patient.http.post(`/api/sandbox/payments/${payment.id}/complete`);
    expect(late.data.status).toBe('refunded');
    expect(c.paid).toHaveLength(0);
    expect((await ledger()).total).toBe(0);
  });

  it('an admin can run reconciliation', async () => {
    const res = await admin.http.post('/api/admin/payments/reconcile');
    expect(res.statusCode).toBe(200);
    expect(res.data).toHaveProperty('checked');
    expect((await patient.http.post('/api/admin/payments/reconcile')).statusCode).toBe(403);
  });
});

describe('ledger for consultations', () => {
  it('books a free consultation subsidy once and a paid consultation settlement once', async () => {
    const doctor = await t.user({ roles: ['doctor'] });
    expect(await t.services.payments.recordSubsidy({ kind: 'consultation', referenceId: 'free_1', doctorId: doctor.id, amountMinor: 2000, currency: 'CNY' })).toBe(true);
    expect(await t.services.payments.recordSubsidy({ kind: 'consultation', referenceId: 'free_1', doctorId: doctor.id, amountMinor: 2000, currency: 'CNY' })).toBe(false);
    const c = consultations.add(patient.id, 5000);
    const payment = await paySandbox(patient, c.id);
    await patient.http.post(`/api/sandbox/payments/${payment.id}/complete`);
    expect(await t.services.payments.settle({ kind: 'consultation', referenceId: c.id, doctorId: doctor.id })).toBe(true);
    expect(await t.services.payments.settle({ kind: 'consultation', referenceId: c.id, doctorId: doctor.id })).toBe(false);
    const summary = await ledger();
    expect(summary.total).toBe(0);
    expect(summary.unbalanced).toEqual([]);
    expect(summary.accounts[`doctor_earnings:${doctor.id}`]).toBe(-(2000 + 4000));
    expect(await t.services.payments.earningsByDay(doctor.id, 7)).toEqual([{ day: clock.now().toISOString().slice(0, 10), currency: 'CNY', amount: 6000 }]);
    // A refund after the consultation was delivered is borne by the platform.
    await admin.http.post(`/api/admin/payments/${payment.id}/refunds`, { amount: 500 }, { 'idempotency-key': key() });
    const after = await ledger();
    expect(after.total).toBe(0);
    expect(after.accounts.refunds).toBeGreaterThanOrEqual(500);
  });

  it('is only for admins', async () => {
    expect((await patient.http.get('/api/admin/ledger')).statusCode).toBe(403);
    expect((await patient.http.get('/api/admin/payments')).statusCode).toBe(403);
  });
});

describe('configuration', () => {
  it('never enables the sandbox when NODE_ENV=production', () => {
    expect(() => loadPaymentsConfig({ env: 'production', raw: { LOTUS_PAYMENTS_SANDBOX: 'true' } })).toThrowError(ConfigError);
    expect(loadPaymentsConfig({ env: 'production', raw: {} }).sandbox).toBe(false);
    expect(loadPaymentsConfig({ env: 'development', raw: {} }).sandbox).toBe(true);
  });

  it('names the missing variable of a half-configured provider', () => {
    expect(() => loadPaymentsConfig({ env: 'test', raw: { LOTUS_ALIPAY_APP_ID: '2021' } })).toThrowError(/LOTUS_ALIPAY_SELLER_ID/);
    expect(() => loadPaymentsConfig({ env: 'test', raw: { LOTUS_STRIPE_SECRET_KEY: 'sk_test' } })).toThrowError(/LOTUS_STRIPE_WEBHOOK_SECRET/);
  });

  it('converts amounts without floating point', () => {
    expect(minorToDecimal(1)).toBe('0.01');
    expect(minorToDecimal(123456)).toBe('1234.56');
    expect(decimalToMinor('0.1')).toBe(10);
    expect(decimalToMinor('12.34')).toBe(1234);
    expect(decimalToMinor('1e3')).toBeNull();
  });
});
