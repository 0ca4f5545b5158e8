// Where a patient is and which licences may answer them: shared by the server's rules and
// the ask page that explains them.

/** The fifty states and the District of Columbia, as USPS codes. */
export const US_STATES = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD',
  'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD',
  'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY',
] as const;

/** Languages a patient may ask in; "any" lets any doctor answer whatever they write. */
export const CONSULTATION_LANGUAGES = ['any', 'en', 'zh', 'fr', 'es'] as const;

/** Who may answer a patient in a country: doctors licensed in one of `licensedIn`; with
 * `sameState`, a doctor licensed in the patient's state or holding a multi-state licence. */
export interface JurisdictionRule {
  country: string;
  licensedIn: string[];
  sameState: boolean;
}

/** Who can answer this patient, and why: what the ask page puts into words. */
export interface WhoCanAnswer {
  country: string;
  state: string | null;
  language: string;
  licensedIn: string[];
  sameState: boolean;
  /** China: a first online contact is a consultation, not a diagnosis. */
  consultationNotDiagnosis: boolean;
}
