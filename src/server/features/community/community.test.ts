// The community from its users' path: browse forums, start threads, reply, edit, like,
// follow and get notified, best answers, search, images, red flags and Open Graph.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { ManualClock } from '../../platform/clock.ts';

let t: TestApp;
const clock = new ManualClock('2026-03-01T08:00:00.000Z');
let alice: TestUser;
let bob: TestUser;
let doctor: TestUser;

beforeAll(async () => {
  t = await createTestApp({ clock, env: { LOTUS_COMMUNITY_NEW_ACCOUNT_POSTS_PER_HOUR: '1000' } });
  alice = await t.user({ displayName: 'Alice Martin' });
  bob = await t.user({ displayName: 'Bob Li' });
  doctor = await t.user({ displayName: 'Dr Wang Fang', roles: ['doctor'] });
});
afterAll(async () => {
  await t.close();
});

async function startThread(user: TestUser, forumId = 'frm_diabetes', title = 'Morning glucose always high', body = 'My fasting glucose is 8 mmol/L every morning. **Why?**') {
  const res = await user.http.post('/api/community/threads', { forumId, title, body });
  expect(res.statusCode).toBe(201);
  return res.data.id as string;
}

describe('forums', () => {
  it('lists a dozen forums with titles in the reader’s language', async () => {
    const en = await t.http().get('/api/community/forums');
    expect(en.statusCode).toBe(200);
    expect(en.data.length).toBeGreaterThanOrEqual(12);
    expect(en.data[0]).toMatchObject({ id: expect.any(String), title: expect.any(String), entrySlugs: expect.any(Array) });
    const zh = await t.http().get('/api/community/forums?lang=zh');
    expect(zh.data.find((f: { id: string }) => f.id === 'frm_diabetes').title).toBe('糖尿病');
    expect(en.data.filter((f: { sensitive: boolean }) => f.sensitive).map((f: { slug: string }) => f.slug).sort()).toEqual(['mental-health', 'sexual-health']);
  });

  it('finds the forums discussing an encyclopedia entry', async () => {
    const res = await t.http().get('/api/community/forums?entry=type-2-diabetes');
    expect(res.data.map((f: { slug: string }) => f.slug)).toEqual(['diabetes']);
    expect((await t.http().get('/api/community/forums?entry=no-such-entry')).data).toEqual([]);
    // The encyclopedia keeps one entry per language; each links back to the same forum.
    expect((await t.http().get(`/api/community/forums?entry=${encodeURIComponent('糖尿病')}`)).data.map((f: { slug: string }) => f.slug)).toEqual(['diabetes']);
  });

  it('answers 404 for an unknown forum', async () => {
    expect((await t.http().get('/api/community/forums/frm_nope')).statusCode).toBe(404);
  });
});

