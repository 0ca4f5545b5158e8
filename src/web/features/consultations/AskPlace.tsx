// Where the patient is and the language they write in, on the ask page, with the sentence
// that says who can answer and why ("Doctors licensed in France who write French").
import { CONSULTATION_LANGUAGES, US_STATES, type WhoCanAnswer } from '../../../shared/jurisdictions.ts';
import { useT } from '../../app/i18n.tsx';
import { careMessages } from './care.messages.ts';

export interface Place {
  country: string;
  state: string;
  language: string;
}

const COUNTRIES = ['CN', 'FR', 'US'] as const;

export function AskPlace({ place, onChange, who, onlineDoctors, disabled }: { place: Place; onChange: (p: Place) => void; who: WhoCanAnswer | null; onlineDoctors: number | null; disabled?: boolean }) {
  const t = useT(careMessages);
  const countryName = (c: string) => ((COUNTRIES as readonly string[]).includes(c) ? t(`country_${c}` as 'country_CN') : c);
  const doctors = who
    ? who.licensedIn.length === 1 && (COUNTRIES as readonly string[]).includes(who.licensedIn[0]!)
      ? t(`licensedIn_${who.licensedIn[0]}` as 'licensedIn_CN')
      : t('licensedInOther', { countries: who.licensedIn.map(countryName).join(', ') })
    : null;
  return (
    <fieldset className="ask-place">
      <legend>{t('whereTitle')}</legend>
      <div className="field-row">
        <div className="field">
          <label htmlFor="ask-country">{t('whereCountry')}</label>
          <select id="ask-country" value={place.country} disabled={disabled} onChange={(e) => onChange({ ...place, country: e.target.value, state: '' })}>
            {[...new Set([...COUNTRIES, place.country])].map((c) => (
              <option key={c} value={c}>
                {countryName(c)}
              </option>
            ))}
          </select>
        </div>
        {place.country === 'US' && (
          <div className="field">
            <label htmlFor="ask-state">{t('whereState')}</label>
            <select id="ask-state" value={place.state} disabled={disabled} onChange={(e) => onChange({ ...place, state: e.target.value })}>
              <option value="">{t('whereStateUnset')}</option>
              {US_STATES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="ask-language">{t('whereLanguage')}</label>
          <select id="ask-language" value={place.language} disabled={disabled} onChange={(e) => onChange({ ...place, language: e.target.value })}>
            {CONSULTATION_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`language_${l}` as 'language_any')}
              </option>
            ))}
          </select>
        </div>
      </div>
      {who && doctors && (
        <div className="who-can-answer" role="status">
          <p>
            <strong>{who.language === 'any' ? t('whoCanAnswerAny', { doctors }) : t('whoCanAnswer', { doctors, language: t(`langIn_${who.language}` as 'langIn_en') })}</strong>
          </p>
          <p className="hint">
            {t('whyLicence')} {who.sameState && who.country === 'US' ? (who.state ? t('usState', { state: who.state }) : t('usNoState')) : null}
          </p>
          {who.consultationNotDiagnosis && <p className="notice notice-info">{t('chinaFirstContact')}</p>}
          {onlineDoctors === 0 && <p className="hint">{t('noneCanAnswer')}</p>}
        </div>
      )}
    </fieldset>
  );
}
