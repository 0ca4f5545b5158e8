// The outbox across a killed sender: a real server process is SIGKILLed while an email it
// handed to SMTP has not been acknowledged (the SMTP server holds its answer), i.e. between
// send and mark-sent. Started again on the same data, it sends that email once more after
// the lease runs out (same Message-ID, so mail clients fold it), every other notification
// arrives, and nothing arrives more than twice. SQLite file; the sender's lease is shortened.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSmtp, type SmtpStandIn } from '../fixtures/mail/smtp.ts';
import { httpClient, register, startLotus, type ServerProcess } from './server-process.ts';

const QUESTIONS = 30;
const DOCTOR = 'dr.smith@lotus.demo';

describe('outbox across a SIGKILL between send and mark-sent', () => {
  let server: ServerProcess | null = null;
  let smtp: SmtpStandIn | null = null;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-outbox-kill-'));
  afterAll(async () => {
    await server?.stop();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resends at most once and loses nothing', { timeout: 240_000 }, async () => {
    smtp = await startSmtp();
    const env = { LOTUS_DATA_DIR: dir, LOTUS_DEMO: 'true', LOTUS_SMTP_URL: smtp.url, LOTUS_NOTIFY_INTERVAL_MS: '200', LOTUS_NOTIFY_LEASE_SECONDS: '2' };
    server = await startLotus(env);
    const held = smtp.holdNext();
    // Each new cardiology question tells the department's online doctor (the demo's cardiologist).
    for (let i = 0; i < QUESTIONS; i++) {
      const patient = await register(server.base, `Patient ${i}`);
      const asked = await httpClient(server.base, patient.token).post('/api/consultations', { department: 'cardiology', description: `Palpitations after coffee for a week, question ${i}.`, age: 30 + i, acceptTelemedicine: true });
      expect(asked.statusCode, asked.body).toBe(201);
    }
    const mail = await held;
    expect(mail.to).toEqual([DOCTOR]);
    await server.kill();
    server = null;

    const before = smtp.received.length;
    server = await startLotus(env);
    const deadline = Date.now() + 60_000;
    const ids = () => smtp!.received.filter((m) => m.to.includes(DOCTOR)).map((m) => m.headers['message-id']!);
    while (new Set(ids()).size < QUESTIONS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));

    const counts = new Map<string, number>();
    for (const id of ids()) counts.set(id, (counts.get(id) ?? 0) + 1);
    // None lost: one distinct email per question.
    expect(counts.size).toBe(QUESTIONS);
    // At most one resend of any email; the one killed mid-send was sent again, with its Message-ID.
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);
    expect(counts.get(mail.headers['message-id']!)).toBe(2);
    expect(smtp.received.length).toBeGreaterThan(before);
  });
});
