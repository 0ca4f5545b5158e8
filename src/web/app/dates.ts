// Dates and times in the reader's language: one place that picks the Intl locale and the clock.
// Chinese and French readers get a 24-hour clock (14:05); English readers their usual 2:05 PM.
import { localeTag, type Locale } from '../../shared/locales.ts';

const cache = new Map<string, Intl.DateTimeFormat>();

/** The Intl locale tag for an interface language. */
export const intlLocale = (locale: Locale): string => localeTag(locale);

/** A formatter for the language, with a 24-hour clock in zh and fr whenever a time is shown. */
export function dateFormat(locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    const showsTime = options.timeStyle !== undefined || options.hour !== undefined;
    format = new Intl.DateTimeFormat(intlLocale(locale), showsTime && locale !== 'en' ? { ...options, hourCycle: 'h23' } : options);
    cache.set(key, format);
  }
  return format;
}

const toDate = (when: string | number | Date) => (when instanceof Date ? when : new Date(when));

/** Hours and minutes: "14:05" in zh and fr, "2:05 PM" in en. */
export const formatTime = (when: string | number | Date, locale: Locale): string => dateFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(toDate(when));

/** Date and time, medium date and short time unless told otherwise. */
export const formatDateTime = (when: string | number | Date, locale: Locale, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' }): string =>
  dateFormat(locale, options).format(toDate(when));

/** A date without a time. */
export const formatDate = (when: string | number | Date, locale: Locale, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string => dateFormat(locale, options).format(toDate(when));
