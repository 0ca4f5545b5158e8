// Link detection, decided on the server on normalised text, so that writing a domain in
// full-width letters, with an ideographic full stop (taobao。com), with zero-width
// characters inside it, in upper case, in Markdown or without a scheme changes nothing.
// Ordinary text ("Dr.Smith", "e.g.", "3.5mg", "version 1.2.3", "10.30") is not a link:
// a host must end in a real top-level domain (IANA's list, from the `tlds` package) or be
// an IPv4 address with four parts.
import { domainToASCII, domainToUnicode } from 'node:url';
import tldList from 'tlds';

const TLDS: ReadonlySet<string> = new Set(tldList.flatMap((tld) => [tld, domainToASCII(tld)].filter(Boolean)));

/** Redirecting services: they hide where a link leads, so an allow-list never admits them. */
export const SHORTENERS: ReadonlySet<string> = new Set([
  'bit.ly', 'bitly.com', 't.co', 'tinyurl.com', 'goo.gl', 'ow.ly', 'buff.ly', 'is.gd', 'v.gd', 'rebrand.ly', 'cutt.ly', 'tiny.cc',
  'shorturl.at', 'rb.gy', 'lnkd.in', 's.id', 't.cn', 'url.cn', 'dwz.cn', 'suo.im', 'sohu.gg', 'u.nu', 'x.co', 'bl.ink', 'short.io',
  'tr.im', 'qr.net', 'did.li', 'b23.tv', 'v.douyin.com', 'm.tb.cn', 'e.tb.cn', 'dwz.date', 'surl.li', 'shorturl.com', 'trib.al', 'adf.ly', 'goo.su',
]);

export interface DetectedLink {
  /** Absolute, normalised URL (scheme added when missing, host in ASCII/punycode). */
  url: string;
  /** Host in ASCII (punycode for IDN), without the port. */
  host: string;
  shortener: boolean;
}

const ZERO_WIDTH = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180B-\u180F\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/g;
// Dots NFKC leaves alone but readers see as dots.
const DOT_LIKE = /[\u3002\uFF61\uFE52\u2024\u0701\u0702\u2E3C\u30FB\uFF65]/g;

/** NFKC, zero-width and invisible characters removed, dot look-alikes turned into dots. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').replace(ZERO_WIDTH, '').replace(DOT_LIKE, '.').normalize('NFKC');
}

const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,62}[\p{L}\p{N}\p{M}])?`;
const HOST_PORT_PATH = String.raw`(?::(?<port>\d{1,5}))?(?<rest>[/?#][^\s<>"'\u3000-\u303F\uFF01-\uFF0F\uFF1A-\uFF20\p{Script=Han}]*)?`;
const CANDIDATE = new RegExp(
  [
    // scheme://anything up to whitespace
    String.raw`(?<scheme>[a-z][a-z0-9+.-]{1,15}):\/\/(?<authority>\[[0-9a-f:.]+\](?::\d{1,5})?|[^\s/?#<>"'()\[\]]*)(?<srest>[/?#][^\s<>"']*)?`,
    // IPv4 address, with optional port and path
    String.raw`(?<![\p{L}\p{N}.])(?<ip>\d{1,3}(?:\.\d{1,3}){3})` + HOST_PORT_PATH.replace('<port>', '<ipport>').replace('<rest>', '<iprest>'),
    // localhost:port
    String.raw`(?<![\p{L}\p{N}.])(?<local>localhost)(?::(?<lport>\d{1,5}))(?<lrest>[/?#][^\s<>"']*)?`,
    // a domain name without a scheme
    String.raw`(?<![\p{N}.@])(?<host>(?:${LABEL}\.)+${LABEL})` + HOST_PORT_PATH,
  ].join('|'),
  'giu',
);

// "Mr.Li", "Dr.Who", "St.Paul": a title glued to a capitalised name is prose, even when
// the name happens to be a top-level domain. Written in lower case it is a link.
const TITLES = new Set(['mr', 'mrs', 'ms', 'dr', 'st', 'prof', 'no', 'vs', 'jr', 'sr', 'mt', 'gen', 'rev', 'fig', 'vol', 'ch', 'sec']);

function isTitleAndName(host: string, port: string | undefined, rest: string | undefined): boolean {
  if (port || rest) return false;
  const labels = host.split('.');
  return labels.length === 2 && TITLES.has(labels[0]!.toLowerCase()) && /^\p{Lu}\p{Ll}/u.test(labels[1]!);
}

const TRAILING = /[.,;:!?'"*_~>]+$/;

function trimTrailing(url: string): string {
  let out = url.replace(TRAILING, '');
  // A closing bracket belongs to the URL only if the URL opened it (Markdown: [x](url)).
  for (const [open, close] of [['(', ')'], ['[', ']'], ['{', '}']] as const) {
    while (out.endsWith(close) && out.split(open).length <= out.split(close).length - 1) out = out.slice(0, -1).replace(TRAILING, '');
  }
  return out;
}

function asciiHost(host: string): string | null {
  const ascii = domainToASCII(host.toLowerCase());
  return ascii || null;
}

/** The last label cut where ordinary text glued to it begins ("taobao.com好" → "taobao.com"). */
function detachTld(host: string): string | null {
  const labels = host.split('.');
  const last = labels[labels.length - 1]!;
  let cut: string | null = null;
  if (/^[a-z]/i.test(last) && /[^\x00-\x7F]/.test(last)) cut = last.match(/^[a-z]+/i)![0];
  else if (/^[^\x00-\x7F]/.test(last)) {
    for (let n = last.length - 1; n >= 2 && !cut; n--) if (TLDS.has(last.slice(0, n))) cut = last.slice(0, n);
  }
  if (!cut) return null;
  labels[labels.length - 1] = cut;
  return labels.join('.');
}

