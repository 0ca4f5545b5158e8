// The community in the browser: a patient starts a thread (urgent-care guidance shows
// above it), a verified doctor answers (the badge shows), another member reports an
// abusive reply and a moderator hides it from the admin console.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { describeViolations, launchBrowser, newContext, seriousA11yViolations, startServer, type E2EServer } from './support.ts';

let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // Accounts made here, not through the sign-up form, accept the terms as the form would have them do.
  for (const account of [
    { email: 'dr.li@e2e.test', password: 'doctor passphrase 1', displayName: 'Dr Li Na', roles: ['patient', 'doctor'] as const },
    { email: 'reader@e2e.test', password: 'reader passphrase 1', displayName: 'Careful Reader', roles: ['patient'] as const },
  ]) {
    await server.services.consents.acceptSiteDocuments(await server.services.accounts.ensureAccount({ ...account, roles: [...account.roles] }), 'en');
  }
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

describe('community in the browser', () => {
  it('a patient posts, a doctor answers with a badge, a reader reports, a moderator hides', async () => {
    // The patient, on a phone.
    const patientContext = await newContext(browser, { phone: true });
    const patient = await patientContext.newPage();
    await signIn(patient, 'patient@lotus.demo', 'lotus-patient-demo');
    await patient.goto(`${server.url}/community?entry=hypertension`);
    await patient.getByRole('heading', { name: 'Forums discussing “hypertension”' }).waitFor();
    await patient.getByRole('link', { name: 'Heart and blood pressure' }).first().click();
    await patient.getByRole('heading', { name: 'Heart and blood pressure', level: 1 }).waitFor();
    await patient.getByLabel('Title').fill('Dizzy since my new blood pressure pills');
    await patient.getByLabel('Your message').fill('Since I started amlodipine I feel dizzy when I stand up, and **sometimes chest pain** on the stairs.');
    await patient.getByRole('button', { name: 'Post' }).click();
    await patient.getByRole('heading', { name: 'Dizzy since my new blood pressure pills', level: 1 }).waitFor();
    const threadUrl = patient.url();
    expect(threadUrl).toMatch(/\/community\/threads\/thr_/);
    await patient.getByText('This may be an emergency').waitFor();
    expect(await patient.locator('.post-body strong').textContent()).toBe('sometimes chest pain');

    // A verified doctor answers.
    const doctorContext = await newContext(browser);
    const doctor = await doctorContext.newPage();
    await signIn(doctor, 'dr.li@e2e.test', 'doctor passphrase 1');
    await doctor.goto(threadUrl);
    await doctor.getByLabel('Your reply').fill('Dizziness on standing is common with amlodipine. Chest pain needs a check today: call your doctor or 911.');
    await doctor.getByRole('button', { name: 'Reply', exact: true }).click();
    const answer = doctor.locator('article', { hasText: 'Dizziness on standing' });
    await answer.waitFor();
    await answer.getByText('Verified doctor').waitFor();
    await answer.getByText('Dr Li Na').waitFor();

    // Someone replies abusively (through the API), a reader reports it in the page.
    const troll = await server.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      payload: { email: 'troll@e2e.test', password: 'troll passphrase 1', displayName: 'Troll', acceptTerms: true },
    });
    const threadId = threadUrl.split('/').pop()!.split('?')[0]!;
    const abusive = await server.app.inject({
      method: 'POST',
      url: `/api/community/threads/${threadId}/posts`,
      headers: { authorization: `Bearer ${troll.json().token}` },
      payload: { body: 'Stop whining, pills are a scam' },
    });
    expect(abusive.statusCode).toBe(201);

    const readerContext = await newContext(browser, { phone: true });
    const reader = await readerContext.newPage();
    await signIn(reader, 'reader@e2e.test', 'reader passphrase 1');
    await reader.goto(threadUrl);
    const abusivePost = reader.locator('article', { hasText: 'Stop whining' });
    await abusivePost.getByRole('button', { name: 'Report' }).click();
    await abusivePost.getByLabel('Why are you reporting this post?').fill('Insulting a patient who asks for help');
    await abusivePost.getByRole('button', { name: 'Send report' }).click();
    await abusivePost.getByText('Thank you. A moderator will look at it.').waitFor();

    // The moderator hides it from the admin console.
    const modContext = await newContext(browser);
    const moderator = await modContext.newPage();
    await signIn(moderator, 'admin@lotus.demo', 'lotus-admin-demo', '/admin/signin');
    await moderator.goto(`${server.url}/admin/moderation`);
    const item = moderator.locator('li.queue-item', { hasText: 'Stop whining' });
    await item.waitFor();
    await item.getByText('Insulting a patient who asks for help').waitFor();
    await item.getByLabel('Reason (logged)').fill('Abuse towards a patient');
    await item.getByRole('button', { name: 'Hide' }).click();
    await moderator.getByText('Done: Hide.').waitFor();
    await moderator.locator('.moderation-log', { hasText: 'Abuse towards a patient' }).waitFor();
    // The log names the action in words, not its code.
    await moderator
      .locator('.moderation-log li', { hasText: 'Abuse towards a patient' })
      .getByText(/hid a post/)
      .first()
      .waitFor();

    // Gone for everyone; the doctor's answer stays.
    await patient.reload();
    await patient.locator('article', { hasText: 'Dizziness on standing' }).waitFor();
    expect(await patient.getByText('Stop whining').count()).toBe(0);
    expect(describeViolations(await seriousA11yViolations(patient))).toBe('');

    // The patient follows the thread by default and was notified of the doctor's answer.
    await patient.goto(`${server.url}/notifications`);
    await patient.getByRole('link', { name: 'New reply in “Dizzy since my new blood pressure pills”' }).first().waitFor();

    for (const context of [patientContext, doctorContext, readerContext, modContext]) await context.close();
  });

  for (const path of ['/community', '/community/forums/mental-health']) {
    it(`has no serious or critical axe violations on ${path}`, async () => {
      const context = await newContext(browser, { phone: true });
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.locator('.forum-card, .thread-row, p').first().waitFor();
      expect(describeViolations(await seriousA11yViolations(page))).toBe('');
      await context.close();
    });
  }
});
