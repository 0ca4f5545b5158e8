// A host's JWKS URL is chosen by whoever registers the host: it is fetched through the
// outbound client, so it can never make the server call into its own network.
import { describe, expect, it } from 'vitest';
import { OutboundClient, OutboundRefused, type Resolver } from '../../platform/outbound/outbound.client.ts';
import { outboundJwksFetcher, type OutboundFetch } from './miniprogram.service.ts';

// Names resolve without DNS; nothing here opens a connection.
const resolve: Resolver = async (hostname) => {
  const table: Record<string, string> = { 'keys.partner.example': '10.0.0.7', 'rebind.partner.example': '127.0.0.1', 'meta.partner.example': '169.254.169.254' };
  const address = table[hostname];
  return address ? [{ address, family: 4 }] : [];
};

const fetcher = outboundJwksFetcher(new OutboundClient({ resolve, timeoutMs: 2000 }));

async function refusal(url: string): Promise<OutboundRefused> {
  const error = await fetcher.fetch(url).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, url).toBeInstanceOf(OutboundRefused);
  return error as OutboundRefused;
}

describe('JWKS fetching', () => {
  it('refuses loopback, private and metadata addresses, by literal or by name', async () => {
    expect((await refusal('https://127.0.0.1/.well-known/jwks.json')).reason).toBe('loopback_address');
    expect((await refusal('https://[::1]/jwks.json')).reason).toMatch(/_address$/);
    expect((await refusal('https://169.254.169.254/latest/meta-data')).reason).toBe('metadata_address');
    expect((await refusal('https://keys.partner.example/jwks.json')).reason).toBe('private_address');
    expect((await refusal('https://rebind.partner.example/jwks.json')).reason).toBe('loopback_address');
    expect((await refusal('https://meta.partner.example/jwks.json')).reason).toBe('metadata_address');
    expect((await refusal('https://keys.partner.example:8443/jwks.json')).reason).toBe('port');
  });

  it('refuses plain http before any request', async () => {
    await expect(fetcher.fetch('http://keys.example.com/jwks.json')).rejects.toThrow(/https/);
  });

  const answering = (response: { url: string; body: string; contentType?: string }): OutboundFetch & { asked: Array<{ url: string; accept: string[]; allowLift?: boolean }> } => {
    const asked: Array<{ url: string; accept: string[]; allowLift?: boolean }> = [];
    return {
      asked,
      async fetch(url, request) {
        asked.push({ url, ...request });
        return { url: response.url, status: 200, contentType: response.contentType ?? 'application/json', body: Buffer.from(response.body) };
      },
    };
  };

  it('reads the keys of a JSON key set, asking for JSON and never lifting the address checks', async () => {
    const outbound = answering({ url: 'https://keys.example.com/jwks.json', body: JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', kid: 'k1' }] }) });
    const { keys } = await outboundJwksFetcher(outbound).fetch('https://keys.example.com/jwks.json');
    expect(keys.map((k) => k.kid)).toEqual(['k1']);
    expect(outbound.asked).toEqual([{ url: 'https://keys.example.com/jwks.json', accept: ['application/json', 'application/jwk-set+json'], allowLift: false }]);
  });

  it('refuses a key set reached over http after a redirect, one without keys, and one over 100 kB', async () => {
    await expect(outboundJwksFetcher(answering({ url: 'http://keys.example.com/jwks.json', body: '{"keys":[]}' })).fetch('https://keys.example.com/jwks.json')).rejects.toThrow(/https/);
    await expect(outboundJwksFetcher(answering({ url: 'https://keys.example.com/jwks.json', body: '{"nokeys":1}' })).fetch('https://keys.example.com/jwks.json')).rejects.toThrow(/without keys/);
    const big = JSON.stringify({ keys: [{ kty: 'EC', pad: 'x'.repeat(100_001) }] });
    await expect(outboundJwksFetcher(answering({ url: 'https://keys.example.com/jwks.json', body: big })).fetch('https://keys.example.com/jwks.json')).rejects.toThrow(/unusable/);
  });
});
