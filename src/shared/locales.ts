// The interface languages. `zh` is Simplified Chinese (简体中文).
export const LOCALES = ['en', 'zh', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', zh: '简体中文', fr: 'Français' };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Picks the best supported locale from an Accept-Language header or a tag like zh-CN. */
export function matchLocale(header: string | undefined | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) || 0 : 1 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLocale(base)) return base;
  }
  return null;
}

/** The BCP 47 tag for a language code, for `lang` attributes and Intl: Simplified Chinese is
 * `zh-CN` (so browsers pick Simplified glyphs and Intl its formats); other codes are their own tag. */
export function localeTag(code: string): string {
  return code === 'zh' ? 'zh-CN' : code;
}
