// Moderation, permissions, word lists, rate limits for new accounts, sanctions and
// pseudonymous posting, through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
const clock = new ManualClock('2026-04-01T09:00:00.000Z');
let patient: TestUser;
let reader: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock });
  patient = await t.user({ displayName: 'Pauline Dubois' });
  reader = await t.user({ displayName: 'Reader Zhang' });
  moderator = await t.user({ displayName: 'Mod Squad', roles: ['moderator'] });
  // Past the new-account period, so only the rate-limit test meets the stricter limit.
  clock.advance(8 * 86_400_000);
});
afterAll(async () => {
  await t.close();
});

async function thread(user: TestUser, body = 'Has anyone tried physiotherapy for back pain?', forumId = 'frm_healthy_living') {
  const res = await user.http.post('/api/community/threads', { forumId, title: 'Back pain exercises', body });
  expect(res.statusCode).toBe(201);
  const page = await user.http.get(`/api/community/threads/${res.data.id}`);
  return { threadId: res.data.id as string, postId: res.data.postId as string, page };
}

describe('reports and the queue', () => {
  it('lets a reader report, a moderator see it in the queue and hide it; the log keeps every action', async () => {
    const { threadId } = await thread(patient);
    const reply = await patient.http.post(`/api/community/threads/${threadId}/posts`, { body: 'You are all idiots' });
    const report = await reader.http.post(`/api/community/posts/${reply.data.id}/report`, { reason: 'Insulting other members' });
    expect(report.statusCode).toBe(201);
    expect((await reader.http.post(`/api/community/posts/${reply.data.id}/report`, { reason: 'Again' })).statusCode).toBe(409);
    expect((await reader.http.post(`/api/community/posts/${reply.data.id}/report`, { reason: '' })).statusCode).toBe(422);

    const queue = await moderator.http.get('/api/admin/moderation/queue');
    expect(queue.statusCode).toBe(200);
    const item = queue.data.items.find((i: { post: { id: string } }) => i.post.id === reply.data.id);
    expect(item.reports).toEqual([{ reason: 'Insulting other members', createdAt: expect.any(String) }]);
    expect(item.post.threadTitle).toBe('Back pain exercises');

    const hide = await moderator.http.post(`/api/admin/moderation/posts/${reply.data.id}`, { action: 'hide', reason: 'Personal attack' });
    expect(hide.statusCode).toBe(200);
    expect(hide.data).toEqual({ id: reply.data.id, status: 'hidden' });
    const page = await t.http().get(`/api/community/threads/${threadId}`);
    expect(page.data.total).toBe(1);
    expect(page.data.posts.map((p: { id: string }) => p.id)).not.toContain(reply.data.id);
    expect((await moderator.http.get('/api/admin/moderation/queue')).data.items.map((i: { post: { id: string } }) => i.post.id)).not.toContain(reply.data.id);
    // A hidden post can be neither reported nor liked nor edited by its author.
    expect((await reader.http.put(`/api/community/posts/${reply.data.id}/like`)).statusCode).toBe(404);
    expect((await patient.http.patch(`/api/community/posts/${reply.data.id}`, { body: 'sorry' })).statusCode).toBe(404);

    clock.advance(1000);
    const restore = await moderator.http.post(`/api/admin/moderation/posts/${reply.data.id}`, { action: 'restore', reason: 'On appeal' });
    expect(restore.data.status).toBe('published');
    expect((await t.http().get(`/api/community/threads/${threadId}`)).data.total).toBe(2);

    const log = await moderator.http.get('/api/admin/moderation/log');
    expect(log.data.items.slice(0, 2).map((i: { action: string; reason: string; moderator: string }) => [i.action, i.reason, i.moderator])).toEqual([
      ['post_restore', 'On appeal', 'Mod Squad'],
      ['post_hide', 'Personal attack', 'Mod Squad'],
    ]);
    const audit = await t.platform.audit.list({ resourceType: 'community_post', resourceId: reply.data.id });
    expect(audit.map((a) => a.action).sort()).toEqual(['community.post_hide', 'community.post_restore']);
  });

  it('hiding an opening post hides the thread from everyone but moderators', async () => {
    const { threadId, postId } = await thread(patient);
    await moderator.http.post(`/api/admin/moderation/posts/${postId}`, { action: 'hide', reason: 'Spam thread' });
    expect((await t.http().get(`/api/community/threads/${threadId}`)).statusCode).toBe(404);
    expect((await patient.http.get(`/api/community/threads/${threadId}`)).statusCode).toBe(404);
    expect((await moderator.http.get(`/api/community/threads/${threadId}`)).statusCode).toBe(200);
    const forum = await t.http().get('/api/community/forums/healthy-living');
    expect(forum.data.threads.map((x: { id: string }) => x.id)).not.toContain(threadId);
  });

  it('keeps the queue and moderation actions to moderators and admins', async () => {
    const { postId } = await thread(patient);
    expect((await t.http().get('/api/admin/moderation/queue')).statusCode).toBe(401);
    expect((await reader.http.get('/api/admin/moderation/queue')).statusCode).toBe(403);
    expect((await reader.http.post(`/api/admin/moderation/posts/${postId}`, { action: 'hide', reason: 'I do not like it' })).statusCode).toBe(403);
    expect((await reader.http.get(`/api/admin/moderation/posts/${postId}/author`)).statusCode).toBe(403);
    expect((await reader.http.get('/api/admin/moderation/word-lists')).statusCode).toBe(403);
    expect((await moderator.http.post(`/api/admin/moderation/posts/${postId}`, { action: 'delete', reason: 'x' })).statusCode).toBe(422);
    expect((await moderator.http.post(`/api/admin/moderation/posts/${postId}`, { action: 'hide', reason: '' })).statusCode).toBe(422);
    const admin = await t.user({ roles: ['admin'] });
    expect((await admin.http.get('/api/admin/moderation/queue')).statusCode).toBe(200);
  });
});

