// The heart of the platform in a real browser: a new patient asks (free), a verified
// doctor in another browser accepts, they exchange messages and an image, the doctor
// closes with a summary, the patient rates.
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, launchBrowser, newContext, seriousA11yViolations, startServer, type E2EServer } from './support.ts';

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

async function signIn(page: Page, base: string, login: string, password: string) {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email or mobile number').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('a consultation in the browser', () => {
  it('a new patient asks for free, a doctor accepts, they chat with an image, the doctor closes, the patient rates', async () => {
    const patientContext = await newContext(browser, { phone: true });
    const patient = await patientContext.newPage();
    await patient.goto(`${server.url}/signup?next=/ask`);
    await patient.getByLabel('Your name').fill('Zoé Martin');
    await patient.getByLabel('Email').fill('zoe@example.com');
    await patient.getByLabel('Password').fill('my own long passphrase');
    await patient.getByLabel('I accept the terms of use and the privacy notice').check();
    await patient.getByRole('button', { name: 'Create account' }).click();
    await patient.getByRole('heading', { name: 'Ask a doctor' }).waitFor();

    await patient.getByLabel('Department').selectOption('general_practice');
    await patient.getByText('Free: your first consultation').waitFor();
    // The patient is in China this week: only doctors licensed there may answer, and the page says so.
    await patient.getByLabel('Where are you now?').selectOption('CN');
    await patient.getByText('Doctors licensed in China who write English can answer you.').waitFor();
    await patient.getByText('a first online contact with a doctor is a consultation, not a diagnosis').waitFor();
    await patient.getByLabel('What is the problem?').fill('Sore throat and a mild fever for three days, no other symptoms.');
    await patient.getByLabel('Age', { exact: true }).fill('29');
    await patient.getByLabel('Medicines you take now (optional)').fill('Ibuprofen 200 mg when needed');
    await patient.getByLabel(/I have read this and agree to an online consultation/).check();
    await patient.getByRole('button', { name: 'Ask now' }).click();
    await patient.getByText('Waiting for a doctor').first().waitFor();
    await patient.getByText(/Promised reply by/).waitFor();
    const consultationUrl = patient.url();
    const violations = await seriousA11yViolations(patient);
    expect(describeViolations(violations)).toBe('');

    const doctorContext = await newContext(browser);
    const doctor = await doctorContext.newPage();
    await signIn(doctor, `${server.url}/doctor`, 'dr.li@lotus.demo', 'lotus-doctor-demo');
    await doctor.getByRole('link', { name: 'Queue' }).click();
    await doctor.getByText('Sore throat and a mild fever').waitFor();
    await doctor.getByRole('button', { name: 'Take this consultation' }).first().click();
    await doctor.getByRole('heading', { name: /Consultation/ }).waitFor();
    // What the patient takes now is beside the question, before the doctor advises.
    expect(await doctor.locator('.brief-medications').textContent()).toBe('Takes now: Ibuprofen 200 mg when needed');

    // Live: the patient sees the doctor join without reloading.
    await patient.getByText('In progress').first().waitFor({ timeout: 15_000 });

    const doctorInput = doctor.getByRole('textbox', { name: /message/i });
    await doctorInput.fill('Hello, do you have trouble swallowing?');
    await doctorInput.press('Enter');
    await patient.getByText('Hello, do you have trouble swallowing?').waitFor({ timeout: 10_000 });

    const patientInput = patient.getByRole('textbox', { name: /message/i });
    await patientInput.fill('A little, mostly in the morning.');
    await patientInput.press('Enter');
    await doctor.getByText('A little, mostly in the morning.').waitFor({ timeout: 10_000 });

    const photo = path.join(os.tmpdir(), `throat-${Date.now()}.png`);
    writeFileSync(photo, await sharp({ create: { width: 120, height: 90, channels: 3, background: { r: 200, g: 80, b: 80 } } }).png().toBuffer());
    await patient.locator('input[type=file]').last().setInputFiles(photo);
    await doctor.locator('img.chat-image').first().waitFor({ timeout: 10_000 });

    await doctor.getByLabel('Summary for the patient').fill('Probably viral pharyngitis.');
    await doctor.getByLabel('Advice and next steps').fill('Rest, warm drinks, paracetamol if needed.');
    await doctor.getByRole('button', { name: 'Close consultation' }).click();
    await doctor.getByText('Closed').first().waitFor();

    await patient.goto(consultationUrl);
    await patient.getByText('Probably viral pharyngitis.').waitFor({ timeout: 15_000 });
    await patient.getByRole('radio', { name: '5 stars' }).check();
    await patient.getByLabel('Comment (optional)').fill('Quick and clear, thank you.');
    await patient.getByRole('button', { name: 'Send rating' }).click();
    await patient.getByText('Your rating: 5 / 5').waitFor();
    await patientContext.close();
    await doctorContext.close();
  });
});
