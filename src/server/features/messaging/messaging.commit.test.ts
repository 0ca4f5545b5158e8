// Group commit through HTTP: messages posted at the same moment are stored in one
// transaction, keep a strictly increasing seq per conversation in the order they came,
// store a clientId resent inside the same batch once, and answer only once stored. Posting
// rights proved by an earlier message are forgotten when members change or a
// conversation closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';

let t: TestApp;
let ada: TestUser;
let bo: TestUser;
let cy: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  [ada, bo, cy] = await Promise.all([t.user({ displayName: 'Ada' }), t.user({ displayName: 'Bo' }), t.user({ displayName: 'Cy' })]);
});
afterAll(async () => {
  await t.close();
});

async function direct(a: TestUser, b: TestUser): Promise<string> {
  const res = await a.http.post('/api/conversations', { kind: 'direct', memberIds: [b.id] });
  expect(res.statusCode).toBe(201);
  return res.data.id;
}

const list = async (who: TestUser, id: string) =>
  (await who.http.get(`/api/conversations/${id}/messages?after=0&limit=500`)).data as Array<{ seq: number; senderId: string; clientId: string; text: string }>;

describe('group commit', () => {
  it('stores concurrent posts in batches with seq strictly increasing per conversation, each sender in the order they posted', async () => {
    const conversations = [await direct(ada, bo), await direct(ada, cy), await direct(bo, cy)];
    const members: Record<string, [TestUser, TestUser]> = { [conversations[0]!]: [ada, bo], [conversations[1]!]: [ada, cy], [conversations[2]!]: [bo, cy] };
    const before = { ...t.services.messaging.commitStats };
    // 12 streams (a person in a conversation, 2 streams each), all at once; each stream posts
    // its next message when the last one was answered.
    const streams = Array.from({ length: 12 }, (_, s) => ({ id: conversations[s % 3]!, sender: members[conversations[s % 3]!]![Math.floor(s / 3) % 2]!, s }));
    const answered: Array<{ id: string; stream: number; clientId: string; text: string; seq: number }> = [];
    await Promise.all(
      streams.map(async ({ id, sender, s }) => {
        for (let k = 0; k < 12; k++) {
          const clientId = `s${s}-${k}`;
          const res = await sender.http.post(`/api/conversations/${id}/messages`, { clientId, text: `stream ${s} message ${k}` });
          expect(res.statusCode).toBe(201);
          answered.push({ id, stream: s, clientId, text: `stream ${s} message ${k}`, seq: res.data.seq });
        }
      }),
    );
    const stats = t.services.messaging.commitStats;
    // They were batched: fewer transactions than messages, some with several messages.
    expect(stats.messages - before.messages).toBe(144);
    expect(stats.batches - before.batches).toBeLessThan(144);
    expect(stats.largest).toBeGreaterThan(1);
    expect(stats.fallbacks).toBe(before.fallbacks);
    for (const { s } of streams) {
      const seqs = answered.filter((a) => a.stream === s).map((a) => a.seq);
      for (let k = 1; k < seqs.length; k++) expect(seqs[k]!).toBeGreaterThan(seqs[k - 1]!);
    }
    for (const id of conversations) {
      const mine = answered.filter((a) => a.id === id).sort((a, b) => a.seq - b.seq);
      expect(mine.map((a) => a.seq)).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
      const stored = await list(members[id]![0]!, id);
      expect(stored.map((m) => [m.seq, m.clientId, m.text])).toEqual(mine.map((a) => [a.seq, a.clientId, a.text]));
    }
  });

  it('stores a clientId resent inside the same batch once, and answers every copy with it', async () => {
    // A direct chat is one per pair: new people, a new chat.
    const [eve, fay] = await Promise.all([t.user({ displayName: 'Eve' }), t.user({ displayName: 'Fay' })]);
    const [cy, ada] = [eve, fay];
    const id = await direct(cy, ada);
    const messaging = t.services.messaging;
    const [cyActor, adaActor] = await Promise.all([t.services.accounts.authenticate(cy.token, 'bearer'), t.services.accounts.authenticate(ada.token, 'bearer')]);
    // Both have posted once, so their rights are proved and the copies below reach the
    // commit queue in the same turn of the event loop.
    await messaging.postMessage(cyActor!, id, { clientId: 'hello', text: 'hello' });
    await messaging.postMessage(adaActor!, id, { clientId: 'hello', text: 'hello' });
    const before = messaging.commitStats.batches;
    const copies = (
      await Promise.all([
        ...Array.from({ length: 5 }, () => messaging.postMessage(cyActor!, id, { clientId: 'same', text: 'only once' })),
        messaging.postMessage(adaActor!, id, { clientId: 'same', text: 'another sender, another message' }),
      ])
    ).map((data) => ({ statusCode: 201, data }));
    expect(messaging.commitStats.batches - before).toBe(1);
    const cySeqs = new Set(copies.slice(0, 5).map((c) => c.data.seq));
    expect(cySeqs.size).toBe(1);
    expect(copies[5]!.data.seq).not.toBe(copies[0]!.data.seq);
    const stored = (await list(cy, id)).filter((m) => m.clientId === 'same');
    expect(stored.map((m) => [m.senderId, m.seq])).toEqual([copies[0]!, copies[5]!].sort((a, b) => a.data.seq - b.data.seq).map((c) => [c.data.senderId, c.data.seq]));
    // A later resend still answers the same message.
    const later = await cy.http.post(`/api/conversations/${id}/messages`, { clientId: 'same', text: 'only once' });
    expect(later.data.seq).toBe(copies[0]!.data.seq);
    expect((await list(cy, id)).length).toBe(4);
  });

  it('announces each message once, in seq order, to a live socket', async () => {
    const [bo, ada] = await Promise.all([t.user({ displayName: 'Gus' }), t.user({ displayName: 'Hal' })]);
    const id = await direct(bo, ada);
    const frames: Array<{ seq: number }> = [];
    const unsubscribe = await t.platform.bus.subscribe(`conversation:${id}`, (event) => {
      const e = event as { type: string; seq: number };
      if (e.type === 'message') frames.push(e);
    });
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? bo : ada).http.post(`/api/conversations/${id}/messages`, { clientId: `live${i % 20}`, text: `live ${i % 20}` })));
    await new Promise((r) => setTimeout(r, 50));
    await unsubscribe();
    const seqs = frames.map((f) => f.seq);
    // 20 distinct messages (each posted twice): each announced exactly once.
    expect([...seqs].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });
});

