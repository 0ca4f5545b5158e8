import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock('2026-05-01T10:00:00.000Z');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

describe('notifications', () => {
  it('lists a person’s own notifications, newest first, and marks them read one by one', async () => {
    const ana = await t.user();
    const ben = await t.user();
    await t.services.notifications.notify([ana.id, ana.id], { kind: 'test', title: 'First', body: 'one', link: '/community' });
    clock.advance(1000);
    await t.services.notifications.notify([ana.id, ben.id], { kind: 'test', title: 'Second', body: 'two', link: 'https://evil.example/phish' });
    const list = await ana.http.get('/api/notifications');
    expect(list.data.unread).toBe(2);
    expect(list.data.items.map((n: { title: string }) => n.title)).toEqual(['Second', 'First']);
    // Only paths inside the app are kept as links.
    expect(list.data.items[0].link).toBeNull();
    expect(list.data.items[1].link).toBe('/community');

    const benItem = (await ben.http.get('/api/notifications')).data.items[0];
    expect((await ana.http.post(`/api/notifications/${benItem.id}/read`)).statusCode).toBe(404);
    expect((await ana.http.post(`/api/notifications/${list.data.items[0].id}/read`)).statusCode).toBe(204);
    expect((await ana.http.get('/api/notifications/unread-count')).data.unread).toBe(1);
    expect((await ana.http.get('/api/notifications?unread=true')).data.items.map((n: { title: string }) => n.title)).toEqual(['First']);
    expect((await ben.http.get('/api/notifications/unread-count')).data.unread).toBe(1);
  });

  it('is for signed-in people only', async () => {
    expect((await t.http().get('/api/notifications')).statusCode).toBe(401);
  });
});