describe('word lists', () => {
  it('holds back advertising for review, shows it to nobody but its author and moderators, and publishes it on restore', async () => {
    const { threadId } = await thread(patient);
    const ad = await reader.http.post(`/api/community/threads/${threadId}/posts`, { body: 'Miracle cure for back pain, BUY NOW at my shop!' });
    expect(ad.statusCode).toBe(201);
    expect(ad.data.status).toBe('pending');
    expect(ad.data.message).toMatch(/moderator will review/);
    expect((await t.http().get(`/api/community/threads/${threadId}`)).data.total).toBe(1);
    const queue = await moderator.http.get('/api/admin/moderation/queue');
    const item = queue.data.items.find((i: { post: { id: string } }) => i.post.id === ad.data.id);
    expect(item.holdReason).toMatch(/^advertising: /);
    await moderator.http.post(`/api/admin/moderation/posts/${ad.data.id}`, { action: 'restore', reason: 'A genuine recommendation' });
    expect((await t.http().get(`/api/community/threads/${threadId}`)).data.total).toBe(2);
    // The thread's author follows it and hears of the reply once it is published.
    const notes = await patient.http.get('/api/notifications');
    expect(notes.data.items.some((n: { body: string }) => n.body.includes('Miracle cure'))).toBe(true);
  });

  it('holds a whole thread carrying listed misinformation, in any of the three languages', async () => {
    for (const body of ['Everyone knows vaccines cause autism.', 'On sait que les vaccins causent l’autisme.', '大家都知道疫苗导致自闭症']) {
      const res = await reader.http.post('/api/community/threads', { forumId: 'frm_children', title: 'Vaccines question', body });
      expect(res.data.status).toBe('pending');
      expect((await t.http().get(`/api/community/threads/${res.data.id}`)).statusCode).toBe(404);
      expect((await reader.http.get(`/api/community/threads/${res.data.id}`)).data.posts).toHaveLength(1);
    }
  });

  it('lets moderators edit the lists; a new term applies at once and matches whole words only', async () => {
    const added = await moderator.http.post('/api/admin/moderation/word-lists', { list: 'advertising', term: 'SuperSlim Tea' });
    expect(added.statusCode).toBe(201);
    expect(added.data.term).toBe('superslim tea');
    expect((await moderator.http.post('/api/admin/moderation/word-lists', { list: 'advertising', term: 'superslim tea' })).statusCode).toBe(409);
    const { threadId } = await thread(patient);
    expect((await reader.http.post(`/api/community/threads/${threadId}/posts`, { body: 'Try superslim  tea!' })).data.status).toBe('pending');
    expect((await reader.http.post(`/api/community/threads/${threadId}/posts`, { body: 'I read about superslim teas' })).data.status).toBe('published');
    expect((await moderator.http.delete(`/api/admin/moderation/word-lists/${added.data.id}`)).statusCode).toBe(204);
    expect((await reader.http.post(`/api/community/threads/${threadId}/posts`, { body: 'Try superslim tea!' })).data.status).toBe('published');
    const terms = await moderator.http.get('/api/admin/moderation/word-lists');
    expect(terms.data.length).toBeGreaterThan(10);
    expect(terms.data.map((x: { term: string }) => x.term)).not.toContain('superslim tea');
  });
});

