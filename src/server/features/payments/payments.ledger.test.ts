import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { TestConsultations } from '../../../../test/fixtures/payments/orders.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
let clock: ManualClock;
let consultations: TestConsultations;
let patient: TestUser;
let admin: TestUser;
let doctor: TestUser;

beforeAll(async () => {
  clock = new ManualClock('2026-05-01T00:00:00.000Z');
  t = await createTestApp({ clock });
  consultations = TestConsultations.install(t.services.payments);
  patient = await t.user();
  admin = await t.user({ roles: ['admin'] });
  doctor = await t.user({ roles: ['doctor'] });
});
afterAll(async () => {
  await t.close();
});

type Step =
  | { op: 'pay'; price: number; complete: number }
  | { op: 'complete'; which: number; times: number }
  | { op: 'refund'; which: number; amount: number }
  | { op: 'refundAll'; which: number }
  | { op: 'settle'; which: number }
  | { op: 'subsidy'; amount: number }
  | { op: 'time'; minutes: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant('pay' as const), price: fc.integer({ min: 1, max: 100_000 }), complete: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ op: fc.constant('complete' as const), which: fc.nat(), times: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ op: fc.constant('refund' as const), which: fc.nat(), amount: fc.integer({ min: 1, max: 100_000 }) }),
  fc.record({ op: fc.constant('refundAll' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('settle' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('subsidy' as const), amount: fc.integer({ min: 0, max: 10_000 }) }),
  fc.record({ op: fc.constant('time' as const), minutes: fc.integer({ min: 1, max: 60 }) }),
);

describe('the ledger', () => {
  it('stays at zero, balanced and consistent with the payments, through any sequence of payments, refunds and duplicate events', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const payments: Array<{ id: string; consultationId: string }> = [];
        const pick = (which: number) => (payments.length ? payments[which % payments.length]! : null);
        for (const s of steps) {
          if (s.op === 'pay') {
            const c = consultations.add(patient.id, s.price);
            const res = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'sandbox' }, { 'idempotency-key': `p${n++}` });
            expect(res.statusCode).toBe(201);
            payments.push({ id: res.data.id, consultationId: c.id });
            for (let i = 0; i < s.complete; i++) await patient.http.post(`/api/sandbox/payments/${res.data.id}/complete`);
          } else if (s.op === 'complete') {
            const p = pick(s.which);
            for (let i = 0; p && i < s.times; i++) expect((await patient.http.post(`/api/sandbox/payments/${p.id}/complete`)).statusCode).toBe(200);
          } else if (s.op === 'refund') {
            const p = pick(s.which);
            if (p) expect([201, 409, 422]).toContain((await admin.http.post(`/api/admin/payments/${p.id}/refunds`, { amount: s.amount }, { 'idempotency-key': `r${n++}` })).statusCode);
          } else if (s.op === 'refundAll') {
            const p = pick(s.which);
            if (p) await t.services.payments.refundInFull(p.id, 'property');
          } else if (s.op === 'settle') {
            const p = pick(s.which);
            if (p) await t.services.payments.settle({ kind: 'consultation', referenceId: p.consultationId, doctorId: doctor.id });
          } else if (s.op === 'subsidy') {
            await t.services.payments.recordSubsidy({ kind: 'consultation', referenceId: `free_${n++}`, doctorId: doctor.id, amountMinor: s.amount, currency: 'CNY' });
          } else {
            clock.advance(s.minutes * 60_000);
            await t.services.payments.reconcile();
          }
        }
        const ledger = (await admin.http.get('/api/admin/ledger')).data;
        expect(ledger.total).toBe(0);
        expect(ledger.unbalanced).toEqual([]);
        // The cash the sandbox holds is exactly what was paid less what was refunded.
        const all = (await admin.http.get('/api/admin/payments?provider=sandbox&limit=200')).data as Array<{ status: string; amount: number; refundedAmount: number }>;
        const held = all.filter((p) => ['paid', 'partially_refunded', 'refunded'].includes(p.status)).reduce((sum, p) => sum + p.amount - p.refundedAmount, 0);
        expect(ledger.accounts['cash:sandbox'] ?? 0).toBe(held);
        for (const p of all) expect(p.refundedAmount).toBeLessThanOrEqual(p.amount);
      }),
      { numRuns: 15 },
    );
  });
});
