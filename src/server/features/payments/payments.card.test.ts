import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { TestConsultations, type TestConsultation } from '../../../../test/fixtures/payments/orders.ts';
import { FakeStripeApi } from '../../../../test/fixtures/payments/stripe-api.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
let stripe: FakeStripeApi;
let clock: ManualClock;
let consultations: TestConsultations;
let patient: TestUser;
let admin: TestUser;

beforeAll(async () => {
  stripe = await new FakeStripeApi().start();
  clock = new ManualClock(new Date());
  t = await createTestApp({ clock, env: stripe.env() });
  consultations = TestConsultations.install(t.services.payments);
  patient = await t.user();
  admin = await t.user({ roles: ['admin'] });
});
afterAll(async () => {
  await t.close();
  await stripe.stop();
});

const now = () => Math.floor(clock.now().getTime() / 1000);
const post = (e: { body: string; headers: Record<string, string> }) => t.http().inject({ method: 'POST', url: '/api/payments/webhooks/card', payload: e.body, headers: e.headers });

async function checkout(price = 3000, currency = 'EUR'): Promise<{ c: TestConsultation; id: string; session: string; data: any }> {
  const c = consultations.add(patient.id, price, currency);
  const res = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'card' }, { 'idempotency-key': `k-${c.id}` });
  expect(res.statusCode).toBe(201);
  const session = [...stripe.sessions.values()].find((s) => s.client_reference_id === res.data.id)!;
  return { c, id: res.data.id, session: session.id, data: res.data };
}

const status = async (id: string) => (await patient.http.get(`/api/payments/${id}`)).data.status;
const refusedReasons = async () => (await admin.http.get('/api/admin/payment-events?outcome=refused&provider=card&limit=200')).data.map((e: { reason: string }) => e.reason.split(':')[0]);

describe('card checkout through Stripe', () => {
  it('redirects to a Checkout Session whose PaymentIntent carries our payment id', async () => {
    const { id, data, session } = await checkout(4500, 'EUR');
    expect(data.action).toEqual({ type: 'redirect', url: `https://checkout.stripe.com/c/pay/${session}` });
    const request = stripe.requests.find((r) => r.path === '/v1/checkout/sessions' && r.body.client_reference_id === id)!;
    expect(request.authorized).toBe(true);
    expect(request.idempotencyKey).toBe(`checkout-${id}`);
    expect(request.body.payment_intent_data.metadata.payment_id).toBe(id);
    expect(request.body.line_items[0].price_data).toMatchObject({ currency: 'eur', unit_amount: '4500' });
  });
});

describe('Stripe events', () => {
  it('a valid event pays once; the same event five times and the session event after it change nothing more', async () => {
    const { c, id, session } = await checkout();
    const { intent, session: s } = stripe.pay(session);
    const event = stripe.event('payment_intent.succeeded', intent, { timestamp: now() });
    for (let i = 0; i < 5; i++) expect((await post(event)).statusCode).toBe(200);
    expect((await post(stripe.event('checkout.session.completed', s, { timestamp: now() }))).statusCode).toBe(200);
    expect(await status(id)).toBe('paid');
    expect(c.paid).toHaveLength(1);
    const events = (await admin.http.get(`/api/admin/payment-events?paymentId=${id}`)).data;
    expect(events.map((e: { deliveries: number; outcome: string }) => [e.outcome, e.deliveries]).sort()).toEqual([
      ['applied', 5],
      ['ignored', 1],
    ]);
  });

  it('out of order: session expired after it was paid changes nothing', async () => {
    const { c, id, session } = await checkout();
    const { intent, session: s } = stripe.pay(session);
    await post(stripe.event('payment_intent.succeeded', intent, { timestamp: now() }));
    await post(stripe.event('checkout.session.expired', { ...s, status: 'expired' }, { timestamp: now() }));
    expect(await status(id)).toBe('paid');
    expect(c.paid).toHaveLength(1);
  });

  const refusals: Array<[string, (intent: Record<string, unknown>) => { body: string; headers: Record<string, string> }, string]> = [
    ['a forged signature', (intent) => stripe.event('payment_intent.succeeded', intent, { timestamp: now(), secret: 'whsec_someone_else' }), 'bad_signature'],
    ['a stale timestamp', (intent) => stripe.event('payment_intent.succeeded', intent, { timestamp: now() - 600 }), 'stale_timestamp'],
    ['a wrong amount', (intent) => stripe.event('payment_intent.succeeded', { ...intent, amount_received: 1 }, { timestamp: now() }), 'amount_mismatch'],
    ['a wrong currency', (intent) => stripe.event('payment_intent.succeeded', { ...intent, currency: 'usd' }, { timestamp: now() }), 'currency_mismatch'],
    ['an event from another mode (live, not our test account)', (intent) => stripe.event('payment_intent.succeeded', intent, { timestamp: now(), livemode: true }), 'merchant_mismatch'],
    ['an order of another provider', (intent) => stripe.event('payment_intent.succeeded', { ...intent, metadata: { payment_id: 'pay_unknown000000000000000002' } }, { timestamp: now() }), 'unknown_order'],
  ];
  for (const [what, make, reason] of refusals) {
    it(`refuses ${what}, records it, and changes nothing`, async () => {
      const { c, id, session } = await checkout();
      const { intent } = stripe.pay(session);
      const before = (await admin.http.get('/api/admin/ledger')).data;
      const res = await post(make(intent));
      expect(res.statusCode).toBe(400);
      expect(await status(id)).toBe('pending');
      expect(c.paid).toHaveLength(0);
      expect(await refusedReasons()).toContain(reason);
      expect((await admin.http.get('/api/admin/ledger')).data).toEqual(before);
    });
  }

  it('answers 404 for providers that are not configured', async () => {
    const res = await t.http().inject({ method: 'POST', url: '/api/payments/webhooks/alipay', payload: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.statusCode).toBe(404);
  });
});

describe('card refunds and reconciliation', () => {
  it('refunds the PaymentIntent with our refund id as idempotency key', async () => {
    const { id, session } = await checkout(3000);
    const { intent } = stripe.pay(session);
    await post(stripe.event('payment_intent.succeeded', intent, { timestamp: now() }));
    const res = await admin.http.post(`/api/admin/payments/${id}/refunds`, { amount: 700 }, { 'idempotency-key': `r-${id}` });
    expect(res.statusCode).toBe(201);
    expect(res.data.status).toBe('succeeded');
    const request = stripe.requests.find((r) => r.path === '/v1/refunds' && r.body.payment_intent === intent.id)!;
    expect(request).toMatchObject({ idempotencyKey: `refund-${res.data.id}`, body: { amount: '700' } });
  });

  it('settles a payment whose events were lost, and expires an abandoned Checkout', async () => {
    const { c, id, session } = await checkout();
    stripe.pay(session);
    const abandoned = await checkout();
    clock.advance(6 * 60_000);
    expect((await t.services.payments.reconcile()).paid).toBeGreaterThanOrEqual(1);
    expect(await status(id)).toBe('paid');
    expect(c.paid).toHaveLength(1);
    clock.advance(30 * 60_000);
    await t.services.payments.reconcile();
    expect(await status(abandoned.id)).toBe('expired');
    expect(stripe.sessions.get(abandoned.session)!.status).toBe('expired');
    expect((await admin.http.get('/api/admin/ledger')).data.total).toBe(0);
  });
});
