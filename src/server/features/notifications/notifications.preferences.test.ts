// What reaches a person and when: channels and kinds they chose, quiet hours in their own
// time zone (doctors' urgent items through them if they allow it), the language of each
// message, folding of chat messages, and retries with backoff — all on the manual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { startPushService, type PushServiceStandIn } from '../../../../test/fixtures/push/push-service.ts';
import { partOf, startSmtp, type SmtpStandIn } from '../../../../test/fixtures/mail/smtp.ts';
import { ManualClock } from '../../platform/clock.ts';
import { quietUntil, settingsOf } from './notifications.preferences.ts';

// 21:30 UTC = 22:30 in Paris (winter) = 05:30 next day in Shanghai.
const clock = new ManualClock('2026-12-01T21:30:00.000Z');
let t: TestApp;
let smtp: SmtpStandIn;
let push: PushServiceStandIn;

beforeAll(async () => {
  smtp = await startSmtp();
  push = await startPushService();
  // A long interval: every pass of the sender here is run by the test.
  t = await createTestApp({ clock, env: { LOTUS_SMTP_URL: smtp.url, LOTUS_PUSH_ALLOW: push.hostPort, LOTUS_NOTIFY_INTERVAL_MS: '600000' } });
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await push.close();
});

const send = () => t.platform.jobs.runNow('notifications-outbox');
const mailsTo = (user: TestUser) => smtp.received.filter((m) => m.to.includes(user.email));
const deliveries = async (userId: string) => (await t.services.notifications.outbox.q().selectFrom('notification_deliveries').select(['channel', 'status', 'next_attempt_at', 'attempts', 'locale', 'subject']).where('user_id', '=', userId).execute());

