// Serves the built web faces (dist/web, made by `npm run build`). Hashed assets are
// cached forever; pages are HTML shells into which the server writes the title, language
// and Open Graph / Twitter card tags, so shared links preview well in other apps.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { localeTag, type Locale } from '../../../shared/locales.ts';

export const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../dist/web');

export type Face = 'patient' | 'doctor' | 'admin' | 'mini';

const faceFiles: Record<Face, string> = {
  patient: 'index.html',
  doctor: 'doctor/index.html',
  admin: 'admin/index.html',
  mini: 'mini/index.html',
};

export interface PageMeta {
  title?: string;
  description?: string;
  /** Absolute URL of this page (og:url, canonical). */
  url?: string;
  image?: string;
  type?: 'website' | 'article' | 'profile';
  /** Extra <head> HTML, already escaped by the caller. */
  head?: string;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function faceOf(urlPath: string): Face {
  if (urlPath === '/doctor' || urlPath.startsWith('/doctor/')) return 'doctor';
  if (urlPath === '/admin' || urlPath.startsWith('/admin/')) return 'admin';
  if (urlPath === '/mini' || urlPath.startsWith('/mini/')) return 'mini';
  return 'patient';
}

export class WebShell {
  private readonly templates = new Map<Face, string>();
  constructor(
    private readonly root: string,
    private readonly siteName = 'Lotus Health',
  ) {}

  get built(): boolean {
    return existsSync(path.join(this.root, faceFiles.patient));
  }

  private template(face: Face): string | null {
    const cached = this.templates.get(face);
    if (cached) return cached;
    const file = path.join(this.root, faceFiles[face]);
    if (!existsSync(file)) return null;
    const html = readFileSync(file, 'utf8');
    this.templates.set(face, html);
    return html;
  }

  render(face: Face, locale: Locale, meta: PageMeta = {}): string | null {
    const html = this.template(face);
    if (!html) return null;
    const tags: string[] = [];
    const title = meta.title ? `${meta.title} · ${this.siteName}` : this.siteName;
    tags.push(`<meta property="og:site_name" content="${escapeHtml(this.siteName)}">`);
    tags.push(`<meta property="og:type" content="${meta.type ?? 'website'}">`);
    tags.push(`<meta property="og:title" content="${escapeHtml(meta.title ?? this.siteName)}">`);
    tags.push(`<meta name="twitter:card" content="${meta.image ? 'summary_large_image' : 'summary'}">`);
    tags.push(`<meta name="twitter:title" content="${escapeHtml(meta.title ?? this.siteName)}">`);
    if (meta.description) {
      const d = escapeHtml(meta.description.slice(0, 300));
      tags.push(`<meta name="description" content="${d}">`, `<meta property="og:description" content="${d}">`, `<meta name="twitter:description" content="${d}">`);
    }
    if (meta.url) tags.push(`<meta property="og:url" content="${escapeHtml(meta.url)}">`, `<link rel="canonical" href="${escapeHtml(meta.url)}">`);
    if (meta.image) tags.push(`<meta property="og:image" content="${escapeHtml(meta.image)}">`, `<meta name="twitter:image" content="${escapeHtml(meta.image)}">`);
    if (meta.head) tags.push(meta.head);
    // Replacer functions, not strings: in a replacement string `$\`` `$'` `$&` are patterns,
    // and a title such as "a $` b" would paste the page's own head into an attribute.
    return html
      .replace(/<html lang="[^"]*"/, () => `<html lang="${localeTag(locale)}"`)
      .replace(/<title>[^<]*<\/title>/, () => `<title>${escapeHtml(title)}</title>`)
      .replace('</head>', () => `${tags.join('\n    ')}\n  </head>`);
  }

  /** Sends a face's page; answers 503 with a plain explanation when the web build is missing. */
  send(reply: FastifyReply, face: Face, locale: Locale, meta?: PageMeta, status = 200): FastifyReply {
    const html = this.render(face, locale, meta);
    reply.header('cache-control', 'no-cache');
    reply.header('vary', 'accept-language, cookie');
    if (!html) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The web interface has not been built yet. Run `npm run build` (npm install does it) and reload.');
    }
    return reply.status(status).type('text/html; charset=utf-8').send(html);
  }
}

export function wantsHtml(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const url = request.url.split('?')[0]!;
  if (url.startsWith('/api/') || url === '/api') return false;
  const accept = request.headers.accept ?? '';
  if (accept.includes('text/html')) return true;
  // `curl http://localhost:3000/` (Accept: */*) gets the page too, unless the client asks
  // for JSON or the path names a file (a missing asset stays a 404).
  if (accept.includes('application/json') || /\.[A-Za-z0-9]+$/.test(url)) return false;
  return accept === '' || accept.includes('*/*');
}

export async function installWeb(app: FastifyInstance, shell: WebShell, root: string): Promise<void> {
  if (!existsSync(root)) return;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    index: false,
    wildcard: false,
    // The HTML shells are served through WebShell (with meta tags), never as raw files.
    allowedPath: (pathName) => !pathName.endsWith('.html'),
    setHeaders(res, filePath) {
      if (filePath.includes(`${path.sep}assets${path.sep}`)) res.header('cache-control', 'public, max-age=31536000, immutable');
      else res.header('cache-control', 'public, max-age=3600');
    },
  });
  void shell;
}
