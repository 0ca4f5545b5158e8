// The right doctor for the patient. A consultation records where the patient is (country,
// and state in the United States) and the language they write in; a doctor may see and
// take it only if their verified licence lets them practise there and they declared that
// language. Operators set the rule per patient country; without one, the defaults below
// apply (China: doctors licensed in China; France: in France; United States: licensed in
// the patient's state or holding a multi-state licence; elsewhere: licensed in that country).
import type { Actor } from '../../platform/auth/actor.ts';
import { hasRole } from '../../platform/auth/actor.ts';
import type { AuditLog } from '../../platform/audit/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { forbidden, invalid } from '../../platform/http/errors.ts';
import { parseJson } from '../../platform/db/sql-helpers.ts';
import { CONSULTATION_LANGUAGES, US_STATES, type JurisdictionRule, type WhoCanAnswer } from '../../../shared/jurisdictions.ts';

export type { JurisdictionRule, WhoCanAnswer };

type RulesTables = {
  consultation_jurisdiction_rules: { country: string; licensed_in: string; same_state: number; updated_at: string; updated_by: string | null };
};

export const DEFAULT_RULES: Record<string, JurisdictionRule> = {
  CN: { country: 'CN', licensedIn: ['CN'], sameState: false },
  FR: { country: 'FR', licensedIn: ['FR'], sameState: false },
  US: { country: 'US', licensedIn: ['US'], sameState: true },
};

/** Where the patient is and what they write in, as recorded on the consultation. */
export interface PatientPlace {
  country: string;
  state: string | null;
  language: string;
}

/** What a doctor's verified application says about where and in what they may practise. */
export interface PracticeScope {
  country: string;
  usState: string | null;
  multiState: boolean;
  languages: string[];
}

export type Mismatch = 'jurisdiction_mismatch' | 'language_mismatch';

export function mismatchOf(rule: JurisdictionRule, place: PatientPlace, doctor: PracticeScope): Mismatch | null {
  if (!rule.licensedIn.includes(doctor.country)) return 'jurisdiction_mismatch';
  // The state rule binds doctors licensed in the patient's own country (a US licence for a
  // US patient); a patient whose state is unknown can only be answered by a multi-state licence.
  if (rule.sameState && doctor.country === place.country && !doctor.multiState && (place.state === null || doctor.usState !== place.state))
    return 'jurisdiction_mismatch';
  if (place.language !== 'any' && !doctor.languages.includes(place.language)) return 'language_mismatch';
  return null;
}

const COUNTRY_NAMES: Record<string, string> = { CN: 'China', FR: 'France', US: 'the United States' };
const LANGUAGE_NAMES: Record<string, string> = { en: 'English', zh: 'Chinese', fr: 'French', es: 'Spanish' };

export const languageName = (code: string) => LANGUAGE_NAMES[code] ?? code;
export const placeName = (place: PatientPlace) =>
  place.country === 'US' && place.state ? `${place.state}, ${COUNTRY_NAMES.US}` : (COUNTRY_NAMES[place.country] ?? place.country);

/** The refusal a doctor gets, in words. */
export function mismatchError(code: Mismatch, place: PatientPlace) {
  if (code === 'language_mismatch') {
    return forbidden(`This patient writes ${languageName(place.language)}, which is not among the languages you declared.`, code);
  }
  return forbidden(`This patient is in ${placeName(place)}; your licence does not allow you to practise there.`, code);
}

/** Why a patient cannot address a particular doctor, as a field message. */
export function mismatchForPatient(code: Mismatch, place: PatientPlace, doctorName: string): string {
  return code === 'language_mismatch'
    ? `${doctorName} does not write ${languageName(place.language)}; choose "any language" or another doctor`
    : `${doctorName} is not licensed to practise in ${placeName(place)}, where you are`;
}

export class Jurisdictions {
  constructor(private readonly deps: { db: Database; clock: Clock; audit: AuditLog }) {}

  private q() {
    return this.deps.db.withTables<RulesTables>();
  }

  async rule(country: string): Promise<JurisdictionRule> {
    const row = await this.q()
      .selectFrom('consultation_jurisdiction_rules')
      .select(['country', 'licensed_in', 'same_state'])
      .where('country', '=', country)
      .executeTakeFirst();
    if (row) return { country: row.country, licensedIn: parseJson<string[]>(row.licensed_in, [country]), sameState: row.same_state === 1 };
    return DEFAULT_RULES[country] ?? { country, licensedIn: [country], sameState: false };
  }

  /** Every rule that applies, the defaults overlaid with the operators' own. */
  async rules(): Promise<JurisdictionRule[]> {
    const rows = await this.q().selectFrom('consultation_jurisdiction_rules').select(['country', 'licensed_in', 'same_state']).execute();
    const all = new Map(Object.entries(DEFAULT_RULES));
    for (const r of rows)
      all.set(r.country, { country: r.country, licensedIn: parseJson<string[]>(r.licensed_in, [r.country]), sameState: r.same_state === 1 });
    return [...all.values()].sort((a, b) => a.country.localeCompare(b.country));
  }

  /** A lookup for many consultations at once (the queue). */
  async ruleBook(): Promise<(country: string) => JurisdictionRule> {
    const rules = new Map((await this.rules()).map((r) => [r.country, r]));
    return (country) => rules.get(country) ?? { country, licensedIn: [country], sameState: false };
  }

  async setRule(actor: Actor, country: string, input: { licensedIn: string[]; sameState: boolean }): Promise<JurisdictionRule> {
    if (!hasRole(actor, 'admin')) throw forbidden('Only operators can change who may answer patients of a country.');
    const licensedIn = [...new Set(input.licensedIn.map((c) => c.toUpperCase()))];
    if (licensedIn.length === 0) throw invalid({ licensedIn: 'name at least one country whose licences may answer' });
    const now = this.deps.clock.now().toISOString();
    const values = { licensed_in: JSON.stringify(licensedIn), same_state: input.sameState ? 1 : 0, updated_at: now, updated_by: actor.userId };
    await this.q()
      .insertInto('consultation_jurisdiction_rules')
      .values({ country, ...values })
      .onConflict((oc) => oc.column('country').doUpdateSet(values))
      .execute();
    await this.deps.audit.record({
      actorId: actor.userId,
      action: 'consultation.jurisdiction_rule_set',
      resourceType: 'country',
      resourceId: country,
      detail: { licensedIn, sameState: input.sameState },
    });
    return { country, licensedIn, sameState: input.sameState };
  }

  /** The place as the patient gives it, checked: a US state must be a state; the language one we offer. */
  static checkPlace(input: { country: string; state?: string | null | undefined; language?: string | undefined }, fallbackLanguage: string): PatientPlace {
    const fields: Record<string, string> = {};
    const state = input.country === 'US' ? input.state?.toUpperCase() || null : null;
    if (state && !(US_STATES as readonly string[]).includes(state)) fields.state = 'is not a US state code such as IL or NY';
    const language = input.language ?? fallbackLanguage;
    if (!(CONSULTATION_LANGUAGES as readonly string[]).includes(language)) fields.language = `must be one of ${CONSULTATION_LANGUAGES.join(', ')}`;
    if (Object.keys(fields).length) throw invalid(fields, 'Say where you are and which language you write in.');
    return { country: input.country, state, language };
  }

  async whoCanAnswer(place: PatientPlace): Promise<WhoCanAnswer> {
    const rule = await this.rule(place.country);
    return { ...place, licensedIn: rule.licensedIn, sameState: rule.sameState, consultationNotDiagnosis: place.country === 'CN' };
  }
}
