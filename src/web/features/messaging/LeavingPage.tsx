// /leaving?url=…: shown before any external link from a chat opens, with the real destination.
import { Link, useSearchParams } from 'react-router-dom';
import { useT } from '../../app/i18n.tsx';
import { messagingMessages } from './messaging.messages.ts';

export function LeavingPage() {
  const t = useT(messagingMessages);
  const [params] = useSearchParams();
  let url: URL | null = null;
  try {
    url = new URL(params.get('url') ?? '');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') url = null;
  } catch {
    url = null;
  }
  return (
    <section className="page narrow">
      <h1>{t('leavingTitle')}</h1>
      {url ? (
        <div className="card leaving">
          <p>{t('leavingBody')}</p>
          <p>
            <strong>{t('leavingDestination')}:</strong> <code className="leaving-url">{url.href}</code>
          </p>
          <p className="leaving-actions">
            <a className="button" href={url.href} rel="noopener noreferrer nofollow">
              {t('leavingContinue', { host: url.host })}
            </a>
            <Link className="button button-secondary" to="/messages" onClick={(e) => {
              if (window.history.length > 1) {
                e.preventDefault();
                window.history.back();
              }
            }}>
              {t('leavingBack')}
            </Link>
          </p>
        </div>
      ) : (
        <p className="notice notice-error" role="alert">
          {t('leavingInvalid')}
        </p>
      )}
    </section>
  );
}
