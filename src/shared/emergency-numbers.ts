// Emergency medical numbers by country (ISO 3166-1 alpha-2), for the server's guidance and
// for the faces' emergency panel, which shows a corrected country's numbers at once.

export interface EmergencyNumber {
  country: string;
  /** The number to call first. */
  number: string;
  /** Other numbers that also reach help (e.g. 112 across the EU). */
  others: string[];
}

// Country codes (ISO 3166-1 alpha-2) → emergency medical numbers.
const numbers: Record<string, { number: string; others: string[] }> = {
  CN: { number: '120', others: ['110', '119'] },
  HK: { number: '999', others: ['112'] },
  TW: { number: '119', others: ['112'] },
  FR: { number: '15', others: ['112'] },
  BE: { number: '112', others: [] },
  CH: { number: '144', others: ['112'] },
  CA: { number: '911', others: [] },
  US: { number: '911', others: [] },
  GB: { number: '999', others: ['112'] },
  DE: { number: '112', others: [] },
  ES: { number: '112', others: [] },
  IT: { number: '118', others: ['112'] },
  AU: { number: '000', others: ['112'] },
  JP: { number: '119', others: [] },
  SG: { number: '995', others: [] },
};

/** The emergency medical number for a country; 112 (the GSM emergency number, which
 * reaches help from most mobile phones) when the country is unknown. */
export function emergencyNumber(country: string | null | undefined): EmergencyNumber {
  const code = (country ?? '').trim().toUpperCase();
  const known = numbers[code];
  return known ? { country: code, ...known } : { country: code || 'ZZ', number: '112', others: [] };
}

// Where 112 is the emergency number (every EU member state, and the EEA): listed so an EU
// country we have no particular entry for is known, not merely defaulted.
const EU_112 = [
  'AT',
  'BG',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'GR',
  'HR',
  'HU',
  'IE',
  'LT',
  'LU',
  'LV',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SE',
  'SI',
  'SK',
  'IS',
  'LI',
  'NO',
];
for (const code of EU_112) numbers[code] ??= { number: '112', others: [] };

/** Every number to show, the first one first: `['15', '112']` for France. */
export function emergencyNumbers(country: string | null | undefined): string[] {
  const e = emergencyNumber(country);
  return [e.number, ...e.others];
}

/** Countries offered on the emergency panel's correction (the API accepts any ISO 3166-1 code). */
export const EMERGENCY_COUNTRIES = ['CN', 'FR', 'US', 'GB', 'DE', 'BE', 'CH', 'ES', 'IT', 'NL', 'CA', 'HK', 'TW', 'JP', 'SG', 'AU'];
