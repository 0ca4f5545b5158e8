// A moderator adds a word to a list in the admin console; a patient's review that contains it
// is held; the moderator sees it on the held-reviews page, publishes it, and the review
// appears on the doctor's public profile. The review itself is submitted through the
// reviews service (a closed, rated consultation through the browser would be slow).
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

async function signIn(page: Page, login: string, password: string, path = '/signin') {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel('Email or mobile number').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/signin'));
}

describe('held reviews of doctors in the admin console', () => {
  it('a moderator publishes a held review from the console and it shows on the doctor’s profile', async () => {
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await signIn(admin, 'admin@lotus.demo', 'lotus-admin-demo', '/admin/signin');

    // The word that will hold the review, added where moderators keep the lists.
    await admin.goto(`${server.url}/admin/moderation`);
    await admin.getByLabel('List', { exact: true }).selectOption('advertising');
    await admin.getByLabel('Term', { exact: true }).fill('wondertonic');
    await admin.getByRole('button', { name: 'Add', exact: true }).click();
    await admin.locator('.term-list li', { hasText: 'wondertonic' }).waitFor();

    const doctor = (await server.services.doctors.directory({})).find((d) => d.fullName === 'John Smith');
    expect(doctor).toBeDefined();
    const review = await server.services.doctors.reviews.submit({
      doctorId: doctor!.userId,
      consultationId: 'e2e-consultation-held-review',
      patientId: 'e2e-patient',
      stars: 5,
      text: 'Very kind doctor, and the WonderTonic he mentioned helped a lot.',
    });
    expect(review.status).toBe('held');

    // Held: not on the profile yet.
    const patientContext = await newContext(browser);
    const patient = await patientContext.newPage();
    await patient.goto(`${server.url}/doctors/${doctor!.userId}`);
    await patient.getByRole('heading', { name: 'What patients wrote' }).waitFor();
    expect(await patient.getByText('the WonderTonic he mentioned').count()).toBe(0);

    // The console's home links to the page.
    await admin.goto(`${server.url}/admin/`);
    await admin.locator('main').getByRole('link', { name: /Held reviews of doctors/ }).click();
    await admin.getByRole('heading', { name: 'Held reviews of doctors', level: 1 }).waitFor();
    const item = admin.getByRole('listitem', { name: 'Held review of John Smith' });
    await item.getByText('the WonderTonic he mentioned helped a lot').waitFor();
    await item.getByText(/Held because it contains "wondertonic" from the advertising word list/).waitFor();
    expect(await item.locator('time').count()).toBe(1);
    const violations = await seriousA11yViolations(admin);
    expect(violations, describeViolations(violations)).toEqual([]);

    await item.getByRole('button', { name: 'Publish' }).click();
    await admin.getByRole('status').getByText('Published: the review now shows on John Smith’s profile.').waitFor();
    await admin.getByText('No reviews are waiting.').waitFor();

    // Published: the patient sees it on the profile.
    await patient.reload();
    await patient.getByText('the WonderTonic he mentioned helped a lot').waitFor();
    await adminContext.close();
    await patientContext.close();
  });
});
