// The platform's contracts: error shape, probes, metrics, OpenAPI, security headers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('errors', () => {
  it('answers an unknown API route with 404 in the error shape', async () => {
    const res = await t.http().get('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.data.error.code).toBe('not_found');
    expect(res.data.error.message).toEqual(expect.any(String));
  });

  it('answers malformed JSON with 400 in the error shape', async () => {
    const res = await t.http().inject({ method: 'POST', url: '/api/auth/login', payload: '{"login": ', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.data.error.code).toBe('invalid_json');
    expect(res.body).not.toMatch(/at .*\.js|SyntaxError/);
  });

  it('never sends a stack trace, even for a 500', async () => {
    const original = t.services.departments.list;
    t.services.departments.list = async () => {
      throw new Error('secret internal detail at db.ts:42');
    };
    const res = await t.http().get('/api/departments');
    t.services.departments.list = original;
    expect(res.statusCode).toBe(500);
    expect(res.data.error.code).toBe('internal_error');
    expect(res.body).not.toContain('secret internal detail');
    expect(res.data.error.message).toContain(res.headers['x-request-id'] as string);
  });
});

describe('probes and documents', () => {
  it('serves /healthz, /readyz and /metrics', async () => {
    expect((await t.http().get('/healthz')).data).toEqual({ status: 'ok' });
    expect((await t.http().get('/readyz')).data).toEqual({ status: 'ready' });
    const metrics = await t.http().get('/metrics');
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.body).toContain('lotus_http_requests_total');
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const res = await t.http().get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.data.openapi).toMatch(/^3\./);
    expect(res.data.paths['/api/auth/register'].post.requestBody).toBeDefined();
    expect(res.data.paths['/api/departments']).toBeDefined();
    expect(res.data.paths['/healthz']).toBeUndefined();
    const docs = await t.http().get('/api/docs', { accept: 'text/html' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('lists departments with stable codes in the requested language', async () => {
    const en = await t.http().get('/api/departments');
    expect(en.data.length).toBeGreaterThanOrEqual(11);
    expect(en.data[0]).toEqual({ code: 'general_practice', name: 'General practice' });
    const fr = await t.http().get('/api/departments', { 'accept-language': 'fr-FR,fr;q=0.9' });
    expect(fr.data.find((d: { code: string }) => d.code === 'dermatology').name).toBe('Dermatologie');
    const zh = await t.http().get('/api/departments?lang=zh');
    expect(zh.data.find((d: { code: string }) => d.code === 'cardiology').name).toBe('心内科');
  });
});

describe('security headers', () => {
  it('sets a real CSP, refuses framing and tags every response with a request id', async () => {
    const res = await t.http().get('/api/departments');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });
});

describe('readiness without a database', () => {
  it('answers /readyz with 503 in the error shape once the database stops answering, while /healthz stays up', async () => {
    const broken = await createTestApp();
    await broken.platform.db.destroy();
    const ready = await broken.http().get('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.data.error.code).toBe('not_ready');
    expect((await broken.http().get('/healthz')).statusCode).toBe(200);
    await broken.close().catch(() => undefined);
  });
});