describe('rate limits', () => {
  it('lets a new account post five times an hour, then answers 429 until the hour is over', async () => {
    const newcomer = await t.user({ displayName: 'Newcomer' });
    const { threadId } = await thread(patient);
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await newcomer.http.post(`/api/community/threads/${threadId}/posts`, { body: `Message ${i}` })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
    const refused = await newcomer.http.post(`/api/community/threads/${threadId}/posts`, { body: 'Again' });
    expect(refused.data.error.code).toBe('posting_too_fast');
    expect(refused.data.error.message).toMatch(/New accounts/);
    // An established account is not held to the newcomer's limit.
    for (let i = 0; i < 6; i++) expect((await patient.http.post(`/api/community/threads/${threadId}/posts`, { body: `Old hand ${i}` })).statusCode).toBe(201);
    clock.advance(61 * 60_000);
    expect((await newcomer.http.post(`/api/community/threads/${threadId}/posts`, { body: 'An hour later' })).statusCode).toBe(201);
  });
});

describe('sanctions', () => {
  it('warns, suspends (no posting, no sign-in) and reinstates when the suspension ends', async () => {
    const troll = await t.user({ displayName: 'Troll', email: 'troll@example.com' });
    clock.advance(8 * 86_400_000);
    const { threadId } = await thread(patient);
    const bad = await troll.http.post(`/api/community/threads/${threadId}/posts`, { body: 'Nonsense' });

    const warn = await moderator.http.post(`/api/admin/moderation/posts/${bad.data.id}/author`, { action: 'warn', reason: 'Stay on topic' });
    expect(warn.statusCode).toBe(200);
    expect((await troll.http.get('/api/notifications')).data.items[0]).toMatchObject({ kind: 'community_warn', body: 'Stay on topic' });

    const suspend = await moderator.http.post(`/api/admin/moderation/posts/${bad.data.id}/author`, { action: 'suspend', reason: 'Repeated insults', days: 3 });
    expect(suspend.data.status).toBe('suspended');
    expect((await troll.http.post(`/api/community/threads/${threadId}/posts`, { body: 'Still here?' })).statusCode).toBe(401);
    const login = await t.http().post('/api/auth/login', { login: 'troll@example.com', password: 'a long enough passphrase' });
    expect(login.statusCode).toBe(403);
    expect(login.data.error.code).toBe('account_suspended');

    clock.advance(2 * 86_400_000);
    expect(await t.services.moderation.liftExpiredSuspensions()).toBe(0);
    clock.advance(1 * 86_400_000 + 1000);
    expect(await t.services.moderation.liftExpiredSuspensions()).toBe(1);
    const back = await t.http().post('/api/auth/login', { login: 'troll@example.com', password: 'a long enough passphrase' });
    expect(back.statusCode).toBe(200);
    expect((await t.http(back.data.token).post(`/api/community/threads/${threadId}/posts`, { body: 'I will behave' })).statusCode).toBe(201);

    const ban = await moderator.http.post(`/api/admin/moderation/posts/${bad.data.id}/author`, { action: 'ban', reason: 'Came back to insult' });
    expect(ban.data.status).toBe('banned');
    clock.advance(5 * 86_400_000); // a ban has no end: the sweep leaves it alone
    await t.services.moderation.liftExpiredSuspensions();
    expect((await t.http().post('/api/auth/login', { login: 'troll@example.com', password: 'a long enough passphrase' })).statusCode).toBe(403);

    const actions = (await moderator.http.get('/api/admin/moderation/log')).data.items.map((i: { action: string }) => i.action);
    expect(actions).toEqual(expect.arrayContaining(['user_warn', 'user_suspend', 'user_ban']));
  });

  it('refuses to suspend a moderator from the queue', async () => {
    const { postId } = await thread(moderator);
    const other = await t.user({ roles: ['moderator'] });
    const res = await other.http.post(`/api/admin/moderation/posts/${postId}/author`, { action: 'suspend', reason: 'Testing' });
    expect(res.statusCode).toBe(403);
  });
});

