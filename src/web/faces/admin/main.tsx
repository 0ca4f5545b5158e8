// The admin console at /admin: reviewers verify doctors, moderators moderate,
// operators manage link policy, partner hosts and payments.
import { Route, Routes } from 'react-router-dom';
import { appMessages } from '../../app/app.messages.ts';
import { useT } from '../../app/i18n.tsx';
import { RequireRole } from '../../app/RequireRole.tsx';
import { mountFace } from '../../app/root.tsx';
import { Link } from 'react-router-dom';
import { NotFoundPage, Shell } from '../../app/shell.tsx';
import { HostsPage } from '../../features/miniprogram/HostsPage.tsx';
import { miniprogramMessages } from '../../features/miniprogram/miniprogram.messages.ts';
import { AccountPage, SignInPage } from '../../features/accounts/AccountPages.tsx';
import { AdminPaymentsPage } from '../../features/payments/AdminPaymentsPage.tsx';
import { paymentsMessages } from '../../features/payments/payments.messages.ts';
import { ReviewPage, ReviewQueuePage } from '../../features/doctors/ReviewPages.tsx';
import { doctorsMessages } from '../../features/doctors/doctors.messages.ts';
import { ReviewModerationPage } from '../../features/doctors/ReviewModerationPage.tsx';
import { moderationMessages } from '../../features/community/moderation.messages.ts';
import { ModerationPage } from '../../features/community/ModerationPage.tsx';
import { LinkPolicyPage } from '../../features/messaging/LinkPolicyPage.tsx';
import { DeliveriesPage } from '../../features/notifications/DeliveriesPage.tsx';
import { notificationsMessages } from '../../features/notifications/notifications.messages.ts';
import { messagingMessages } from '../../features/messaging/messaging.messages.ts';

function useSections() {
  const t = useT(appMessages);
  const tp = useT(paymentsMessages);
  const td = useT(doctorsMessages);
  const tm = useT(moderationMessages);
  const tmsg = useT(messagingMessages);
  const th = useT(miniprogramMessages);
  const tn = useT(notificationsMessages);
  return [
    { to: '/doctors', label: td('navDoctorApplications'), hint: t('adminDoctorsHint') },
    { to: '/moderation', label: tm('title'), hint: t('adminModerationHint') },
    { to: '/doctor-reviews', label: td('heldReviewsTitle'), hint: td('heldReviewsHint') },
    { to: '/link-policy', label: tmsg('policyTitle'), hint: t('adminLinksHint') },
    { to: '/hosts', label: th('hostsTitle'), hint: t('adminHostsHint') },
    { to: '/payments', label: tp('adminTitle'), hint: t('adminPaymentsHint') },
    { to: '/deliveries', label: tn('deliveriesTitle'), hint: tn('deliveriesHint') },
  ];
}

/** The console's home: one tile per area an operator works in. */
function AdminHome() {
  const t = useT(appMessages);
  return (
    <section className="page">
      <h1>{t('adminConsole')}</h1>
      <div className="tiles">
        {useSections().map((s) => (
          <Link key={s.to} className="tile" to={s.to}>
            <h2>{s.label}</h2>
            <p>{s.hint}</p>
          </Link>
        ))}
      </div>
    </section>
  );
}

function AdminApp() {
  const t = useT(appMessages);
  const sections = useSections().map(({ to, label }) => ({ to, label }));
  return (
    <Shell nav={[{ to: '/', label: t('home'), end: true }, ...sections]} title={t('adminConsole')}>
      <Routes>
        <Route
          path="/"
          element={
            <RequireRole roles={['admin', 'moderator', 'editor']} roleName="admin">
              <AdminHome />
            </RequireRole>
          }
        />
        <Route
          path="/moderation"
          element={
            <RequireRole roles={['admin', 'moderator']} roleName="moderator">
              <ModerationPage />
            </RequireRole>
          }
        />
        <Route
          path="/doctor-reviews"
          element={
            <RequireRole roles={['admin', 'moderator']} roleName="moderator">
              <ReviewModerationPage />
            </RequireRole>
          }
        />
        <Route
          path="/doctors"
          element={
            <RequireRole roles={['admin']} roleName="admin">
              <ReviewQueuePage />
            </RequireRole>
          }
        />
        <Route
          path="/doctors/:id"
          element={
            <RequireRole roles={['admin']} roleName="admin">
              <ReviewPage />
            </RequireRole>
          }
        />
        <Route
          path="/link-policy"
          element={
            <RequireRole roles={['admin']} roleName="admin">
              <LinkPolicyPage />
            </RequireRole>
          }
        />
        <Route
          path="/hosts"
          element={
            <RequireRole roles={['admin']} roleName="admin">
              <HostsPage />
            </RequireRole>
          }
        />
        <Route
          path="/payments"
          element={
            <RequireRole roles={['admin']} roleName="admin">
              <AdminPaymentsPage />
            </RequireRole>
          }
        />
        <Route
          path="/deliveries"
          element={
            <RequireRole roles={['admin']} roleName="admin">
              <DeliveriesPage />
            </RequireRole>
          }
        />
        <Route path="/signin" element={<SignInPage afterSignIn="/" signUp={false} />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Shell>
  );
}

mountFace(<AdminApp />, '/admin');
