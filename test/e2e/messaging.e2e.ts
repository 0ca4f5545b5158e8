// Messaging in the browser: an encyclopedia link shared into a group (our own page:
// allowed, shown as a card), an external link pasted in the group (refused with the
// message), the same link in a direct chat (preview card from a local fixture site,
// live on the other side, and a "you are leaving" notice with the real destination).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startPreviewFixture, type PreviewFixture } from '../fixtures/preview/server.ts';
import { describeViolations, launchBrowser, newContext, seriousA11yViolations, startServer, type E2EServer } from './support.ts';

let fixture: PreviewFixture;
let server: E2EServer;
let browser: Browser;

beforeAll(async () => {
  fixture = await startPreviewFixture();
  server = await startServer({ LOTUS_PREVIEW_ALLOW: fixture.pair });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await fixture?.close();
});

async function person(name: string): Promise<{ id: string; email: string; context: BrowserContext }> {
  const email = `${name.toLowerCase()}.${Date.now()}@example.com`;
  const context = await newContext(browser, { phone: true });
  const res = await context.request.post(`${server.url}/api/auth/register`, {
    data: { email, password: 'a long enough passphrase', displayName: name, acceptTerms: true },
  });
  expect(res.status()).toBe(201);
  const { user } = (await res.json()) as { user: { id: string } };
  return { id: user.id, email, context };
}

describe('messaging in the browser', () => {
  it('shares our own page into a group, refuses an external link there, previews it in a direct chat', async () => {
    const ada = await person('Ada');
    const bo = await person('Bo');
    const group = await ada.context.request.post(`${server.url}/api/conversations`, { data: { kind: 'group', memberIds: [bo.id], title: 'Allergy circle' } });
    const groupId = ((await group.json()) as { id: string }).id;

    const page = await ada.context.newPage();
    await page.goto(`${server.url}/messages`);
    await page.getByRole('heading', { name: 'Messages', level: 1 }).waitFor();
    await page.getByRole('link', { name: /Allergy circle/ }).click();
    await page.getByRole('heading', { name: 'Allergy circle' }).waitFor();

    const entry = `${server.url}/encyclopedia/diabetes`;
    await page.getByLabel('Message', { exact: true }).fill(`Worth reading: ${entry}`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const own = page.locator('.chat-message.mine').last();
    await own.getByText('Worth reading').waitFor();
    expect(await own.locator('a.link-card').getAttribute('href')).toBe('/encyclopedia/diabetes');

    await page.getByLabel('Message', { exact: true }).fill(`Cheap antihistamines: ${fixture.url}/article`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain("External links can't be shared in group chats");
    expect(await page.locator('.chat-message.mine').count()).toBe(1);

    const violations = await seriousA11yViolations(page);
    expect(describeViolations(violations)).toBe('');

    // Bo opens the direct chat and watches it live.
    const start = await bo.context.request.post(`${server.url}/api/conversations`, { data: { kind: 'direct', memberIds: [ada.id] } });
    const directId = ((await start.json()) as { id: string }).id;
    const boPage = await bo.context.newPage();
    await boPage.goto(`${server.url}/messages/${directId}`);
    await boPage.getByRole('heading', { name: 'Ada' }).waitFor();
    await boPage.getByText('No messages yet.').waitFor();

    await page.goto(`${server.url}/messages`);
    await page.getByLabel('Their email address').fill(bo.email);
    await page.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.url()).toContain(`/messages/${directId}`);
    await page.getByLabel('Message', { exact: true }).fill(`Cheap antihistamines: ${fixture.url}/article`);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const card = page.locator('a.link-card').last();
    await card.getByText('Seasonal allergies: what helps').waitFor();
    expect(await card.textContent()).toContain('Fixture Health News');

    // Live on the other side, preview included.
    await boPage.locator('a.link-card').getByText('Seasonal allergies: what helps').waitFor();

    await card.click();
    await page.getByRole('heading', { name: 'You are leaving Lotus Health' }).waitFor();
    expect(await page.locator('.leaving-url').textContent()).toBe(`${fixture.url}/article`);
    expect(await page.getByRole('link', { name: `Continue to ${fixture.pair}` }).getAttribute('href')).toBe(`${fixture.url}/article`);
    // The browser never fetched the fixture itself: only the server did.
    expect(fixture.requests().filter((r) => r === '/article').length).toBe(1);
    await ada.context.close();
    await bo.context.close();
  });

  it('lets an admin change the link policy in the console and shows the new version', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/signin`);
    await page.getByLabel('Email or mobile number').fill('admin@lotus.demo');
    await page.getByLabel('Password').fill('lotus-admin-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Admin console', level: 1 }).waitFor();
    await page.goto(`${server.url}/admin/link-policy`);
    await page.getByRole('heading', { name: 'Link policy' }).waitFor();
    await page.getByRole('group', { name: 'Group' }).getByLabel('Allow only listed domains').check();
    await page.getByLabel('Allowed domains (one per line)').fill('who.int');
    await page.getByLabel('Reason for this change').fill('WHO pages in groups');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText('Saved as version 2.').waitFor();
    expect(await page.locator('.policy-history li').first().textContent()).toContain('WHO pages in groups');
    const policy = await (await context.request.get(`${server.url}/api/link-policy`)).json();
    expect(policy.kinds.group).toEqual({ mode: 'allow_listed', domains: ['who.int'] });
    await context.close();
  });
});
