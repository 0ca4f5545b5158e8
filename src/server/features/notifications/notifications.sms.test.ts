// sms.send(to, text) through Twilio's Messages API and Alibaba Cloud's SendSms, against
// fakes that check credentials and the documented signature; the per-number limit; the
// development outbox when no provider is configured; and the outbox's SMS channel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { startAliyunFake, startTwilioFake, type SmsFake } from '../../../../test/fixtures/sms/sms-providers.ts';
import { ManualClock } from '../../platform/clock.ts';

const twilioCreds = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-test-token' };
const aliyunCreds = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'aliyun-test-secret' };
let twilio: SmsFake;
let aliyun: SmsFake;
const apps: TestApp[] = [];

beforeAll(async () => {
  twilio = await startTwilioFake(twilioCreds);
  aliyun = await startAliyunFake(aliyunCreds);
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await twilio.close();
  await aliyun.close();
});

async function app(env: Record<string, string>, clock?: ManualClock): Promise<TestApp> {
  const t = await createTestApp({ env, ...(clock ? { clock } : {}) });
  apps.push(t);
  return t;
}

describe('Twilio', () => {
  it('sends with basic auth and a form body, and records the message sid', async () => {
    const t = await app({ LOTUS_SMS_PROVIDER: 'twilio', LOTUS_TWILIO_ACCOUNT_SID: twilioCreds.accountSid, LOTUS_TWILIO_AUTH_TOKEN: twilioCreds.authToken, LOTUS_TWILIO_FROM: '+15005550006', LOTUS_TWILIO_URL: twilio.url });
    const result = await t.services.sms.send('+33612345678', 'Your Lotus Health code is 123456');
    expect(result.status).toBe('sent');
    expect(result.providerId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(twilio.sent.at(-1)).toEqual({ to: '+33612345678', text: 'Your Lotus Health code is 123456', from: '+15005550006' });
  });

  it('reports a refused credential as a failed delivery with Twilio’s reason', async () => {
    const t = await app({ LOTUS_SMS_PROVIDER: 'twilio', LOTUS_TWILIO_ACCOUNT_SID: twilioCreds.accountSid, LOTUS_TWILIO_AUTH_TOKEN: 'wrong', LOTUS_TWILIO_FROM: '+15005550006', LOTUS_TWILIO_URL: twilio.url });
    await expect(t.services.sms.send('+33612345678', 'hello')).rejects.toMatchObject({ statusCode: 502, code: 'sms_failed' });
    const admin = await t.user({ roles: ['admin'] });
    const log = (await admin.http.get('/api/admin/notifications/deliveries?channel=sms')).data;
    expect(log.items[0]).toMatchObject({ status: 'failed', to: '+33…78' });
    expect(log.items[0].lastError).toContain('20003');
    expect(log.channels.sms).toBe('twilio');
  });
});

describe('Alibaba Cloud SMS', () => {
  it('sends SendSms signed as documented, with the template and sign name', async () => {
    const t = await app({ LOTUS_SMS_PROVIDER: 'aliyun', LOTUS_ALIYUN_ACCESS_KEY_ID: aliyunCreds.accessKeyId, LOTUS_ALIYUN_ACCESS_KEY_SECRET: aliyunCreds.accessKeySecret, LOTUS_ALIYUN_SMS_SIGN_NAME: '莲花健康', LOTUS_ALIYUN_SMS_TEMPLATE_CODE: 'SMS_000001', LOTUS_ALIYUN_SMS_URL: aliyun.url });
    const result = await t.services.sms.send('+8613800138000', '医生已接诊 (*test*)!');
    expect(result.status).toBe('sent');
    expect(aliyun.refused).toEqual([]);
    expect(aliyun.sent.at(-1)).toEqual({ to: '13800138000', text: '医生已接诊 (*test*)!', params: { SignName: '莲花健康', TemplateCode: 'SMS_000001', content: '医生已接诊 (*test*)!' } });
  });

  it('is refused by the provider when the secret is wrong (the signature does not match)', async () => {
    const t = await app({ LOTUS_SMS_PROVIDER: 'aliyun', LOTUS_ALIYUN_ACCESS_KEY_ID: aliyunCreds.accessKeyId, LOTUS_ALIYUN_ACCESS_KEY_SECRET: 'not-the-secret', LOTUS_ALIYUN_SMS_SIGN_NAME: 'Lotus', LOTUS_ALIYUN_SMS_TEMPLATE_CODE: 'SMS_000001', LOTUS_ALIYUN_SMS_URL: aliyun.url });
    await expect(t.services.sms.send('+8613800138000', 'hello')).rejects.toMatchObject({ code: 'sms_failed' });
    expect((aliyun.refused.at(-1)!.body as { Code: string }).Code).toBe('SignatureDoesNotMatch');
  });
});

describe('without a provider', () => {
  it('holds the text in the delivery log, says nothing was sent, and limits texts per number', async () => {
    const clock = new ManualClock('2026-12-01T10:00:00.000Z');
    const t = await app({ LOTUS_SMS_PER_NUMBER_PER_HOUR: '2' }, clock);
    expect(await t.services.sms.send('+4915112345678', 'one')).toMatchObject({ status: 'held', providerId: null });
    await t.services.sms.send('+4915112345678', 'two');
    await expect(t.services.sms.send('+4915112345678', 'three')).rejects.toMatchObject({ statusCode: 429, code: 'sms_rate_limited' });
    clock.advance(3600_001);
    expect((await t.services.sms.send('+4915112345678', 'four')).status).toBe('held');
    await expect(t.services.sms.send('0612345678', 'no country')).rejects.toMatchObject({ statusCode: 422 });
    const admin = await t.user({ roles: ['admin'] });
    const log = (await admin.http.get('/api/admin/notifications/deliveries?channel=sms')).data;
    expect(log.channels.sms).toBeNull();
    expect(log.items.map((d: { status: string }) => d.status)).toEqual(['held', 'held', 'held']);
  });
});
