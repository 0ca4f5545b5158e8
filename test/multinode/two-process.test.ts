// Two real server processes on one fresh PostgreSQL database and one Redis, as behind a
// load balancer without sticky sessions: a patient whose socket is held by process A and a
// doctor whose socket is held by process B consult in real time (messages, typing, read
// receipts), both see every message once and in seq order, and when B dies the doctor
// reconnects to A and resumes from the last seq seen.
// Registered only when TEST_DATABASE_URL and TEST_REDIS_URL are set (CI sets both;
// vitest.config.ts prints a SKIPPED line otherwise and leaves this file out).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyFully, usApplication } from '../../src/server/features/doctors/doctors.test-helpers.ts';
import { nextNpi, offlineRegistries } from '../support/doctors.ts';
import { createDatabase, httpClient, login, register, SocketClient, startLotus, type Person, type ServerProcess } from './server-process.ts';

const pgUrl = process.env.TEST_DATABASE_URL;
const redisUrl = process.env.TEST_REDIS_URL;

if (pgUrl && redisUrl) {
  describe('two server processes on PostgreSQL and Redis', () => {
    let dir: string;
    let database: { url: string; drop(): Promise<void> };
    let a: ServerProcess;
    let b: ServerProcess;
    const sockets: SocketClient[] = [];

    beforeAll(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-two-'));
      database = await createDatabase(pgUrl, 'lotus_two');
      const env = {
        ...offlineRegistries,
        // Shared by both: the database, the bus, the secret (blob encryption) and the uploads.
        DATABASE_URL: database.url,
        REDIS_URL: redisUrl,
        LOTUS_SECRET: 'two-process-test-secret-at-least-32-characters',
        LOTUS_DATA_DIR: dir,
        LOTUS_ADMIN_EMAIL: 'admin@two-process.test',
        LOTUS_ADMIN_PASSWORD: 'admin passphrase',
      };
      // One after the other only to keep the two cores free; migrations take a lock anyway.
      a = await startLotus(env);
      b = await startLotus(env);
    }, 200_000);

    afterAll(async () => {
      for (const s of sockets) await s.close();
      await Promise.allSettled([a?.stop(), b?.stop()]);
      await database?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    async function approvedDoctor(): Promise<Person> {
      // Applies through B (documents land in the shared data directory), approved through A.
      const doctor = await register(b.base, 'Dr Two Process');
      const submitted = await applyFully(httpClient(b.base, doctor.token), usApplication({ fullName: 'Dr Two Process', identifiers: { npi: nextNpi() }, multiState: true }));
      const admin = await login(a.base, 'admin@two-process.test', 'admin passphrase');
      expect((await httpClient(a.base, admin.token).post(`/api/admin/doctor-applications/${submitted.data.id}/evidence`, { outcome: 'match', note: 'checked by hand in tests' })).statusCode).toBe(200);
      const decision = await httpClient(a.base, admin.token).post(`/api/admin/doctor-applications/${submitted.data.id}/decision`, { decision: 'approve', reason: 'checked by hand in tests' });
      expect(decision.statusCode).toBe(200);
      expect((await httpClient(b.base, doctor.token).post('/api/doctor/status', { online: true })).statusCode).toBe(200);
      return doctor;
    }

    const open = async (server: ServerProcess, person: Person) => {
      const socket = await SocketClient.open(server.wsUrl, person.token);
      sockets.push(socket);
      return socket;
    };
    const seqs = (socket: SocketClient, id: string) => socket.messages(id).map((m) => m.seq!);
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

    it('delivers between a patient on A and a doctor on B in real time, once each and in order, and resumes on A when B dies', { timeout: 120_000 }, async () => {
      const doctor = await approvedDoctor();
      const patient = await register(a.base, 'Patient On A');
      const patientHttp = httpClient(a.base, patient.token);
      const doctorHttp = httpClient(b.base, doctor.token);

      const asked = await patientHttp.post('/api/consultations', { department: 'general_practice', description: 'A sore throat and a mild fever for three days now.', age: 41, sex: 'male', acceptTelemedicine: true });
      expect(asked.statusCode).toBe(201);
      expect(asked.data).toMatchObject({ status: 'waiting', free: true });
      const consultationId = asked.data.id as string;
      const id = asked.data.conversationId as string;

      // The patient follows the conversation on A before any doctor has taken it.
      const patientSocket = await open(a, patient);
      patientSocket.send({ type: 'subscribe', conversationId: id, afterSeq: 0 });
      await patientSocket.until((f) => f.some((x) => x.type === 'subscribed'));

      // B sees what A wrote: the queue and the consultation live in the shared database.
      const queue = await doctorHttp.get('/api/doctor/queue');
      expect(queue.data.map((q: { id: string }) => q.id)).toContain(consultationId);
      expect((await doctorHttp.post(`/api/consultations/${consultationId}/accept`)).statusCode).toBe(200);

      // The "has joined" notice is written on B and reaches the patient's socket on A.
      await patientSocket.until((f) => f.some((x) => x.type === 'message'));
      expect(patientSocket.messages(id)[0]).toMatchObject({ seq: 1, kind: 'system', text: expect.stringContaining('Dr Two Process') });

      const doctorSocket = await open(b, doctor);
      doctorSocket.send({ type: 'subscribe', conversationId: id, afterSeq: 1 });
      await doctorSocket.until((f) => f.some((x) => x.type === 'subscribed'));

      // Patient posts to A; the doctor's socket on B gets it.
      const hello = await patientHttp.post(`/api/conversations/${id}/messages`, { clientId: 'p-hello', text: 'Hello doctor, it started on Monday.' });
      expect(hello.statusCode).toBe(201);
      expect(hello.data.seq).toBe(2);
      await doctorSocket.until((f) => f.some((x) => x.type === 'message' && x.seq === 2));
      expect(doctorSocket.messages(id)[0]).toMatchObject({ seq: 2, senderId: patient.id, text: 'Hello doctor, it started on Monday.' });

      // Typing on B reaches A; the reply posted to B reaches A; the read receipt on A reaches B.
      doctorSocket.send({ type: 'typing', conversationId: id });
      await patientSocket.until((f) => f.some((x) => x.type === 'typing'));
      expect(patientSocket.frames.find((x) => x.type === 'typing')).toMatchObject({ conversationId: id, userId: doctor.id });
      const reply = await doctorHttp.post(`/api/conversations/${id}/messages`, { clientId: 'd-reply', text: 'Any trouble swallowing?' });
      expect(reply.data.seq).toBe(3);
      await patientSocket.until((f) => f.some((x) => x.type === 'message' && x.seq === 3));
      expect(patientSocket.messages(id).at(-1)).toMatchObject({ senderId: doctor.id, text: 'Any trouble swallowing?' });
      patientSocket.send({ type: 'read', conversationId: id, seq: 3 });
      await doctorSocket.until((f) => f.some((x) => x.type === 'read'));
      expect(doctorSocket.frames.find((x) => x.type === 'read')).toMatchObject({ userId: patient.id, seq: 3 });

      // Both write at once through their own process: each socket sees every message once, in seq order.
      await Promise.all([
        (async () => {
          for (let i = 0; i < 15; i++) expect((await patientHttp.post(`/api/conversations/${id}/messages`, { clientId: `p${i}`, text: `patient ${i}` })).statusCode).toBe(201);
        })(),
        (async () => {
          for (let i = 0; i < 15; i++) expect((await doctorHttp.post(`/api/conversations/${id}/messages`, { clientId: `d${i}`, text: `doctor ${i}` })).statusCode).toBe(201);
        })(),
      ]);
      const total = 3 + 30;
      await patientSocket.until((f) => f.filter((x) => x.type === 'message').length >= total);
      await doctorSocket.until((f) => f.filter((x) => x.type === 'message').length >= total - 1);
      await new Promise((r) => setTimeout(r, 200));
      expect(seqs(patientSocket, id)).toEqual(upTo(total));
      expect(seqs(doctorSocket, id)).toEqual(upTo(total).slice(1));

      // B dies. Without sticky sessions the doctor's next connection lands on A and resumes.
      await b.kill();
      const lastSeen = Math.max(...seqs(doctorSocket, id));
      for (let i = 0; i < 3; i++) await patientHttp.post(`/api/conversations/${id}/messages`, { clientId: `after-${i}`, text: `while B is down ${i}` });
      const doctorOnA = await open(a, doctor);
      doctorOnA.send({ type: 'subscribe', conversationId: id, afterSeq: lastSeen });
      await doctorOnA.until((f) => f.filter((x) => x.type === 'message').length >= 3);
      await new Promise((r) => setTimeout(r, 200));
      expect(seqs(doctorOnA, id)).toEqual([total + 1, total + 2, total + 3]);
      expect(seqs(patientSocket, id)).toEqual(upTo(total + 3));

      // The session made on B works on A; closing there makes the chat read-only for both.
      const closed = await httpClient(a.base, doctor.token).post(`/api/consultations/${consultationId}/close`, { summary: 'Viral pharyngitis; rest and fluids.' });
      expect(closed.statusCode).toBe(200);
      const late = await patientHttp.post(`/api/conversations/${id}/messages`, { clientId: 'too-late', text: 'One more thing' });
      expect(late.statusCode).toBe(409);
    });
  });
}
