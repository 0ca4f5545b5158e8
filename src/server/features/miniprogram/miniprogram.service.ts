// Partner hosts and the reader sign-in they vouch for. A host registers its origins and
// public keys; its server signs a short assertion for a reader; we exchange it for a
// Lotus session limited to the mini-program. The same host user always maps to the same
// Lotus account, the same `sub` from two hosts to two accounts, and each host sees only
// a pairwise id for its reader.
import { createHmac } from 'node:crypto';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { withOwnAliases } from '../../platform/http/origins.ts';
import { newId } from '../../platform/ids.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { OutboundClient } from '../../platform/outbound/outbound.client.ts';
import { isLocale, matchLocale, type Locale } from '../../../shared/locales.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { refused, verifyAssertion } from './miniprogram.assertion.ts';
import { MiniprogramStore, type HostRow, type Jwk } from './miniprogram.store.ts';
import { normaliseE164 } from '../phone/phone.service.ts';

export const MINI_SESSION_DAYS = 1;

export interface JwksFetcher {
  fetch(url: string): Promise<{ keys: Jwk[] }>;
}

export interface HostInput {
  name?: string;
  origins?: string[];
  jwks?: { keys: Jwk[] };
  jwksUrl?: string | null;
  status?: 'active' | 'suspended';
  vouchesPhones?: boolean;
}

export interface PublicHost {
  id: string;
  name: string;
  origins: string[];
  jwks: { keys: Jwk[] } | null;
  jwksUrl: string | null;
  status: 'active' | 'suspended';
  vouchesPhones: boolean;
  createdAt: string;
  updatedAt: string;
}

function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
    if (url.origin !== value.replace(/\/$/, '')) return null; // an origin, not a URL with a path
    return url.origin;
  } catch {
    return null;
  }
}

/** Keeps public members only: a pasted private JWK must not be stored. */
function publicJwk(jwk: Jwk): Jwk {
  const { d, p, q, dp, dq, qi, k, oth, ...rest } = jwk as Record<string, unknown>;
  (void d, p, q, dp, dq, qi, k, oth);
  return rest as Jwk;
}

export class MiniprogramService {
  readonly store: MiniprogramStore;
  private originsCache: { at: number; origins: Promise<string[]> } | null = null;
  private readonly jwksCache = new Map<string, { at: number; keys: Jwk[] }>();

