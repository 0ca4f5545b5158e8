// The account page's "Your data": the access log and the FHIR download.
import { useEffect, useState } from 'react';
import { get } from '../../app/api.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { privacyMessages } from './privacy.messages.ts';
import { dateFormat } from '../../app/dates.ts';

interface AccessLogEntry {
  at: string;
  actor: { role: string; name: string };
  action: string;
  reason: string | null;
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
                <td>{e.action.startsWith('conversation.') ? t('readConversation') : t('readConsultation')}</td>
                <td>{e.reason ?? t('noReason')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('exportTitle')}</h3>
      <p className="hint">{t('exportLead')}</p>
      <a className="button button-secondary" href="/api/me/export" download="lotus-health-export.json">
        {t('exportButton')}
      </a>
    </div>
  );
}
