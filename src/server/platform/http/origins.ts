// The one place that decides "is this our own origin". In development a browser may reach
// the server at a loopback alias of LOTUS_PUBLIC_URL (http://127.0.0.1:3000 when the public
// URL says http://localhost:3000, or the reverse): those aliases are our origin too, for the
// CSRF check, the mini-program's framing, own links and their previews. In production,
// requests for any other host are redirected to the public URL (installCanonicalHost).
import type { FastifyInstance } from 'fastify';

// Not [::1]: CSP source lists (frame-ancestors, frame-src) cannot name an IPv6 literal.
const LOOPBACK_HOSTS = ['localhost', '127.0.0.1'];

function originOf(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The public origin, plus its loopback aliases (same scheme and port) when the public host is loopback. */
export function ownOrigins(publicUrl: string): string[] {
  const url = new URL(publicUrl);
  if (!LOOPBACK_HOSTS.includes(url.hostname)) return [url.origin];
  const port = url.port ? `:${url.port}` : '';
  return [url.origin, ...LOOPBACK_HOSTS.map((host) => `${url.protocol}//${host}${port}`).filter((o) => o !== url.origin)];
}

export function isOwnOrigin(origin: string, publicUrl: string): boolean {
  const parsed = originOf(origin);
  return parsed !== null && ownOrigins(publicUrl).includes(parsed.origin);
}

/** `origins` with every own origin among them widened to all of ownOrigins (e.g. the demo host's). */
export function withOwnAliases(origins: string[], publicUrl: string): string[] {
  const own = ownOrigins(publicUrl);
  return origins.some((o) => own.includes(o)) ? [...new Set([...origins, ...own])] : origins;
}

/** Production only: a request for another host (not the public URL's) is redirected there. */
export function installCanonicalHost(app: FastifyInstance, publicUrl: () => string, production: boolean): void {
  if (!production) return;
  app.addHook('onRequest', async (request, reply) => {
    const url = new URL(publicUrl());
    // Probes reach the process by its own address, not the public name.
    if (/^\/(healthz|readyz|metrics)(\?|$)/.test(request.url)) return;
    if (request.headers.host === url.host) return;
    return reply.redirect(`${url.origin}${request.url}`, request.method === 'GET' || request.method === 'HEAD' ? 301 : 308);
  });
}
