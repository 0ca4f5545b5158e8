import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { TestConsultations, type TestConsultation } from '../../../../test/fixtures/payments/orders.ts';
import { FakeWechatpayGateway } from '../../../../test/fixtures/payments/wechatpay-gateway.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
let gateway: FakeWechatpayGateway;
let clock: ManualClock;
let consultations: TestConsultations;
let patient: TestUser;
let admin: TestUser;

beforeAll(async () => {
  gateway = await new FakeWechatpayGateway().start();
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

const nowSeconds = () => Math.floor(clock.now().getTime() / 1000);
const post = (cb: { body: string; headers: Record<string, string> }) => t.http().inject({ method: 'POST', url: '/api/payments/webhooks/wechatpay', payload: cb.body, headers: cb.headers });
const paid = (id: string, options: Parameters<FakeWechatpayGateway['callback']>[2] = {}, overrides: Record<string, unknown> = {}) =>
  gateway.callback('TRANSACTION.SUCCESS', gateway.transaction(gateway.pay(id), overrides), { timestamp: nowSeconds(), ...options });

async function checkout(price = 3000): Promise<{ c: TestConsultation; id: string; data: any }> {
  const c = consultations.add(patient.id, price);
  const res = await patient.http.post('/api/payments', { consultationId: c.id, provider: 'wechatpay' }, { 'idempotency-key': `k-${c.id}` });
  expect(res.statusCode).toBe(201);
  return { c, id: res.data.id, data: res.data };
}

const status = async (id: string) => (await patient.http.get(`/api/payments/${id}`)).data.status;
const refusedReasons = async (id: string | null) =>
  (await admin.http.get('/api/admin/payment-events?outcome=refused&provider=wechatpay')).data
    .filter((e: { paymentId: string | null }) => id === null || e.paymentId === id)
    .map((e: { reason: string }) => e.reason.split(':')[0]);

describe('WeChat Pay checkout', () => {
  it('places a signed Native order and answers its code_url as a QR code', async () => {
    const { id, data } = await checkout(3000);
    expect(data.action.type).toBe('qr');
    expect(data.action.url).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
    const call = gateway.calls.find((c) => c.path === '/v3/pay/transactions/native' && c.body.out_trade_no === id)!;
    expect(call.signatureValid).toBe(true);
    expect(call.body).toMatchObject({ appid: gateway.appid, mchid: gateway.mchid, amount: { total: 3000, currency: 'CNY' } });
    expect(call.body.notify_url).toMatch(/\/api\/payments\/webhooks\/wechatpay$/);
  });
});

describe('WeChat Pay callbacks', () => {
  it('a valid callback pays once; the same one five times changes nothing more', async () => {
    const { c, id } = await checkout();
    const cb = paid(id);
    for (let i = 0; i < 5; i++) expect((await post(cb)).statusCode).toBe(204);
    expect(await status(id)).toBe('paid');
    expect(c.paid).toHaveLength(1);
    const events = (await admin.http.get(`/api/admin/payment-events?paymentId=${id}`)).data;
    expect(events).toHaveLength(1);
    expect(events[0].deliveries).toBe(5);
  });

  it('out of order: a refund callback before any refund and a CLOSED state after SUCCESS change nothing twice', async () => {
    const { c, id } = await checkout();
    const early = gateway.callback('REFUND.SUCCESS', { mchid: gateway.mchid, out_trade_no: id, out_refund_no: 'rfd_unknown', refund_status: 'SUCCESS' }, { timestamp: nowSeconds() });
    expect((await post(early)).statusCode).toBe(204);
    expect((await post(paid(id))).statusCode).toBe(204);
    expect((await post(paid(id, {}, { trade_state: 'CLOSED' }))).statusCode).toBe(204);
    expect(await status(id)).toBe('paid');
    expect(c.paid).toHaveLength(1);
  });

  const refusals: Array<[string, (id: string) => { body: string; headers: Record<string, string> }, string, number]> = [
    ['a forged signature', (id) => paid(id, { key: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey }), 'bad_signature', 401],
    ['an unknown platform serial', (id) => paid(id, { serial: 'PUB_KEY_ID_SOMEONE_ELSE' }), 'bad_signature', 401],
    ['a stale timestamp', (id) => paid(id, { timestamp: nowSeconds() - 6 * 60 }), 'stale_timestamp', 401],
    ['a wrong amount', (id) => paid(id, {}, { amount: { total: 1, payer_total: 1, currency: 'CNY', payer_currency: 'CNY' } }), 'amount_mismatch', 401],
    ['a wrong currency', (id) => paid(id, {}, { amount: { total: 3000, payer_total: 3000, currency: 'USD', payer_currency: 'USD' } }), 'currency_mismatch', 401],
    ['a wrong app', (id) => paid(id, {}, { appid: 'wx0000000000000000' }), 'app_mismatch', 401],
    ['a wrong merchant', (id) => paid(id, {}, { mchid: '1900000000' }), 'merchant_mismatch', 401],
    ['a resource under another key', (id) => paid(id, { apiV3Key: 'x'.repeat(32) }), 'decrypt_failed', 401],
    ['a truncated GCM tag', (id) => paid(id, { truncateTag: 12 }), 'decrypt_failed', 401],
  ];
  for (const [what, make, reason, code] of refusals) {
    it(`refuses ${what}, records it, and changes nothing`, async () => {
      const { c, id } = await checkout();
      const before = (await admin.http.get('/api/admin/ledger')).data;
      const res = await post(make(id));
      expect(res.statusCode).toBe(code);
      expect(res.json()).toMatchObject({ code: 'FAIL' });
      expect(await status(id)).toBe('pending');
      expect(c.paid).toHaveLength(0);
      const reasons = await refusedReasons(reason === 'bad_signature' || reason === 'stale_timestamp' || reason === 'decrypt_failed' ? null : id);
      expect(reasons).toContain(reason);
      expect((await admin.http.get('/api/admin/ledger')).data).toEqual(before);
    });
  }

  it('refuses a signature probe cleanly without recording it', async () => {
    const { id } = await checkout();
    const before = (await admin.http.get('/api/admin/payment-events?provider=wechatpay&limit=200')).data.length;
    const res = await post(paid(id, { signature: 'WECHATPAY/SIGNTEST/' + 'A'.repeat(40) }));
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('FAIL');
    expect((await admin.http.get('/api/admin/payment-events?provider=wechatpay&limit=200')).data.length).toBe(before);
    expect(await status(id)).toBe('pending');
  });

  it('refuses a callback for an unknown order', async () => {
    const order = { outTradeNo: 'pay_unknown000000000000000001', total: 3000, appid: gateway.appid, mchid: gateway.mchid, tradeState: 'SUCCESS' as const, transactionId: '42000', refunds: new Map() };
    const res = await post(gateway.callback('TRANSACTION.SUCCESS', gateway.transaction(order), { timestamp: nowSeconds() }));
    expect(res.statusCode).toBe(401);
    expect(await refusedReasons(order.outTradeNo)).toEqual(['unknown_order']);
  });
});

describe('WeChat Pay refunds and reconciliation', () => {
  it('refunds with our refund id as out_refund_no; the REFUND.SUCCESS callback confirms it', async () => {
    const { id } = await checkout(3000);
    await post(paid(id));
    const res = await admin.http.post(`/api/admin/payments/${id}/refunds`, { amount: 1200 }, { 'idempotency-key': `r-${id}` });
    expect(res.statusCode).toBe(201);
    expect(res.data.status).toBe('pending');
    const call = gateway.calls.find((c) => c.path === '/v3/refund/domestic/refunds' && c.body.out_trade_no === id)!;
    expect(call.signatureValid).toBe(true);
    expect(call.body).toMatchObject({ out_refund_no: res.data.id, amount: { refund: 1200, total: 3000, currency: 'CNY' } });
    const confirm = gateway.callback('REFUND.SUCCESS', { mchid: gateway.mchid, out_trade_no: id, out_refund_no: res.data.id, refund_status: 'SUCCESS' }, { timestamp: nowSeconds() });
    expect((await post(confirm)).statusCode).toBe(204);
    const refunds = (await admin.http.get('/api/admin/refunds')).data;
    expect(refunds.find((r: { id: string }) => r.id === res.data.id).status).toBe('succeeded');
  });

  it('settles a payment whose callback was lost by querying the order, and closes expired ones', async () => {
    const { c, id } = await checkout();
    gateway.pay(id);
    const { id: stale } = await checkout();
    clock.advance(6 * 60_000);
    expect((await t.services.payments.reconcile()).paid).toBeGreaterThanOrEqual(1);
    expect(await status(id)).toBe('paid');
    expect(c.paid).toHaveLength(1);
    expect(await status(stale)).toBe('pending');
    clock.advance(30 * 60_000);
    await t.services.payments.reconcile();
    expect(await status(stale)).toBe('expired');
    expect(gateway.orders.get(stale)!.tradeState).toBe('CLOSED');
    expect((await admin.http.get('/api/admin/ledger')).data.total).toBe(0);
  });
});