describe('threads and replies', () => {
  it('starts a thread, reads it paged, and past the end gets no posts', async () => {
    const id = await startThread(alice);
    const page1 = await t.http().get(`/api/community/threads/${id}`);
    expect(page1.statusCode).toBe(200);
    expect(page1.data.total).toBe(1);
    expect(page1.data.thread).toMatchObject({ id, title: 'Morning glucose always high', forum: { id: 'frm_diabetes' } });
    expect(page1.data.posts[0]).toMatchObject({ html: expect.stringContaining('<strong>Why?</strong>'), author: { displayName: 'Alice Martin', verifiedDoctor: false }, createdAt: expect.any(String) });
    const page2 = await t.http().get(`/api/community/threads/${id}?page=2`);
    expect(page2.statusCode).toBe(200);
    expect(page2.data.posts).toEqual([]);
    expect(page2.data.total).toBe(1);

    const forum = await t.http().get('/api/community/forums/diabetes');
    expect(forum.data.threads.map((x: { id: string }) => x.id)).toContain(id);
    expect(forum.data.total).toBeGreaterThanOrEqual(1);
  });

  it('replies in order over several pages; a doctor’s reply carries the badge', async () => {
    const id = await startThread(alice, 'frm_diabetes', 'Long discussion about metformin');
    for (let i = 1; i <= 21; i++) {
      const res = await (i % 7 === 0 ? doctor : bob).http.post(`/api/community/threads/${id}/posts`, { body: `Reply number ${i}` });
      expect(res.statusCode).toBe(201);
    }
    const page1 = await t.http().get(`/api/community/threads/${id}?page=1`);
    const page2 = await t.http().get(`/api/community/threads/${id}?page=2`);
    expect(page1.data.total).toBe(22);
    expect(page1.data.posts).toHaveLength(20);
    expect(page2.data.posts).toHaveLength(2);
    expect(page2.data.posts.map((p: { html: string }) => p.html)).toEqual(['<p>Reply number 20</p>\n', '<p>Reply number 21</p>\n']);
    const byDoctor = page1.data.posts.find((p: { html: string }) => p.html.includes('Reply number 7<'));
    expect(byDoctor.author).toEqual({ displayName: 'Dr Wang Fang', verifiedDoctor: true, anonymous: false });
  });

  it('answers 401 to anonymous writers, even with a bad body', async () => {
    const id = await startThread(alice);
    expect((await t.http().post(`/api/community/threads/${id}/posts`, { body: 'hello there' })).statusCode).toBe(401);
    expect((await t.http().post(`/api/community/threads/${id}/posts`, {})).statusCode).toBe(401);
    expect((await t.http().post('/api/community/threads', { forumId: 'frm_diabetes', title: 'x', body: 'y' })).statusCode).toBe(401);
  });

  it('explains what is wrong with a thread in fields', async () => {
    const res = await alice.http.post('/api/community/threads', { forumId: 'frm_nope', title: 'a', body: '' });
    expect(res.statusCode).toBe(422);
    expect(Object.keys(res.data.error.fields).sort()).toEqual(['body', 'forumId', 'title']);
  });

  it('renders Markdown safely in every answer', async () => {
    const id = await startThread(alice, 'frm_skin', 'Rash <script>alert(1)</script>', 'See <img src=x onerror=alert(1)> and [me](javascript:alert(1))');
    const res = await t.http().get(`/api/community/threads/${id}`);
    const html = res.data.posts[0].html as string;
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;'); // shown as text, not run
    expect(html).not.toMatch(/<img|<script|href="javascript/i);
    expect(res.data.thread.title).toBe('Rash <script>alert(1)</script>'); // a title is text; the page escapes it
  });

  it('lets the author edit within the window, and not after', async () => {
    const id = await startThread(alice);
    const page = await alice.http.get(`/api/community/threads/${id}`);
    const post = page.data.posts[0];
    expect(post.mine).toBe(true);
    expect(post.body).toContain('fasting glucose');
    expect(post.editableUntil).toBe('2026-03-01T08:30:00.000Z');
    expect((await bob.http.get(`/api/community/threads/${id}`)).data.posts[0]).not.toHaveProperty('body');

    expect((await bob.http.patch(`/api/community/posts/${post.id}`, { body: 'hijacked' })).statusCode).toBe(403);
    const edit = await alice.http.patch(`/api/community/posts/${post.id}`, { body: 'Corrected: 7.5 mmol/L' });
    expect(edit.statusCode).toBe(200);
    const after = await t.http().get(`/api/community/threads/${id}`);
    expect(after.data.posts[0].html).toContain('Corrected');
    expect(after.data.posts[0].editedAt).toBe(clock.now().toISOString());

    clock.advance(31 * 60_000);
    const late = await alice.http.patch(`/api/community/posts/${post.id}`, { body: 'Too late now' });
    expect(late.statusCode).toBe(409);
    expect(late.data.error.code).toBe('edit_window_closed');
  });

  it('counts likes once per person', async () => {
    const id = await startThread(alice);
    const postId = (await t.http().get(`/api/community/threads/${id}`)).data.posts[0].id;
    expect((await bob.http.put(`/api/community/posts/${postId}/like`)).data).toEqual({ likes: 1, liked: true });
    expect((await bob.http.put(`/api/community/posts/${postId}/like`)).data).toEqual({ likes: 1, liked: true });
    expect((await doctor.http.put(`/api/community/posts/${postId}/like`)).data.likes).toBe(2);
    expect((await bob.http.delete(`/api/community/posts/${postId}/like`)).data).toEqual({ likes: 1, liked: false });
    expect((await bob.http.get(`/api/community/threads/${id}`)).data.posts[0].liked).toBe(false);
    expect((await doctor.http.get(`/api/community/threads/${id}`)).data.posts[0].liked).toBe(true);
  });

  it('notifies followers of replies, never the person replying', async () => {
    const id = await startThread(alice, 'frm_lungs_allergies', 'Inhaler technique');
    const carol = await t.user({ displayName: 'Carol' });
    expect((await carol.http.put(`/api/community/threads/${id}/follow`)).data).toEqual({ following: true });
    const before = (await alice.http.get('/api/notifications')).data.unread;
    await bob.http.post(`/api/community/threads/${id}/posts`, { body: 'Use a spacer, it helps a lot.' });
    const aliceList = await alice.http.get('/api/notifications');
    expect(aliceList.data.unread).toBe(before + 1);
    expect(aliceList.data.items[0]).toMatchObject({ kind: 'community_reply', title: 'New reply in “Inhaler technique”', body: 'Use a spacer, it helps a lot.', link: expect.stringContaining(`/community/threads/${id}`) });
    expect((await carol.http.get('/api/notifications/unread-count')).data.unread).toBe(1);
    expect((await bob.http.get('/api/notifications')).data.items.filter((n: { title: string }) => n.title.includes('Inhaler'))).toEqual([]);

    await carol.http.delete(`/api/community/threads/${id}/follow`);
    await doctor.http.post(`/api/community/threads/${id}/posts`, { body: 'Rinse your mouth after steroid inhalers.' });
    expect((await carol.http.get('/api/notifications/unread-count')).data.unread).toBe(1);
    expect((await carol.http.post('/api/notifications/read-all')).data.marked).toBe(1);
    expect((await carol.http.get('/api/notifications/unread-count')).data.unread).toBe(0);
  });

  it('lets the asker or a doctor mark the best answer, nobody else', async () => {
    const id = await startThread(alice, 'frm_heart_blood_pressure', 'Which blood pressure monitor?');
    const reply = await doctor.http.post(`/api/community/threads/${id}/posts`, { body: 'An upper-arm validated monitor.' });
    expect((await bob.http.put(`/api/community/threads/${id}/best`, { postId: reply.data.id })).statusCode).toBe(403);
    expect((await doctor.http.put(`/api/community/threads/${id}/best`, { postId: reply.data.id })).statusCode).toBe(200);
    expect((await alice.http.put(`/api/community/threads/${id}/best`, { postId: reply.data.id })).data).toEqual({ bestPostId: reply.data.id });
    const page = await t.http().get(`/api/community/threads/${id}`);
    expect(page.data.thread.bestPostId).toBe(reply.data.id);
    expect(page.data.posts.find((p: { id: string }) => p.id === reply.data.id).best).toBe(true);
    const forum = await t.http().get('/api/community/forums/frm_heart_blood_pressure');
    expect(forum.data.threads.find((x: { id: string }) => x.id === id).answered).toBe(true);
  });
});

describe('search', () => {
  it('finds threads by words of the title or the opening post, in any language, literally', async () => {
    const a = await startThread(bob, 'frm_digestion', 'Reflux after dinner', 'Burning feeling at night, 100% after spicy food');
    const b = await startThread(bob, 'frm_digestion', '胃反酸怎么办', '晚上躺下就烧心');
    expect((await t.http().get('/api/community/search?q=REFLUX%20dinner')).data.threads.map((x: { id: string }) => x.id)).toEqual([a]);
    expect((await t.http().get(`/api/community/search?q=${encodeURIComponent('烧心')}`)).data.threads.map((x: { id: string }) => x.id)).toEqual([b]);
    expect((await t.http().get('/api/community/search?q=100%25')).data.total).toBe(1);
    expect((await t.http().get('/api/community/search?q=%25')).data.total).toBe(1);
    expect((await t.http().get('/api/community/search?q=_')).data.total).toBe(0);
    expect((await t.http().get('/api/community/search?q=reflux&forumId=frm_skin')).data.total).toBe(0);
  });
});

describe('red flags', () => {
  it('marks posts describing emergencies and gives the emergency number of the reader’s language', async () => {
    const id = await startThread(alice, 'frm_heart_blood_pressure', 'Pressure in chest', 'I have crushing chest pain since an hour and I am sweating');
    const en = await t.http().get(`/api/community/threads/${id}`);
    expect(en.data.posts[0].redFlags).toEqual(['chest_pain']);
    expect(en.data.thread.redFlag).toBe(true);
    expect(en.data.emergency.number).toBe('911');
    expect((await t.http().get(`/api/community/threads/${id}?lang=zh`)).data.emergency.number).toBe('120');
    expect((await t.http().get(`/api/community/threads/${id}?lang=fr`)).data.emergency).toEqual({ country: 'FR', number: '15', others: ['112'] });
  });
});

describe('images', () => {
  it('uploads an image, strips it to WebP and lets a post show it; remote images are dropped', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c00' } }).png().withMetadata({ exif: { IFD0: { Copyright: 'secret-gps' } } }).toBuffer();
    const boundary = '----lotus' + Date.now();
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="rash.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const upload = await alice.http.inject({ method: 'POST', url: '/api/community/images', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(upload.statusCode).toBe(201);
    expect(upload.data.markdown).toBe(`![rash](${upload.data.url})`);
    const image = await t.http().get(upload.data.url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/webp');
    expect(image.rawPayload.includes(Buffer.from('secret-gps'))).toBe(false);

    const id = await startThread(alice, 'frm_skin', 'Is this eczema?', `${upload.data.markdown}\n\n![tracker](https://evil.example/pixel.png)`);
    const page = await t.http().get(`/api/community/threads/${id}`);
    expect(page.data.posts[0].html).toContain(`<img src="${upload.data.url}"`);
    expect(page.data.posts[0].html).not.toContain('evil.example');

    const notImage = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.png"\r\nContent-Type: image/png\r\n\r\n<svg onload=alert(1)>`), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const refused = await alice.http.inject({ method: 'POST', url: '/api/community/images', payload: notImage, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(refused.statusCode).toBe(422);
    expect(refused.data.error.code).toBe('not_an_image');
  });
});

describe('shared links', () => {
  it('serves a thread page with Open Graph tags', async () => {
    const id = await startThread(alice, 'frm_children', 'Fever after vaccination', 'My son has 38.5 °C the day after his vaccine. Is that normal?');
    const res = await t.http().get(`/community/threads/${id}`, { accept: 'text/html' });
    if (res.statusCode === 503) throw new Error('the web build is missing: run npm run build');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<meta property="og:title" content="Fever after vaccination">');
    expect(res.body).toContain('og:description" content="My son has 38.5 °C the day after his vaccine. Is that normal?"');
    expect(res.body).not.toContain('Alice Martin');
    expect((await t.http().get('/community/threads/thr_missing', { accept: 'text/html' })).statusCode).toBe(404);
  });
});
