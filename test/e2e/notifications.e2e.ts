// Push in a real browser: the patient app registers its service worker on load but asks
// nothing; after asking a question it offers push. The browser's subscription is the push
// service stand-in's (Chromium's own would need Google's servers); when a doctor accepts,
// the stand-in receives the push (VAPID checked, payload decrypted), the payload is handed
// to the service worker as a push message, the worker shows the notification, and a click
// on it opens the consultation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startPushService, type PushServiceStandIn } from '../fixtures/push/push-service.ts';
import { launchBrowser, newContext, startServer, type E2EServer } from './support.ts';

let server: E2EServer;
let browser: Browser;
let push: PushServiceStandIn;

beforeAll(async () => {
  push = await startPushService();
  server = await startServer({ LOTUS_PUSH_ALLOW: push.hostPort, LOTUS_NOTIFY_INTERVAL_MS: '200' });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await push?.close();
});

describe('web push in the browser', () => {
  it('installs the service worker, offers push only after asking, and a notification click opens the consultation', async () => {
    const context = await newContext(browser, { phone: true });
    await context.grantPermissions(['notifications'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(`${server.url}/signup?next=/ask`);
    await page.getByLabel('Your name').fill('Léa Moreau');
    await page.getByLabel('Email').fill('lea.push@example.com');
    await page.getByLabel('Password').fill('my own long passphrase');
    await page.getByLabel('I accept the terms of use and the privacy notice').check();
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.getByRole('heading', { name: 'Ask a doctor' }).waitFor();
    // Installed on load, without any permission prompt or offer.
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(`${server.url}/`);
    expect(await page.getByRole('button', { name: 'Notify me when a doctor answers' }).count()).toBe(0);
    expect(await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json())).toMatchObject({ start_url: '/', display: 'standalone' });

    await page.getByLabel('Department').selectOption('general_practice');
    await page.getByLabel('Where are you now?').selectOption('CN');
    await page.getByLabel('What is the problem?').fill('A dry cough for ten days, no fever, worse when lying down.');
    await page.getByLabel('Age', { exact: true }).fill('31');
    await page.getByLabel(/I have read this and agree to an online consultation/).check();
    await page.getByRole('button', { name: 'Ask now' }).click();
    await page.getByText('Waiting for a doctor').first().waitFor();
    await page.getByRole('button', { name: 'Notify me when a doctor answers' }).waitFor();
    const consultationPath = new URL(page.url()).pathname;
    expect(consultationPath).toMatch(/^\/consultations\/con_/);

    // The subscription the browser would have made, pointing at the stand-in.
    const subscription = push.subscribe();
    const registered = await page.evaluate(async (sub) => (await fetch('/api/me/push-subscriptions', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sub) })).status, subscription);
    expect(registered).toBe(201);
    await page.goto(`${server.url}/`);
    expect(await page.evaluate(() => Boolean(navigator.serviceWorker.controller))).toBe(true);

    // Dr Li accepts (through the API; the browser side of that is the consultations test).
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: 'dr.li@lotus.demo', password: 'lotus-doctor-demo' }) });
    const { token } = (await login.json()) as { token: string };
    const id = consultationPath.split('/').pop()!;
    const accepted = await fetch(`${server.url}/api/consultations/${id}/accept`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(accepted.status).toBe(200);

    const [received] = (await push.waitFor(1)).filter((p) => p.subscription === subscription.endpoint.split('/push/')[1]);
    expect(received!.vapid.ok).toBe(true);
    expect(received!.headers['content-encoding']).toBe('aes128gcm');
    expect(received!.payload).toMatchObject({ url: consultationPath, title: 'A doctor took your question' });

    // Hand the decrypted message to the service worker, as the browser's push service would.
    const cdp = await context.newCDPSession(page);
    const registrationId = await new Promise<string>((resolve) => {
      cdp.on('ServiceWorker.workerRegistrationUpdated', (event: { registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> }) => {
        const found = event.registrations.find((r) => r.scopeURL === `${server.url}/` && !r.isDeleted);
        if (found) resolve(found.registrationId);
      });
      void cdp.send('ServiceWorker.enable');
    });
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: server.url, registrationId, data: JSON.stringify(received!.payload) });
    const shown = await page.waitForFunction(async () => {
      const notes = await (await navigator.serviceWorker.ready).getNotifications();
      return notes.length > 0 ? { title: notes[0]!.title, url: (notes[0]!.data as { url: string }).url } : null;
    });
    expect(await shown.jsonValue()).toEqual({ title: 'A doctor took your question', url: consultationPath });

    // The click: the worker's notificationclick handler takes the open page to the consultation.
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    await worker.evaluate(async () => {
      const sw = self as unknown as { registration: ServiceWorkerRegistration; dispatchEvent(e: Event): boolean };
      const [notification] = await sw.registration.getNotifications();
      const NotificationEventCtor = (self as unknown as { NotificationEvent: new (type: string, init: { notification: Notification }) => Event }).NotificationEvent;
      sw.dispatchEvent(new NotificationEventCtor('notificationclick', { notification: notification! }));
    });
    await page.waitForURL(`${server.url}${consultationPath}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    expect(await page.getByText('Waiting for a doctor').count()).toBe(0);
    await context.close();
  });
});
