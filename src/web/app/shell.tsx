// The frame every face shares: skip link, header with navigation, language switcher and
// account menu, the page, and a footer. Navigation differs per face; the rest does not.
import type { ReactNode } from 'react';
import { Link, NavLink, useLocation } from 'react-router-dom';
import { ConsentPrompt, LegalLinks } from '../features/consents/ConsentPages.tsx';
import { LOCALE_NAMES, LOCALES, localeTag, type Locale } from '../../shared/locales.ts';
import { appMessages } from './app.messages.ts';
import { useLocale, useT } from './i18n.tsx';
import { useSession } from './session.tsx';

export interface NavItem {
  to: string;
  label: string;
  end?: boolean;
  /** A count shown beside the label (e.g. unread notifications); read out as part of the link. */
  badge?: number;
}

export function LanguageSwitcher() {
  const { locale, setLocale } = useLocale();
  const t = useT(appMessages);
  return (
    <label className="language">
      <span className="visually-hidden">{t('language')}</span>
      <select value={locale} onChange={(e) => setLocale(e.target.value as Locale)} aria-label={t('language')}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={localeTag(l)}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

const LEGAL_PATHS = new Set(['/terms', '/privacy']);

export function Shell({ nav, title, home = '/', children }: { nav: NavItem[]; title?: string; home?: string; children: ReactNode }) {
  const t = useT(appMessages);
  const { user } = useSession();
  const location = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to={home} className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" />
            <span>{t('brand')}</span>
            {title && <span className="brand-face">{title}</span>}
          </Link>
          <nav aria-label={t('mainNav')} className="main-nav">
            <ul>
              {nav.map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {item.label}
                    {item.badge ? (
                      <span className="nav-badge">
                        <span className="visually-hidden">: </span>
                        {item.badge}
                      </span>
                    ) : null}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <div className="header-tools">
            <LanguageSwitcher />
            {user ? (
              <Link className="account-chip" to="/account">
                {user.displayName}
              </Link>
            ) : (
              <Link className="button button-small" to="/signin">
                {t('signIn')}
              </Link>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {/* A new version of the terms is accepted before anything else (the texts stay readable). */}
        {user?.pendingConsents?.length && !LEGAL_PATHS.has(location.pathname) ? <ConsentPrompt pending={user.pendingConsents} /> : children}
      </main>
      <footer className="site-footer">
        <p>{t('footer')}</p>
        <p>
          <LegalLinks />
        </p>
      </footer>
    </>
  );
}

export function ComingPage({ feature }: { feature: string }) {
  const t = useT(appMessages);
  return (
    <section className="page narrow">
      <h1>{feature}</h1>
      <div className="notice notice-info" role="status">
        <strong>{t('comingTitle')}.</strong> {t('comingBody', { feature })}
      </div>
    </section>
  );
}

export function NotFoundPage({ home = '/' }: { home?: string }) {
  const t = useT(appMessages);
  return (
    <section className="page narrow">
      <h1>{t('notFoundTitle')}</h1>
      <p>{t('notFoundBody')}</p>
      <p>
        <Link to={home}>{t('home')}</Link>
      </p>
    </section>
  );
}

export function Loading() {
  const t = useT(appMessages);
  return (
    <p className="loading" role="status">
      {t('loading')}
    </p>
  );
}