  constructor(
    private readonly deps: {
      db: Database;
      clock: Clock;
      accounts: AccountsService;
      audit: AuditLog;
      /** Read on each use: LOTUS_PUBLIC_URL is the assertions' audience. */
      publicUrl: () => string;
      secret: string;
      jwks: JwksFetcher;
      /** Records a phone number as verified for an account (see phone.service.ts). */
      phones?: { markVerified(userId: string, phone: string): Promise<void> };
    },
  ) {
    this.store = new MiniprogramStore(deps.db);
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private validate(
    input: HostInput,
    creating: boolean,
  ): { name?: string; origins?: string[]; jwks?: { keys: Jwk[] } | null; jwksUrl?: string | null; status?: string; vouchesPhones?: boolean } {
    const fields: Record<string, string> = {};
    const out: { name?: string; origins?: string[]; jwks?: { keys: Jwk[] } | null; jwksUrl?: string | null; status?: string; vouchesPhones?: boolean } = {};
    if (input.name !== undefined || creating) {
      const name = (input.name ?? '').trim();
      if (!name || name.length > 80) fields.name = 'must be 1 to 80 characters';
      else out.name = name;
    }
    if (input.origins !== undefined || creating) {
      const origins = (input.origins ?? []).map(normaliseOrigin);
      if (origins.length === 0) fields.origins = 'list at least one origin, like https://news.example.com';
      else if (origins.some((o) => o === null)) fields.origins = 'each origin must be scheme://host[:port] with nothing after it';
      else out.origins = [...new Set(origins as string[])];
    }
    if (input.jwks !== undefined) {
      const keys = input.jwks?.keys ?? [];
      if (keys.length === 0) fields.jwks = 'must hold at least one key';
      else if (keys.some((k) => !k.kid || (k.kty !== 'EC' && k.kty !== 'RSA')))
        fields.jwks = 'each key needs a kid and must be an EC (P-256) or RSA public key';
      else out.jwks = { keys: keys.map(publicJwk) };
    }
    if (input.jwksUrl !== undefined) {
      if (input.jwksUrl === null || input.jwksUrl === '') out.jwksUrl = null;
      else {
        try {
          const url = new URL(input.jwksUrl);
          if (url.protocol !== 'https:') fields.jwksUrl = 'must be an https:// URL';
          else out.jwksUrl = url.toString();
        } catch {
          fields.jwksUrl = 'must be an https:// URL';
        }
      }
    }
    if (creating && !out.jwks && !out.jwksUrl && !fields.jwks && !fields.jwksUrl) fields.jwks = 'give the public keys (jwks) or a jwksUrl';
    if (input.status !== undefined) out.status = input.status;
    if (input.vouchesPhones !== undefined) out.vouchesPhones = input.vouchesPhones;
    if (Object.keys(fields).length > 0) throw invalid(fields, 'The host registration needs attention.');
    return out;
  }

  async createHost(actor: Actor, input: HostInput): Promise<PublicHost> {
    const clean = this.validate(input, true);
    const id = newId('host');
    await this.store.insertHost({
      id,
      name: clean.name!,
      origins: clean.origins!,
      jwks: clean.jwks ?? null,
      jwksUrl: clean.jwksUrl ?? null,
      status: clean.status ?? 'active',
      vouchesPhones: clean.vouchesPhones ?? false,
      createdBy: actor.userId,
      now: this.now(),
    });
    await this.deps.audit.record({
      actorId: actor.userId,
      action: 'mini_host.create',
      resourceType: 'mini_host',
      resourceId: id,
      detail: { name: clean.name, origins: clean.origins },
    });
    this.originsCache = null;
    return (await this.getHost(id))!;
  }

  async updateHost(actor: Actor, id: string, input: HostInput): Promise<PublicHost> {
    const host = await this.store.findHost(id);
    if (!host) throw notFound('This host');
    const clean = this.validate(input, false);
    await this.deps.db.transaction(async () => {
      await this.store.updateHost(id, clean, this.now());
      await this.deps.audit.record({
        actorId: actor.userId,
        action: 'mini_host.update',
        resourceType: 'mini_host',
        resourceId: id,
        detail: { ...clean, jwks: clean.jwks ? 'replaced' : undefined },
      });
    });
    if (clean.status === 'suspended' && host.status !== 'suspended') {
      // Suspension ends the host's sessions at once.
      await this.deps.accounts.revokeSessionsOfUsers(await this.store.usersOfHost(id), 'mini');
    }
    this.originsCache = null;
    this.jwksCache.delete(id);
    return (await this.getHost(id))!;
  }

  async getHost(id: string): Promise<PublicHost | null> {
    const host = await this.store.findHost(id);
    return host ? this.present(host) : null;
  }

  async listHosts(): Promise<PublicHost[]> {
    return (await this.store.listHosts()).map((h) => this.present(h));
  }

  private present(host: HostRow): PublicHost {
    return { ...host };
  }

  /** Origins allowed to frame the mini-program (cached for a few seconds). */
  activeOrigins(): Promise<string[]> {
    const now = Date.now();
    if (!this.originsCache || now - this.originsCache.at > 5_000) {
      // The demo host is registered at the public origin; its loopback aliases frame us too.
      this.originsCache = { at: now, origins: this.store.activeOrigins().then((origins) => withOwnAliases(origins, this.deps.publicUrl())) };
    }
    return this.originsCache.origins;
  }

  /** Public facts the mini-program needs before sign-in: the host's name and origins. */
  async hostForLaunch(id: string): Promise<{ id: string; name: string; origins: string[] }> {
    const host = await this.store.findHost(id);
    if (!host || host.status !== 'active') throw new AppError(404, 'unknown_host', 'This partner app is not registered with Lotus Health, or is suspended.');
    return { id: host.id, name: host.name, origins: withOwnAliases(host.origins, this.deps.publicUrl()) };
  }

  private async keysOf(host: HostRow): Promise<Jwk[]> {
    const keys = [...(host.jwks?.keys ?? [])];
    if (host.jwksUrl) {
      const cached = this.jwksCache.get(host.id);
      if (cached && Date.now() - cached.at < 10 * 60_000) keys.push(...cached.keys);
      else {
        try {
          const fetched = (await this.deps.jwks.fetch(host.jwksUrl)).keys.map(publicJwk);
          this.jwksCache.set(host.id, { at: Date.now(), keys: fetched });
          keys.push(...fetched);
        } catch {
          if (keys.length === 0) throw refused('unknown_key', "The host's key set could not be fetched.");
        }
      }
    }
    return keys;
  }

  pairwiseId(hostId: string, userId: string): string {
    const mac = createHmac('sha256', this.deps.secret).update(`mini-pairwise:${hostId}:${userId}`).digest('base64url');
    return `mpu_${mac.slice(0, 26)}`;
  }

  async exchange(
    hostId: string,
    assertion: string,
    userAgent: string | null,
  ): Promise<{ token: string; user: { id: string; displayName: string; locale: Locale; hostId: string } }> {
    const host = await this.store.findHost(hostId);
    if (!host) throw refused('unknown_host', 'This partner app is not registered with Lotus Health.');
    if (host.status !== 'active') throw refused('host_suspended', 'This partner app is suspended.');
    const verified = await verifyAssertion(assertion, host, await this.keysOf(host), { audience: this.deps.publicUrl(), now: this.deps.clock.now() });
    const now = this.now();
    if (!(await this.store.claimAssertionId(host.id, verified.jti, verified.expiresAt.toISOString(), now))) {
      throw refused('assertion_replayed', 'This assertion was already used. The host must sign a new one for each sign-in.');
    }
    const locale: Locale = isLocale(verified.locale) ? verified.locale : (matchLocale(verified.locale) ?? 'en');
    let userId = await this.store.findLinkedUser(host.id, verified.subject);
    if (!userId) {
      try {
        userId = await this.deps.db.transaction(async () => {
          const id = await this.deps.accounts.createPasswordlessUser({ displayName: verified.name?.trim() || `${host.name} reader`, locale });
          await this.store.link(host.id, verified.subject, id, now);
          return id;
        });
      } catch (error) {
        // Two first launches at once: the primary key let one link win; use it.
        userId = await this.store.findLinkedUser(host.id, verified.subject);
        if (!userId) throw error;
      }
    } else {
      await this.store.touch(host.id, verified.subject, now);
    }
    // Only a host registered as able to vouch for phones may hand us a verified number; a
    // claim from any other host is ignored, as is a number that is not a possible one.
    if (verified.phone && host.vouchesPhones && this.deps.phones && normaliseE164(verified.phone)) {
      await this.deps.phones.markVerified(userId, verified.phone);
    }
    const user = await this.deps.accounts.requireUser(userId);
    const token = await this.deps.accounts.createSession(userId, 'mini', userAgent, MINI_SESSION_DAYS);
    return { token, user: { id: this.pairwiseId(host.id, userId), displayName: user.displayName, locale: user.locale, hostId: host.id } };
  }
}

/** The part of the outbound client the JWKS fetcher uses. */
export type OutboundFetch = Pick<OutboundClient, 'fetch'>;

export const JWKS_MAX_BYTES = 100_000;

/** Fetches a host's JWKS through the outbound client, like every URL someone else chose:
 * https only (also after redirects), never a private, loopback or metadata address, with
 * its deadline and a 100 kB limit. */
export function outboundJwksFetcher(outbound: OutboundFetch): JwksFetcher {
  return {
    async fetch(url) {
      if (!url.startsWith('https://')) throw new Error('JWKS URLs must be https');
      const response = await outbound.fetch(url, { accept: ['application/json', 'application/jwk-set+json'], allowLift: false });
      if (!response.url.startsWith('https://')) throw new Error('JWKS URLs must be https, also after redirects');
      if (response.body.length > JWKS_MAX_BYTES) throw new Error('unusable JWKS response');
      const body = JSON.parse(response.body.toString('utf8')) as { keys?: Jwk[] };
      if (!Array.isArray(body?.keys)) throw new Error('JWKS without keys');
      return { keys: body.keys };
    },
  };
}
