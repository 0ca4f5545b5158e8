// The account page's "Your data": the access log, the FHIR and PDF downloads, and deleting
// the account (offered after the downloads, saying that uploads go with it).
import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, get } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useSession } from '../../app/session.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { privacyMessages } from './privacy.messages.ts';
import { dateFormat } from '../../app/dates.ts';

interface AccessLogEntry {
  at: string;
  actor: { role: string; name: string };
  action: string;
  reason: string | null;
}

function actionLabel(action: string) {
  if (action.startsWith('conversation.')) return 'readConversation' as const;
  if (action.includes('summary_pdf')) return 'readSummary' as const;
  if (action.includes('care')) return 'readCare' as const;
  if (action.startsWith('attachment.')) return 'readUpload' as const;
  return 'readConsultation' as const;
}

function DeleteAccount() {
  const t = useT(privacyMessages);
  const { refresh } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!window.confirm(t('deleteConfirm'))) return;
    setBusy(true);
    setError(null);
    try {
      await api('DELETE', '/api/me', { password });
      await refresh();
      navigate('/', { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="delete-account" onSubmit={submit} noValidate>
      <h3>{t('deleteTitle')}</h3>
      <p>{t('deleteLead')}</p>
      <FormError message={error} />
      <Field
        label={t('deletePassword')}
        name="delete-password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
      />
      <button type="submit" className="button button-danger" disabled={busy || !password}>
        {t('deleteButton')}
      </button>
    </form>
  );
}

export function MyData() {
  const t = useT(privacyMessages);
  const { locale } = useLocale();
  const [log, setLog] = useState<AccessLogEntry[] | null>(null);
  useEffect(() => {
    get<AccessLogEntry[]>('/api/me/access-log').then(setLog, () => setLog([]));
  }, []);
  const format = dateFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <div className="card my-data">
      <h2>{t('myDataTitle')}</h2>
      <h3>{t('accessLogTitle')}</h3>
      <p className="hint">{t('accessLogLead')}</p>
      {log && log.length === 0 && <p>{t('accessLogEmpty')}</p>}
      {log && log.length > 0 && (
        <table className="access-log">
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('who')}</th>
              <th scope="col">{t('what')}</th>
              <th scope="col">{t('reason')}</th>
            </tr>
          </thead>
          <tbody>
            {log.map((e, i) => (
              <tr key={`${e.at}-${i}`}>
                <td>{format.format(new Date(e.at))}</td>
                <td>
                  {e.actor.name} ({e.actor.role})
                </td>
                <td>{t(actionLabel(e.action))}</td>
                <td>{e.reason ?? t('noReason')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('exportTitle')}</h3>
      <p className="hint">{t('exportLead')}</p>
      <p className="button-row">
        <a className="button button-secondary" href="/api/me/export" download="lotus-health-export.json">
          {t('exportButton')}
        </a>{' '}
        <a className="button button-secondary" href="/api/me/export.pdf" download="lotus-health-record.pdf">
          {t('exportPdfButton')}
        </a>
      </p>
      <DeleteAccount />
    </div>
  );
}
