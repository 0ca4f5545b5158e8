// The link policy as a pure function: which detected links a conversation of a given
// kind may carry under a given policy version. Own pages (under LOTUS_PUBLIC_URL or, in
// development, a loopback alias of it: see ownOrigins) are
// always allowed; the blocklist applies everywhere; then the kind's mode decides.
import { hostMatches, type DetectedLink } from './links.detect.ts';
import { isOwnOrigin } from '../../platform/http/origins.ts';

export type LinkMode = 'allow_all' | 'allow_listed' | 'deny_all';
export type PolicyKind = 'direct' | 'group' | 'consultation';
export const POLICY_KINDS: PolicyKind[] = ['direct', 'consultation', 'group'];

export interface KindRule {
  mode: LinkMode;
  domains: string[];
}

export interface PolicyRules {
  kinds: Record<PolicyKind, KindRule>;
  blocklist: string[];
}

export interface LinkDecision {
  url: string;
  host: string;
  external: boolean;
  allowed: boolean;
  reason?: 'blocked' | 'not_allowed_here' | 'shortener';
}

export function isOwnUrl(url: string, publicUrl: string): boolean {
  try {
    return isOwnOrigin(new URL(url).origin, publicUrl);
  } catch {
    return false;
  }
}

export function decideLinks(links: DetectedLink[], kind: PolicyKind, rules: PolicyRules, publicUrl: string): LinkDecision[] {
  const rule = rules.kinds[kind] ?? { mode: 'deny_all', domains: [] };
  return links.map((link) => {
    const own = isOwnUrl(link.url, publicUrl);
    const base = { url: link.url, host: link.host, external: !own };
    if (own) return { ...base, allowed: true };
    if (rules.blocklist.some((domain) => hostMatches(link.host, domain))) return { ...base, allowed: false, reason: 'blocked' };
    if (rule.mode === 'allow_all') return { ...base, allowed: true };
    if (rule.mode === 'deny_all') return { ...base, allowed: false, reason: 'not_allowed_here' };
    // allow_listed: a shortener hides its destination, so it never matches a listed domain.
    if (link.shortener) return { ...base, allowed: false, reason: 'shortener' };
    const listed = rule.domains.some((domain) => hostMatches(link.host, domain));
    return listed ? { ...base, allowed: true } : { ...base, allowed: false, reason: 'not_allowed_here' };
  });
}

const KIND_PLACE: Record<PolicyKind, string> = {
  group: 'group chats',
  direct: 'direct chats',
  consultation: 'consultations',
};

/** The sentence a person reads when a message is refused (the client translates by code). */
export function refusalMessage(kind: PolicyKind, decisions: LinkDecision[]): string {
  if (decisions.some((d) => !d.allowed && d.reason === 'blocked')) return 'This link is blocked on Lotus Health because it is known to be unsafe.';
  return `external links can't be shared in ${KIND_PLACE[kind]}`;
}

/** Cleans an operator's input: lower-case ASCII domains, no scheme or path, no duplicates. */
export function cleanDomains(domains: string[]): string[] {
  const out = new Set<string>();
  for (const raw of domains) {
    const value = raw.trim().toLowerCase().replace(/^[a-z]+:\/\//, '').replace(/[/?#:].*$/, '').replace(/^\*\./, '').replace(/\.$/, '');
    if (value) out.add(value);
  }
  return [...out].sort();
}
