// Pages that follow realtime events instead of polling: a doctor's queue and a patient's
// consultation page change as questions are asked and taken, with no reload; once they are
// idle, neither asks the API anything for 30 s. The mini-program's chat receives the
// doctor's message over its WebSocket (opened with its bearer session, no token in the URL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

/** Every API request the page (and its frames) makes, by method and path. */
function apiRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) seen.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  return seen;
}

async function signInBy(context: BrowserContext, login: string, password: string): Promise<void> {
  const res = await context.request.post(`${server.url}/api/auth/login`, { data: { login, password } });
  expect(res.status()).toBe(200);
}

async function newPatient(name: string): Promise<BrowserContext> {
  const context = await newContext(browser, { phone: true });
  const res = await context.request.post(`${server.url}/api/auth/register`, {
    data: { email: `${name.toLowerCase()}.${Date.now()}@example.com`, password: 'a long enough passphrase', displayName: name, acceptTerms: true },
  });
  expect(res.status()).toBe(201);
  return context;
}

async function ask(context: BrowserContext, description: string): Promise<{ id: string }> {
  const res = await context.request.post(`${server.url}/api/consultations`, { data: { department: 'general_practice', description, age: 31, country: 'CN', acceptTelemedicine: true } });
  expect(res.status()).toBe(201);
  return (await res.json()) as { id: string };
}

describe('pages that follow realtime events', () => {
  it("a doctor's queue and a patient's consultation page change from events, then make no API request while idle for 30 s", async () => {
    const doctorContext = await newContext(browser);
    await signInBy(doctorContext, 'dr.li@lotus.demo', 'lotus-doctor-demo');
    const doctor = await doctorContext.newPage();
    const doctorRequests = apiRequests(doctor);
    await doctor.goto(`${server.url}/doctor/queue`);
    await doctor.getByRole('heading', { name: 'Queue' }).waitFor();

    const ana = await newPatient('Ana');
    const question = await ask(ana, 'A cough that keeps me awake at night for a week now.');
    const patient = await ana.newPage();
    const patientRequests = apiRequests(patient);
    await patient.goto(`${server.url}/consultations/${question.id}`);
    await patient.getByText('Waiting for a doctor').first().waitFor();

    // The queue shows the new question without a reload, and then one more.
    await doctor.getByText('A cough that keeps me awake at night').waitFor({ timeout: 10_000 });
    const ben = await newPatient('Ben');
    await ask(ben, 'An itchy eye since yesterday morning, no pain.');
    await doctor.getByText('An itchy eye since yesterday morning').waitFor({ timeout: 10_000 });

    // Another of the doctor's sessions takes Ana's question: it leaves the queue here, and
    // Ana's page shows it in progress.
    const accepted = await doctorContext.request.post(`${server.url}/api/consultations/${question.id}/accept`);
    expect(accepted.status()).toBe(200);
    await patient.getByText('In progress').first().waitFor({ timeout: 10_000 });
    await doctor.getByText('A cough that keeps me awake at night').waitFor({ state: 'detached', timeout: 10_000 });
    await doctor.getByText('An itchy eye since yesterday morning').waitFor();

    // Idle: both pages stay as they are and ask nothing.
    await patient.waitForLoadState('networkidle');
    await doctor.waitForLoadState('networkidle');
    const before = { doctor: doctorRequests.length, patient: patientRequests.length };
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    expect(doctorRequests.slice(before.doctor)).toEqual([]);
    expect(patientRequests.slice(before.patient)).toEqual([]);
    // And they still follow: a message from the doctor reaches the patient's page.
    const conversationId = ((await accepted.json()) as { conversationId: string }).conversationId;
    await doctorContext.request.post(`${server.url}/api/conversations/${conversationId}/messages`, {
      data: { clientId: 'idle-1', text: 'Do you have a fever as well?' },
    });
    await patient.getByText('Do you have a fever as well?').waitFor({ timeout: 10_000 });
    await doctorContext.close();
    await ana.close();
    await ben.close();
  }, 90_000);

  it('the ask page follows who is online: a doctor going offline changes the quote without a reload', async () => {
    const doctorContext = await newContext(browser);
    await signInBy(doctorContext, 'dr.li@lotus.demo', 'lotus-doctor-demo');
    const cleo = await newPatient('Cleo');
    const page = await cleo.newPage();
    await page.goto(`${server.url}/ask`);
    await page.getByLabel('Department').selectOption('general_practice');
    await page.getByLabel('Where are you now?').selectOption('CN');
    await page.getByText(/online in this department/).waitFor({ timeout: 10_000 });
    expect((await doctorContext.request.post(`${server.url}/api/doctor/status`, { data: { online: false } })).status()).toBe(200);
    await page.getByText('No doctor of this department is online right now.', { exact: false }).waitFor({ timeout: 10_000 });
    expect((await doctorContext.request.post(`${server.url}/api/doctor/status`, { data: { online: true } })).status()).toBe(200);
    await page.getByText(/online in this department/).waitFor({ timeout: 10_000 });
    await doctorContext.close();
    await cleo.close();
  }, 60_000);

  it('the mini-program chat receives the doctor’s message over its WebSocket', async () => {
    const hostContext = await newContext(browser, { phone: true });
    const host = await hostContext.newPage();
    const requests = apiRequests(host);
    const sockets: string[] = [];
    host.on('websocket', (ws) => sockets.push(ws.url()));
    await host.goto(`${server.url}/demo/host`);
    await host.getByRole('button', { name: 'Ask a doctor' }).click();
    const mini = host.frameLocator('iframe.lotus-mini-frame');
    await mini.getByText('Hello Alex Martin').waitFor({ timeout: 15_000 });
    await mini.getByLabel('Department').selectOption('cardiology');
    await mini.getByLabel('What is the problem?').fill('My ankles swell in the evening after work.');
    await mini.getByLabel(/I have read this and agree to an online consultation/).check();
    await mini.getByRole('button', { name: 'Ask now' }).click();
    await mini.getByText('Waiting for a doctor…').waitFor();
    await expect.poll(() => sockets.filter((u) => new URL(u).pathname === '/api/realtime').length).toBe(1);
    expect(sockets.every((u) => !u.includes('lts_') && !u.includes('token'))).toBe(true);

    const doctorContext = await newContext(browser);
    await signInBy(doctorContext, 'dr.smith@lotus.demo', 'lotus-doctor-demo');
    const queue = (await (await doctorContext.request.get(`${server.url}/api/doctor/queue`)).json()) as Array<{ id: string; description: string }>;
    const item = queue.find((q) => q.description.startsWith('My ankles swell'))!;
    const accepted = (await (await doctorContext.request.post(`${server.url}/api/consultations/${item.id}/accept`)).json()) as { conversationId: string };
    await mini.getByText('A doctor is answering').waitFor({ timeout: 10_000 });

    const before = requests.length;
    await doctorContext.request.post(`${server.url}/api/conversations/${accepted.conversationId}/messages`, {
      data: { clientId: 'mini-1', text: 'Raise your legs in the evening and tell me if it goes down.' },
    });
    await mini.getByText('Raise your legs in the evening').waitFor({ timeout: 10_000 });
    // It came on the socket: the chat did not fetch messages to show it.
    expect(requests.slice(before).filter((r) => r.includes('/messages'))).toEqual([]);
    await doctorContext.close();
    await hostContext.close();
  }, 60_000);
});
