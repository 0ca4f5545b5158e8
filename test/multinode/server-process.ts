// Real Lotus server processes for the multi-process tests: `node bin/lotus.js start` on a
// port picked here, waited for through /readyz, stopped with SIGTERM or killed with SIGKILL;
// a small HTTP client over fetch (shaped like test/support's TestHttp, so the doctors'
// helpers work against a real process), WebSocket clients, and throwaway PostgreSQL databases.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import WebSocket from 'ws';
import type { InjectOptions } from 'fastify';
import type { TestHttp, TestResponse } from '../support/app.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  readonly base: string;
  readonly wsUrl: string;
  readonly child: ChildProcess;
  output(): string;
  /** SIGKILL: no shutdown code runs, as when the machine's OOM killer or `kill -9` strikes. */
  kill(): Promise<void>;
  /** SIGTERM: graceful shutdown. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts `lotus start` with only the environment given here (plus PATH and HOME), so
 * nothing from the test runner's environment (DATABASE_URL…) leaks into it. */
export async function startLotus(env: Record<string, string>, options: { timeoutMs?: number; nodeArgs?: string[] } = {}): Promise<ServerProcess> {
  let lastError: Error | null = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      return await startOn(port, env, options.timeoutMs ?? 90_000, options.nodeArgs ?? []);
    } catch (error) {
      lastError = error as Error;
      // Someone took the port between freePort() and the child's listen: try another.
      if (!/EADDRINUSE/.test(lastError.message)) throw lastError;
    }
  }
  throw lastError!;
}

async function startOn(port: number, env: Record<string, string>, timeoutMs: number, nodeArgs: string[]): Promise<ServerProcess> {
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'bin/lotus.js'), 'start'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      LOTUS_DEMO: 'false',
      LOTUS_FREE_REQUIRES_PHONE: 'false',
      HOST: '127.0.0.1',
      PORT: String(port),
      LOTUS_PUBLIC_URL: base,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`lotus start exited (${child.exitCode ?? child.signalCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`lotus start was not ready after ${timeoutMs} ms:\n${out}`);
    }
    try {
      const res = await fetch(`${base}/readyz`);
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    base,
    wsUrl: `ws://127.0.0.1:${port}/api/realtime`,
    child,
    output: () => out,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async stop() {
      const done = exited(child);
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await done;
      clearTimeout(timer);
    },
  };
}

/** A fresh PostgreSQL database next to the one in `baseUrl`, dropped (with its
 * connections) by `drop()`. */
export async function createDatabase(baseUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export interface ApiResponse {
  status: number;
  data: any;
}

/** fetch with a bearer token; `TestHttp`-shaped so helpers written for app.inject work. */
export function httpClient(base: string, token?: string): TestHttp {
  const send = async (opts: InjectOptions): Promise<TestResponse> => {
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.headers as Record<string, string>) };
    let body: string | Uint8Array | undefined;
    if (Buffer.isBuffer(opts.payload)) body = new Uint8Array(opts.payload);
    else if (typeof opts.payload === 'string') body = opts.payload;
    else if (opts.payload !== undefined) {
      body = JSON.stringify(opts.payload);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${base}${opts.url as string}`, { method: opts.method as string, headers, ...(body !== undefined ? { body: body as BodyInit } : {}) });
    const text = await res.text();
    let data: unknown = null;
    try {
      data = text ? JSON.parse(text) : null;
    } catch {
      data = null;
    }
    return { statusCode: res.status, body: text, data } as unknown as TestResponse;
  };
  const withBody = (method: 'POST' | 'PUT' | 'PATCH') => (url: string, payload?: unknown, headers?: Record<string, string>) =>
    send({ method, url, ...(payload !== undefined ? { payload: payload as object } : {}), headers: headers ?? {} });
  return {
    get: (url, headers) => send({ method: 'GET', url, headers: headers ?? {} }),
    delete: (url, headers) => send({ method: 'DELETE', url, headers: headers ?? {} }),
    post: withBody('POST'),
    put: withBody('PUT'),
    patch: withBody('PATCH'),
    inject: send,
  };
}

export interface Person {
  id: string;
  token: string;
  email: string;
}

export async function register(base: string, name: string): Promise<Person> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@example.com`;
  const res = await httpClient(base).post('/api/auth/register', { email, password: 'a long enough passphrase', displayName: name, acceptTerms: true });
  if (res.statusCode !== 201) throw new Error(`register failed: ${res.statusCode} ${res.body}`);
  return { id: res.data.user.id, token: res.data.token, email };
}

export async function login(base: string, email: string, password: string): Promise<Person> {
  const res = await httpClient(base).post('/api/auth/login', { login: email, password });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  return { id: res.data.user.id, token: res.data.token, email };
}

export type Frame = { type: string; conversationId?: string; seq?: number; text?: string; senderId?: string; [key: string]: unknown };

/** A WebSocket client that keeps every frame it receives. */
export class SocketClient {
  readonly frames: Frame[] = [];
  private waiters: Array<() => void> = [];
  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(String(data)) as Frame);
      for (const w of this.waiters.splice(0)) w();
    });
    ws.on('error', () => undefined);
  }
  static async open(url: string, token: string): Promise<SocketClient> {
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new SocketClient(ws);
  }
  send(frame: unknown): void {
    this.ws.send(JSON.stringify(frame));
  }
  messages(conversationId?: string): Frame[] {
    return this.frames.filter((f) => f.type === 'message' && (!conversationId || f.conversationId === conversationId));
  }
  async until(predicate: (frames: Frame[]) => boolean, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate(this.frames)) {
      if (Date.now() > deadline) throw new Error(`timed out; last frames: ${JSON.stringify(this.frames.slice(-5))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }
  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
