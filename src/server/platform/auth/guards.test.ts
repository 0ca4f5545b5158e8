// Authentication and role checks come before body validation, on every route of the table
// the server builds as routes are declared (not a hand-picked list).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../../test/support/app.ts';
import type { RouteEntry } from './guards.ts';

let t: TestApp;
let patient: TestUser;
let moderator: TestUser;

beforeAll(async () => {
  t = await createTestApp();
  patient = await t.user();
  moderator = await t.user({ roles: ['moderator'] });
});
afterAll(() => t.close());

const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'x1').replace('*', 'x');
const hasBody = (method: string) => !['GET', 'HEAD', 'DELETE'].includes(method);

/** The bodies a stranger might send: none, the wrong shape, and not JSON at all. */
const bodies = [
  { name: 'no body', headers: {}, payload: undefined },
  { name: 'a wrong body', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ nonsense: [1, 2, 3], version: 'x' }) },
  { name: 'malformed JSON', headers: { 'content-type': 'application/json' }, payload: '{"half' },
];

async function call(route: RouteEntry, token: string | undefined, body: (typeof bodies)[number]) {
  return t.http(token).inject({
    method: route.method as 'GET',
    url: concrete(route.url),
    headers: hasBody(route.method) ? body.headers : {},
    ...(hasBody(route.method) && body.payload !== undefined ? { payload: body.payload } : {}),
  });
}

const adminRoutes = () => t.routes.filter((r) => r.url.startsWith('/api/admin/'));

describe('the route table', () => {
  it('lists every admin route the console uses, each guarded by a role', () => {
    const keys = adminRoutes().map((r) => `${r.method} ${r.url}`);
    expect(keys).toContain('PUT /api/admin/link-policy');
    expect(keys).toContain('POST /api/admin/doctor-applications/:id/decision');
    expect(keys).toContain('POST /api/admin/moderation/word-lists');
    expect(keys.length).toBeGreaterThan(25);
    for (const route of adminRoutes()) expect(Array.isArray(route.access), `${route.method} ${route.url}`).toBe(true);
  });
});

describe('every /api/admin route', () => {
  it('answers 401 to an anonymous caller, whatever the body', async () => {
    for (const route of adminRoutes()) {
      for (const body of bodies) {
        const res = await call(route, undefined, body);
        expect(res.statusCode, `${route.method} ${route.url} with ${body.name}: ${res.body}`).toBe(401);
        if (route.method !== 'HEAD') expect(res.data?.error?.code).toBe('unauthorized');
      }
    }
  });

  it('answers 403 to a patient, whatever the body', async () => {
    for (const route of adminRoutes()) {
      for (const body of bodies) {
        const res = await call(route, patient.token, body);
        expect(res.statusCode, `${route.method} ${route.url} with ${body.name}: ${res.body}`).toBe(403);
        if (route.method !== 'HEAD') expect(res.data?.error?.message).toMatch(/needs the/);
      }
    }
  });

  it('lets a moderator past the guard of moderation routes only', async () => {
    for (const route of adminRoutes()) {
      const res = await call(route, moderator.token, bodies[1]!);
      if (route.url.startsWith('/api/admin/moderation/')) expect([401, 403], `${route.method} ${route.url}`).not.toContain(res.statusCode);
      else expect(res.statusCode, `${route.method} ${route.url}`).toBe(403);
    }
  });
});

describe('signed-in routes', () => {
  it('answer 401 to an anonymous caller before looking at the body', async () => {
    const guarded = t.routes.filter((r) => r.access === 'signed-in' && r.url.startsWith('/api/') && r.url !== '/api/realtime');
    expect(guarded.map((r) => `${r.method} ${r.url}`)).toEqual(expect.arrayContaining(['POST /api/consultations', 'PUT /api/doctor/application', 'POST /api/conversations/:id/messages', 'DELETE /api/me']));
    for (const route of guarded) {
      for (const body of bodies) {
        const res = await call(route, undefined, body);
        expect(res.statusCode, `${route.method} ${route.url} with ${body.name}: ${res.body}`).toBe(401);
      }
    }
  });

  it('still validates the body of a signed-in caller', async () => {
    const res = await patient.http.put('/api/doctor/application', { nonsense: true, fullName: 5 });
    expect(res.statusCode).toBe(422);
  });
});

describe('public writes', () => {
  it('sign-up and sign-in stay open and validate their body', async () => {
    expect((await t.http().post('/api/auth/register', { email: 'x' })).statusCode).toBe(422);
    expect((await t.http().post('/api/auth/login', {})).statusCode).toBe(422);
  });
});
