// Resolves the actor of every request (bearer token first, then the session cookie) and
// refuses cross-site writes made with a cookie (CSRF). The cross-origin check follows the
// Fetch Metadata approach: browsers send Sec-Fetch-Site and Origin on every unsafe
// request, so a write whose Sec-Fetch-Site is not same-origin, or whose Origin is not
// ours, did not come from our pages. Clients that send neither (API clients, provider
// webhooks) are not browsers and carry no ambient cookie authority worth forging.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../http/errors.ts';
import { isOwnOrigin } from '../http/origins.ts';
import { isLocale, matchLocale, type Locale } from '../../../shared/locales.ts';
import type { Actor } from './actor.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

export interface Authenticator {
  authenticate(token: string, via: Actor['via']): Promise<Actor | null>;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Set on routes that other sites may legitimately POST to (provider webhooks). */
    allowCrossSite?: boolean;
  }
}

/** `publicUrl`: LOTUS_PUBLIC_URL; it and its loopback aliases (see ownOrigins) are ours. */
export function isCrossSiteWrite(request: FastifyRequest, publicUrl: string): boolean {
  if (!UNSAFE.has(request.method)) return false;
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    const host = request.headers.host;
    if (host && origin === `${request.protocol}://${host}`) return false;
    return !isOwnOrigin(origin, publicUrl);
  }
  return origin === 'null';
}

export function installAuthentication(
  app: FastifyInstance,
  auth: Authenticator,
  publicUrl: string,
  /** Which API paths a mini-program session may reach (it is limited to the mini-program). */
  miniScopeAllows: (url: string) => boolean = () => false,
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'en');

  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') && request.url !== '/api') {
      request.locale = resolveLocale(request, null);
      return;
    }
    if (!request.routeOptions.config?.allowCrossSite && isCrossSiteWrite(request, publicUrl)) {
      throw new AppError(403, 'cross_site_request', 'This request came from another site and was refused.');
    }
    const header = request.headers.authorization;
    let actor: Actor | null = null;
    if (typeof header === 'string' && header.toLowerCase().startsWith('bearer ')) {
      actor = await auth.authenticate(header.slice(7).trim(), 'bearer');
    } else {
      const cookie = request.cookies?.[SESSION_COOKIE];
      if (cookie) actor = await auth.authenticate(cookie, 'cookie');
    }
    if (actor?.scope === 'mini' && !miniScopeAllows(request.url)) {
      throw new AppError(403, 'scope_not_allowed', 'A mini-program session cannot do this. Open Lotus Health directly and sign in.');
    }
    request.actor = actor;
    request.locale = resolveLocale(request, actor?.locale ?? null);
  });
}

/** ?lang= first, then the lotus_lang cookie the web app sets, the account's choice, the browser's. */
export function resolveLocale(request: FastifyRequest, accountLocale: Locale | null): Locale {
  const query = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isLocale(query)) return query;
  const cookie = request.cookies?.lotus_lang;
  if (isLocale(cookie)) return cookie;
  if (accountLocale) return accountLocale;
  return matchLocale(request.headers['accept-language']) ?? 'en';
}
