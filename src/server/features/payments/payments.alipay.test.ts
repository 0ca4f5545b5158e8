import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { FakeAlipayGateway } from '../../../../test/fixtures/payments/alipay-gateway.ts';
import { TestConsultations, type TestConsultation } from '../../../../test/fixtures/payments/orders.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
let gateway: FakeAlipayGateway;
let clock: ManualClock;
let consultations: TestConsultations;
let patient: TestUser;
let admin: TestUser;

beforeAll(async () => {
  gateway = await new FakeAlipayGateway().start();
  clock = new ManualClock(new Date());
  t = await createTestApp({ clock, env: gateway.env() });
  consultations = TestConsultations.install(t.services.payments);
  patient = await t.user();
  admin = await t.user({ roles: ['admin'] });
});
afterAll(async () => {
  await t.close();
  await gateway.stop();
});

const notify = (body: string) =>
  t.http().inject({ method: 'POST', url: '/api/payments/webhooks/alipay', payload: body, headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' } });

async function checkout(price = 3000): Promise<{ c: TestConsultation; id: string; data: any }> {
  const c = consultations.add(patient.id, price);
  const res = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'alipay' }, { 'idempotency-key': `k-${c.id}` });
  expect(res.statusCode).toBe(201);
  return { c, id: res.data.id, data: res.data };
}

const status = async (id: string) => (await patient.http.get(`/api/payments/${id}`)).data.status;
const refused = async (id: string) => (await admin.http.get(`/api/admin/payment-events?outcome=refused&provider=alipay`)).data.filter((e: { paymentId: string }) => e.paymentId === id);