function realTld(asciiHostName: string): boolean {
  const labels = asciiHostName.split('.');
  if (labels.length < 2) return false;
  const tld = labels[labels.length - 1]!;
  return TLDS.has(tld) || TLDS.has(domainToUnicode(tld));
}

/** A domain glued to CJK text ("看这个taobao.com") keeps only its ASCII tail in the first label. */
function detachFromText(host: string): string {
  const labels = host.split('.');
  const first = labels[0]!;
  if (/[\x00-\x7F]/.test(first) && /[^\x00-\x7F]/.test(first)) {
    const tail = first.match(/[a-z0-9-]+$/i)?.[0];
    if (tail) labels[0] = tail;
  }
  return labels.join('.');
}

function build(host: string, port: string | undefined, rest: string | undefined, scheme = 'https'): DetectedLink | null {
  const ascii = asciiHost(host);
  if (!ascii) return null;
  const raw = `${scheme}://${ascii}${port ? `:${port}` : ''}${rest ?? ''}`;
  let parsed: URL;
  try {
    parsed = new URL(trimTrailing(raw));
  } catch {
    return null;
  }
  const h = parsed.hostname;
  const bare = h.replace(/^www\./, '');
  return { url: parsed.href, host: h, shortener: SHORTENERS.has(h) || SHORTENERS.has(bare) };
}

/** Every link in a message, in order of appearance, without duplicates. */
export function detectLinks(text: string): DetectedLink[] {
  const normalised = normaliseText(text);
  const found: DetectedLink[] = [];
  const seen = new Set<string>();
  const add = (link: DetectedLink | null) => {
    if (link && !seen.has(link.url)) {
      seen.add(link.url);
      found.push(link);
    }
  };
  for (const match of normalised.matchAll(CANDIDATE)) {
    const g = match.groups ?? {};
    if (g.scheme) {
      const scheme = g.scheme.toLowerCase();
      const raw = trimTrailing(`${scheme}://${g.authority ?? ''}${g.srest ?? ''}`);
      try {
        const parsed = new URL(raw);
        if (!parsed.hostname) continue;
        add({ url: parsed.href, host: parsed.hostname, shortener: SHORTENERS.has(parsed.hostname.replace(/^www\./, '')) });
      } catch {
        // Not a URL a browser would open: ignore it.
      }
      continue;
    }
    if (g.ip) {
      if (g.ip.split('.').every((part) => Number(part) <= 255)) add(build(g.ip, g.ipport, g.iprest, 'http'));
      continue;
    }
    if (g.local) {
      add(build('localhost', g.lport, g.lrest, 'http'));
      continue;
    }
    if (g.host) {
      if (isTitleAndName(g.host, g.port, g.rest)) continue;
      let host = detachFromText(g.host);
      let ascii = asciiHost(host);
      let port = g.port;
      let rest = g.rest;
      if (!ascii || !realTld(ascii)) {
        const cut = detachTld(host);
        if (!cut) continue;
        host = cut;
        ascii = asciiHost(host);
        if (!ascii || !realTld(ascii)) continue;
        port = undefined;
        rest = undefined;
      }
      add(build(host, port, rest));
    }
  }
  return found;
}

/** True when `host` is `domain` or one of its subdomains. */
export function hostMatches(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const d = (domainToASCII(domain.toLowerCase().trim()) || domain.toLowerCase().trim()).replace(/^\*\./, '').replace(/\.$/, '');
  return h === d || h.endsWith(`.${d}`);
}
