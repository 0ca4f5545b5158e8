// Email, web push and SMS for consultation events, through the outbox, against a real SMTP
// server and a push service stand-in that checks VAPID and decrypts the payload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { approvedDoctor, offlineRegistries } from '../../../../test/support/doctors.ts';
import { startPushService, type PushServiceStandIn } from '../../../../test/fixtures/push/push-service.ts';
import { partOf, startSmtp, type SmtpStandIn } from '../../../../test/fixtures/mail/smtp.ts';

let t: TestApp;
let smtp: SmtpStandIn;
let push: PushServiceStandIn;
let admin: TestUser;
let gp: TestUser;

const ask = (who: TestUser) => who.http.post('/api/consultations', { department: 'general_practice', description: 'A cough that has lasted two weeks, worse at night.', age: 40 });

beforeAll(async () => {
  smtp = await startSmtp();
  push = await startPushService();
  t = await createTestApp({ env: { ...offlineRegistries, LOTUS_SMTP_URL: smtp.url, LOTUS_MAIL_FROM: 'Lotus Health <care@lotus.test>', LOTUS_PUSH_ALLOW: push.hostPort, LOTUS_PUBLIC_URL: 'https://lotus.test' } });
  admin = await t.user({ roles: ['admin'] });
  gp = await approvedDoctor(t, admin, { department: 'general_practice', fullName: 'Dr Nina Hart' });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await push.close();
});

describe('a doctor accepts while the patient is away', () => {
  it('emails the patient a link to the consultation and pushes to each of their browsers', async () => {
    const patient = await t.user({ email: `away-${Date.now()}@example.org` });
    const key = (await t.http().get('/api/push/vapid-public-key')).data.key as string;
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    const phone = push.subscribe();
    const laptop = push.subscribe();
    for (const sub of [phone, laptop]) expect((await patient.http.post('/api/me/push-subscriptions', sub)).statusCode).toBe(201);

    const consultation = (await ask(patient)).data;
    const mailsBefore = smtp.received.length;
    const pushesBefore = push.received.length;
    expect((await gp.http.post(`/api/consultations/${consultation.id}/accept`)).statusCode).toBe(200);

    // The sender job runs on its own (every second by default): nothing is called by hand here.
    const mail = await smtp.waitForTo(patient.email, mailsBefore);
    const text = partOf(mail.raw, 'text/plain')!;
    const html = partOf(mail.raw, 'text/html')!;
    expect(text).toContain(`https://lotus.test/consultations/${consultation.id}`);
    expect(html).toContain(`https://lotus.test/consultations/${consultation.id}`);
    // No health details: the description stays behind sign-in.
    expect(mail.raw).not.toContain('cough');
    expect(mail.headers['list-unsubscribe']).toMatch(/^<https:\/\/lotus\.test\/api\/notifications\/unsubscribe\?u=usr_[^&]+&t=[\w-]+>$/);
    expect(mail.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.headers['message-id']).toMatch(/^<dlv_[\w-]+@lotus\.test>$/);
    // One email per event: a second pass of the sender sends nothing again.
    await t.platform.jobs.runNow('notifications-outbox');
    expect(smtp.received.slice(mailsBefore).filter((m) => m.to.includes(patient.email))).toHaveLength(1);

    const pushes = (await push.waitFor(pushesBefore + 2)).slice(pushesBefore);
    expect(pushes.map((p) => p.subscription).sort()).toEqual([phone, laptop].map((s) => s.endpoint.split('/push/')[1]).sort());
    for (const p of pushes) {
      expect(p.headers.authorization).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/);
      expect(p.headers['content-encoding']).toBe('aes128gcm');
      expect(p.vapid).toMatchObject({ ok: true, publicKey: key });
      expect(p.payload).toMatchObject({ url: `/consultations/${consultation.id}`, kind: 'consultation_accepted', title: 'A doctor took your question' });
      expect(p.status).toBe(201);
    }

    const log = await admin.http.get('/api/admin/notifications/deliveries?channel=push');
    expect(log.data.items.filter((d: { status: string; kind: string }) => d.kind === 'consultation_accepted' && d.status === 'sent').length).toBeGreaterThanOrEqual(2);
  });
});

