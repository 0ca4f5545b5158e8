// Operators: every email, push notification and text message with its status; says plainly
// when a channel has no provider and its messages were held, not sent.
import { useEffect, useState } from 'react';
import { get } from '../../app/api.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { Loading } from '../../app/shell.tsx';
import { notificationsMessages } from './notifications.messages.ts';
import { formatDateTime } from '../../app/dates.ts';

interface Delivery {
  id: string;
  kind: string;
  channel: string;
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
}

interface DeliveryList {
  items: Delivery[];
  counts: Record<string, number>;
  channels: { email: boolean; sms: string | null; push: boolean };
}

const STATUSES = ['pending', 'sending', 'sent', 'failed', 'held', 'dropped'] as const;

export function DeliveriesPage() {
  const t = useT(notificationsMessages);
  const { locale } = useLocale();
  const [status, setStatus] = useState('');
  const [data, setData] = useState<DeliveryList | null>(null);
  useEffect(() => {
    void get<DeliveryList>(`/api/admin/notifications/deliveries${status ? `?status=${status}` : ''}`).then(setData);
  }, [status]);
  if (!data) return <Loading />;
  const format = (iso: string) => formatDateTime(iso, locale, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <section className="page deliveries">
      <h1>{t('deliveriesTitle')}</h1>
      <p>{t('deliveriesHint')}</p>
      {!data.channels.email && <p className="notice notice-warning" role="note">{t('heldEmail')}</p>}
      {!data.channels.sms && <p className="notice notice-warning" role="note">{t('heldSms')}</p>}
      <p>
        {STATUSES.map((s) => `${t(`status_${s}`)}: ${data.counts[s] ?? 0}`).join(' · ')}
      </p>
      <label>
        {t('filterStatus')}{' '}
        <select value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}`)}
            </option>
          ))}
        </select>
      </label>
      {data.items.length === 0 ? (
        <p>{t('noDeliveries')}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t('deliveriesTitle')}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('colWhen')}</th>
                <th scope="col">{t('colChannel')}</th>
                <th scope="col">{t('colTo')}</th>
                <th scope="col">{t('colWhat')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colAttempts')}</th>
                <th scope="col">{t('colError')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr key={d.id}>
                  <td>{format(d.createdAt)}</td>
                  <td>{d.channel}</td>
                  <td>{d.to}</td>
                  <td>{d.subject}</td>
                  <td>{STATUSES.includes(d.status as (typeof STATUSES)[number]) ? t(`status_${d.status as (typeof STATUSES)[number]}`) : d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
