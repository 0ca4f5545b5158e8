// Group commit under SIGKILL: many posts in flight at once over several conversations (so
// the server writes them in batches, and each message is posted twice at the same moment
// so copies share a batch), the process killed while batches are being written. After a
// restart on the same data: every acknowledged message is stored once at the seq it was
// acknowledged with, each conversation's seqs run 1..n with no gap, both copies of a
// message were answered with the same seq, and at most what was in flight is stored
// unacknowledged. Runs on a SQLite file, and on PostgreSQL when TEST_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, httpClient, register, startLotus, type Person, type ServerProcess } from './server-process.ts';

const WORKERS = 24;
const KILL_AFTER_ACKS = 150;

interface Target {
  name: string;
  env(): Promise<{ env: Record<string, string>; cleanup(): Promise<void> }>;
}
const targets: Target[] = [
  {
    name: 'a SQLite file',
    async env() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-batch-kill-'));
      return { env: { LOTUS_DATA_DIR: dir }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
];
const pgUrl = process.env.TEST_DATABASE_URL;
if (pgUrl) {
  targets.push({
    name: 'PostgreSQL',
    async env() {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-batch-kill-pg-'));
      const database = await createDatabase(pgUrl, 'lotus_batch_kill');
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
  describe(`SIGKILL while group commit writes batches, on ${target.name}`, () => {
    let server: ServerProcess | null = null;
    let cleanup: (() => Promise<void>) | null = null;
    afterAll(async () => {
      await server?.stop();
      await cleanup?.();
    });

    it('keeps every acknowledged message once, at its seq, with no gap in any conversation', { timeout: 240_000 }, async () => {
      const setup = await target.env();
      cleanup = setup.cleanup;
      server = await startLotus({ ...setup.env, LOTUS_MESSAGES_PER_MINUTE: '100000' });
      const people = await Promise.all(['Ada', 'Bo', 'Cy', 'Di'].map((name) => register(server!.base, name)));
      const chats: Array<{ id: string; members: [Person, Person] }> = [];
      for (const [a, b] of [[0, 1], [2, 3], [0, 2], [1, 3]] as const) {
        const created = await httpClient(server.base, people[a]!.token).post('/api/conversations', { kind: 'direct', memberIds: [people[b]!.id] });
        expect(created.statusCode).toBe(201);
        chats.push({ id: created.data.id, members: [people[a]!, people[b]!] });
      }

      const running = server;
      const acked = new Map<string, { chat: string; sender: Person; clientId: string; seq: number }>();
      const attempted: Array<{ chat: string; sender: Person; clientId: string }> = [];
      let killed = false;
      let inFlight = 0;
      let inFlightAtKill = 0;
      let mismatchedCopies = 0;
      let next = 0;
      const killing: Promise<void>[] = [];
      const post = (sender: Person, chat: string, clientId: string) =>
        httpClient(running.base, sender.token).post(`/api/conversations/${chat}/messages`, { clientId, text: `message ${clientId}` });
      async function worker(): Promise<void> {
        while (!killed) {
          const n = next++;
          const chat = chats[n % chats.length]!;
          const sender = chat.members[Math.floor(n / chats.length) % 2]!;
          const clientId = `m${n}`;
          attempted.push({ chat: chat.id, sender, clientId });
          inFlight += 2;
          try {
            // The same message twice at once: both copies answer one stored message.
            const [first, second] = await Promise.all([post(sender, chat.id, clientId), post(sender, chat.id, clientId)]);
            if (first.statusCode === 201 && second.statusCode === 201) {
              if (first.data.seq !== second.data.seq) mismatchedCopies++;
              acked.set(`${sender.id}/${clientId}`, { chat: chat.id, sender, clientId, seq: first.data.seq });
            } else if (first.statusCode === 201 || second.statusCode === 201) {
              const ok = first.statusCode === 201 ? first : second;
              acked.set(`${sender.id}/${clientId}`, { chat: chat.id, sender, clientId, seq: ok.data.seq });
            } else if (!killed) {
              throw new Error(`unexpected ${first.statusCode} ${first.body}`);
            }
          } catch (error) {
            if (!killed) throw error;
          } finally {
            inFlight -= 2;
          }
          if (!killed && acked.size >= KILL_AFTER_ACKS) {
            killed = true;
            inFlightAtKill = inFlight;
            killing.push(running.kill());
          }
        }
      }
      await Promise.all(Array.from({ length: WORKERS }, worker));
      await Promise.all(killing);
      expect(running.child.signalCode).toBe('SIGKILL');
      expect(inFlightAtKill).toBeGreaterThan(0);
      expect(mismatchedCopies).toBe(0);

      server = await startLotus(setup.env);
      const stored = new Map<string, number>();
      for (const chat of chats) {
        const list = (await httpClient(server.base, chat.members[0].token).get(`/api/conversations/${chat.id}/messages?after=0&limit=500`)).data as Array<{ seq: number; senderId: string; clientId: string; text: string }>;
        expect(list.map((m) => m.seq)).toEqual(Array.from({ length: list.length }, (_, i) => i + 1));
        for (const m of list) {
          expect(stored.has(`${m.senderId}/${m.clientId}`)).toBe(false);
          stored.set(`${m.senderId}/${m.clientId}`, m.seq);
          expect(m.text).toBe(`message ${m.clientId}`);
        }
      }
      for (const [key, a] of acked) expect(stored.get(key), `acknowledged ${a.clientId}`).toBe(a.seq);
      // Each message in flight at the kill was two requests for one message.
      expect(stored.size - acked.size).toBeLessThanOrEqual(inFlightAtKill / 2);

      // Resending what was never acknowledged stores each once; what was stored answers its seq.
      for (const a of attempted.filter((x) => !acked.has(`${x.sender.id}/${x.clientId}`))) {
        const res = await httpClient(server.base, a.sender.token).post(`/api/conversations/${a.chat}/messages`, { clientId: a.clientId, text: `message ${a.clientId}` });
        expect(res.statusCode).toBe(201);
        const earlier = stored.get(`${a.sender.id}/${a.clientId}`);
        if (earlier !== undefined) expect(res.data.seq).toBe(earlier);
      }
      let total = 0;
      for (const chat of chats) {
        const list = (await httpClient(server.base, chat.members[0].token).get(`/api/conversations/${chat.id}/messages?after=0&limit=500`)).data as Array<{ seq: number }>;
        expect(list.map((m) => m.seq)).toEqual(Array.from({ length: list.length }, (_, i) => i + 1));
        total += list.length;
      }
      expect(total).toBe(new Set(attempted.map((a) => `${a.sender.id}/${a.clientId}`)).size);
    });
  });
}
