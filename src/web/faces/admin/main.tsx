// The admin console at /admin: reviewers verify doctors, moderators moderate,
// operators manage link policy, partner hosts and payments.
import { Route, Routes } from 'react-router-dom';
import { appMessages } from '../../app/app.messages.ts';
import { useT } from '../../app/i18n.tsx';
import { RequireRole } from '../../app/RequireRole.tsx';
import { mountFace } from '../../app/root.tsx';
import { ComingPage, NotFoundPage, Shell } from '../../app/shell.tsx';
import { AccountPage, SignInPage } from '../../features/accounts/AccountPages.tsx';
import { AdminPaymentsPage } from '../../features/payments/AdminPaymentsPage.tsx';
import { paymentsMessages } from '../../features/payments/payments.messages.ts';
import { ReviewPage, ReviewQueuePage } from '../../features/doctors/ReviewPages.tsx';
import { doctorsMessages } from '../../features/doctors/doctors.messages.ts';
import { moderationMessages } from '../../features/community/moderation.messages.ts';
import { ModerationPage } from '../../features/community/ModerationPage.tsx';
import { LinkPolicyPage } from '../../features/messaging/LinkPolicyPage.tsx';
import { messagingMessages } from '../../features/messaging/messaging.messages.ts';

function AdminApp() {
  const t = useT(appMessages);
  const tp = useT(paymentsMessages);
  const td = useT(doctorsMessages);
  const tm = useT(moderationMessages);
  const tmsg = useT(messagingMessages);
  return (
    <Shell nav={[{ to: '/', label: t('adminConsole'), end: true }, { to: '/doctors', label: td('navDoctorApplications') }, { to: '/moderation', label: tm('title') }, { to: '/link-policy', label: tmsg('policyTitle') }, { to: '/payments', label: tp('adminTitle') }, { to: '/account', label: t('navAccount') }]} title={t('adminConsole')}>
      <Routes>
        <Route
          path="/"
          element={
            <RequireRole roles={['admin', 'moderator', 'editor']} roleName="admin">
              <ComingPage feature={t('adminConsole')} />
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
          path="/payments"
          element={
            <RequireRole roles={['admin']} roleName="admin">
              <AdminPaymentsPage />
            </RequireRole>
          }
        />
        <Route path="/signin" element={<SignInPage afterSignIn="/" />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Shell>
  );
}

mountFace(<AdminApp />, '/admin');
