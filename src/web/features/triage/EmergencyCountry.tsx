// Which country the emergency numbers are for, and the person's correction: saved on the
// account (PATCH /api/me), so every later answer from the server uses it too. One component
// for the ask page and the guidance on chat messages and forum posts.
import { useId, useState } from 'react';
import { ApiError, api } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { EMERGENCY_COUNTRIES } from '../../../shared/emergency-numbers.ts';
import { localeTag } from '../../../shared/locales.ts';
import { triageMessages } from './triage.messages.ts';

export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([localeTag(locale)], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function EmergencyCountry({ country, onChanged }: { country: string; onChanged: (country: string) => void }) {
  const t = useT(triageMessages);
  const { locale } = useLocale();
  const id = useId();
  const [choice, setChoice] = useState(country);
  const [error, setError] = useState<string | null>(null);
  const codes = EMERGENCY_COUNTRIES.includes(country) || !country || country === 'ZZ' ? EMERGENCY_COUNTRIES : [country, ...EMERGENCY_COUNTRIES];
  return (
    <div className="emergency-country">
      {country && country !== 'ZZ' && <p>{t('country', { country: countryName(country, locale) })}</p>}
      <FormError message={error} />
      <div className="field">
        <label htmlFor={id}>{t('countryLabel')}</label>
        <select id={id} value={choice} onChange={(e) => setChoice(e.target.value)}>
          {codes.map((code) => (
            <option key={code} value={code}>
              {countryName(code, locale)}
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        className="button button-secondary"
        disabled={choice === country}
        onClick={async () => {
          setError(null);
          try {
            await api('PATCH', '/api/me', { country: choice });
            onChanged(choice);
          } catch (e) {
            setError(e instanceof ApiError ? e.message : String(e));
          }
        }}
      >
        {t('countrySave')}
      </button>
    </div>
  );
}
