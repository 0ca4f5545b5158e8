// A video call in two browsers with fake camera and microphone: the doctor (workspace, desktop)
// calls, the patient (phone-sized patient app) answers, each side's RTCPeerConnection
// decodes the other's video frames, the doctor hangs up and the duration is recorded in
// the call and in the chat. Then the same through a local coturn with relayed candidates
// only (iceTransportPolicy "relay"): the media provably goes through TURN. A weak uplink
// drops the call to audio.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { coturnAvailable, startCoturn, type Coturn } from '../support/coturn.ts';
import { describeViolations, launchBrowser, newContext, seriousA11yViolations, startServer, type E2EServer } from './support.ts';

const MEDIA_FLAGS = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', '--autoplay-policy=no-user-gesture-required'];

/** Every RTCPeerConnection the page makes, so the test can read its getStats(). */
function recordPeerConnections() {
  const Original = window.RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections = made;
  window.RTCPeerConnection = class extends Original {
    constructor(config?: RTCConfiguration) {
      super(config);
      made.push(this);
    }
  } as typeof RTCPeerConnection;
}

interface MediaFacts {
  framesDecoded: number;
  localCandidateType: string | null;
  iceTransportPolicy: string | null;
}

/** From the newest open peer connection: inbound video frames decoded, and the type of the
 * local candidate of the selected pair (host, srflx, relay). */
async function mediaFacts(page: Page): Promise<MediaFacts> {
  return page.evaluate(async () => {
    const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
    const pc = [...pcs].reverse().find((p) => p.connectionState !== 'closed');
    if (!pc) return { framesDecoded: 0, localCandidateType: null, iceTransportPolicy: null };
    const stats = await pc.getStats();
    let framesDecoded = 0;
    let pairLocal: string | null = null;
    const candidates = new Map<string, string>();
    stats.forEach((r) => {
      if (r.type === 'inbound-rtp' && r.kind === 'video') framesDecoded += r.framesDecoded ?? 0;
      if (r.type === 'local-candidate') candidates.set(r.id, r.candidateType);
      if (r.type === 'transport' && r.selectedCandidatePairId) {
        const pair = stats.get(r.selectedCandidatePairId);
        if (pair) pairLocal = pair.localCandidateId;
      }
    });
    return { framesDecoded, localCandidateType: pairLocal ? (candidates.get(pairLocal) ?? null) : null, iceTransportPolicy: pc.getConfiguration().iceTransportPolicy ?? null };
  });
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T = await read();
  while (!ok(last)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await read();
  }
  return last;
}

