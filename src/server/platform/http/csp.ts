// The Content Security Policy, in one place: every response carries it, and
// pages that must differ (the mini-program may be framed by partner hosts) derive theirs
// from the same directives.
export type CspDirectives = Record<string, string[]>;

export function baseCspDirectives(publicUrl: string): CspDirectives {
  const https = publicUrl.startsWith('https:');
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-src': ["'self'"],
    // Framing is refused everywhere; the mini-program's pages list their hosts instead.
    'frame-ancestors': ["'none'"],
    ...(https ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

export function cspHeader(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}
