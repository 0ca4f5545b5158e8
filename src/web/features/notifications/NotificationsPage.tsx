// The bell's list: replies to followed threads, moderators' notices. Opening one marks it read.
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { SignInRedirect } from '../../app/RequireRole.tsx';
import { get, post } from '../../app/api.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import { notificationsMessages } from './notifications.messages.ts';
import { formatDateTime } from '../../app/dates.ts';

interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  readAt: string | null;
  createdAt: string;
}

/** Unread count for the navigation's bell, refreshed every minute and on demand. */
export function useUnreadNotifications(): number {
  const { user } = useSession();
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (!user) {
      setUnread(0);
      return;
    }
    let alive = true;
    const refresh = () => void get<{ unread: number }>('/api/notifications/unread-count').then((r) => alive && setUnread(r.unread)).catch(() => undefined);
    refresh();
    const timer = setInterval(refresh, 60_000);
    window.addEventListener('lotus:notifications', refresh);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener('lotus:notifications', refresh);
    };
  }, [user]);
  return unread;
}

export function NotificationsPage() {
  const t = useT(notificationsMessages);
  const { locale } = useLocale();
  const { user, loading } = useSession();
  const [items, setItems] = useState<Notification[] | null>(null);
  const load = useCallback(() => void get<{ items: Notification[] }>('/api/notifications').then((r) => setItems(r.items)), []);
  useEffect(() => {
    if (user) load();
  }, [user, load]);
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
