// The offer to turn on push, shown after an action that makes it useful (a question just
// asked, going online); never a permission prompt on page load.
import { useState } from 'react';
import { useT } from '../../app/i18n.tsx';
import { enablePush, pushSupported } from '../../app/push.ts';
import { notificationsMessages } from './notifications.messages.ts';

export function PushOffer({ role }: { role: 'patient' | 'doctor' }) {
  const t = useT(notificationsMessages);
  const [state, setState] = useState<'idle' | 'busy' | 'enabled' | 'denied' | 'unsupported'>(() =>
    !pushSupported() ? 'unsupported' : Notification.permission === 'denied' ? 'denied' : 'idle',
  );
  if (state === 'unsupported') return null;
  if (state === 'enabled') return <p role="status" className="notice notice-info">{t('offerDone')}</p>;
  if (state === 'denied') return <p role="status" className="hint">{t('offerDenied')}</p>;
  const turnOn = async () => {
    setState('busy');
    setState(await enablePush().catch(() => 'denied' as const));
  };
  return (
    <div className="notice notice-info push-offer">
      <p>{t('offerLead')}</p>
      <button type="button" className="button" disabled={state === 'busy'} onClick={() => void turnOn()}>
        {role === 'doctor' ? t('offerDoctor') : t('offerPatient')}
      </button>
    </div>
  );
}
