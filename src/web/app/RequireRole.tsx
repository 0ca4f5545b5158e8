// The one sign-in redirect of every face: a page that needs a signed-in person (and perhaps a
// role) sends a visitor to /signin with the page to come back to, query string included.
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import type { Role } from '../../shared/contracts/accounts.ts';
import { appMessages } from './app.messages.ts';
import { useT } from './i18n.tsx';
import { useSession } from './session.tsx';
import { Loading } from './shell.tsx';

type RoleName = 'admin' | 'moderator' | 'doctor' | 'editor';
const ROLE_NAMES = new Set<string>(['admin', 'moderator', 'doctor', 'editor'] satisfies RoleName[]);

/** /signin?next=… back to where the person is now. */
export function signInPath(location: { pathname: string; search: string }): string {
  return `/signin?next=${encodeURIComponent(location.pathname + location.search)}`;
}

/** Sends a signed-out visitor to sign in, and back here afterwards. */
export function SignInRedirect() {
  return <Navigate to={signInPath(useLocation())} replace />;
}

/** Shows its children only to a signed-in account, holding one of `roles` when given. */
export function RequireRole({ roles, roleName = roles?.[0] ?? '', children }: { roles?: Role[]; roleName?: string; children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  const t = useT(appMessages);
  if (loading) return <Loading />;
  if (!user) return <SignInRedirect />;
  if (roles && !roles.some((r) => user.roles.includes(r))) {
    return (
      <section className="page narrow">
        <h1>{t('needRoleTitle')}</h1>
        <div className="notice notice-error" role="alert">
          {t('needRole', { role: ROLE_NAMES.has(roleName) ? t(`roleName_${roleName as RoleName}`) : roleName })}
        </div>
        <p>
          <Link to={signInPath(location)}>{t('signInOther')}</Link>
        </p>
      </section>
    );
  }
  return <>{children}</>;
}