async function api(server: E2EServer, method: string, path: string, token: string | null, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(data)}`);
  return data;
}

async function signIn(page: Page, base: string, login: string, password: string) {
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email or mobile number').fill(login);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.endsWith('/signin'));
}

/** A new patient's consultation, taken by Dr Li; both signed in on its page. */
async function consultationInTwoBrowsers(server: E2EServer, browser: Browser, email: string) {
  const password = 'a long enough passphrase';
  const registered = await api(server, 'POST', '/api/auth/register', null, { email, password, displayName: 'Lea Moreau', acceptTerms: true });
  const asked = await api(server, 'POST', '/api/consultations', registered.token, { department: 'general_practice', country: 'CN', description: 'A red rash on my forearm since Monday; it itches at night.', acceptTelemedicine: true });
  const doctorLogin = await api(server, 'POST', '/api/auth/login', null, { login: 'dr.li@lotus.demo', password: 'lotus-doctor-demo' });
  await api(server, 'POST', `/api/consultations/${asked.id}/accept`, doctorLogin.token);

  const patientContext = await newContext(browser, { phone: true });
  await patientContext.addInitScript(recordPeerConnections);
  const patient = await patientContext.newPage();
  await signIn(patient, server.url, email, password);
  await patient.goto(`${server.url}/consultations/${asked.id}`);

  const doctorContext = await newContext(browser);
  await doctorContext.addInitScript(recordPeerConnections);
  const doctor = await doctorContext.newPage();
  await signIn(doctor, `${server.url}/doctor`, 'dr.li@lotus.demo', 'lotus-doctor-demo');
  await doctor.goto(`${server.url}/doctor/consultations/${asked.id}`);
  return { id: asked.id as string, conversationId: asked.conversationId as string, patient, doctor, patientToken: registered.token as string, close: () => Promise.all([patientContext.close(), doctorContext.close()]) };
}

async function callAnswerHangUp(server: E2EServer, browser: Browser, email: string, expectRelay: boolean) {
  const c = await consultationInTwoBrowsers(server, browser, email);
  try {
    const { doctor, patient } = c;
    await doctor.getByText(/Calls are not recorded/).waitFor();
    await doctor.getByRole('button', { name: 'Video call' }).click();
    await doctor.getByText(/Calling Lea Moreau/).waitFor();

    await patient.getByText(/is calling you \(video call\)/).waitFor({ timeout: 15_000 });
    await patient.getByText(/Calls are not recorded/).waitFor();
    await patient.getByRole('button', { name: 'Answer' }).click();

    for (const [who, page] of [['doctor', doctor], ['patient', patient]] as const) {
      const facts = await until(() => mediaFacts(page), (f) => f.framesDecoded > 0, `${who} decodes inbound video`);
      expect(facts.framesDecoded).toBeGreaterThan(0);
      if (expectRelay) {
        expect(facts.iceTransportPolicy).toBe('relay');
        expect(facts.localCandidateType).toBe('relay');
      }
    }
    await patient.getByText(/In call with/).waitFor({ timeout: 15_000 });
    // The controls a person needs, at 390 px too.
    await patient.getByRole('button', { name: 'Mute' }).click();
    await patient.getByRole('button', { name: 'Unmute' }).waitFor();
    await patient.getByRole('button', { name: 'Turn camera off' }).click();
    await patient.getByRole('button', { name: 'Turn camera on' }).waitFor();
    const violations = await seriousA11yViolations(patient);
    expect(describeViolations(violations)).toBe('');

    if (!expectRelay) {
      // A weak uplink (the browser estimates 50 kbit/s): the doctor's page stops sending
      // video, keeps the sound, and says so.
      await doctor.evaluate(() => {
        const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
        const pc = [...pcs].reverse().find((p) => p.connectionState === 'connected')!;
        const real = pc.getStats.bind(pc);
        pc.getStats = (async () => {
          const report = await real();
          const reports: unknown[] = [];
          report.forEach((r) => reports.push(r.type === 'candidate-pair' ? { ...r, nominated: true, state: 'succeeded', availableOutgoingBitrate: 50_000 } : r));
          return { forEach: (f: (r: unknown) => void) => reports.forEach(f), get: (id: string) => report.get(id) };
        }) as unknown as typeof pc.getStats;
      });
      await doctor.getByText(/The connection is weak/).waitFor({ timeout: 15_000 });
      const sending = await doctor.evaluate(() => {
        const pcs = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
        const pc = [...pcs].reverse().find((p) => p.connectionState === 'connected')!;
        return pc.getSenders().map((sender) => sender.track?.kind ?? null).sort();
      });
      expect(sending).toEqual(['audio', null]);
      await doctor.getByText(/In call with/).waitFor();
    }

    await new Promise((resolve) => setTimeout(resolve, 1200));
    await doctor.getByRole('button', { name: 'Hang up' }).click();
    await doctor.getByText(/The call has ended/).waitFor({ timeout: 10_000 });
    await patient.getByText(/The call has ended/).waitFor({ timeout: 10_000 });
    const calls = await api(server, 'GET', `/api/consultations/${c.id}/calls`, c.patientToken);
    expect(calls[0]).toMatchObject({ status: 'ended', media: 'video' });
    expect(calls[0].durationSeconds).toBeGreaterThanOrEqual(1);
    expect(calls[0].startedAt).not.toBeNull();
    // The chat records it, live on both sides.
    await patient.getByText(/^Video call, \d+/).waitFor({ timeout: 10_000 });
    await doctor.getByText(/^Video call, \d+/).waitFor({ timeout: 10_000 });
  } finally {
    await c.close();
  }
}

describe('a video call in the browser', () => {
  let server: E2EServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(MEDIA_FLAGS);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the doctor calls, the patient answers, both decode video, a weak uplink drops to audio, hang-up records the duration', async () => {
    await callAnswerHangUp(server, browser, 'lea.calls@example.com', false);
  });

  it('the mini-program inside a partner app answers a voice call', async () => {
    const readerContext = await newContext(browser, { phone: true });
    await readerContext.addInitScript(recordPeerConnections);
    const doctorContext = await newContext(browser);
    await doctorContext.addInitScript(recordPeerConnections);
    try {
      const host = await readerContext.newPage();
      await host.goto(`${server.url}/demo/host`);
      await host.getByRole('button', { name: 'Ask a doctor' }).click();
      const mini = host.frameLocator('iframe.lotus-mini-frame');
      // The reader is in the United States (their language's country): a doctor licensed there answers.
      await mini.getByLabel('Department').selectOption('cardiology', { timeout: 15_000 });
      await mini.getByLabel('What is the problem?').fill('Dizzy when I stand up, since this morning.');
      await mini.getByLabel(/I have read this and agree to an online consultation/).check();
      await mini.getByRole('button', { name: 'Ask now' }).click();
      await mini.getByText('Waiting for a doctor…').waitFor();

      const doctorLogin = await api(server, 'POST', '/api/auth/login', null, { login: 'dr.smith@lotus.demo', password: 'lotus-doctor-demo' });
      const queue = await api(server, 'GET', '/api/doctor/queue', doctorLogin.token);
      const item = queue.find((q: { description: string }) => q.description.startsWith('Dizzy when I stand up'));
      await api(server, 'POST', `/api/consultations/${item.id}/accept`, doctorLogin.token);
      const doctor = await doctorContext.newPage();
      await signIn(doctor, `${server.url}/doctor`, 'dr.smith@lotus.demo', 'lotus-doctor-demo');
      await doctor.goto(`${server.url}/doctor/consultations/${item.id}`);
      await doctor.getByRole('button', { name: 'Voice call' }).click();

      await mini.getByText('Your doctor is calling you').waitFor({ timeout: 15_000 });
      await mini.getByText(/Calls are not recorded/).waitFor();
      await mini.getByRole('button', { name: 'Answer (voice)' }).click();
      await mini.getByText('In call with your doctor').waitFor({ timeout: 20_000 });
      const frame = host.frames().find((f) => f.url().includes('/mini/'))!;
      const audioIn = (page: Pick<Page, 'evaluate'>) =>
        page.evaluate(async () => {
          const pcs = (window as unknown as { __peerConnections?: RTCPeerConnection[] }).__peerConnections ?? [];
          const pc = [...pcs].reverse().find((p) => p.connectionState !== 'closed');
          let packets = 0;
          (await pc?.getStats())?.forEach((r) => {
            if (r.type === 'inbound-rtp' && r.kind === 'audio') packets += r.packetsReceived ?? 0;
          });
          return packets;
        });
      await until(() => audioIn(frame), (n) => n > 0, 'the mini-program receives audio');
      await until(() => audioIn(doctor), (n) => n > 0, 'the doctor receives audio');
      await doctor.getByRole('button', { name: 'Hang up' }).click();
      await mini.getByText(/^Voice call, \d+/).waitFor({ timeout: 10_000 });
    } finally {
      await readerContext.close();
      await doctorContext.close();
    }
  });

  it('the patient can decline, and a reload still shows a ringing call', async () => {
    const c = await consultationInTwoBrowsers(server, browser, 'lea.declines@example.com');
    try {
      await c.doctor.getByRole('button', { name: 'Voice call' }).click();
      await c.patient.getByText(/is calling you \(voice call\)/).waitFor({ timeout: 15_000 });
      await c.patient.reload();
      await c.patient.getByText(/is calling you \(voice call\)/).waitFor({ timeout: 15_000 });
      await c.patient.getByRole('button', { name: 'Decline' }).click();
      await c.doctor.getByText('The call was declined.').waitFor({ timeout: 10_000 });
      await c.patient.getByText('Voice call declined').waitFor({ timeout: 10_000 });
    } finally {
      await c.close();
    }
  });
});

const ci = process.env.CI === 'true' || process.env.CI === '1';
if (coturnAvailable() || ci) {
  describe('a video call relayed through coturn', () => {
    let coturn: Coturn;
    let server: E2EServer;
    let browser: Browser;
    beforeAll(async () => {
      coturn = await startCoturn();
      server = await startServer({ LOTUS_TURN_URLS: coturn.url, LOTUS_TURN_SECRET: coturn.secret, LOTUS_CALL_RELAY_ONLY: 'true' });
      browser = await launchBrowser(MEDIA_FLAGS);
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await coturn?.stop();
    });

    it('connects with relayed candidates only and decodes video on both sides', async () => {
      await callAnswerHangUp(server, browser, 'lea.relay@example.com', true);
    });
  });
} else {
  process.stdout.write('SKIPPED the relayed call test: no turnserver binary (apt-get install coturn)\n');
}
