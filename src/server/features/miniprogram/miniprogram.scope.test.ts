// What a mini-program session can reach: only the prefixes of MINI_SCOPE_PREFIXES, matched
// on whole path segments, and never with a staff role, whatever its account holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import { miniScopeAllows } from './miniprogram.routes.ts';

let t: TestApp;
let staff: TestUser;
let miniToken: string;

beforeAll(async () => {
  t = await createTestApp();
  // An account that holds every staff role, signed in through a partner host.
  staff = await t.user({ roles: ['admin', 'editor', 'moderator', 'doctor'] });
  miniToken = await t.services.accounts.createSession(staff.id, 'mini', null);
});
afterAll(() => t.close());

describe('mini-program session scope', () => {
  it('matches prefixes on whole path segments, ignoring the query string', () => {
    expect(miniScopeAllows('/api/me')).toBe(true);
    expect(miniScopeAllows('/api/me?lang=fr')).toBe(true);
    expect(miniScopeAllows('/api/consultations/con_1/accept')).toBe(true);
    expect(miniScopeAllows('/api/encyclopedia/search?q=flu')).toBe(true);
    expect(miniScopeAllows('/api/messaging/people')).toBe(false);
    expect(miniScopeAllows('/api/mentions')).toBe(false);
    expect(miniScopeAllows('/api/doctorsX')).toBe(false);
    expect(miniScopeAllows('/api/admin/hosts?x=/api/mini/')).toBe(false);
  });

  it('refuses routes that only share the first letters of an allowed prefix (the people directory)', async () => {
    const people = await t.http(miniToken).get(`/api/messaging/people?email=${encodeURIComponent(staff.email)}`);
    expect(people.statusCode).toBe(403);
    expect(people.data.error.code).toBe('scope_not_allowed');
    // The same account with a full session reaches it.
    expect((await staff.http.get(`/api/messaging/people?email=${encodeURIComponent(staff.email)}`)).statusCode).toBe(200);
  });

  it('carries only the patient role, so staff routes under allowed prefixes answer 403', async () => {
    expect((await t.http(miniToken).get('/api/me')).statusCode).toBe(200);
    // The encyclopedia's review queue lives under an allowed prefix but needs an editor.
    expect((await staff.http.get('/api/encyclopedia/reviews')).statusCode).toBe(200);
    const reviews = await t.http(miniToken).get('/api/encyclopedia/reviews');
    expect(reviews.statusCode).toBe(403);
    // Editing the category list needs an editor: the full session passes the role check
    // (and finds no such category), the mini session does not.
    expect((await staff.http.delete('/api/encyclopedia/categories/no-such-category')).statusCode).toBe(404);
    expect((await t.http(miniToken).delete('/api/encyclopedia/categories/no-such-category')).statusCode).toBe(403);
  });

  it('keeps admin routes closed to a mini session whatever the account', async () => {
    for (const url of ['/api/admin/hosts', '/api/admin/payments', '/api/admin/doctor-applications', '/api/admin/moderation/queue', '/api/doctor/queue']) {
      const res = await t.http(miniToken).get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.data.error.code, url).toBe('scope_not_allowed');
    }
  });
});