describe('settings', () => {
  it('start with push and email on, SMS off, nothing muted; a PUT changes only what it names', async () => {
    const ana = await t.user();
    const initial = (await ana.http.get('/api/me/notification-settings')).data;
    expect(initial).toMatchObject({ channels: { push: true, email: true, sms: false }, quietHours: null, timeZone: 'UTC', urgentOverridesQuiet: true });
    expect(initial.kinds.consultation_accepted).toBe(true);
    const put = await ana.http.put('/api/me/notification-settings', { channels: { sms: true }, quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Europe/Paris', kinds: { consultation_message: false } });
    expect(put.statusCode).toBe(200);
    expect(put.data).toMatchObject({ channels: { push: true, email: true, sms: true }, quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Europe/Paris' });
    expect((await ana.http.get('/api/me/notification-settings')).data.kinds).toMatchObject({ consultation_message: false, consultation_accepted: true });
  });

  it('refuses a time zone, an hour or a kind that does not exist, naming the field', async () => {
    const ana = await t.user();
    const bad = await ana.http.put('/api/me/notification-settings', { timeZone: 'Mars/Olympus', quietHours: { start: '25:00', end: '07:00' }, kinds: { everything: false } });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.data.error.fields).sort()).toEqual(['kinds.everything', 'quietHours', 'timeZone']);
    expect((await t.http().get('/api/me/notification-settings')).statusCode).toBe(401);
  });

  it('sends nothing on a channel turned off or for a kind muted', async () => {
    const ben = await t.user();
    await ben.http.put('/api/me/notification-settings', { channels: { email: false }, kinds: { consultation_closed: false } });
    await ben.http.post('/api/me/push-subscriptions', push.subscribe());
    await t.services.notifications.notify([ben.id], { kind: 'consultation_accepted', title: 'x', body: 'y', link: '/consultations/con_1' });
    await t.services.notifications.notify([ben.id], { kind: 'consultation_closed', title: 'x', body: 'y', link: '/consultations/con_1' });
    await send();
    expect(mailsTo(ben)).toHaveLength(0);
    expect((await deliveries(ben.id)).map((d) => `${d.channel}:${d.status}`)).toEqual(['push:sent']);
  });
});

describe('quiet hours', () => {
  it('hold a delivery until they end in the person’s time zone, then send it', async () => {
    const paris = await t.user({ email: `paris-${Date.now()}@example.org` });
    await paris.http.put('/api/me/notification-settings', { quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Europe/Paris' });
    await t.services.notifications.notify([paris.id], { kind: 'consultation_accepted', title: 'x', body: 'y', link: '/consultations/con_2' });
    await send();
    expect(mailsTo(paris)).toHaveLength(0);
    const [held] = await deliveries(paris.id);
    // 07:00 in Paris on 2 December is 06:00 UTC.
    expect(held).toMatchObject({ status: 'pending', next_attempt_at: '2026-12-02T06:00:00.000Z' });
    clock.advance(8.5 * 3600_000 - 60_000);
    await send();
    expect(mailsTo(paris)).toHaveLength(0);
    clock.advance(60_000);
    await send();
    await smtp.waitForTo(paris.email);
    clock.set('2026-12-01T21:30:00.000Z');
  });

  it('are not quiet for someone elsewhere: in Shanghai it is already morning', async () => {
    const s = settingsOf(undefined);
    expect(quietUntil({ ...s, quietHours: { start: '22:00', end: '05:00' }, timeZone: 'Asia/Shanghai' }, clock.now(), false)).toBeNull();
    expect(quietUntil({ ...s, quietHours: { start: '22:00', end: '07:00' }, timeZone: 'Asia/Shanghai' }, clock.now(), false)?.toISOString()).toBe('2026-12-01T23:00:00.000Z');
    // A daytime window (13:00–14:00) is quiet only inside it.
    expect(quietUntil({ ...s, quietHours: { start: '13:00', end: '14:00' }, timeZone: 'UTC' }, new Date('2026-12-01T13:15:00Z'), false)?.toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(quietUntil({ ...s, quietHours: { start: '13:00', end: '14:00' }, timeZone: 'UTC' }, new Date('2026-12-01T14:00:00Z'), false)).toBeNull();
  });

  it('let a doctor’s urgent item through unless the doctor turned that off', async () => {
    const doctor = await t.user({ email: `night-${Date.now()}@example.org` });
    await doctor.http.put('/api/me/notification-settings', { quietHours: { start: '20:00', end: '08:00' }, timeZone: 'UTC' });
    await t.services.notifications.notify([doctor.id], { kind: 'consultation_addressed', title: 'x', body: 'y', link: '/doctor/queue', urgent: true });
    await send();
    await smtp.waitForTo(doctor.email);
    await doctor.http.put('/api/me/notification-settings', { urgentOverridesQuiet: false });
    const before = mailsTo(doctor).length;
    await t.services.notifications.notify([doctor.id], { kind: 'consultation_addressed', title: 'x', body: 'y', link: '/doctor/queue', urgent: true });
    await send();
    expect(mailsTo(doctor)).toHaveLength(before);
  });
});

describe('language', () => {
  it('writes each email and push in the recipient’s language, and the bell too', async () => {
    const people: Record<string, TestUser> = {};
    for (const locale of ['en', 'fr', 'zh'] as const) {
      const user = await t.user({ email: `lang-${locale}-${Date.now()}@example.org` });
      expect((await user.http.patch('/api/me', { locale })).statusCode).toBe(200);
      await user.http.post('/api/me/push-subscriptions', push.subscribe());
      people[locale] = user;
    }
    const pushesBefore = push.received.length;
    await t.services.notifications.notify(Object.values(people).map((p) => p.id), { kind: 'consultation_closed', title: 'Your consultation is closed', body: '…', link: '/consultations/con_3' });
    await send();
    const expected = { en: 'Your consultation is closed', fr: 'Votre consultation est close', zh: '问诊已结束' };
    for (const [locale, user] of Object.entries(people)) {
      const mail = await smtp.waitForTo(user.email);
      expect(partOf(mail.raw, 'text/html')).toContain(expected[locale as keyof typeof expected]);
      expect(partOf(mail.raw, 'text/plain')).toContain('/consultations/con_3');
      expect((await user.http.get('/api/notifications')).data.items[0].title).toBe(expected[locale as keyof typeof expected]);
    }
    const pushes = (await push.waitFor(pushesBefore + 3)).slice(pushesBefore);
    expect(pushes.map((p) => (p.payload as { title: string }).title).sort()).toEqual(Object.values(expected).sort());
  });
});

describe('chat messages while away', () => {
  it('fold into one notification per conversation within the window', async () => {
    const away = await t.user();
    for (let i = 0; i < 3; i++) await t.services.notifications.notify([away.id], { kind: 'consultation_message', title: 'm', body: 'm', link: '/consultations/con_4', groupKey: 'conversation:cnv_4', onlyIfAway: true, inApp: false });
    clock.advance(5 * 60_000 + 1000);
    await t.services.notifications.notify([away.id], { kind: 'consultation_message', title: 'm', body: 'm', link: '/consultations/con_4', groupKey: 'conversation:cnv_4', onlyIfAway: true, inApp: false });
    const rows = await t.services.notifications.outbox.q().selectFrom('notification_outbox').select('id').where('user_id', '=', away.id).execute();
    expect(rows).toHaveLength(2);
    expect((await away.http.get('/api/notifications')).data.items).toHaveLength(0);
    clock.set('2026-12-01T21:30:00.000Z');
  });
});

describe('failures', () => {
  it('retry with exponential backoff and stop as failed, visible to operators', async () => {
    const gone = await t.user();
    const sub = push.subscribe();
    await gone.http.put('/api/me/notification-settings', { channels: { email: false } });
    // A push service that is not there: connection refused, every time.
    await gone.http.post('/api/me/push-subscriptions', { ...sub, endpoint: sub.endpoint.replace(push.hostPort, '127.0.0.1:9') });
    await t.services.notifications.notify([gone.id], { kind: 'consultation_accepted', title: 'x', body: 'y', link: '/consultations/con_5' });
    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      await send();
      const [d] = await deliveries(gone.id);
      if (d!.status !== 'pending') break;
      waits.push((Date.parse(d!.next_attempt_at) - clock.now().getTime()) / 1000);
      clock.set(d!.next_attempt_at);
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 960, 1920]);
    const [last] = await deliveries(gone.id);
    expect(last).toMatchObject({ status: 'failed', attempts: 8 });
    const admin = await t.user({ roles: ['admin'] });
    const failed = (await admin.http.get('/api/admin/notifications/deliveries?status=failed')).data;
    expect(failed.items[0].lastError).toBeTruthy();
    expect(failed.counts.failed).toBeGreaterThanOrEqual(1);
    expect((await gone.http.get('/api/admin/notifications/deliveries')).statusCode).toBe(403);
    clock.set('2026-12-01T21:30:00.000Z');
  });
});
