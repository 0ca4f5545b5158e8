// The bell's list: replies to followed threads, moderators' notices. Opening one marks it read.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { Link } from 'react-router-dom';
import type { RealtimeEvent } from '../../../shared/contracts/realtime.ts';
import { useRefetchOn } from '../../app/live.ts';
import { SignInRedirect } from '../../app/RequireRole.tsx';
import { get, post } from '../../app/api.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import { notificationsMessages } from './notifications.messages.ts';
import type { Notification } from '../../../shared/contracts/notifications.ts';
import { formatDateTime } from '../../app/dates.ts';


const notificationEvent = (e: RealtimeEvent) => e.type === 'notification';

/** Unread count for the navigation's bell: read again when a notification arrives on the
 * person's realtime channel, and when a page marks some read (`lotus:notifications`). */
export function useUnreadNotifications(): number {
  const { user } = useSession();
  const client = useQueryClient();
  const query = useQuery({ queryKey: ['notifications', 'unread'], queryFn: () => get<{ unread: number }>('/api/notifications/unread-count'), enabled: Boolean(user) });
  useRefetchOn([user ? `user:${user.id}` : null], [['notifications']], notificationEvent);
  useEffect(() => {
    const refresh = () => void client.invalidateQueries({ queryKey: ['notifications'] });
    window.addEventListener('lotus:notifications', refresh);
    return () => window.removeEventListener('lotus:notifications', refresh);
  }, [client]);
  return user ? (query.data?.unread ?? 0) : 0;
}

export function NotificationsPage() {
  const t = useT(notificationsMessages);
  const { locale } = useLocale();
  const { user, loading } = useSession();
  const query = useQuery({ queryKey: ['notifications', 'list'], queryFn: () => get<{ items: Notification[] }>('/api/notifications'), enabled: Boolean(user) });
  useRefetchOn([user ? `user:${user.id}` : null], [['notifications']], notificationEvent);
  const items = query.data?.items ?? null;
  const { refetch } = query;
  const load = useCallback(() => void refetch(), [refetch]);
  if (loading) return <Loading />;
  if (!user) return <SignInRedirect />;
  if (!items) return <Loading />;
  const format = (iso: string) => formatDateTime(iso, locale);
  const announce = () => window.dispatchEvent(new Event('lotus:notifications'));
  return (
    <section className="page narrow notifications">
      <h1>{t('title')}</h1>
      <p>
        <Link to="/settings/notifications">{t('settingsNav')}</Link>
      </p>
      {items.some((n) => !n.readAt) && (
        <p>
          <button type="button" className="button button-secondary button-small" onClick={() => void post('/api/notifications/read-all').then(() => { load(); announce(); })}>
            {t('markAll')}
          </button>
        </p>
      )}
      {items.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} className={`card notification${n.readAt ? '' : ' notification-unread'}`}>
              <p className="notification-title">
                {!n.readAt && <span className="tag">{t('unread')}</span>}{' '}
                {n.link ? (
                  <Link to={n.link} onClick={() => void post(`/api/notifications/${n.id}/read`).then(announce)}>
                    {n.title}
                  </Link>
                ) : (
                  n.title
                )}
              </p>
              <p>{n.body}</p>
              <p className="meta">
                <time dateTime={n.createdAt}>{format(n.createdAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
