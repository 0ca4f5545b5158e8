// Operators: every email, push notification and text message with its status; says plainly
// when a channel has no provider and its messages were held, not sent.
import { useEffect, useState } from 'react';
import { get } from '../../app/api.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { Loading } from '../../app/shell.tsx';
import { DataTable } from '../../app/table.tsx';
import { notificationsMessages } from './notifications.messages.ts';
import type { Deliveries as DeliveryList } from '../../../shared/contracts/notifications.ts';
import { formatDateTime } from '../../app/dates.ts';

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
      {!data.channels.email && (
        <p className="notice notice-warning" role="note">
          {t('heldEmail')}
        </p>
      )}
      {!data.channels.sms && (
        <p className="notice notice-warning" role="note">
          {t('heldSms')}
        </p>
      )}
      <p>{STATUSES.map((s) => `${t(`status_${s}`)}: ${data.counts[s] ?? 0}`).join(' · ')}</p>
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
      <DataTable
        label={t('deliveriesTitle')}
        rows={data.items}
        rowKey={(d) => d.id}
        empty={<p>{t('noDeliveries')}</p>}
        columns={[
          { header: t('colWhen'), cell: (d) => format(d.createdAt) },
          { header: t('colChannel'), cell: (d) => d.channel },
          { header: t('colTo'), cell: (d) => d.to },
          { header: t('colWhat'), cell: (d) => d.subject },
          {
            header: t('colStatus'),
            cell: (d) => (STATUSES.includes(d.status as (typeof STATUSES)[number]) ? t(`status_${d.status as (typeof STATUSES)[number]}`) : d.status),
          },
          { header: t('colAttempts'), cell: (d) => d.attempts, numeric: true },
          { header: t('colError'), cell: (d) => d.lastError ?? '' },
        ]}
      />
    </section>
  );
}
