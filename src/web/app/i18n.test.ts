// Message catalogs: plural forms agree with their number in each language, and every
// translation keeps the placeholders of the English message (a lost `{name}` shows a
// blank, an extra one shows raw braces to the reader).
import { describe, expect, it } from 'vitest';
import { frenchSpacing, pluralise, type Catalog } from './i18n.tsx';

type AnyCatalog = Catalog<string>;
const modules = import.meta.glob<Record<string, unknown>>(['../**/*.messages.ts', '../faces/**/*.messages.ts'], { eager: true });
const catalogs: Array<[string, AnyCatalog]> = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => typeof value === 'object' && value !== null && 'en' in value && 'zh' in value && 'fr' in value)
    .map(([name, value]) => [`${file}#${name}`, value as AnyCatalog] as [string, AnyCatalog]),
);

// A placeholder is `{name}` or the number of `{name, plural, …}`; the words of a plural
// branch (`one {another account}`) are text, not placeholders.
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)(?=\}|, plural,)/g)].map((m) => m[1]!).sort();

describe('message catalogs', () => {
  it('are found', () => {
    expect(catalogs.length).toBeGreaterThan(8);
  });

  it('choose the plural form by the language', () => {
    const text = '{n, plural, one {# thread} other {# threads}}';
    expect(pluralise(text, 'en', { n: 1 })).toBe('1 thread');
    expect(pluralise(text, 'en', { n: 0 })).toBe('0 threads');
    expect(pluralise(text, 'en', { n: 2 })).toBe('2 threads');
    expect(pluralise('{n, plural, one {# discussion} other {# discussions}}', 'fr', { n: 0 })).toBe('0 discussion');
    expect(pluralise('{n, plural, one {# discussion} other {# discussions}}', 'fr', { n: 12 })).toBe('12 discussions');
    expect(pluralise('{n, plural, one {# 个} other {# 个}}', 'zh', { n: 1 })).toBe('1 个');
    expect(pluralise('{a, plural, one {# doctor} other {# doctors}}; {b, plural, one {# person} other {# people}}', 'en', { a: 1, b: 3 })).toBe('1 doctor; 3 people');
  });

  it('keep French punctuation on the line of the word before it', () => {
    expect(frenchSpacing('Vérifier ; accepter : oui ? « Diabète »')).toBe('Vérifier\u00a0; accepter\u00a0: oui\u00a0? «\u00a0Diabète\u00a0»');
    expect(frenchSpacing('https://example.com/a?b')).toBe('https://example.com/a?b');
  });

  it('leave no plural syntax unresolved and keep the English placeholders in every language', () => {
    const problems: string[] = [];
    for (const [name, catalog] of catalogs) {
      for (const key of Object.keys(catalog.en)) {
        const expected = placeholders(catalog.en[key]!);
        for (const locale of ['en', 'zh', 'fr'] as const) {
          const text = catalog[locale][key];
          if (text === undefined) {
            problems.push(`${name} ${locale}.${key} is missing`);
            continue;
          }
          const vars = Object.fromEntries(placeholders(text).map((p) => [p, 2]));
          if (pluralise(text, locale, vars).includes(', plural, ')) problems.push(`${name} ${locale}.${key}: malformed plural`);
          if (locale !== 'en' && placeholders(text).join() !== expected.join()) problems.push(`${name} ${locale}.${key}: {${placeholders(text)}} but English has {${expected}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
