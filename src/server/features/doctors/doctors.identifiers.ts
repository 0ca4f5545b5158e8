// Practitioner identifiers of China, France and the United States, checked at the edge.
// Pure functions: each answers null when the value is well formed, or a reason a person
// understands. They check form and check digits only; whether the number belongs to this
// person is the registries' question (doctors.registry.ts).

/** Luhn (mod 10) over a string of digits, the last being the check digit. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** The Luhn check digit to append to `payload`. */
export function luhnCheckDigit(payload: string): number {
  for (let d = 0; d <= 9; d++) if (luhnValid(payload + d)) return d;
  throw new Error('unreachable');
}

const compact = (value: string) => value.replace(/[\s-]/g, '');

// ---- United States: National Provider Identifier ----------------------------------

/** NPI: 10 digits; the last is a Luhn check digit computed over "80840" + the first 9
 * (the ISO 7812 card-issuer prefix of US health identifiers). A check digit of 0 is valid. */
export function checkNpi(raw: string): string | null {
  const value = compact(raw);
  if (!/^\d+$/.test(value)) return 'must contain digits only';
  if (value.length !== 10) return `must be 10 digits (got ${value.length})`;
  if (value[0] !== '1' && value[0] !== '2') return 'must start with 1 or 2';
  if (!luhnValid('80840' + value)) return 'has a wrong check digit (the last digit does not match the others): check for a typing mistake';
  return null;
}

// ---- France: RPPS and ADELI --------------------------------------------------------

/** RPPS: 11 digits, the last a Luhn key. */
export function checkRpps(raw: string): string | null {
  const value = compact(raw);
  if (!/^\d+$/.test(value)) return 'must contain digits only';
  if (value.length !== 11) return `must be 11 digits (got ${value.length})`;
  if (!luhnValid(value)) return 'has a wrong check key (the last digit does not match the others): check for a typing mistake';
  return null;
}

/** ADELI: 9 characters: the département (2 digits, or 2A/2B for Corsica) then 7 digits. */
export function checkAdeli(raw: string): string | null {
  const value = compact(raw).toUpperCase();
  if (value.length !== 9) return `must be 9 characters (got ${value.length})`;
  if (!/^(\d{2}|2A|2B)\d{7}$/.test(value)) return 'must be the département (2 digits, or 2A/2B) followed by 7 digits';
  return null;
}

// ---- China: resident identity card and physician certificates ----------------------

const cnWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const cnCheckChars = '10X98765432';

/** GB 11643-1999 (ISO 7064 MOD 11-2) check character for the first 17 digits. */
export function cnResidentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * cnWeights[i]!;
  return cnCheckChars[sum % 11]!;
}

function validDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Resident identity card: 6-digit region, 8-digit birth date, 3-digit sequence, and a
 * check character (digit or X). `today` bounds the birth date (no one is born tomorrow). */
export function checkCnResidentId(raw: string, today: Date = new Date()): string | null {
  const value = compact(raw).toUpperCase();
  if (value.length !== 18) return `must be 18 characters (got ${value.length})`;
  if (!/^\d{17}[\dX]$/.test(value)) return 'must be 17 digits followed by a digit or X';
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  if (y < 1900 || !validDate(y, m, d)) return 'contains a birth date that does not exist (characters 7 to 14)';
  if (Date.UTC(y, m - 1, d) > today.getTime()) return 'contains a birth date in the future (characters 7 to 14)';
  if (cnResidentIdCheckChar(value.slice(0, 17)) !== value[17]) return 'has a wrong check character (the last one): check for a typing mistake';
  return null;
}

/** Physician qualification certificate (医师资格证书) number: 24 or 27 characters, digits
 * (it ends with the holder's 15- or 18-digit identity number, so the last may be X). No
 * public check digit is documented, so only the form is checked. */
export function checkCnQualificationCert(raw: string): string | null {
  const value = compact(raw).toUpperCase();
  if (!/^\d+X?$/.test(value)) return 'must contain digits only (the last may be X)';
  if (value.length !== 24 && value.length !== 27) return `must be 24 or 27 characters (got ${value.length})`;
  return null;
}

