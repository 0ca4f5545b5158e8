// The free first consultation needs a verified phone: a new patient asks, is offered to
// verify the number, reads the code from the SMS stand-in's inbox, and the question goes
// through free (accepting the telemedicine consent); the account page then shows the
// consents, the access log, and downloads the FHIR export and the PDF; signed out, she signs
// in again with a code texted to her verified number.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startTwilioFake, type SmsFake } from '../fixtures/sms/sms-providers.ts';
import { launchBrowser, newContext, startServer, type E2EServer } from './support.ts';

const creds = { accountSid: 'AC0123456789abcdef0123456789abcdef', authToken: 'twilio-test-token' };
let server: E2EServer;
let browser: Browser;
let twilio: SmsFake;

beforeAll(async () => {
  twilio = await startTwilioFake(creds);
  server = await startServer({
    LOTUS_FREE_REQUIRES_PHONE: 'true',
    LOTUS_SMS_PROVIDER: 'twilio',
    LOTUS_TWILIO_ACCOUNT_SID: creds.accountSid,
    LOTUS_TWILIO_AUTH_TOKEN: creds.authToken,
    LOTUS_TWILIO_FROM: '+15005550006',
    LOTUS_TWILIO_URL: twilio.url,
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await twilio?.close();
});

describe('verifying the phone for the free consultation', () => {
  it('signs up, is asked to verify the phone on asking, enters the SMS code, and asks free', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/signup?next=/ask`);
    await page.getByLabel('Your name').fill('Ana Silva');
    await page.getByLabel('Email').fill('ana.phone@example.com');
    await page.getByLabel('Password').fill('my own long passphrase');
    await page.getByLabel('I accept the terms of use and the privacy notice').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Ask a doctor' }).waitFor();
    await page.getByLabel('Department').selectOption('general_practice');
    await page.getByText('Free: your first consultation').waitFor();
    await page.getByLabel('What is the problem?').fill('Sore throat and a mild fever for three days, no other symptoms.');
    await page.getByLabel(/I have read this and agree to an online consultation/).check();
    await page.getByRole('button', { name: 'Ask now' }).click();

    await page.getByRole('heading', { name: 'Verify your phone number' }).waitFor();
    await page.getByLabel('Mobile number').fill('+33612345678');
    await page.getByRole('button', { name: 'Send the code' }).click();
    await page.getByText('A code was sent to +33612345678').waitFor();
    const code = /\b(\d{6})\b/.exec(twilio.sent.at(-1)?.text ?? '')?.[1];
    if (!code || twilio.sent.at(-1)?.to !== '+33612345678') throw new Error('no code reached the SMS stand-in');
    await page.getByLabel('Code from the text message').fill(code);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.getByText('Waiting for a doctor').first().waitFor();

    // The account page: the access log (nobody else has read it yet) and the FHIR download.
    await page.goto(`${server.url}/account`);
    await page.getByRole('heading', { name: 'Who read your consultations' }).waitFor();
    await page.getByText('Nobody other than you and your doctor has read your consultations.').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my record (FHIR)' }).click()]);
    const file = await download.path();
    const bundle = JSON.parse(readFileSync(file!, 'utf8')) as { resourceType: string; type: string; entry: Array<{ resource: { resourceType: string } }> };
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection' });
    expect(bundle.entry.map((e) => e.resource.resourceType)).toContain('Encounter');
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download my record (PDF)' }).click()]);
    expect(
      readFileSync((await pdf.path())!)
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // What she agreed to: the terms and privacy notice at sign-up, the telemedicine consent in the words she was shown.
    await page.getByRole('heading', { name: 'What you agreed to' }).waitFor();
    const consents = page.locator('.my-consents');
    await consents.getByText('terms of use', { exact: true }).waitFor();
    await consents.getByText('privacy notice', { exact: true }).waitFor();
    await consents.getByText(/not a diagnosis.*In an emergency call 911/).waitFor();

    // Signed out, she comes back with a code texted to her verified number, no password.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Or sign in with a code by text message' }).waitFor();
    await page.getByLabel('Mobile number', { exact: true }).fill('+33612345678');
    const before = twilio.sent.length;
    await page.getByRole('button', { name: 'Text me a code' }).click();
    await page.getByText('If this number is verified on an account, a code is on its way.').waitFor();
    expect(twilio.sent.length).toBe(before + 1);
    const signInCode = /\b(\d{6})\b/.exec(twilio.sent.at(-1)?.text ?? '')?.[1];
    if (!signInCode || twilio.sent.at(-1)?.to !== '+33612345678') throw new Error('no sign-in code reached the SMS stand-in');
    await page.getByLabel('Code from the text message').fill(signInCode);
    await page.getByRole('button', { name: 'Sign in with the code' }).click();
    await page.getByRole('heading', { name: 'Your account', exact: true }).waitFor();
    await page.getByRole('link', { name: 'Ana Silva' }).waitFor();
    await context.close();
  });
});
