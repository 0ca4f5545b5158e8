// "A message is acknowledged only after it is durably stored": a real server process is
// killed with SIGKILL in the middle of a stream of messages, then started again on the same
// data. Every acknowledged message must be there exactly once, at the seq it was
// acknowledged with, with no gap; resending the unacknowledged ones (same clientIds) stores
// each at most once; resending acknowledged ones answers their original seq; and a socket
// that followed the stream resumes from its last seq with nothing lost or doubled.
// Runs on a SQLite file always, and on a fresh PostgreSQL database when TEST_DATABASE_URL
// is set. These files manage their own databases, so only the `sqlite` project runs them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, httpClient, register, SocketClient, startLotus, type Person, type ServerProcess } from './server-process.ts';

interface Sent {
  clientId: string;
  sender: Person;
  /** The seq of the 201 answer; null when no answer came (in flight at the kill, or never sent). */
  seq: number | null;
}

const PER_SENDER = 60;
const WORKERS_PER_SENDER = 3;
const KILL_AFTER_ACKS = 40;

interface Target {
  name: string;
  env(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}

const targets: Target[] = [
  {
    name: 'a SQLite file',
    async env() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-kill-'));
      return { env: { LOTUS_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  targets.push({
    name: 'PostgreSQL',
    async env() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-kill-pg-'));
      const database = await createDatabase(pgUrl, 'lotus_kill');
      return {
        env: { LOTUS_DATA_DIR: dir, DATABASE_URL: database.url },
        cleanup: async () => {
          await database.drop();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  });
}

for (const target of targets) {
  describe(`SIGKILL in the middle of a message stream, on ${target.name}`, () => {
    let server: ServerProcess | null = null;
    let cleanup: (() => Promise<void>) | null = null;
    afterAll(async () => {
      await server?.stop();
      await cleanup?.();
    });

    it('keeps every acknowledged message exactly once, in seq order, and stores each resend at most once', { timeout: 240_000 }, async () => {
      const setup = await target.env();
      cleanup = setup.cleanup;
      server = await startLotus(setup.env);
      const ada = await register(server.base, 'Ada');
      const bo = await register(server.base, 'Bo');
      const created = await httpClient(server.base, ada.token).post('/api/conversations', { kind: 'direct', memberIds: [bo.id] });
      expect(created.statusCode).toBe(201);
      const id = created.data.id as string;

      // Bo follows the conversation live while it is written.
      const follower = await SocketClient.open(server.wsUrl, bo.token);
      follower.send({ type: 'subscribe', conversationId: id, afterSeq: 0 });
      await follower.until((f) => f.some((x) => x.type === 'subscribed'));

      const sent: Sent[] = [];
      const queues = new Map<Person, Sent[]>();
      for (const sender of [ada, bo]) {
        const queue = Array.from({ length: PER_SENDER }, (_, i): Sent => ({ clientId: `${sender === ada ? 'ada' : 'bo'}-${i}`, sender, seq: null }));
        queues.set(sender, queue);
        sent.push(...queue);
      }

      const running = server;
      let acks = 0;
      let killed = false;
      let inFlight = 0;
      let inFlightAtKill = -1;
      const killing: Promise<void>[] = [];
      const cursor = new Map<Person, number>([
        [ada, 0],
        [bo, 0],
      ]);
      async function worker(sender: Person): Promise<void> {
        const queue = queues.get(sender)!;
        const http = httpClient(running.base, sender.token);
        while (!killed) {
          const next = queue[cursor.get(sender)!];
          if (!next) return;
          cursor.set(sender, cursor.get(sender)! + 1);
          inFlight++;
          try {
            const res = await http.post(`/api/conversations/${id}/messages`, { clientId: next.clientId, text: `message ${next.clientId}` });
            if (res.statusCode === 201) {
              next.seq = res.data.seq;
              acks++;
            } else {
              throw new Error(`unexpected ${res.statusCode} ${res.body}`);
            }
          } catch (error) {
            // Refused or cut off by the kill: this one is unacknowledged.
            if (!killed) throw error;
          } finally {
            inFlight--;
          }
          if (!killed && acks >= KILL_AFTER_ACKS) {
            killed = true;
            inFlightAtKill = inFlight;
            killing.push(running.kill());
          }
        }
      }
      await Promise.all([ada, bo].flatMap((sender) => Array.from({ length: WORKERS_PER_SENDER }, () => worker(sender))));
      await Promise.all(killing);

      expect(killed).toBe(true);
      // The kill landed while posts were still on their way: the test tests what it says.
      expect(inFlightAtKill).toBeGreaterThan(0);
      expect(running.child.signalCode).toBe('SIGKILL');
      const acknowledged = sent.filter((s) => s.seq !== null);
      const unacknowledged = sent.filter((s) => s.seq === null);
      expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
      expect(unacknowledged.length).toBeGreaterThan(0);
      const seenLive = follower.messages(id).map((m) => m.seq!);
      await follower.close();

      // Same data, a new process.
      server = await startLotus(setup.env);
      const adaHttp = httpClient(server.base, ada.token);
      const list = async () => (await adaHttp.get(`/api/conversations/${id}/messages?after=0&limit=500`)).data as Array<{ seq: number; senderId: string; clientId: string; text: string }>;

      const afterRestart = await list();
      const seqs = afterRestart.map((m) => m.seq);
      expect(seqs).toEqual(Array.from({ length: afterRestart.length }, (_, i) => i + 1));
      const byKey = new Map(afterRestart.map((m) => [`${m.senderId}/${m.clientId}`, m]));
      expect(byKey.size).toBe(afterRestart.length);
      for (const a of acknowledged) {
        const stored = byKey.get(`${a.sender.id}/${a.clientId}`);
        expect(stored, `acknowledged ${a.clientId} is stored`).toBeDefined();
        expect(stored!.seq).toBe(a.seq);
        expect(stored!.text).toBe(`message ${a.clientId}`);
      }
      // At most the posts that were in flight at the kill can be stored unacknowledged.
      expect(afterRestart.length - acknowledged.length).toBeLessThanOrEqual(Math.max(0, inFlightAtKill));
      // Every message the live socket saw was a committed one.
      for (const seq of seenLive) expect(seq).toBeLessThanOrEqual(afterRestart.length);

      // Bo's socket comes back on the new process and resumes from the last seq it saw.
      const lastSeen = seenLive.length ? Math.max(...seenLive) : 0;
      const resumed = await SocketClient.open(server.wsUrl, bo.token);
      resumed.send({ type: 'subscribe', conversationId: id, afterSeq: lastSeen });

      // Resend everything that was never acknowledged, with the same clientIds.
      const stored = afterRestart.length;
      for (const u of unacknowledged) {
        const res = await httpClient(server.base, u.sender.token).post(`/api/conversations/${id}/messages`, { clientId: u.clientId, text: `message ${u.clientId}` });
        expect(res.statusCode).toBe(201);
        const earlier = byKey.get(`${u.sender.id}/${u.clientId}`);
        // Committed before the kill but never answered: the resend gets that same message.
        if (earlier) expect(res.data.seq).toBe(earlier.seq);
        else expect(res.data.seq).toBeGreaterThan(stored);
        u.seq = res.data.seq;
      }

      const final = await list();
      expect(final.map((m) => m.seq)).toEqual(Array.from({ length: sent.length }, (_, i) => i + 1));
      const finalKeys = new Map(final.map((m) => [`${m.senderId}/${m.clientId}`, m.seq]));
      expect(finalKeys.size).toBe(sent.length);
      for (const s of sent) expect(finalKeys.get(`${s.sender.id}/${s.clientId}`)).toBe(s.seq);

      // Resending acknowledged messages answers their original seq and stores nothing new.
      for (const a of acknowledged.filter((_, i) => i % 7 === 0)) {
        const res = await httpClient(server.base, a.sender.token).post(`/api/conversations/${id}/messages`, { clientId: a.clientId, text: `message ${a.clientId}` });
        expect(res.statusCode).toBe(201);
        expect(res.data.seq).toBe(a.seq);
      }
      expect((await list()).length).toBe(sent.length);

      // The resumed socket received exactly what it missed, once each, in order.
      await resumed.until((f) => f.filter((x) => x.type === 'message').length >= sent.length - lastSeen);
      await new Promise((r) => setTimeout(r, 200));
      const combined = seenLive.concat(resumed.messages(id).map((m) => m.seq!));
      expect(combined).toEqual(Array.from({ length: sent.length }, (_, i) => i + 1));
      await resumed.close();
    });
  });
}
