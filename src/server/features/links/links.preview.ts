// Reads a preview card out of an HTML page: Open Graph first, then Twitter cards, then
// <title> and <meta name="description">. Parsed with htmlparser2 (no script runs, no
// DOM is built); text is decoded, collapsed and cut to a readable length.
import { Parser } from 'htmlparser2';

export interface PageCard {
  title: string | null;
  description: string | null;
  image: string | null;
  siteName: string | null;
}

const clean = (value: string | undefined, max: number): string | null => {
  if (!value) return null;
  const text = value.replace(/[\u0000-\u001F\u007F]/g, ' ').replace(/\s+/g, ' ').trim();
  if (!text) return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

export function readCard(html: string, pageUrl: string): PageCard {
  const meta = new Map<string, string>();
  let title = '';
  let inTitle = false;
  let done = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (done) return;
        if (name === 'title') inTitle = true;
        if (name === 'meta') {
          const key = (attrs.property ?? attrs.name ?? '').toLowerCase();
          if (key && attrs.content !== undefined && !meta.has(key)) meta.set(key, attrs.content);
        }
        if (name === 'body') done = true;
      },
      ontext(text) {
        if (inTitle && title.length < 1000) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();

  let image: string | null = null;
  const rawImage = meta.get('og:image') ?? meta.get('og:image:url') ?? meta.get('twitter:image');
  if (rawImage) {
    try {
      const resolved = new URL(rawImage.trim(), pageUrl);
      if (resolved.protocol === 'http:' || resolved.protocol === 'https:') image = resolved.href;
    } catch {
      image = null;
    }
  }
  return {
    title: clean(meta.get('og:title') ?? meta.get('twitter:title') ?? title, 200),
    description: clean(meta.get('og:description') ?? meta.get('twitter:description') ?? meta.get('description'), 300),
    image,
    siteName: clean(meta.get('og:site_name'), 100),
  };
}
