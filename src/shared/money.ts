// Money is integer minor units plus an ISO 4217 currency everywhere (fen, cents; a yen has
// none). How many minor units make one major unit comes from Intl, not from a guess of 100,
// so every place that shows or exports an amount agrees.
import { localeTag } from './locales.ts';

const digitsCache = new Map<string, number>();
const formatCache = new Map<string, Intl.NumberFormat>();

/** Decimal places of the currency's minor unit: 2 for CNY, EUR and USD, 0 for JPY. */
export function minorDigits(currency: string): number {
  let digits = digitsCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    digitsCache.set(currency, digits);
  }
  return digits;
}

/** Minor units → the amount in major units (2900 CNY → 29), for formats that want a decimal (FHIR Money). */
export function toMajor(amountMinor: number, currency: string): number {
  return amountMinor / 10 ** minorDigits(currency);
}

/** Major units as typed by a person ("29.5") → minor units (2950), rounded to the unit. */
export function toMinor(amountMajor: number, currency: string): number {
  return Math.round(amountMajor * 10 ** minorDigits(currency));
}

/** Minor units → "¥29.00", "29,00 €", "$15.00" in the reader's language. */
export function formatMoney(amountMinor: number, currency: string, locale: string): string {
  const tag = localeTag(locale);
  const key = `${tag}|${currency}`;
  let format = formatCache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(tag, { style: 'currency', currency });
    formatCache.set(key, format);
  }
  return format.format(toMajor(amountMinor, currency));
}
