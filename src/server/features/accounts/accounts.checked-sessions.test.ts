// A session checked once is not read from the database on every request; everything that
// changes who a person is or whether their session lives takes effect on the next request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';
import { ManualClock } from '../../platform/clock.ts';

const clock = new ManualClock('2026-05-01T08:00:00.000Z');
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock });
});
afterAll(async () => {
  await t.close();
});

describe('checked sessions', () => {
  it('see a role granted or revoked on the very next request', async () => {
    const ana = await t.user({ displayName: 'Ana' });
    expect((await ana.http.get('/api/admin/doctor-applications')).statusCode).toBe(403);
    await t.services.accounts.grantRole(ana.id, 'admin', null);
    expect((await ana.http.get('/api/admin/doctor-applications')).statusCode).toBe(200);
    await t.services.accounts.revokeRole(ana.id, 'admin');
    expect((await ana.http.get('/api/admin/doctor-applications')).statusCode).toBe(403);
  });

  it('end with sign-out, suspension and a session that expires', async () => {
    const ben = await t.user({ displayName: 'Ben' });
    expect((await ben.http.get('/api/me')).statusCode).toBe(200);
    expect((await ben.http.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await ben.http.get('/api/me')).statusCode).toBe(401);

    const cat = await t.user({ displayName: 'Cat' });
    expect((await cat.http.get('/api/me')).statusCode).toBe(200);
    await t.services.accounts.setStatus(cat.id, 'suspended');
    expect((await cat.http.get('/api/me')).statusCode).toBe(401);

    const dan = await t.user({ displayName: 'Dan' });
    expect((await dan.http.get('/api/me')).statusCode).toBe(200);
    clock.advance(31 * 24 * 60 * 60 * 1000);
    expect((await dan.http.get('/api/me')).statusCode).toBe(401);
  });

  it('carry a new display name at once (it is what others see on system messages)', async () => {
    const eve = await t.user({ displayName: 'Eve' });
    const fay = await t.user({ displayName: 'Fay' });
    const group = await eve.http.post('/api/conversations', { kind: 'group', memberIds: [], title: 'Names' });
    expect((await eve.http.patch('/api/me', { displayName: 'Evelyn' })).statusCode).toBe(200);
    expect((await eve.http.post(`/api/conversations/${group.data.id}/members`, { userIds: [fay.id] })).statusCode).toBe(200);
    const messages = await eve.http.get(`/api/conversations/${group.data.id}/messages?after=0`);
    expect(messages.data.at(-1).text).toBe('Evelyn added Fay');
  });
});
