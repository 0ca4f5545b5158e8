// Interface language: English, 简体中文, Français. The choice is kept in localStorage and
// a `lotus_lang` cookie (so server-rendered text and API answers follow it), and on the
// account when signed in. Each feature keeps its own message catalog beside its code.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isLocale, localeTag, LOCALES, matchLocale, type Locale } from '../../shared/locales.ts';

export type Catalog<K extends string> = Record<Locale, Record<K, string>>;

/** Declares a catalog; TypeScript checks that every language has every key. */
export function defineMessages<K extends string>(catalog: Catalog<K>): Catalog<K> {
  return catalog;
}

interface I18nContextValue {
  locale: Locale;
  setLocale(locale: Locale): void;
}

const I18nContext = createContext<I18nContextValue>({ locale: 'en', setLocale: () => undefined });

function initialLocale(): Locale {
  const stored = localStorage.getItem('lotus_lang');
  if (isLocale(stored)) return stored;
  const cookie = document.cookie.match(/(?:^|; )lotus_lang=([a-z]{2})/)?.[1];
  if (isLocale(cookie)) return cookie;
  return matchLocale(navigator.languages.join(',')) ?? 'en';
}

export function rememberLocale(locale: Locale): void {
  localStorage.setItem('lotus_lang', locale);
  document.cookie = `lotus_lang=${locale}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = localeTag(locale);
}

export function I18nProvider({ children, onChange }: { children: ReactNode; onChange?: (locale: Locale) => void }) {
  const [locale, setState] = useState<Locale>(initialLocale);
  useEffect(() => rememberLocale(locale), [locale]);
  const setLocale = useCallback(
    (next: Locale) => {
      setState(next);
      onChange?.(next);
    },
    [onChange],
  );
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useLocale(): I18nContextValue {
  return useContext(I18nContext);
}

const PLURAL = /\{(\w+), plural, one \{([^{}]*)\} other \{([^{}]*)\}\}/g;
const pluralRules = new Map<Locale, Intl.PluralRules>();

/** Chooses the branch of `{n, plural, one {# thing} other {# things}}` by the language's
 * plural rules (French counts 0 and 1 as one, Chinese has a single form); `#` is the number. */
export function pluralise(text: string, locale: Locale, vars: Record<string, string | number>): string {
  if (!text.includes(', plural, ')) return text;
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(localeTag(locale))));
  return text.replace(PLURAL, (_, name: string, one: string, other: string) => {
    const n = Number(vars[name]);
    return (rules.select(n) === 'one' ? one : other).replaceAll('#', String(vars[name]));
  });
}

/** French puts a space before ; : ? ! » and after «, and it must not be where the line
 * breaks ("licences" at the end of a line, "; accepter" on the next): a no-break space.
 * Applied to the message before names are filled in, so what people wrote is left alone. */
export function frenchSpacing(text: string): string {
  return text.replace(/ ([;:?!»])/g, '\u00a0$1').replace(/« /g, '«\u00a0');
}

/** `t(key, {name})` replaces `{name}` in the message; `{name, plural, one {…} other {…}}`
 * picks the form that agrees with the number. */
export function useT<K extends string>(catalog: Catalog<K>): (key: K, vars?: Record<string, string | number>) => string {
  const { locale } = useLocale();
  return useCallback(
    (key: K, vars?: Record<string, string | number>) => {
      let text = catalog[locale][key] ?? catalog.en[key] ?? key;
      if (locale === 'fr') text = frenchSpacing(text);
      if (vars) {
        text = pluralise(text, locale, vars);
        for (const [name, value] of Object.entries(vars)) text = text.replaceAll(`{${name}}`, String(value));
      }
      return text;
    },
    [catalog, locale],
  );
}

export { LOCALES };
