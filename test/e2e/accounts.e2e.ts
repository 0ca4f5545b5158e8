// A new person registers, signs out, signs back in, switches to 简体中文 and sees the
// account page; then every face's main page is checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('accounts in the browser', () => {
  it('registers, signs out, signs in, switches to 简体中文 and sees the account page', async () => {
    const context = await newContext(browser, { phone: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByLabel('Your name').fill('Lin Wei');
    await page.getByLabel('Email').fill('lin.wei@example.com');
    await page.getByLabel('Password').fill('a passphrase to remember');
    await page.getByLabel('I accept the terms of use and the privacy notice').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await expect.poll(() => page.url()).toContain('/account');
    await page.getByRole('heading', { name: 'Your account', exact: true }).waitFor();
    await page.getByText('lin.wei@example.com').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect.poll(() => page.url()).toContain('/signin');
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);

    await page.getByLabel('Email or mobile number').fill('lin.wei@example.com');
    await page.getByLabel('Password').fill('a passphrase to remember');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your account', exact: true }).waitFor();

    await page.getByRole('combobox', { name: 'Language' }).first().selectOption('zh');
    await page.getByRole('heading', { name: '我的账户' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');

    // Remembered across visits: a reload, and the account itself.
    await page.reload();
    await page.getByRole('heading', { name: '我的账户' }).waitFor();
    const saved = await page.evaluate(async () => (await (await fetch('/api/me')).json()).locale);
    expect(saved).toBe('zh');
    await context.close();
  });

  it("tells each face's newcomer who will see their name, and offers no sign-up where there is none", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/signup`);
    await page.getByText('Shown to doctors you consult.', { exact: false }).waitFor();

    await page.goto(`${server.url}/doctor/signup`);
    await page.getByText('Shown to your patients and on your public profile.').waitFor();
    expect(await page.getByText('Shown to doctors you consult.', { exact: false }).count()).toBe(0);

    await page.goto(`${server.url}/admin/signin`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.getByRole('link', { name: 'Create account' }).count()).toBe(0);
    await page.goto(`${server.url}/doctor/signin`);
    await page.getByRole('link', { name: 'Create account' }).first().waitFor();
    await context.close();
  });

  it('refuses a wrong password with a clear message', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByLabel('Email or mobile number').fill('patient@lotus.demo');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('not right');
    await context.close();
  });

  it('lets an admin into the admin console', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/signin`);
    await page.getByLabel('Email or mobile number').fill('admin@lotus.demo');
    await page.getByLabel('Password').fill('lotus-admin-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Admin console', level: 1 }).waitFor();
    await context.close();
  });
});

describe('accessibility', () => {
  for (const [face, path] of [
    ['patient', '/'],
    ['patient sign-up', '/signup'],
    ['doctor', '/doctor/'],
    ['admin', '/admin/signin'],
    ['mini-program', '/mini/'],
  ] as const) {
    it(`has no serious or critical axe violations on the ${face} page`, async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(`${server.url}${path}`);
      await page.locator('main').waitFor();
      const violations = await seriousA11yViolations(page);
      expect(describeViolations(violations)).toBe('');
      await context.close();
    });
  }
});
