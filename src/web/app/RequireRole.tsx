import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { appMessages } from './app.messages.ts';
import { useT } from './i18n.tsx';
import { useSession } from './session.tsx';
import { Loading } from './shell.tsx';

type RoleName = 'admin' | 'moderator' | 'doctor' | 'editor';
const ROLE_NAMES = new Set<string>(['admin', 'moderator', 'doctor', 'editor'] satisfies RoleName[]);

/** Shows its children only to a signed-in account holding one of `roles`. */
export function RequireRole({ roles, roleName, children }: { roles: string[]; roleName: string; children: ReactNode }) {
  const { user, loading } = useSession();
  const location = useLocation();
  const t = useT(appMessages);
  if (loading) return <Loading />;
  if (!user) return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!roles.some((r) => user.roles.includes(r))) {
    return (
      <section className="page narrow">
        <h1>{t('needRoleTitle')}</h1>
        <div className="notice notice-error" role="alert">
          {t('needRole', { role: ROLE_NAMES.has(roleName) ? t(`roleName_${roleName as RoleName}`) : roleName })}
        </div>
        <p>
          <Link to={`/signin?next=${encodeURIComponent(location.pathname)}`}>{t('signInOther')}</Link>
        </p>
      </section>
    );
  }
  return <>{children}</>;
}
