// A live socket lives no longer than the session that opened it: signing out, a suspension
// or a ban closes it at once (code 4001), instead of streaming on until the tab is closed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createTestApp, type TestApp } from '../../../../test/support/app.ts';

let t: TestApp;
let url: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  url = `ws://127.0.0.1:${(t.app.server.address() as { port: number }).port}/api/realtime`;
});
afterAll(() => t.close());

interface Live {
  ws: WebSocket;
  closed: Promise<number>;
}

async function connect(token: string): Promise<Live> {
  const ws = new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

const within = <T>(promise: Promise<T>, ms: number): Promise<T | 'still open'> =>
  Promise.race([promise, new Promise<'still open'>((resolve) => setTimeout(() => resolve('still open'), ms))]);

async function login(email: string): Promise<string> {
  const res = await t.http().post('/api/auth/login', { login: email, password: 'a long enough passphrase' });
  expect(res.statusCode, res.body).toBe(200);
  return res.data.token as string;
}

describe('live sockets end with their session', () => {
  it('signing out closes the sockets of that session, not those of the same person elsewhere', async () => {
    const user = await t.user();
    const otherDevice = await login(user.email);
    const here = await connect(user.token);
    const there = await connect(otherDevice);
    expect((await user.http.post('/api/auth/logout')).statusCode).toBe(204);
    expect(await within(here.closed, 2000)).toBe(4001);
    expect(await within(there.closed, 300)).toBe('still open');
    expect(there.ws.readyState).toBe(WebSocket.OPEN);
    there.ws.close();
  });

  it('a suspension closes every socket of the person', async () => {
    const user = await t.user();
    const a = await connect(user.token);
    const b = await connect(await login(user.email));
    const bystander = await t.user();
    const c = await connect(bystander.token);
    await t.services.accounts.setStatus(user.id, 'suspended');
    expect(await within(a.closed, 2000)).toBe(4001);
    expect(await within(b.closed, 2000)).toBe(4001);
    expect(await within(c.closed, 300)).toBe('still open');
    c.ws.close();
    // And the ended session cannot open a new one.
    await expect(connect(user.token)).rejects.toThrow(/401/);
  });
});