/** Physician practice certificate (医师执业证书) number: 15 digits. No public check digit. */
export function checkCnPracticeCert(raw: string): string | null {
  const value = compact(raw);
  if (!/^\d+$/.test(value)) return 'must contain digits only';
  if (value.length !== 15) return `must be 15 digits (got ${value.length})`;
  return null;
}

// ---- Per country ---------------------------------------------------------------------

export type Country = 'CN' | 'FR' | 'US';
export type IdentifierKind = 'npi' | 'rpps' | 'adeli' | 'cnResidentId' | 'cnQualificationCert' | 'cnPracticeCert';
export type Identifiers = Partial<Record<IdentifierKind, string>>;

export const IDENTIFIER_KINDS: IdentifierKind[] = ['npi', 'rpps', 'adeli', 'cnResidentId', 'cnQualificationCert', 'cnPracticeCert'];

/** Which identifiers a country uses, and which of them an application must have. */
export const COUNTRY_IDENTIFIERS: Record<Country, { allowed: IdentifierKind[]; required: IdentifierKind[] }> = {
  CN: { allowed: ['cnResidentId', 'cnQualificationCert', 'cnPracticeCert'], required: ['cnResidentId', 'cnQualificationCert', 'cnPracticeCert'] },
  FR: { allowed: ['rpps', 'adeli'], required: ['rpps'] },
  US: { allowed: ['npi'], required: ['npi'] },
};

export const IDENTIFIER_LABELS: Record<IdentifierKind, string> = {
  npi: 'NPI',
  rpps: 'RPPS',
  adeli: 'ADELI',
  cnResidentId: 'resident identity card number',
  cnQualificationCert: 'physician qualification certificate number',
  cnPracticeCert: 'physician practice certificate number',
};

/** The canonical stored form: separators removed, letters upper-case. */
export function normaliseIdentifier(_kind: IdentifierKind, raw: string): string {
  return compact(raw).toUpperCase();
}

export function checkIdentifier(kind: IdentifierKind, raw: string, today: Date = new Date()): string | null {
  switch (kind) {
    case 'npi':
      return checkNpi(raw);
    case 'rpps':
      return checkRpps(raw);
    case 'adeli':
      return checkAdeli(raw);
    case 'cnResidentId':
      return checkCnResidentId(raw, today);
    case 'cnQualificationCert':
      return checkCnQualificationCert(raw);
    case 'cnPracticeCert':
      return checkCnPracticeCert(raw);
  }
}

/** Checks every identifier given for a country: field-level problems keyed
 * `identifiers.<kind>`, and the normalised values. Missing ones are not problems here
 * (a draft may be incomplete); `missingIdentifiers` lists them. */
export function checkIdentifiers(country: Country, given: Identifiers, today: Date = new Date()): { fields: Record<string, string>; values: Identifiers } {
  const fields: Record<string, string> = {};
  const values: Identifiers = {};
  const { allowed } = COUNTRY_IDENTIFIERS[country];
  for (const kind of IDENTIFIER_KINDS) {
    const raw = given[kind];
    if (raw === undefined || raw === null || raw.trim() === '') continue;
    if (!allowed.includes(kind)) {
      fields[`identifiers.${kind}`] = `is not an identifier used in ${country === 'CN' ? 'China' : country === 'FR' ? 'France' : 'the United States'}`;
      continue;
    }
    const problem = checkIdentifier(kind, raw, today);
    if (problem) fields[`identifiers.${kind}`] = `The ${IDENTIFIER_LABELS[kind]} ${problem}.`;
    else values[kind] = normaliseIdentifier(kind, raw);
  }
  return { fields, values };
}

export function missingIdentifiers(country: Country, values: Identifiers): IdentifierKind[] {
  return COUNTRY_IDENTIFIERS[country].required.filter((kind) => !values[kind]);
}

/** Partly masked for public display: only the last 4 characters show. */
export function maskIdentifier(value: string): string {
  if (value.length <= 4) return '•'.repeat(value.length);
  return '•'.repeat(Math.min(value.length - 4, 7)) + value.slice(-4);
}

/** The currency a consultation is priced in by default. */
export const COUNTRY_CURRENCY: Record<Country, string> = { CN: 'CNY', FR: 'EUR', US: 'USD' };
