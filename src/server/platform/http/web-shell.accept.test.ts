// The faces' pages answer any request that does not ask for JSON, as curl does by default.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the HTML shell', () => {
  for (const path of ['/', '/doctor', '/admin']) {
    it(`answers ${path} with the page for Accept: */* and for no Accept header`, async () => {
      for (const headers of [{ accept: '*/*' }, {}]) {
        const res = await t.http().inject({ method: 'GET', url: path, headers });
        if (res.statusCode === 503) throw new Error('the web build is missing: run npm run build');
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toContain('<html');
      }
    });
  }

  it('keeps JSON for clients that ask for it, and 404 for a missing file', async () => {
    const json = await t.http().get('/nowhere', { accept: 'application/json' });
    expect(json.statusCode).toBe(404);
    expect(json.data.error.code).toBe('not_found');
    expect((await t.http().get('/assets/missing.js', { accept: '*/*' })).statusCode).toBe(404);
    expect((await t.http().get('/api/nowhere', { accept: '*/*' })).headers['content-type']).toMatch(/json/);
  });
});