describe('push subscriptions', () => {
  it('removes a subscription the push service says is gone (410) and keeps the others', async () => {
    const patient = await t.user();
    const gone = push.subscribe();
    const kept = push.subscribe();
    await patient.http.post('/api/me/push-subscriptions', gone);
    await patient.http.post('/api/me/push-subscriptions', kept);
    push.expire(gone.endpoint);
    const consultation = (await ask(patient)).data;
    await gp.http.post(`/api/consultations/${consultation.id}/accept`);
    await t.platform.jobs.runNow('notifications-outbox');
    await t.platform.jobs.runNow('notifications-outbox');
    const left = (await patient.http.get('/api/me/push-subscriptions')).data.items;
    expect(left).toHaveLength(1);
    expect(left[0].endpointHost).toBe(push.hostPort);
    const dropped = (await admin.http.get('/api/admin/notifications/deliveries?status=dropped')).data.items;
    expect(dropped.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses keys that are not a subscription’s and an endpoint that is not a URL', async () => {
    const patient = await t.user();
    const bad = await patient.http.post('/api/me/push-subscriptions', { endpoint: 'not a url at all', keys: { p256dh: 'abc', auth: 'def' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.data.error.code).toBeTruthy();
    const sub = push.subscribe();
    const short = await patient.http.post('/api/me/push-subscriptions', { endpoint: sub.endpoint, keys: { p256dh: 'AAAA', auth: sub.keys.auth } });
    expect(short.statusCode).toBe(422);
    expect((await t.http().post('/api/me/push-subscriptions', sub)).statusCode).toBe(401);
  });

  it('does not let anyone remove another person’s subscription', async () => {
    const ana = await t.user();
    const ben = await t.user();
    const { id } = (await ana.http.post('/api/me/push-subscriptions', push.subscribe())).data;
    expect((await ben.http.delete(`/api/me/push-subscriptions/${id}`)).statusCode).toBe(404);
    expect((await ana.http.delete(`/api/me/push-subscriptions/${id}`)).statusCode).toBe(204);
  });
});

describe('email unsubscribe (RFC 8058)', () => {
  it('turns email off with the signed one-click POST, and refuses a forged link', async () => {
    const patient = await t.user({ email: `unsub-${Date.now()}@example.org` });
    const consultation = (await ask(patient)).data;
    const before = smtp.received.length;
    await gp.http.post(`/api/consultations/${consultation.id}/accept`);
    await t.platform.jobs.runNow('notifications-outbox');
    const mail = await smtp.waitForTo(patient.email, before);
    const url = new URL(mail.headers['list-unsubscribe']!.slice(1, -1));

    // A GET (a link scanner) changes nothing.
    const page = await t.http().get(url.pathname + url.search);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<form method="post"');
    expect((await patient.http.get('/api/me/notification-settings')).data.channels.email).toBe(true);

    const forged = await t.http().inject({ method: 'POST', url: url.pathname + url.search.replace(/t=[^&]+/, 't=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
    expect(forged.statusCode).toBe(404);
    expect(forged.data.error.code).toBe('unsubscribe_link_invalid');

    // The mail client's one-click POST comes from its own servers: no cookie, another origin.
    const done = await t.http().inject({ method: 'POST', url: url.pathname + url.search, headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://mail.example.com' }, payload: 'List-Unsubscribe=One-Click' });
    expect(done.statusCode).toBe(200);
    expect((await patient.http.get('/api/me/notification-settings')).data.channels).toEqual({ push: true, email: false, sms: false });

    const second = (await ask(patient)).data;
    const count = smtp.received.length;
    await gp.http.post(`/api/consultations/${second.id}/close`, { summary: 'First consultation closed.' }).catch(() => undefined);
    await gp.http.post(`/api/consultations/${second.id}/accept`);
    await t.platform.jobs.runNow('notifications-outbox');
    expect(smtp.received.slice(count).filter((m) => m.to.includes(patient.email))).toHaveLength(0);
  });
});
