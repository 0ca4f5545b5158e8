// The mini-program inside a partner page: open /demo/host (Daily Headlines), tap "Ask a
// doctor", Lotus opens in the page already signed in, the reader asks (free), a doctor
// answers from another browser, the reader sees the answer inside the host. And a page on
// an origin no host registered cannot frame it.
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, startServer, type E2EServer } from './support.ts';

let server: E2EServer;
let browser: Browser;
let stranger: Server;
let strangerUrl: string;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // A site on another origin (another port) that no host registered.
  stranger = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(`<!doctype html><title>Stranger</title><iframe id="f" src="${server.url}/mini/?host=x&origin=http://127.0.0.1"></iframe>`);
  });
  await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  strangerUrl = `http://127.0.0.1:${(stranger.address() as { port: number }).port}/`;
});
afterAll(async () => {
  stranger?.close();
  await browser?.close();
  await server?.close();
});

describe('mini-program in a partner app', () => {
  // First: while the reader's free consultation is unused, the mini-program lets them send.
  it('shows the emergency numbers for where the reader is, and follows the country they correct on the panel', async () => {
    const readerContext = await newContext(browser, { phone: true });
    const host = await readerContext.newPage();
    await host.goto(`${server.url}/demo/host`);
    await host.getByRole('button', { name: 'Ask a doctor' }).click();
    const mini = host.frameLocator('iframe.lotus-mini-frame');
    await mini.getByText('Hello Alex Martin').waitFor({ timeout: 15_000 });
    await mini.getByLabel('Department').selectOption('cardiology');
    await mini.getByLabel('What is the problem?').fill('Crushing chest pain since an hour.');
    await mini.getByRole('button', { name: 'Ask now' }).click();
    // An en-US reader counts as being in the United States.
    await mini.getByRole('link', { name: 'Call 911' }).waitFor();
    await mini.getByText('Emergency numbers for United States.').waitFor();
    // They are in France this week: the panel asks again and shows France's numbers.
    await mini.getByLabel('Not there now? Choose where you are').selectOption('FR');
    await mini.getByRole('button', { name: 'Use this country' }).click();
    await mini.getByRole('link', { name: 'Call 15' }).waitFor({ timeout: 10_000 });
    await mini.getByText('Also: 112.').waitFor();
    expect(await mini.getByRole('link', { name: 'Call 15' }).getAttribute('href')).toBe('tel:15');
    // Back home after all: the numbers follow again.
    await mini.getByLabel('Not there now? Choose where you are').selectOption('US');
    await mini.getByRole('button', { name: 'Use this country' }).click();
    await mini.getByRole('link', { name: 'Call 911' }).waitFor({ timeout: 10_000 });
    await readerContext.close();
  });

  it('opens inside Daily Headlines signed in, asks for free, and shows the doctor’s answer inside the host', async () => {
    const readerContext = await newContext(browser, { phone: true });
    const host = await readerContext.newPage();
    await host.goto(`${server.url}/demo/host`);
    await host.getByRole('button', { name: 'Ask a doctor' }).click();
    const mini = host.frameLocator('iframe.lotus-mini-frame');
    await mini.getByText('Hello Alex Martin').waitFor({ timeout: 15_000 });

    // The reader's browser speaks en-US, so they count as being in the United States: the
    // demo's US-licensed cardiologist may answer them, the doctors licensed in China may not.
    await mini.getByLabel('Department').selectOption('cardiology');
    await mini.getByText('Free: your first consultation').waitFor();
    await mini.getByLabel('What is the problem?').fill('My home blood pressure readings vary a lot from day to day.');
    await mini.getByLabel(/I have read this and agree to an online consultation/).check();
    await mini.getByRole('button', { name: 'Ask now' }).click();
    await mini.getByText('Waiting for a doctor…').waitFor();

    const doctorContext = await newContext(browser);
    const doctor = await doctorContext.newPage();
    await doctor.goto(`${server.url}/doctor/signin`);
    await doctor.getByLabel('Email or mobile number').fill('dr.smith@lotus.demo');
    await doctor.getByLabel('Password').fill('lotus-doctor-demo');
    await doctor.getByRole('button', { name: 'Sign in' }).click();
    await doctor.getByRole('link', { name: 'Queue' }).click();
    await doctor.getByText('My home blood pressure readings vary').waitFor();
    await doctor.getByRole('button', { name: 'Take this consultation' }).first().click();
    const input = doctor.getByRole('textbox', { name: /message/i });
    await input.fill('Drink water and rest in a dark room; tell me if it gets worse.');
    await input.press('Enter');

    await mini.getByText('Drink water and rest in a dark room').waitFor({ timeout: 15_000 });
    await mini.getByText('A doctor is answering').waitFor();

    // The same reader finds it again later from the same host.
    await host.reload();
    await host.getByRole('button', { name: 'Ask a doctor' }).click();
    await host.frameLocator('iframe.lotus-mini-frame').getByText('Your consultations').waitFor({ timeout: 15_000 });
    await readerContext.close();
    await doctorContext.close();
  });

  it('cannot be framed by a page on an origin no active host registered', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/frame-ancestors|Refused to frame/i.test(message.text())) blocked.push(message.text());
    });
    await page.goto(strangerUrl);
    await expect.poll(() => blocked.length, { timeout: 10_000 }).toBeGreaterThan(0);
    const frame = page.frames().find((f) => f !== page.mainFrame());
    const framedText = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
    expect(framedText).not.toContain('Lotus Health');
    await context.close();
  });

  it('lets an operator register a partner app in the admin console and suspend it', async () => {
    const { publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'weekly-2026', alg: 'ES256' }] };
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/admin/signin`);
    await page.getByLabel('Email or mobile number').fill('admin@lotus.demo');
    await page.getByLabel('Password').fill('lotus-admin-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Partner apps' }).first().click();
    await page.getByRole('heading', { name: 'Partner apps' }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Weekly Health News');
    await page.getByLabel('Allowed origins').fill('https://weekly.example.com');
    await page.getByLabel('Public keys (JWKS)').fill(JSON.stringify(jwks));
    await page.getByRole('button', { name: 'Register' }).click();
    await page.getByText(/Registered\. Give the partner its host id: host_/).waitFor();
    const card = page.locator('li', { hasText: 'Weekly Health News' });
    await card.getByRole('button', { name: /Suspend/ }).click();
    await card.getByText('Suspended').waitFor();
    const mini = await fetch(`${server.url}/mini/`, { headers: { accept: 'text/html' } });
    expect(mini.headers.get('content-security-policy')).not.toContain('weekly.example.com');
    await context.close();
  });
});