describe('pseudonymous posting in sensitive forums', () => {
  it('never shows the name or the account id anywhere public, but moderators can see who wrote it (audited)', async () => {
    const shy = await t.user({ displayName: 'Sophie Secret-Name' });
    const created = await shy.http.post('/api/community/threads', { forumId: 'frm_mental_health', title: 'Panic attacks at work', body: 'I get panic attacks in meetings. Any advice?' });
    expect(created.statusCode).toBe(201);
    const threadId = created.data.id as string;
    const reply = await shy.http.post(`/api/community/threads/${threadId}/posts`, { body: 'Thank you all for the answers.' });
    await reader.http.post(`/api/community/threads/${threadId}/posts`, { body: 'Breathing exercises help me.', anonymous: false });
    await reader.http.post(`/api/community/posts/${reply.data.id}/report`, { reason: 'Checking what moderators see' });

    const secrets = [shy.id, 'Sophie', 'Secret-Name', shy.email];
    const publicResponses = [
      await t.http().get(`/api/community/threads/${threadId}`),
      await reader.http.get(`/api/community/threads/${threadId}`),
      await t.http().get('/api/community/forums/mental-health'),
      await t.http().get('/api/community/search?q=panic'),
      await reader.http.get('/api/notifications'),
      await t.http().get(`/community/threads/${threadId}`, { accept: 'text/html' }),
      await moderator.http.get('/api/admin/moderation/queue'),
    ];
    for (const res of publicResponses) {
      expect(res.statusCode).toBe(200);
      for (const secret of secrets) expect(res.body).not.toContain(secret);
    }
    const page = publicResponses[0]!.data;
    const pseudonym = page.thread.author.displayName as string;
    expect(page.thread.author).toEqual({ displayName: pseudonym, verifiedDoctor: false, anonymous: true });
    // The same person keeps one pseudonym within the forum, so the conversation reads well.
    expect(page.posts[1].author.displayName).toBe(pseudonym);
    expect(page.posts[2].author).toEqual({ displayName: 'Reader Zhang', verifiedDoctor: false, anonymous: false });
    // ...and another one in the other sensitive forum.
    const other = await shy.http.post('/api/community/threads', { forumId: 'frm_sexual_health', title: 'A private question', body: 'Is this normal?' });
    const otherPage = await t.http().get(`/api/community/threads/${other.data.id}`);
    expect(otherPage.data.thread.author.displayName).not.toBe(pseudonym);

    const revealed = await moderator.http.get(`/api/admin/moderation/posts/${reply.data.id}/author`);
    expect(revealed.data).toMatchObject({ userId: shy.id, displayName: 'Sophie Secret-Name' });
    const audit = await t.platform.audit.list({ resourceType: 'community_post', resourceId: reply.data.id });
    expect(audit.map((a) => [a.action, a.actorId])).toContainEqual(['community.author_revealed', moderator.id]);
  });

  it('refuses a pseudonym outside the sensitive forums', async () => {
    const res = await patient.http.post('/api/community/threads', { forumId: 'frm_diabetes', title: 'Anonymous please', body: 'Hidden?', anonymous: true });
    expect(res.statusCode).toBe(422);
    expect(res.data.error.fields.anonymous).toMatch(/sensitive/);
  });
});