describe('Alipay checkout', () => {
  it('offers Alipay once configured and answers a QR code from a signed alipay.trade.precreate', async () => {
    expect((await patient.http.get('/api/payments/providers')).data.providers).toEqual(['alipay', 'sandbox']);
    const { id, data } = await checkout(3000);
    expect(data.action.type).toBe('qr');
    expect(data.action.url).toMatch(/^https:\/\/qr\.alipay\.com\//);
    expect(data.action.qrImage).toMatch(/^data:image\/svg\+xml;base64,/);
    const call = gateway.calls.find((c) => c.method === 'alipay.trade.precreate' && c.biz.out_trade_no === id)!;
    expect(call.signatureValid).toBe(true);
    expect(call.params.sign_type).toBe('RSA2');
    expect(call.biz.total_amount).toBe('30.00');
    expect(call.params.notify_url).toMatch(/\/api\/payments\/webhooks\/alipay$/);
  });
});

describe('Alipay notifications', () => {
  it('a valid notification pays once, and the same one five times changes nothing more', async () => {
    const { c, id } = await checkout();
    gateway.pay(id);
    const body = gateway.notification(gateway.tradeFields(id, clock.now()));
    for (let i = 0; i < 5; i++) {
      const res = await notify(body);
      expect(res.statusCode).toBe(200);
      expect(res.body).toBe('success');
    }
    expect(await status(id)).toBe('paid');
    expect(c.paid).toHaveLength(1);
    const events = (await admin.http.get(`/api/admin/payment-events?paymentId=${id}`)).data;
    expect(events).toHaveLength(1);
    expect(events[0].deliveries).toBe(5);
    expect((await admin.http.get('/api/admin/ledger')).data.total).toBe(0);
  });

  it('out of order: TRADE_FINISHED before TRADE_SUCCESS, then WAIT_BUYER_PAY, pay once', async () => {
    const { c, id } = await checkout();
    gateway.pay(id);
    expect((await notify(gateway.notification(gateway.tradeFields(id, clock.now(), { trade_status: 'TRADE_FINISHED' })))).body).toBe('success');
    expect((await notify(gateway.notification(gateway.tradeFields(id, clock.now())))).body).toBe('success');
    expect((await notify(gateway.notification(gateway.tradeFields(id, clock.now(), { trade_status: 'WAIT_BUYER_PAY' })))).body).toBe('success');
    expect(await status(id)).toBe('paid');
    expect(c.paid).toHaveLength(1);
  });

  it('verifies over the raw parameters: a subject with % is accepted', async () => {
    const { c, id } = await checkout();
    const res = await notify(gateway.notification(gateway.tradeFields(id, clock.now(), { subject: '100% sure %E4 body' })));
    expect(res.body).toBe('success');
    expect(c.paid).toHaveLength(1);
  });

  const refusals: Array<[string, (id: string) => string, string]> = [
    ['a forged signature', (id) => gateway.notification(gateway.tradeFields(id, clock.now()), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey), 'bad_signature'],
    ['a tampered amount after signing', (id) => gateway.notification(gateway.tradeFields(id, clock.now())).replace('total_amount=30.00', 'total_amount=0.01'), 'bad_signature'],
    ['a wrong amount', (id) => gateway.notification(gateway.tradeFields(id, clock.now(), { total_amount: '0.01' })), 'amount_mismatch'],
    ['a wrong app', (id) => gateway.notification(gateway.tradeFields(id, clock.now(), { app_id: '2021999999999999' })), 'app_mismatch'],
    ['a wrong merchant', (id) => gateway.notification(gateway.tradeFields(id, clock.now(), { seller_id: '2088999999999999' })), 'merchant_mismatch'],
    ['a stale timestamp', (id) => gateway.notification(gateway.tradeFields(id, new Date(clock.now().getTime() - 3 * 86_400_000))), 'stale_timestamp'],
  ];
  for (const [what, make, reason] of refusals) {
    it(`refuses ${what} with fail, records it, and changes nothing`, async () => {
      const { c, id } = await checkout();
      const before = (await admin.http.get('/api/admin/ledger')).data;
      const res = await notify(make(id));
      expect(res.body).toBe('fail');
      expect(await status(id)).toBe('pending');
      expect(c.paid).toHaveLength(0);
      expect((await refused(id)).map((e: { reason: string }) => e.reason.split(':')[0])).toEqual([reason]);
      expect((await admin.http.get('/api/admin/ledger')).data).toEqual(before);
    });
  }

  it('refuses a notification for an unknown order and records it', async () => {
    const res = await notify(gateway.notification(gateway.tradeFields('pay_unknown000000000000000000', clock.now(), { total_amount: '30.00' })));
    expect(res.body).toBe('fail');
    expect((await refused('pay_unknown000000000000000000'))[0].reason).toMatch(/^unknown_order/);
  });

  it('a forged event cannot take the id of the genuine one that follows', async () => {
    const { c, id } = await checkout();
    const fields = gateway.tradeFields(id, clock.now());
    await notify(gateway.notification(fields, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey));
    expect((await notify(gateway.notification(fields))).body).toBe('success');
    expect(c.paid).toHaveLength(1);
  });
});

describe('Alipay refunds and reconciliation', () => {
  it('refunds through alipay.trade.refund with our refund id as out_request_no', async () => {
    const { id } = await checkout(3000);
    gateway.pay(id);
    await notify(gateway.notification(gateway.tradeFields(id, clock.now())));
    const res = await admin.http.post(`/api/admin/payments/${id}/refunds`, { amount: 1000 }, { 'idempotency-key': `r-${id}` });
    expect(res.statusCode).toBe(201);
    expect(res.data.status).toBe('succeeded');
    const call = gateway.calls.find((c) => c.method === 'alipay.trade.refund' && c.biz.out_trade_no === id)!;
    expect(call.signatureValid).toBe(true);
    expect(call.biz).toMatchObject({ refund_amount: '10.00', out_request_no: res.data.id });
  });

  it('settles a payment whose notification was lost by asking alipay.trade.query', async () => {
    const { c, id } = await checkout();
    gateway.pay(id);
    clock.advance(6 * 60_000);
    const report = await t.services.payments.reconcile();
    expect(report.paid).toBeGreaterThanOrEqual(1);
    expect(await status(id)).toBe('paid');
    expect(c.paid).toHaveLength(1);
    // The notification arriving late changes nothing.
    expect((await notify(gateway.notification(gateway.tradeFields(id, clock.now())))).body).toBe('success');
    expect(c.paid).toHaveLength(1);
  });
});
