// Channels (push, email, SMS), kinds and quiet hours in the person's time zone.
import { useEffect, useState } from 'react';
import { Navigate } from 'react-router-dom';
import { SignInRedirect } from '../../app/RequireRole.tsx';
import { ApiError, get, put } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import { PushOffer } from './PushOffer.tsx';
import { notificationsMessages } from './notifications.messages.ts';
import type { NotificationSettings as Settings } from '../../../shared/contracts/notifications.ts';


export function NotificationSettingsPage({ role = 'patient' }: { role?: 'patient' | 'doctor' }) {
  const t = useT(notificationsMessages);
  const { user, loading } = useSession();
  const [s, setS] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (!user) return;
    void get<Settings>('/api/me/notification-settings').then((loaded) => {
      // A first visit proposes the browser's own time zone.
      if (loaded.timeZone === 'UTC' && !loaded.quietHours) loaded.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
      setS(loaded);
    });
  }, [user]);
  if (loading) return <Loading />;
  if (!user) return <SignInRedirect />;
  if (!s) return <Loading />;
  const change = (next: Partial<Settings>) => {
    setSaved(false);
    setS({ ...s, ...next });
  };
  const save = async () => {
    setError(null);
    try {
      setS(await put<Settings>('/api/me/notification-settings', s));
      setSaved(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <section className="page narrow notification-settings">
      <h1>{t('settingsTitle')}</h1>
      <FormError message={error} />
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>{t('channels')}</legend>
          {(['push', 'email', 'sms'] as const).map((channel) => (
            <label key={channel} className="check">
              <input type="checkbox" checked={s.channels[channel]} onChange={(e) => change({ channels: { ...s.channels, [channel]: e.target.checked } })} /> {t(channel)}
            </label>
          ))}
        </fieldset>
        {s.channels.push && <PushOffer role={role} />}
        <fieldset>
          <legend>{t('kindsTitle')}</legend>
          {Object.keys(s.kinds).map((kind) => (
            <label key={kind} className="check">
              <input type="checkbox" checked={s.kinds[kind]} onChange={(e) => change({ kinds: { ...s.kinds, [kind]: e.target.checked } })} /> {t(`kind_${kind}` as 'kind_consultation_accepted')}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('quietTitle')}</legend>
          <label className="check">
            <input type="checkbox" checked={s.quietHours !== null} onChange={(e) => change({ quietHours: e.target.checked ? { start: '22:00', end: '07:00' } : null })} /> {t('quietOn')}
          </label>
          {s.quietHours && (
            <div className="row">
              <label>
                {t('quietStart')} <input type="time" value={s.quietHours.start} onChange={(e) => change({ quietHours: { ...s.quietHours!, start: e.target.value } })} />
              </label>
              <label>
                {t('quietEnd')} <input type="time" value={s.quietHours.end} onChange={(e) => change({ quietHours: { ...s.quietHours!, end: e.target.value } })} />
              </label>
            </div>
          )}
          <label>
            {t('timeZone')} <input type="text" value={s.timeZone} onChange={(e) => change({ timeZone: e.target.value })} />
          </label>
          {role === 'doctor' && (
            <label className="check">
              <input type="checkbox" checked={s.urgentOverridesQuiet} onChange={(e) => change({ urgentOverridesQuiet: e.target.checked })} /> {t('urgent')}
            </label>
          )}
        </fieldset>
        <button type="submit" className="button">
          {t('save')}
        </button>
        {saved && <p role="status">{t('saved')}</p>}
      </form>
    </section>
  );
}