describe('posting rights proved once', () => {
  it('are forgotten when a member leaves a group: their next post is refused', async () => {
    const group = await ada.http.post('/api/conversations', { kind: 'group', memberIds: [bo.id, cy.id], title: 'Walkers' });
    const id = group.data.id as string;
    expect((await cy.http.post(`/api/conversations/${id}/messages`, { clientId: 'g1', text: 'hello' })).statusCode).toBe(201);
    const removed = await ada.http.inject({ method: 'DELETE', url: `/api/conversations/${id}/members`, payload: { userId: cy.id } });
    expect(removed.statusCode).toBe(204);
    const after = await cy.http.post(`/api/conversations/${id}/messages`, { clientId: 'g2', text: 'still here?' });
    expect(after.statusCode).toBe(404);
    // And proved again when they are invited back.
    expect((await ada.http.post(`/api/conversations/${id}/members`, { userIds: [cy.id] })).statusCode).toBe(200);
    expect((await cy.http.post(`/api/conversations/${id}/messages`, { clientId: 'g3', text: 'back' })).statusCode).toBe(201);
  });

  it('do not outlive a closed conversation: posting answers 409, a resend of a stored message still answers it', async () => {
    const [ada, bo] = await Promise.all([t.user({ displayName: 'Ivy' }), t.user({ displayName: 'Jo' })]);
    const id = await direct(ada, bo);
    const first = await ada.http.post(`/api/conversations/${id}/messages`, { clientId: 'k1', text: 'before' });
    expect(first.statusCode).toBe(201);
    await t.services.messaging.close(id);
    const refused = await ada.http.post(`/api/conversations/${id}/messages`, { clientId: 'k2', text: 'after' });
    expect(refused.statusCode).toBe(409);
    expect(refused.data.error.code).toBe('conversation_closed');
    const resent = await ada.http.post(`/api/conversations/${id}/messages`, { clientId: 'k1', text: 'before' });
    expect(resent.statusCode).toBe(201);
    expect(resent.data.seq).toBe(first.data.seq);
  });
});
