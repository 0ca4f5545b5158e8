// The emergency guidance shown to someone whose chat message or forum post describes a red
// flag. The server decides (it screens every text first) and sends the numbers for the
// writer's country; this shows them and lets the writer correct the country. Nothing is
// blocked: `sent` says whether the text went through.
import { useState } from 'react';
import { useT } from '../../app/i18n.tsx';
import { emergencyNumbers } from '../../../shared/emergency-numbers.ts';
import { EmergencyCountry } from './EmergencyCountry.tsx';
import { triageMessages } from './triage.messages.ts';
import type { UrgentGuidance } from '../../../shared/contracts/triage.ts';

export type { UrgentGuidance };

/** The guidance in an API answer or error body, if there is one. */
export function urgentOf(body: unknown): UrgentGuidance | null {
  const urgent = (body as { urgent?: UrgentGuidance } | null)?.urgent;
  return urgent && Array.isArray(urgent.emergencyNumbers) && urgent.emergencyNumbers.length > 0 ? urgent : null;
}

export function UrgentNotice({ urgent, sent, onDismiss }: { urgent: UrgentGuidance; sent: boolean; onDismiss?: () => void }) {
  const t = useT(triageMessages);
  // The writer may correct where they are: the numbers follow at once (the same table the server uses).
  const [corrected, setCorrected] = useState<{ from: UrgentGuidance; country: string } | null>(null);
  const country = corrected?.from === urgent ? corrected.country : urgent.country;
  const numbers = corrected?.from === urgent ? emergencyNumbers(corrected.country) : urgent.emergencyNumbers;
  const [first, ...others] = numbers;
  return (
    <div className="card urgent" role="alert">
      <h2>{t('title')}</h2>
      <p>{t('body', { number: first! })}</p>
      <p>
        <a className="button button-danger" href={`tel:${first}`}>
          {t('call', { number: first! })}
        </a>
      </p>
      {others.length > 0 && <p>{t('also', { numbers: others.join(', ') })}</p>}
      <EmergencyCountry key={country} country={country} onChanged={(next) => setCorrected({ from: urgent, country: next })} />
      <p className="hint">{sent ? t('sent') : t('notSent')}</p>
      {onDismiss && (
        <button type="button" className="button button-secondary" onClick={onDismiss}>
          {t('dismiss')}
        </button>
      )}
    </div>
  );
}
