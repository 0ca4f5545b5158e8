// Which destinations an outbound request may reach. Used before a request (the URL) and
// inside the resolver that makes the connection (every A and AAAA answer), so a name
// that resolves, or re-resolves, to a private address is refused before any connection.
import { isIPv4, isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

export class OutboundRefused extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

const BLOCKED_NAMES = ['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback', 'metadata', 'metadata.google.internal', 'instance-data', 'kubernetes.default'];
const BLOCKED_SUFFIXES = ['.localhost', '.local', '.internal', '.localdomain', '.home.arpa', '.lan', '.intranet', '.corp', '.svc', '.cluster.local', '.onion'];
// Cloud metadata services outside the ranges refused anyway (Alibaba's 100.100.100.200
// is CGNAT, AWS/GCP/Azure 169.254.169.254 link-local, AWS fd00:ec2::254 unique-local).
const METADATA = new Set(['100.100.100.200', '169.254.169.254', '169.254.170.2', '192.0.0.192', 'fd00:ec2::254']);

/** The reason an address may not be connected to, or null when it is a public unicast address. */
export function refusedAddressReason(address: string): string | null {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!isIP(plain)) return 'not_an_address';
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(plain);
  } catch {
    return 'not_an_address';
  }
  if (METADATA.has(parsed.toString())) return 'metadata_address';
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) forms: refused outright,
    // whatever they embed, like NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 and Teredo below.
    if (v6.isIPv4MappedAddress()) return 'ipv4_mapped_address';
    const parts = v6.parts;
    if (parts.slice(0, 6).every((p) => p === 0)) return 'ipv4_compatible_address';
    if (parts[0] === 0x64 && parts[1] === 0xff9b) return 'nat64_address';
    const range = v6.range();
    if (range !== 'unicast') return `${range}_address`;
    // 2001:db8::/32 documentation, fec0::/10 site-local (deprecated).
    if (parts[0] === 0x2001 && parts[1] === 0xdb8) return 'reserved_address';
    return null;
  }
  const range = (parsed as ipaddr.IPv4).range();
  if (range !== 'unicast') return `${range}_address`;
  return null;
}

/** The host part exactly as written in the URL (before the URL parser rewrites it). */
export function rawHostOf(input: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(input.trim());
  return (match?.[1] ?? '').toLowerCase().replace(/\.$/, '');
}

export interface TargetCheck {
  url: URL;
  /** True when LOTUS_PREVIEW_ALLOW names this host:port: address and port checks lifted. */
  lifted: boolean;
}

const defaultPort = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

/** Checks a URL before any request. `allow` holds "host:port" pairs from LOTUS_PREVIEW_ALLOW;
 * `allowLift` is false for redirects and for URLs a page leads to. */
export function checkTarget(input: string, allow: ReadonlySet<string>, allowLift: boolean): TargetCheck {
  if (input.length > 2048) throw new OutboundRefused('too_long', 'This address is too long.');
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundRefused('not_a_url', 'This is not a web address.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundRefused('scheme', 'Only http and https addresses can be previewed.');
  if (url.username || url.password) throw new OutboundRefused('credentials', 'Addresses with a user name or password are not fetched.');
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (!host) throw new OutboundRefused('no_host', 'This address names no host.');
  const lifted = allowLift && allow.has(`${host}:${defaultPort(url)}`);
  if (lifted) return { url, lifted };

  if (url.port && url.port !== '80' && url.port !== '443') throw new OutboundRefused('port', 'Only the standard web ports (80 and 443) are fetched.');
  const bare = host.replace(/^\[|\]$/g, '');
  // The URL parser turns 2130706433, 0x7f.1 and 0177.0.0.1 into dotted IPv4; such
  // spellings only exist to slip past filters, so they are refused whatever they name.
  const raw = rawHostOf(input);
  if (isIPv4(bare) && raw !== bare) throw new OutboundRefused('ip_notation', 'Addresses written as decimal, octal or hexadecimal numbers are refused.');
  if (isIP(bare)) {
    const reason = refusedAddressReason(bare);
    if (reason) throw new OutboundRefused(reason, 'This address points to a private or reserved network.');
    return { url, lifted };
  }
  if (BLOCKED_NAMES.includes(host) || BLOCKED_SUFFIXES.some((s) => host.endsWith(s))) {
    throw new OutboundRefused('local_name', 'This address names a local or internal host.');
  }
  if (!host.includes('.')) throw new OutboundRefused('single_label', 'This address names a local host.');
  if (/^[0-9.]+$/.test(host)) throw new OutboundRefused('ip_notation', 'This address is not a valid host name.');
  return { url, lifted };
}
