// A whole Lotus server for one test file: fresh in-memory SQLite, or a fresh schema in
// the PostgreSQL of TEST_DATABASE_URL when the suite runs its PostgreSQL project.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type BuildOptions, type LotusApp } from '../../src/server/app.ts';
import { loadConfig, type Config } from '../../src/server/config.ts';
import type { Role } from '../../src/server/platform/auth/actor.ts';

export const testDb = (process.env.LOTUS_TEST_DB ?? 'sqlite') as 'sqlite' | 'postgres';

export interface TestApp extends LotusApp {
  config: Config;
  close(): Promise<void>;
  /** An HTTP client over app.inject, optionally authenticated. */
  http(token?: string): TestHttp;
  /** Registers an account through the API (accepting the terms, as the sign-up form has
   * the person do) and grants it extra roles. The person also accepts the telemedicine
   * consent, as on their first question, unless `telemedicine: false`. */
  user(options?: { roles?: Role[]; displayName?: string; email?: string; phone?: string; telemedicine?: boolean }): Promise<TestUser>;
}

export interface TestUser {
  id: string;
  token: string;
  email: string;
  http: TestHttp;
}

export interface TestResponse extends LightMyRequestResponse {
  body: string;
  data: any;
}

export interface TestHttp {
  get(url: string, headers?: Record<string, string>): Promise<TestResponse>;
  delete(url: string, headers?: Record<string, string>): Promise<TestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  put(url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  inject(options: InjectOptions): Promise<TestResponse>;
}

let counter = 0;

async function createSchema(url: string): Promise<{ schema: string; drop(): Promise<void> }> {
  const schema = `t_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create schema ${schema}`);
  await client.end();
  return {
    schema,
    async drop() {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    },
  };
}

export async function createTestApp(options: BuildOptions & { env?: Record<string, string> } = {}): Promise<TestApp> {
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    LOTUS_DATA_DIR: `/tmp/lotus-test-${process.pid}`,
    LOTUS_FREE_REQUIRES_PHONE: 'false',
    ...options.env,
  };
  const config = loadConfig(env);
  let dropSchema: (() => Promise<void>) | null = null;
  if (testDb === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('LOTUS_TEST_DB=postgres needs TEST_DATABASE_URL');
    const { schema, drop } = await createSchema(url);
    config.database = { kind: 'postgres', url, schema };
    dropSchema = drop;
  } else {
    config.database = { kind: 'sqlite', file: ':memory:' };
  }
  const lotus = await buildApp(config, options);
  await lotus.app.ready();

  const http = (token?: string): TestHttp => {
    const send = async (opts: InjectOptions): Promise<TestResponse> => {
      const headers = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.headers as Record<string, string>) };
      const response = await lotus.app.inject({ ...opts, headers });
      let data: unknown = null;
      try {
        data = response.body ? JSON.parse(response.body) : null;
      } catch {
        data = null;
      }
      return Object.assign(response, { data });
    };
    const withBody = (method: 'POST' | 'PUT' | 'PATCH') => (url: string, body?: unknown, headers?: Record<string, string>) =>
      send({ method, url, ...(body !== undefined ? { payload: body as object } : {}), headers: headers ?? {} });
    return {
      get: (url, headers) => send({ method: 'GET', url, headers: headers ?? {} }),
      delete: (url, headers) => send({ method: 'DELETE', url, headers: headers ?? {} }),
      post: withBody('POST'),
      put: withBody('PUT'),
      patch: withBody('PATCH'),
      inject: send,
    };
  };

  const testApp: TestApp = {
    ...lotus,
    config,
    http,
    async close() {
      await lotus.app.close();
      if (dropSchema) await dropSchema();
    },
    async user(opts = {}) {
      counter += 1;
      const email = opts.email ?? `user${counter}.${randomBytes(3).toString('hex')}@example.com`;
      const response = await http().post('/api/auth/register', {
        email,
        ...(opts.phone ? { phone: opts.phone } : {}),
        password: 'a long enough passphrase',
        displayName: opts.displayName ?? `Test User ${counter}`,
        acceptTerms: true,
      });
      if (response.statusCode !== 201) throw new Error(`register failed: ${response.statusCode} ${response.body}`);
      const { user, token } = response.data as { user: { id: string }; token: string };
      if (opts.telemedicine !== false) {
        const accepted = await http(token).post('/api/me/consents', { documents: ['telemedicine'] });
        if (accepted.statusCode !== 200) throw new Error(`consent failed: ${accepted.statusCode} ${accepted.body}`);
      }
      for (const role of opts.roles ?? []) await lotus.services.accounts.grantRole(user.id, role, null);
      return { id: user.id, token, email, http: http(token) };
    },
  };
  return testApp;
}
