// Where a patient is and which licences may answer them: shared by the server's rules and
// the ask page that explains them. The rule and the explanation are shapes of the
// consultation contract (contracts/consultations.ts).
export type { JurisdictionRule, WhoCanAnswer } from './contracts/consultations.ts';

/** The fifty states and the District of Columbia, as USPS codes. */
// prettier-ignore
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
  'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD',
  'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
] as const;

/** Languages a patient may ask in; "any" lets any doctor answer whatever they write. */
export const CONSULTATION_LANGUAGES = ['any', 'en', 'zh', 'fr', 'es'] as const;
