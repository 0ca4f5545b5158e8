// Consents in the web: the terms of use and privacy notice as pages, the blocking prompt
// after a new version, the list on the account page, and the telemedicine consent on the
// ask page.
import { useEffect, useState } from 'react';
import { get, post } from '../../app/api.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { dateFormat } from '../../app/dates.ts';
import { consentsMessages, legalMessages } from './consents.messages.ts';

type Document = 'terms' | 'privacy' | 'telemedicine';
interface Current {
  terms: { version: string };
  privacy: { version: string };
  telemedicine: { version: string };
}
interface MyConsents {
  consents: Array<{ document: Document; version: string; acceptedAt: string; locale: string; text: string | null; current: boolean }>;
  pending: Document[];
}

function useVersion(document: Document): string | null {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    get<Current>('/api/consents/documents').then(
      (c) => setVersion(c[document].version),
      () => setVersion(null),
    );
  }, [document]);
  return version;
}

export function TermsPage() {
  const t = useT(legalMessages);
  const version = useVersion('terms');
  return (
    <section className="page narrow legal">
      <h1>{t('termsTitle')}</h1>
      {version && <p className="hint">{t('versionOf', { version })}</p>}
      {(['terms1', 'terms2', 'terms3', 'terms4', 'terms5', 'terms6'] as const).map((k) => (
        <p key={k}>{t(k)}</p>
      ))}
    </section>
  );
}

export function PrivacyPage() {
  const t = useT(legalMessages);
  const version = useVersion('privacy');
  return (
    <section className="page narrow legal">
      <h1>{t('privacyTitle')}</h1>
      {version && <p className="hint">{t('versionOf', { version })}</p>}
      {(['privacy1', 'privacy2', 'privacy3', 'privacy4', 'privacy5', 'privacy6'] as const).map((k) => (
        <p key={k}>{t(k)}</p>
      ))}
    </section>
  );
}

/** The links to both texts, opening beside the form (so nothing typed is lost). */
export function LegalLinks() {
  const t = useT(consentsMessages);
  return (
    <span className="legal-links">
      <a href="/terms" target="_blank" rel="noopener">
        {t('termsLink')} <span className="visually-hidden">{t('opensNewTab')}</span>
      </a>
      {' · '}
      <a href="/privacy" target="_blank" rel="noopener">
        {t('privacyLink')} <span className="visually-hidden">{t('opensNewTab')}</span>
      </a>
    </span>
  );
}

/** Shown instead of the page while the signed-in person has a new version to accept. */
export function ConsentPrompt({ pending }: { pending: string[] }) {
  const t = useT(consentsMessages);
  const { refresh, signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const names = pending.map((d) => t(`doc_${d}` as 'doc_terms')).join(', ');
  return (
    <section className="page narrow">
      <div className="card consent-prompt" role="dialog" aria-modal="true" aria-labelledby="consent-prompt-title" aria-describedby="consent-prompt-lead">
        <h1 id="consent-prompt-title">{t('promptTitle')}</h1>
        <p id="consent-prompt-lead">{t('promptLead')}</p>
        <p>{t('promptDocs', { documents: names })}</p>
        <p>
          <LegalLinks />
        </p>
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={async () => {
            setBusy(true);
            try {
              await post('/api/me/consents', { documents: pending });
              await refresh();
            } catch (e) {
              setError(e instanceof Error ? e.message : String(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          {busy ? t('working') : t('promptAccept')}
        </button>{' '}
        <button type="button" className="button button-secondary" onClick={() => void signOut()}>
          {t('promptSignOut')}
        </button>
      </div>
    </section>
  );
}

/** The account page's list of consents. */
export function MyConsentsCard() {
  const t = useT(consentsMessages);
  const { locale } = useLocale();
  const [mine, setMine] = useState<MyConsents | null>(null);
  useEffect(() => {
    get<MyConsents>('/api/me/consents').then(setMine, () => setMine(null));
  }, []);
  const format = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="card my-consents">
      <h2>{t('consentsTitle')}</h2>
      <p className="hint">{t('consentsLead')}</p>
      {mine && mine.consents.length === 0 && <p>{t('consentsEmpty')}</p>}
      {mine && mine.consents.length > 0 && (
        <ul className="consents">
          {mine.consents.map((c) => (
            <li key={`${c.document}-${c.version}`}>
              <strong>{t(`doc_${c.document}`)}</strong>, {t('version', { version: c.version })}: {format.format(new Date(c.acceptedAt))}
              {!c.current && <> ({t('notCurrent')})</>}
              {c.text && <blockquote lang={c.locale === 'zh' ? 'zh-CN' : c.locale}>{c.text}</blockquote>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The telemedicine consent on the ask form when the person has not accepted it yet. */
export function useTelemedicineConsent(country: string | null, enabled: boolean) {
  const [consent, setConsent] = useState<{ text: string; required: boolean } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    get<{ text: string; required: boolean }>(`/api/me/consents/telemedicine${country ? `?country=${encodeURIComponent(country)}` : ''}`).then(setConsent, () =>
      setConsent(null),
    );
  }, [country, enabled]);
  return [consent, setConsent] as const;
}

export function TelemedicineConsent({ text, accepted, onChange }: { text: string; accepted: boolean; onChange: (accepted: boolean) => void }) {
  const t = useT(consentsMessages);
  return (
    <fieldset className="telemedicine-consent">
      <legend>{t('telemedicineTitle')}</legend>
      <p id="telemedicine-text">{text}</p>
      <label className="checkbox">
        <input type="checkbox" checked={accepted} onChange={(e) => onChange(e.target.checked)} aria-describedby="telemedicine-text" /> {t('telemedicineAccept')}
      </label>
    </fieldset>
  );
}
