// A practitioner applies in the doctor workspace with documents (one browser context), an
// admin approves in the console (another), and a patient finds the doctor in the
// directory with the credential badge (a third). The NPPES registry is a local fake.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startRegistryFakes, type RegistryFakes } from '../fixtures/registries/registry-fakes.ts';
import { describeViolations, launchBrowser, newContext, seriousA11yViolations, startServer, type E2EServer } from './support.ts';

let server: E2EServer;
let browser: Browser;
let fakes: RegistryFakes;
const NPI = '1987654328';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

beforeAll(async () => {
  fakes = await startRegistryFakes({ nppes: { [NPI]: { first: 'Amara', last: 'Okafor' } } });
  server = await startServer({ LOTUS_NPPES_URL: fakes.nppesUrl, LOTUS_REGISTRY_TIMEOUT_MS: '2000' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fakes?.close();
});

describe('doctor onboarding in the browser', () => {
  it('a doctor applies with documents, an admin approves, patients see the doctor with a badge', async () => {
    // 1. The practitioner, on a phone.
    const doctorContext = await newContext(browser, { phone: true });
    const doctor = await doctorContext.newPage();
    await doctor.goto(`${server.url}/doctor/signup`);
    await doctor.getByLabel('Your name').fill('Amara Okafor');
    await doctor.getByLabel('Email').fill('amara.okafor@example.com');
    await doctor.getByLabel('Password').fill('a passphrase to remember');
    await doctor.getByLabel('I accept the terms of use and the privacy notice').check();
    await doctor.getByRole('button', { name: 'Create account' }).click();
    await doctor.getByRole('heading', { name: 'Your practice on Lotus Health' }).waitFor();

    await doctor.getByLabel('Country where you practise').selectOption('US');
    await doctor.getByLabel('Full legal name (as on your licence)').fill('Amara Okafor');
    await doctor.getByLabel('Hospital or practice').fill('Riverside Clinic');
    await doctor.getByLabel('Department').selectOption('paediatrics');
    await doctor.getByLabel('Professional title').fill('Paediatrician, MD');
    await doctor.getByLabel(/^Languages you consult in/).fill('en, fr');
    await doctor.getByLabel(/^Consultation price/).fill('30');
    await doctor.getByRole('button', { name: 'Save and continue' }).click();

    // A wrong NPI is refused next to the field, then corrected.
    await doctor.getByLabel('NPI (National Provider Identifier)').fill('1987654320');
    await doctor.getByLabel('Licence expiry date').fill('2031-05-31');
    await doctor.getByRole('button', { name: 'Save and continue' }).click();
    await doctor.getByText(/wrong check digit/).waitFor();
    await doctor.getByLabel('NPI (National Provider Identifier)').fill(NPI);
    await doctor.getByRole('button', { name: 'Save and continue' }).click();
    await doctor.getByText(/Upload a licence or certificate/).waitFor();
    await doctor.getByText('A licence or certificate document').waitFor();

    for (const [kind, name] of [
      ['licence', 'licence.pdf'],
      ['identity', 'passport.pdf'],
    ] as const) {
      await doctor.getByLabel('Document type').selectOption(kind);
      await doctor.getByLabel('File', { exact: true }).setInputFiles({ name, mimeType: 'application/pdf', buffer: PDF });
      await doctor.getByRole('button', { name: 'Upload', exact: true }).click();
      await doctor
        .locator('.document-list li')
        .nth(kind === 'licence' ? 0 : 1)
        .waitFor();
    }
    await expect.poll(() => doctor.locator('.missing-list').count()).toBe(0);
    await doctor.getByRole('button', { name: 'Review and submit', exact: true }).click();
    await doctor.getByText(/NPPES holds this NPI under the name AMARA OKAFOR/).waitFor();
    const violations = await seriousA11yViolations(doctor);
    expect(describeViolations(violations)).toBe('');
    await doctor.getByRole('button', { name: 'Submit for review' }).click();
    await doctor.getByText('Submitted: a reviewer is checking it').waitFor();

    // 2. The reviewer, in another context.
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await admin.goto(`${server.url}/admin/signin`);
    await admin.getByLabel('Email or mobile number').fill('admin@lotus.demo');
    await admin.getByLabel('Password').fill('lotus-admin-demo');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: 'Admin console', level: 1 }).waitFor();
    await admin.locator('#main').getByRole('link', { name: 'Doctor applications' }).click();
    await admin.getByRole('link', { name: 'Amara Okafor' }).click();
    await admin.getByRole('heading', { name: 'Review: Amara Okafor' }).waitFor();
    await admin.locator('dd.mono', { hasText: NPI }).waitFor();
    expect(await admin.locator('.document-list li').count()).toBe(2);
    expect(describeViolations(await seriousA11yViolations(admin))).toBe('');
    await admin.getByRole('button', { name: 'Approve' }).click();
    // The console asks before it decides.
    await admin.getByText('Approve Amara Okafor? They become a verified doctor and can take consultations.').waitFor();
    await admin.getByRole('button', { name: 'Confirm' }).click();
    await admin.getByText('Approved: Amara Okafor is now a verified doctor.').waitFor();
    await admin.getByText('Approved: a verified doctor', { exact: true }).waitFor();
    expect(await admin.getByText('Approved: you are a verified doctor').count()).toBe(0);

    // 3. The doctor sees the decision and goes online.
    await doctor.reload();
    await doctor.getByText('Approved: you are a verified doctor').waitFor();
    await doctor.getByRole('button', { name: 'Go online' }).click();
    await doctor.getByText('Online: patients can ask you now').waitFor();

    // 4. A patient finds the doctor in the directory, with the badge.
    const patientContext = await newContext(browser, { phone: true });
    const patient = await patientContext.newPage();
    await patient.goto(`${server.url}/doctors`);
    await patient.getByLabel('Department').selectOption('paediatrics');
    await patient.getByLabel('Consultation language').selectOption('fr');
    const card = patient.locator('.doctor-card', { hasText: 'Amara Okafor' });
    await card.waitFor();
    await card.getByText('Verified with NPPES').waitFor();
    await card.getByText('Online now').waitFor();
    expect(describeViolations(await seriousA11yViolations(patient))).toBe('');
    await card.getByRole('link', { name: 'Amara Okafor' }).click();
    await patient.getByRole('heading', { name: 'Amara Okafor', level: 1 }).waitFor();
    await patient.getByText('••••••4328').waitFor();
    expect(await patient.content()).not.toContain(NPI);

    // The profile's address, fetched as a link preview would, carries Open Graph tags.
    const userId = patient.url().split('/').pop()!;
    const html = await (await fetch(`${server.url}/doctors/${userId}`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('<meta property="og:title" content="Amara Okafor, Paediatrician, MD">');

    await Promise.all([doctorContext.close(), adminContext.close(), patientContext.close()]);
  });

  it('a flagged application cannot be approved until the reviewer records a check; the badge says what was checked', async () => {
    const adminContext = await newContext(browser);
    const admin = await adminContext.newPage();
    await admin.goto(`${server.url}/admin/signin`);
    await admin.getByLabel('Email or mobile number').fill('admin@lotus.demo');
    await admin.getByLabel('Password').fill('lotus-admin-demo');
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: 'Admin console', level: 1 }).waitFor();
    await admin.goto(`${server.url}/admin/doctors`);
    // The demo applicant: NPPES could not be reached.
    await admin.getByRole('link', { name: 'Maria Garcia' }).click();
    await admin.getByRole('heading', { name: 'Review: Maria Garcia' }).waitFor();
    await admin.getByText(/Approving needs a check recorded by you/).waitFor();
    expect(await admin.getByRole('button', { name: 'Approve' }).isDisabled()).toBe(true);
    // A reviewer who reads Chinese sees the same automatic check written in Chinese (from its key).
    const zhContext = await newContext(browser, { locale: 'zh-CN' });
    // The session, not the language the first reviewer's browser chose.
    await zhContext.addCookies((await adminContext.cookies()).filter((c) => c.name !== 'lotus_lang'));
    const zh = await zhContext.newPage();
    await zh.goto(admin.url());
    await zh.getByText('无法访问 NPPES。审核员将人工核查。').waitFor();
    expect(await zh.getByText('NPPES could not be reached').count()).toBe(0);
    await zhContext.close();

    await admin.getByLabel('Register checked').fill('NPPES web lookup');
    await admin.getByLabel('What you looked up and what it showed').fill('NPPES lists NPI 1543210987 for MARIA GARCIA, dermatology, active.');
    await admin.getByRole('button', { name: 'Save evidence' }).click();
    await admin.locator('.evidence-list li', { hasText: 'MARIA GARCIA, dermatology' }).waitFor();
    await expect.poll(() => admin.getByText(/Approving needs a check recorded by you/).count()).toBe(0);
    await admin.getByRole('button', { name: 'Approve' }).click();
    await admin.getByRole('button', { name: 'Confirm' }).click();
    await admin.getByText('Approved: Maria Garcia is now a verified doctor.').waitFor();

    const patient = await adminContext.newPage();
    await patient.goto(`${server.url}/doctors`);
    const card = patient.locator('.doctor-card', { hasText: 'Maria Garcia' });
    await card.getByText(/Checked by a reviewer against NPPES web lookup, on /).waitFor();
    expect(await patient.getByText('Manual review').count()).toBe(0);
    await adminContext.close();
  });

  it('shows the demo doctors to patients, filtered by department', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/doctors?department=cardiology`);
    await page.locator('.doctor-card', { hasText: 'John Smith' }).waitFor();
    expect(await page.locator('.doctor-card').count()).toBe(1);
    await context.close();
  });
});
