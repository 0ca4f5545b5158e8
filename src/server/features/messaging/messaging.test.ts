// The messaging core through HTTP: direct chats and groups, sequence numbers,
// idempotent resend (also racing), closed conversations, access, unread counts, images.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import type { ConversationAccess } from './messaging.policy.ts';
import { systemLine } from '../../../shared/system-lines.ts';

let t: TestApp;
let ada: TestUser;
let bo: TestUser;
let cy: TestUser;
let dee: TestUser;
let admin: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  [ada, bo, cy, dee] = await Promise.all([
    t.user({ displayName: 'Ada' }),
    t.user({ displayName: 'Bo' }),
    t.user({ displayName: 'Cy' }),
    t.user({ displayName: 'Dee' }),
  ]);
  admin = await t.user({ roles: ['admin'], displayName: 'Admin' });
});
afterAll(async () => {
  await t.close();
});

async function direct(a: TestUser, b: TestUser): Promise<string> {
  const res = await a.http.post('/api/conversations', { kind: 'direct', memberIds: [b.id] });
  expect(res.statusCode).toBe(201);
  return res.data.id;
}

describe('direct chats', () => {
  it('creates one direct chat per pair and reuses it from either side', async () => {
    const first = await ada.http.post('/api/conversations', { kind: 'direct', memberIds: [bo.id] });
    expect(first.statusCode).toBe(201);
    expect(first.data.created).toBe(true);
    const again = await bo.http.post('/api/conversations', { kind: 'direct', memberIds: [ada.id] });
    expect(again.data).toEqual({ id: first.data.id, created: false });
  });

  it('needs exactly one other existing person', async () => {
    const two = await ada.http.post('/api/conversations', { kind: 'direct', memberIds: [bo.id, cy.id] });
    expect(two.statusCode).toBe(422);
    expect(two.data.error.fields.memberIds).toMatch(/exactly one/);
    const ghost = await ada.http.post('/api/conversations', { kind: 'direct', memberIds: ['usr_nobody'] });
    expect(ghost.statusCode).toBe(422);
  });

  it('numbers messages in order and reads them back after a seq', async () => {
    const id = await direct(ada, cy);
    for (let i = 1; i <= 3; i++) {
      const res = await (i % 2 ? ada : cy).http.post(`/api/conversations/${id}/messages`, { clientId: `m${i}`, text: `hello ${i}` });
      expect(res.statusCode).toBe(201);
      expect(res.data.seq).toBe(i);
      expect(res.data.links).toEqual([]);
    }
    const after = await cy.http.get(`/api/conversations/${id}/messages?after=1`);
    expect(after.data.map((m: { seq: number; text: string }) => [m.seq, m.text])).toEqual([
      [2, 'hello 2'],
      [3, 'hello 3'],
    ]);
    expect(after.data[0]).toMatchObject({ senderId: cy.id, createdAt: expect.any(String) });
    const limited = await cy.http.get(`/api/conversations/${id}/messages?after=0&limit=1`);
    expect(limited.data).toHaveLength(1);
  });

  it('returns the same message and seq for the same clientId, sequentially and racing', async () => {
    const id = await direct(bo, cy);
    const first = await bo.http.post(`/api/conversations/${id}/messages`, { clientId: 'same', text: 'once' });
    const resend = await bo.http.post(`/api/conversations/${id}/messages`, { clientId: 'same', text: 'once' });
    expect(resend.statusCode).toBe(201);
    expect(resend.data.seq).toBe(first.data.seq);
    expect(resend.data.id).toBe(first.data.id);

    const racing = await Promise.all(Array.from({ length: 8 }, () => bo.http.post(`/api/conversations/${id}/messages`, { clientId: 'race', text: 'twice?' })));
    expect(new Set(racing.map((r) => r.data.seq)).size).toBe(1);
    expect(racing.every((r) => r.statusCode === 201)).toBe(true);
    // Another sender may use the same clientId: it is per sender.
    const other = await cy.http.post(`/api/conversations/${id}/messages`, { clientId: 'race', text: 'mine' });
    expect(other.data.seq).not.toBe(racing[0]!.data.seq);

    const distinct = await Promise.all(
      Array.from({ length: 10 }, (_, i) => cy.http.post(`/api/conversations/${id}/messages`, { clientId: `d${i}`, text: `n${i}` })),
    );
    const seqs = distinct.map((r) => r.data.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(10);
    const all = await cy.http.get(`/api/conversations/${id}/messages?after=0&limit=500`);
    expect(all.data.map((m: { seq: number }) => m.seq)).toEqual(Array.from({ length: all.data.length }, (_, i) => i + 1));
    expect(all.data.filter((m: { clientId: string }) => m.clientId === 'race')).toHaveLength(2);
  });

  it('hides a conversation from non-members (404) and lets an admin read it, audited, without posting', async () => {
    const id = await direct(ada, dee);
    await ada.http.post(`/api/conversations/${id}/messages`, { clientId: 'p1', text: 'private' });
    for (const res of [
      await bo.http.get(`/api/conversations/${id}/messages`),
      await bo.http.post(`/api/conversations/${id}/messages`, { clientId: 'x', text: 'hi' }),
      await bo.http.get(`/api/conversations/${id}`),
      await bo.http.post(`/api/conversations/${id}/read`, { seq: 1 }),
    ]) {
      expect(res.statusCode).toBe(404);
    }
    expect((await t.http().get(`/api/conversations/${id}/messages`)).statusCode).toBe(401);
    const read = await admin.http.get(`/api/conversations/${id}/messages`);
    expect(read.statusCode).toBe(200);
    expect(read.data[0].text).toBe('private');
    const audit = await t.platform.audit.list({ resourceType: 'conversation', resourceId: id });
    expect(audit.map((a) => [a.action, a.actorId])).toContainEqual(['conversation.read_by_admin', admin.id]);
    const post = await admin.http.post(`/api/conversations/${id}/messages`, { clientId: 'a', text: 'admin' });
    expect(post.statusCode).toBe(403);
  });

  it('counts unread messages from others until read', async () => {
    const id = await direct(cy, dee);
    await cy.http.post(`/api/conversations/${id}/messages`, { clientId: 'u1', text: 'one' });
    await cy.http.post(`/api/conversations/${id}/messages`, { clientId: 'u2', text: 'two' });
    const list = await dee.http.get('/api/conversations');
    const entry = list.data.find((c: { id: string }) => c.id === id);
    expect(entry).toMatchObject({ kind: 'direct', unread: 2, lastMessage: { seq: 2, text: 'two' } });
    expect(entry.members.map((m: { displayName: string }) => m.displayName).sort()).toEqual(['Cy', 'Dee']);
    expect((await cy.http.get('/api/conversations')).data.find((c: { id: string }) => c.id === id).unread).toBe(0);
    const read = await dee.http.post(`/api/conversations/${id}/read`, { seq: 1 });
    expect(read.data.lastReadSeq).toBe(1);
    expect((await dee.http.get('/api/conversations')).data.find((c: { id: string }) => c.id === id).unread).toBe(1);
    // The marker never moves back.
    await dee.http.post(`/api/conversations/${id}/read`, { seq: 0 });
    expect((await dee.http.get('/api/conversations')).data.find((c: { id: string }) => c.id === id).unread).toBe(1);
  });
});

describe('the service API consultations use', () => {
  // The consultations feature registers its own access for its kind; these tests check the
  // core with plain membership, then put the registered policy back.
  let registered: ConversationAccess;
  beforeAll(async () => {
    registered = t.services.messaging.accessFor('consultation');
    t.services.messaging.registerAccess('consultation', (await import('./messaging.policy.ts')).membershipAccess);
  });
  afterAll(() => {
    t.services.messaging.registerAccess('consultation', registered);
  });

  it('creates a conversation in a transaction, adds a member, posts a system message and closes it (then 409)', async () => {
    const messaging = t.services.messaging;
    const id = await t.platform.database.transaction(() =>
      messaging.createConversation({ kind: 'consultation', title: 'Rash', createdBy: ada.id, members: [{ userId: ada.id, role: 'owner' }] }),
    );
    await messaging.addMember(id, bo.id, 'member', null);
    const system = await messaging.postSystemMessage(id, systemLine('consultation_joined', { name: 'Dr Bo' }));
    expect(system).toMatchObject({
      seq: 1,
      kind: 'system',
      senderId: 'system',
      text: 'Dr Bo has joined the consultation.',
      system: { key: 'consultation_joined', params: { name: 'Dr Bo' } },
    });
    expect((await ada.http.get(`/api/conversations/${id}/messages`)).data[0].system).toEqual({ key: 'consultation_joined', params: { name: 'Dr Bo' } });
    const sent = await bo.http.post(`/api/conversations/${id}/messages`, { clientId: 'c1', text: 'How long have you had it?' });
    expect(sent.data.seq).toBe(2);
    // A person's message carries no system line.
    expect(sent.data.system).toBeUndefined();
    expect(await messaging.close(id)).toBe(true);
    const closed = await ada.http.post(`/api/conversations/${id}/messages`, { clientId: 'c2', text: 'two weeks' });
    expect(closed.statusCode).toBe(409);
    expect(closed.data.error.code).toBe('conversation_closed');
    // Still readable, and a resend of an accepted message still answers with it.
    expect((await ada.http.get(`/api/conversations/${id}/messages`)).data).toHaveLength(2);
    const resend = await bo.http.post(`/api/conversations/${id}/messages`, { clientId: 'c1', text: 'How long have you had it?' });
    expect(resend.data.seq).toBe(2);
    expect((await ada.http.get(`/api/conversations/${id}`)).data.canPost).toBe(false);
  });

  it('lets the owning feature decide access for its kind', async () => {
    const messaging = t.services.messaging;
    const id = await messaging.createConversation({ kind: 'consultation', createdBy: cy.id, members: [{ userId: cy.id, role: 'owner' }] });
    messaging.registerAccess('consultation', { decide: (actor) => (actor.userId === dee.id ? { read: true, post: false } : null) });
    try {
      expect((await cy.http.get(`/api/conversations/${id}/messages`)).statusCode).toBe(404);
      expect((await dee.http.get(`/api/conversations/${id}/messages`)).statusCode).toBe(200);
      expect((await dee.http.post(`/api/conversations/${id}/messages`, { clientId: 'x', text: 'no' })).statusCode).toBe(403);
    } finally {
      const { membershipAccess } = await import('./messaging.policy.ts');
      messaging.registerAccess('consultation', membershipAccess);
    }
  });
});

describe('group circles', () => {
  let group: string;

  it('makes the creator owner; members cannot invite; the owner makes admins; admins invite members', async () => {
    const res = await ada.http.post('/api/conversations', { kind: 'group', memberIds: [bo.id], title: 'Family' });
    expect(res.statusCode).toBe(201);
    group = res.data.id;
    const info = await bo.http.get(`/api/conversations/${group}`);
    expect(info.data.members.map((m: { displayName: string; role: string }) => [m.displayName, m.role])).toEqual([
      ['Ada', 'owner'],
      ['Bo', 'member'],
    ]);
    expect(info.data.canManage).toBe(false);
    expect((await bo.http.post(`/api/conversations/${group}/members`, { userIds: [cy.id] })).statusCode).toBe(403);
    const promote = await ada.http.patch(`/api/conversations/${group}/members/${bo.id}`, { role: 'admin' });
    expect(promote.statusCode).toBe(200);
    const invite = await bo.http.post(`/api/conversations/${group}/members`, { emails: [cy.email] });
    expect(invite.statusCode).toBe(200);
    expect(invite.data.members.map((m: { userId: string }) => m.userId)).toContain(cy.id);
    // An admin cannot make admins.
    expect((await bo.http.post(`/api/conversations/${group}/members`, { userIds: [dee.id], role: 'admin' })).statusCode).toBe(403);
    const messages = await cy.http.get(`/api/conversations/${group}/messages`);
    // The line keeps its key and names beside the English, so each reader sees it in their language.
    expect(messages.data.at(-1)).toMatchObject({ kind: 'system', text: 'Bo added Cy', system: { key: 'group_added', params: { name: 'Bo', names: ['Cy'] } } });
    const list = await cy.http.get('/api/conversations');
    expect(list.data.find((c: { id: string }) => c.id === group).lastMessage).toMatchObject({ text: 'Bo added Cy', system: { key: 'group_added' } });
  });

  it('lets admins remove members but not the owner or other admins; removed people lose access', async () => {
    await ada.http.post(`/api/conversations/${group}/members`, { userIds: [dee.id] });
    const removeOwner = await bo.http.inject({ method: 'DELETE', url: `/api/conversations/${group}/members`, payload: { userId: ada.id } });
    expect(removeOwner.statusCode).toBe(403);
    const removeDee = await bo.http.inject({ method: 'DELETE', url: `/api/conversations/${group}/members`, payload: { userId: dee.id } });
    expect(removeDee.statusCode).toBe(204);
    expect((await dee.http.get(`/api/conversations/${group}/messages`)).statusCode).toBe(404);
    expect((await cy.http.inject({ method: 'DELETE', url: `/api/conversations/${group}/members`, payload: { userId: bo.id } })).statusCode).toBe(403);
  });

  it('hands ownership on when the owner leaves', async () => {
    const leave = await ada.http.inject({ method: 'DELETE', url: `/api/conversations/${group}/members`, payload: { userId: ada.id } });
    expect(leave.statusCode).toBe(204);
    const info = await cy.http.get(`/api/conversations/${group}`);
    expect(info.data.members.find((m: { userId: string }) => m.userId === bo.id).role).toBe('owner');
    expect(info.data.members.some((m: { userId: string }) => m.userId === ada.id)).toBe(false);
    expect((await ada.http.get('/api/conversations')).data.some((c: { id: string }) => c.id === group)).toBe(false);
  });
});

describe('image messages', () => {
  it('accepts a photo by its bytes, strips EXIF, serves it to members only', async () => {
    const id = await direct(ada, bo);
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'secret-gps-place' } })
      .toBuffer();
    expect(jpeg.includes(Buffer.from('secret-gps-place'))).toBe(true);
    const form = new FormData();
    form.append('file', new Blob([jpeg], { type: 'text/plain' }), 'photo.txt');
    const upload = await ada.http.inject({ method: 'POST', url: `/api/conversations/${id}/attachments`, payload: form as never });
    expect(upload.statusCode).toBe(201);
    expect(upload.data).toMatchObject({ contentType: 'image/jpeg', width: 40, height: 30 });
    const sent = await ada.http.post(`/api/conversations/${id}/messages`, { clientId: 'img1', text: '', attachmentIds: [upload.data.id] });
    expect(sent.statusCode).toBe(201);
    expect(sent.data.kind).toBe('image');
    const bytes = await bo.http.get(sent.data.attachments[0].url);
    expect(bytes.statusCode).toBe(200);
    expect(bytes.headers['content-type']).toBe('image/jpeg');
    expect(bytes.rawPayload.includes(Buffer.from('secret-gps-place'))).toBe(false);
    expect((await cy.http.get(sent.data.attachments[0].url)).statusCode).toBe(404);
  });

  it('refuses what is not JPEG, PNG or WebP, whatever it is called', async () => {
    const id = await direct(ada, bo);
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('GIF89a fake')], { type: 'image/png' }), 'x.png');
    const upload = await ada.http.inject({ method: 'POST', url: `/api/conversations/${id}/attachments`, payload: form as never });
    expect(upload.statusCode).toBe(422);
    expect(upload.data.error.code).toBe('unsupported_image');
  });
});

describe('posting limit', () => {
  it('holds each person to LOTUS_MESSAGES_PER_MINUTE posts a minute, counted per person, not per address', async () => {
    const limited = await createTestApp({ env: { LOTUS_MESSAGES_PER_MINUTE: '3' } });
    try {
      const [a, b] = await Promise.all([limited.user(), limited.user()]);
      const id = (await a.http.post('/api/conversations', { kind: 'direct', memberIds: [b.id] })).data.id;
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await a.http.post(`/api/conversations/${id}/messages`, { clientId: `a${i}`, text: `hi ${i}` })).statusCode);
      expect(codes).toEqual([201, 201, 201, 429]);
      // The other person, from the same address, still has their own allowance.
      expect((await b.http.post(`/api/conversations/${id}/messages`, { clientId: 'b0', text: 'hello' })).statusCode).toBe(201);
    } finally {
      await limited.close();
    }
    await expect(createTestApp({ env: { LOTUS_MESSAGES_PER_MINUTE: 'lots' } })).rejects.toThrow(/LOTUS_MESSAGES_PER_MINUTE/);
  });
});
