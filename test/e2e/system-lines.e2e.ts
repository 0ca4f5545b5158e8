// The platform's own lines in a chat are written in each reader's language: a patient who
// reads Chinese sees the doctor join in Chinese, the doctor reads the same line in English.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, startServer, type E2EServer } from './support.ts';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('system lines in the reader’s language', () => {
  it('a Chinese reader sees “李伟 已加入问诊。”, the English-reading doctor sees “李伟 has joined the consultation.”', async () => {
    const patientContext = await newContext(browser, { phone: true, locale: 'zh-CN' });
    const patient = await patientContext.newPage();
    await patient.goto(`${server.url}/`);
    const c = await patient.evaluate(async () => {
      const json = { 'content-type': 'application/json' };
      const registered = await fetch('/api/auth/register', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ email: 'mei@example.com', password: 'my own long passphrase', displayName: '陈美', locale: 'zh', acceptTerms: true }),
      });
      if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
      const res = await fetch('/api/consultations', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ department: 'general_practice', description: '喉咙痛三天了，还有一点低烧，没有其他症状。', country: 'CN', language: 'zh', acceptTelemedicine: true }),
      });
      return (await res.json()) as { id: string };
    });

    const doctorContext = await newContext(browser);
    const doctor = await doctorContext.newPage();
    await doctor.goto(`${server.url}/doctor/signin`);
    await doctor.getByLabel('Email or mobile number').fill('dr.li@lotus.demo');
    await doctor.getByLabel('Password').fill('lotus-doctor-demo');
    await doctor.getByRole('button', { name: 'Sign in' }).click();
    await doctor.getByRole('link', { name: 'Queue' }).click();
    await doctor.locator('li.queue-item', { hasText: '喉咙痛三天了' }).getByRole('button', { name: 'Take this consultation' }).click();
    await doctor.getByText('李伟 has joined the consultation.').waitFor({ timeout: 15_000 });

    await patient.goto(`${server.url}/consultations/${c.id}`);
    await patient.getByText('李伟 已加入问诊。').waitFor({ timeout: 15_000 });
    // The conversation list shows the last line in Chinese too.
    await patient.goto(`${server.url}/messages`);
    await patient.getByText('李伟 已加入问诊。').waitFor({ timeout: 15_000 });
    await patientContext.close();
    await doctorContext.close();
  });
});
