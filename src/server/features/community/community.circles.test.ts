// Group circles are group chats of the messaging core attached to a forum, so the group
// link policy applies to them unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('group circles', () => {
  it('starts a circle in a forum, lets others join, and applies the group link policy', async () => {
    const host = await t.user({ displayName: 'Circle Host' });
    const member = await t.user({ displayName: 'Circle Member' });
    expect((await t.http().post('/api/community/forums/diabetes/circles', { title: 'Walkers' })).statusCode).toBe(401);
    const created = await host.http.post('/api/community/forums/diabetes/circles', { title: 'Evening walkers (type 2)' });
    expect(created.statusCode).toBe(201);
    const list = await t.http().get('/api/community/forums/diabetes/circles');
    expect(list.data).toEqual([{ id: created.data.id, forumId: 'frm_diabetes', title: 'Evening walkers (type 2)', createdAt: expect.any(String) }]);

    // Not a member yet: the conversation is not theirs to read.
    expect((await member.http.get(`/api/conversations/${created.data.conversationId}/messages`)).statusCode).toBeGreaterThanOrEqual(403);
    const joined = await member.http.post(`/api/community/circles/${created.data.id}/join`);
    expect(joined.data).toEqual({ conversationId: created.data.conversationId });
    expect((await member.http.post(`/api/community/circles/${created.data.id}/join`)).statusCode).toBe(200);
    // The host stays the owner when joining again.
    await host.http.post(`/api/community/circles/${created.data.id}/join`);

    const ok = await member.http.post(`/api/conversations/${created.data.conversationId}/messages`, { clientId: 'c1', text: 'Hello walkers!' });
    expect(ok.statusCode).toBe(201);
    const refused = await member.http.post(`/api/conversations/${created.data.conversationId}/messages`, { clientId: 'c2', text: 'Cheap strips at https://pharmacy.example/deal' });
    expect(refused.statusCode).toBe(422);
    expect(refused.data.error.code).toBe('link_not_allowed');
    const messages = await host.http.get(`/api/conversations/${created.data.conversationId}/messages`);
    expect(messages.data.map((m: { text: string }) => m.text)).toEqual(['Hello walkers!']);
  });

  it('has no circles in pseudonymous forums, and checks names', async () => {
    const user = await t.user();
    const sensitive = await user.http.post('/api/community/forums/mental-health/circles', { title: 'Anxiety support' });
    expect(sensitive.statusCode).toBe(409);
    expect((await user.http.post('/api/community/forums/skin/circles', { title: 'x' })).statusCode).toBe(422);
    expect((await user.http.post('/api/community/forums/skin/circles', { title: 'Buy now cream club' })).statusCode).toBe(422);
    expect((await user.http.post('/api/community/circles/crc_missing/join')).statusCode).toBe(404);
  });
});
