// Paying for a second consultation with the sandbox provider, in the browser: the first
// consultation is free, the second goes to checkout, the sandbox page says plainly it is a
// sandbox, and the consultation then waits for a doctor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('paying in the browser', () => {
  it('pays for a second consultation with the sandbox and lands on a consultation waiting for a doctor', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/signup?next=/ask`);
    await page.getByLabel('Your name').fill('Paul Payer');
    await page.getByLabel('Email').fill('paul@example.com');
    await page.getByLabel('Password').fill('a payer passphrase');
    await page.getByLabel('I accept the terms of use and the privacy notice').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    // Signed up (the session cookie is set) once the app has moved on to /ask.
    await page.getByRole('heading', { name: 'Ask a doctor' }).waitFor();

    const ask = async (text: string) => {
      await page.goto(`${server.url}/ask`);
      await page.getByLabel('Department').selectOption('dermatology');
      await page.getByLabel('What is the problem?').fill(text);
    };
    await ask('A dry itchy patch on my elbow for two weeks.');
    await page.getByText('Free: your first consultation').waitFor();
    await page.getByLabel(/I have read this and agree to an online consultation/).check();
    await page.getByRole('button', { name: 'Ask now' }).click();
    await page.getByText('Waiting for a doctor').first().waitFor();

    await ask('A small mole on my back that seems to have grown.');
    await page.getByText(/^Price:/).waitFor();
    await page.getByRole('button', { name: 'Continue to payment' }).click();
    await page.getByRole('heading', { name: 'Pay for your consultation' }).waitFor();
    await page.getByRole('radio', { name: /Sandbox/ }).check();
    await page.getByRole('button', { name: /^Pay / }).click();
    await page.getByRole('link', { name: 'Continue to the sandbox payment page' }).click();
    await page.getByText('This is a sandbox. No real money moves').waitFor();
    await page.getByRole('button', { name: 'Complete the payment (sandbox)' }).click();
    await page.getByText('Thank you: your payment was received.').waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Go to your consultation' }).click();
    await page.getByText('Waiting for a doctor').first().waitFor();

    const consultations = await page.evaluate(async () => (await (await fetch('/api/consultations')).json()) as Array<{ status: string; free: boolean }>);
    expect(consultations.map((c) => [c.status, c.free]).sort()).toEqual([
      ['waiting', false],
      ['waiting', true],
    ]);
    await context.close();
  });
});
