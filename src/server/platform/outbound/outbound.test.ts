// The SSRF rules of the outbound client, against a local listener that counts every
// connection and Node's own `net.client.socket` diagnostics channel, which sees every
// outgoing TCP socket: a refused input must open none.
import diagnostics from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startPreviewFixture, type PreviewFixture } from '../../../../test/fixtures/preview/server.ts';
import { OutboundClient, OutboundRefused, type Resolver } from './outbound.client.ts';

let fixture: PreviewFixture;
// Sockets created, and sockets that actually connected somewhere. A name is checked inside
// the socket's own lookup, so a refused DNS answer creates a socket that never connects.
let sockets = 0;
let connected = 0;
const onSocket = (message: unknown) => {
  sockets++;
  (message as { socket: Socket }).socket.once('connect', () => {
    connected++;
  });
};

// Names resolve through this table, never through the network.
const dns: Record<string, string[]> = {
  'public.example': ['93.184.216.34'],
  'rebind.example': ['93.184.216.34', '127.0.0.1'],
  'private.example': ['10.1.2.3'],
  'v6private.example': ['fd12:3456::1'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'metadata.example': ['169.254.169.254'],
  'cgnat.example': ['100.64.1.1'],
  'nat64.example': ['64:ff9b::7f00:1'],
  'sixtofour.example': ['2002:7f00:1::1'],
  'loop6.example': ['::1'],
  'linklocal6.example': ['fe80::1'],
  'multicast.example': ['239.1.1.1'],
  'zero.example': ['0.0.0.0'],
};
const resolve: Resolver = async (host) => {
  const answers = dns[host];
  if (!answers) throw Object.assign(new Error('ENOTFOUND'), { code: 'ENOTFOUND' });
  return answers.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

beforeAll(async () => {
  fixture = await startPreviewFixture();
  diagnostics.subscribe('net.client.socket', onSocket);
});
afterAll(async () => {
  diagnostics.unsubscribe('net.client.socket', onSocket);
  await fixture.close();
});
beforeEach(() => {
  sockets = 0;
  connected = 0;
});

const client = () => new OutboundClient({ resolve, timeoutMs: 1500 });
const lifted = () => new OutboundClient({ resolve, timeoutMs: 1500, allow: [fixture.pair] });

async function refusal(c: OutboundClient, url: string): Promise<OutboundRefused> {
  try {
    await c.fetch(url, { accept: ['text/html'] });
  } catch (error) {
    if (error instanceof OutboundRefused) return error;
    throw error;
  }
  throw new Error(`${url} was fetched`);
}

describe('refused before any connection', () => {
  const inputs = () => [
    `http://127.0.0.1:${fixture.port}/article`,
    `http://localhost:${fixture.port}/article`,
    'http://127.0.0.1/',
    'http://127.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0x7f.0.0.1/',
    'http://0177.0.0.1/',
    'http://017700000001/',
    'http://[::1]/',
    'http://[::]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::127.0.0.1]/',
    'http://[64:ff9b::7f00:1]/',
    'http://[64:ff9b::a00:1]/',
    'http://[2002:7f00:1::1]/',
    'http://[2002:a00:1::1]/',
    'http://[fe80::1]/',
    'http://[fd00:ec2::254]/',
    'http://[ff02::1]/',
    'http://0.0.0.0/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://100.100.100.200/latest/meta-data/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://198.18.0.1/',
    'http://localhost/',
    'http://LOCALHOST./',
    'http://app.localhost/',
    'http://printer.local/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://intranet/',
    'https://public.example:8443/',
    'http://public.example:22/',
    'http://public.example:6379/',
    'ftp://public.example/file',
    'file:///etc/passwd',
    'gopher://public.example/',
    'javascript:alert(1)',
    'http://user:secret@public.example/',
    'http://rebind.example/',
    'http://private.example/',
    'http://v6private.example/',
    'http://mapped.example/',
    'http://metadata.example/',
    'http://cgnat.example/',
    'http://nat64.example/',
    'http://sixtofour.example/',
    'http://loop6.example/',
    'http://linklocal6.example/',
    'http://multicast.example/',
    'http://zero.example/',
    'not a url',
  ];

  it('refuses at least 40 hostile inputs and opens no socket for any of them', async () => {
    const list = inputs();
    expect(list.length).toBeGreaterThanOrEqual(40);
    const before = fixture.connections();
    for (const url of list) {
      const error = await refusal(client(), url);
      expect(error.reason, url).not.toBe('fetch_failed');
      expect(error.reason, url).not.toBe('timeout');
    }
    expect(connected).toBe(0);
    expect(fixture.connections()).toBe(before);
  });

  it('names why: notation, port, private network, local name, DNS answer', async () => {
    expect((await refusal(client(), 'http://2130706433/')).reason).toBe('ip_notation');
    expect((await refusal(client(), 'https://public.example:8443/')).reason).toBe('port');
    expect((await refusal(client(), 'http://10.0.0.1/')).reason).toBe('private_address');
    expect((await refusal(client(), 'http://100.64.0.1/')).reason).toBe('carrierGradeNat_address');
    expect((await refusal(client(), 'http://app.localhost/')).reason).toBe('local_name');
    expect((await refusal(client(), 'http://rebind.example/')).reason).toBe('loopback_address');
    expect((await refusal(client(), 'http://[::ffff:127.0.0.1]/')).reason).toBe('ipv4_mapped_address');
    expect(connected).toBe(0);
  });

  it('refuses IP literals and bad URLs without even creating a socket', async () => {
    for (const url of ['http://127.0.0.1/', 'http://[::1]/', 'http://2130706433/', 'http://10.0.0.1/', 'https://public.example:8443/', 'http://localhost/']) {
      await refusal(client(), url);
    }
    expect(sockets).toBe(0);
  });
});

describe('LOTUS_PREVIEW_ALLOW', () => {
  it('lifts the checks for exactly the listed host:port', async () => {
    const page = await lifted().fetch(`${fixture.url}/article`, { accept: ['text/html'] });
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('Seasonal allergies');
    // The same host on another port, and another spelling of it, stay refused.
    await refusal(lifted(), `http://127.0.0.1:${fixture.port + 1}/article`);
    await refusal(lifted(), `http://localhost:${fixture.port}/article`);
  });

  it('never lifts them for a redirect, even back to the listed pair', async () => {
    expect((await refusal(lifted(), `${fixture.url}/redirect-self`)).reason).toBe('port');
    expect((await refusal(lifted(), `${fixture.url}/redirect-private`)).reason).toBe('private_address');
    expect((await refusal(lifted(), `${fixture.url}/redirect-metadata`)).reason).toBe('metadata_address');
  });

  it('never lifts them for URLs a page leads to', async () => {
    const error = await refusal(lifted(), `${fixture.url}/image.png`).catch(() => null);
    expect(error?.reason).toBe('content_type');
    await expect(lifted().fetch(`${fixture.url}/image.png`, { accept: ['image/png'], allowLift: false })).rejects.toMatchObject({ reason: 'port' });
  });
});

describe('hostile answers', () => {
  it('stops after 3 redirects', async () => {
    const c = new OutboundClient({ resolve, timeoutMs: 1500, allow: [fixture.pair] });
    // The loop's second hop is a redirect to the listed pair: refused as a redirect.
    expect((await refusal(c, `${fixture.url}/redirect-loop`)).reason).toBe('port');
  });

  it('gives up on a slow server at the deadline', async () => {
    const c = new OutboundClient({ resolve, timeoutMs: 300, allow: [fixture.pair] });
    const started = Date.now();
    expect((await refusal(c, `${fixture.url}/slow`)).reason).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('stops reading an oversized page, declared or not', async () => {
    expect((await refusal(lifted(), `${fixture.url}/big`)).reason).toBe('too_large');
    expect((await refusal(lifted(), `${fixture.url}/big-declared`)).reason).toBe('too_large');
  });

  it('stops a compression bomb after 1 MB of decompressed output', async () => {
    const error = await refusal(lifted(), `${fixture.url}/bomb`);
    expect(error.reason).toBe('too_large');
    expect(error.message).toMatch(/decompressed/);
  });

  it('decompresses an honest gzip page', async () => {
    const page = await lifted().fetch(`${fixture.url}/gzip-article`, { accept: ['text/html'] });
    expect(page.body.toString()).toContain('og:title');
  });

  it('accepts only the content types asked for', async () => {
    expect((await refusal(lifted(), `${fixture.url}/json`)).reason).toBe('content_type');
  });

  it('sends no cookie and keeps none', async () => {
    const c = lifted();
    await c.fetch(`${fixture.url}/article`, { accept: ['text/html'] });
    const second = await c.fetch(`${fixture.url}/article`, { accept: ['text/html'] });
    expect(second.status).toBe(200);
    expect(Object.keys(c)).not.toContain('cookies');
  });
});
