// After the close, in a real browser: the doctor closes with a check-in, the patient asks a
// follow-up that the doctor answers in the same chat; a day later the patient says they
// feel worse, and the consultation comes back to the front of the doctor's queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock } from '../../src/server/platform/clock.ts';
import { describeViolations, launchBrowser, newContext, seriousA11yViolations, startServer, type E2EServer } from './support.ts';

const clock = new ManualClock(new Date().toISOString());
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer({}, { clock });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, base: string, login: string, password: string) {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email or mobile number').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the care episode in the browser', () => {
  it('a follow-up answered in the same chat, then a check-in answered "worse" that reopens it', async () => {
    const patientContext = await newContext(browser, { phone: true });
    const patient = await patientContext.newPage();
    await patient.goto(`${server.url}/signup?next=/ask`);
    await patient.getByLabel('Your name').fill('Lina Park');
    await patient.getByLabel('Email').fill('lina@example.com');
    await patient.getByLabel('Password').fill('my own long passphrase');
    await patient.getByLabel('I accept the terms of use and the privacy notice').check();
    await patient.getByRole('button', { name: 'Create account' }).click();
    await patient.getByRole('heading', { name: 'Ask a doctor' }).waitFor();
    const c = await patient.evaluate(async () => {
      const res = await fetch('/api/consultations', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ department: 'general_practice', description: 'A dry cough for ten days, worse at night.', country: 'CN', language: 'en', acceptTelemedicine: true }) });
      return (await res.json()) as { id: string };
    });

    const doctorContext = await newContext(browser);
    const doctor = await doctorContext.newPage();
    await signIn(doctor, `${server.url}/doctor`, 'dr.li@lotus.demo', 'lotus-doctor-demo');
    await doctor.getByRole('link', { name: 'Queue' }).click();
    await doctor.getByText('A dry cough for ten days').waitFor();
    await doctor.locator('li.queue-item', { hasText: 'A dry cough for ten days' }).getByRole('button', { name: 'Take this consultation' }).click();
    await doctor.getByLabel('Summary for the patient').fill('Probably a post-viral cough.');
    await doctor.getByLabel('Check in with the patient').selectOption('24');
    await doctor.getByRole('button', { name: 'Close consultation' }).click();
    await doctor.getByText('Closed').first().waitFor();

    // The follow-up, free, in the same conversation.
    await patient.goto(`${server.url}/consultations/${c.id}`);
    await patient.getByRole('heading', { name: 'Follow-up questions' }).waitFor();
    await patient.getByText(/You can ask 2 more free follow-up questions/).waitFor();
    await patient.getByRole('heading', { name: 'How are you now?' }).waitFor();
    await patient.getByText(/Your doctor will ask how you are on/).waitFor();
    await patient.getByLabel('Your follow-up question').fill('Can I take honey with my blood pressure pills?');
    await patient.getByRole('button', { name: 'Ask the follow-up' }).click();
    await patient.getByText(/Waiting for the doctor’s reply/).waitFor();
    expect(describeViolations(await seriousA11yViolations(patient))).toBe('');

    await doctor.getByText('Can I take honey with my blood pressure pills?').first().waitFor({ timeout: 15_000 });
    const doctorInput = doctor.getByRole('textbox', { name: /message/i });
    await doctorInput.waitFor({ timeout: 15_000 });
    await doctorInput.fill('Yes, honey is fine with them.');
    await doctorInput.press('Enter');
    await patient.getByText('Yes, honey is fine with them.').waitFor({ timeout: 15_000 });
    await patient.getByText('Answered.').waitFor({ timeout: 15_000 });

    // A day later the check-in is asked; the patient feels worse.
    clock.advance(24 * 3600_000);
    await server.services.consultations.care.sweep();
    await patient.getByText('Your doctor asks: better, the same, or worse?').waitFor({ timeout: 15_000 });
    await patient.getByRole('radio', { name: 'Worse' }).check();
    await patient.getByLabel('Anything to add (optional)').fill('The cough is worse and I now have a fever.');
    await patient.getByRole('button', { name: 'Send my answer' }).click();
    await patient.getByText('You answered: Worse.').waitFor();
    await patient.getByText('The conversation is open again: your doctor will reply here.').waitFor();

    await doctor.goto(`${server.url}/doctor/queue`);
    const reopened = doctor.locator('li.queue-item', { hasText: 'Check-in: worse' });
    await reopened.getByText('The cough is worse and I now have a fever.').waitFor();
    await reopened.getByRole('button', { name: 'Open and reply' }).click();
    await doctor.getByText('Check-in answer: Worse').waitFor();
    await Promise.all([patientContext.close(), doctorContext.close()]);
  });
});
