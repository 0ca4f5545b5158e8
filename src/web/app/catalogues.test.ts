// Every word a reader sees is in all three catalogues: the same keys in en, zh and fr, every
// key the pages ask for exists in the catalogue they use, and no translation is a copy of the
// English left untranslated (except names and codes that read the same in every language).
import { describe, expect, it } from 'vitest';
import type { Catalog } from './i18n.tsx';

type AnyCatalog = Catalog<string>;
const modules = import.meta.glob<Record<string, unknown>>(['../**/*.messages.ts'], { eager: true });
const catalogs = new Map<string, AnyCatalog>(
  Object.entries(modules).flatMap(([, exports]) =>
    Object.entries(exports)
      .filter(([, value]) => typeof value === 'object' && value !== null && 'en' in value && 'zh' in value && 'fr' in value)
      .map(([name, value]) => [name, value as AnyCatalog] as [string, AnyCatalog]),
  ),
);
const sources = import.meta.glob<string>(['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!../**/*.messages.ts'], { eager: true, query: '?raw', import: 'default' });

// Words written the same in English and the other language: brand names, codes in capitals (NPI, RPPS), units, and the
// French words that are spelt as in English. A message made only of these (and placeholders,
// digits, punctuation) may be the same in both; language names are written in their own language.
const SAME_WORDS: Record<'zh' | 'fr', Set<string>> = {
  zh: new Set(['lotus', 'health', 'sms', 'smtp', 'url', 'id', 'ok', 'pdf', 'api']),
  fr: new Set(['lotus', 'health', 'alipay', 'wechat', 'pay', 'sms', 'smtp', 'url', 'id', 'ok', 'pdf', 'api', 'min', 'messages', 'message', 'patient', 'pages', 'france', 'consultation', 'consultations', 'documents', 'suggestions', 'causes', 'date', 'photo', 'destination', 'notifications', 'version', 'active']),
};
const sameAllowed = (locale: 'zh' | 'fr', key: string, text: string) =>
  key.startsWith('lang_') || (text.replace(/\{[^}]*\}/g, '').match(/\p{L}+/gu) ?? []).every((word) => word.length === 1 || /^\p{Lu}{2,6}$/u.test(word) || SAME_WORDS[locale].has(word.toLowerCase()));

describe('catalogues', () => {
  it('are found', () => {
    expect(catalogs.size).toBeGreaterThan(8);
    expect(catalogs.has('MESSAGES')).toBe(true);
  });

  it('have the same keys in en, zh and fr', () => {
    const problems: string[] = [];
    for (const [name, catalog] of catalogs) {
      const en = Object.keys(catalog.en);
      for (const locale of ['zh', 'fr'] as const) {
        const keys = Object.keys(catalog[locale]);
        for (const key of en) if (!(key in catalog[locale])) problems.push(`${name}: ${locale}.${key} is missing`);
        for (const key of keys) if (!(key in catalog.en)) problems.push(`${name}: ${locale}.${key} is not in en`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('hold every key the pages ask for', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const [file, text] of Object.entries(sources)) {
      // Which translate function reads which catalogue: `const t = useT(fooMessages)`, and the
      // mini-program's own `const t = (key: MiniKey …` over MESSAGES.
      const bound = new Map<string, Set<string>>();
      for (const m of text.matchAll(/const (\w+) = useT\((\w+)\)/g)) {
        if (!catalogs.has(m[2]!)) continue;
        bound.set(m[1]!, (bound.get(m[1]!) ?? new Set()).add(m[2]!));
      }
      if (/const t = \(key: MiniKey/.test(text)) bound.set('t', new Set(['MESSAGES']));
      for (const [fn, names] of bound) {
        const has = (key: string) => [...names].some((n) => key in catalogs.get(n)!.en);
        const hasPrefix = (prefix: string) => [...names].some((n) => Object.keys(catalogs.get(n)!.en).some((k) => k.startsWith(prefix)));
        for (const m of text.matchAll(new RegExp(`(?<![\\w.])${fn}\\(\\s*'([^']+)'`, 'g'))) {
          checked++;
          if (!has(m[1]!)) problems.push(`${file}: ${fn}('${m[1]}') is in none of ${[...names].join(', ')}`);
        }
        for (const m of text.matchAll(new RegExp(`(?<![\\w.])${fn}\\(\\s*\`([^\`$]*)\\$\\{`, 'g'))) {
          checked++;
          if (!hasPrefix(m[1]!)) problems.push(`${file}: ${fn}(\`${m[1]}…\`) matches no key of ${[...names].join(', ')}`);
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(problems).toEqual([]);
  });

  it('translate every message rather than copy the English', () => {
    const problems: string[] = [];
    for (const [name, catalog] of catalogs) {
      for (const [key, en] of Object.entries(catalog.en)) {
        for (const locale of ['zh', 'fr'] as const) {
          if (catalog[locale][key] === en && !sameAllowed(locale, key, en)) problems.push(`${name}: ${locale}.${key} = ${JSON.stringify(en)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
