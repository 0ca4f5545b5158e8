// The doctor workspace at /doctor: sign up, prove identity and licence, then queue,
// chats, history and earnings, and the review of the encyclopedia's machine-matched words.
import { Route, Routes } from 'react-router-dom';
import { appMessages } from '../../app/app.messages.ts';
import { useT } from '../../app/i18n.tsx';
import { mountFace } from '../../app/root.tsx';
import { registerServiceWorker } from '../../app/push.ts';
import { NotificationSettingsPage } from '../../features/notifications/NotificationSettingsPage.tsx';
import { NotFoundPage, Shell } from '../../app/shell.tsx';
import { AccountPage, SignInPage, SignUpPage } from '../../features/accounts/AccountPages.tsx';
import { WorkspacePage } from '../../features/doctors/WorkspacePages.tsx';
import { DoctorConsultationPage, DoctorConsultationsPage, EarningsPage, QueuePage } from '../../features/consultations/DoctorPages.tsx';
import { consultationsMessages } from '../../features/consultations/consultations.messages.ts';
import { TermReviewPage } from '../../features/encyclopedia/TermReviewPage.tsx';
import { termReviewMessages } from '../../features/encyclopedia/term-reviews.messages.ts';

function DoctorApp() {
  const t = useT(appMessages);
  const tc = useT(consultationsMessages);
  const tt = useT(termReviewMessages);
  const nav = [
    { to: '/', label: t('home'), end: true },
    { to: '/queue', label: tc('queueTitle') },
    { to: '/consultations', label: tc('activeTitle') },
    { to: '/earnings', label: tc('navEarnings') },
    { to: '/encyclopedia-terms', label: tt('nav') },
  ];
  return (
    <Shell nav={nav} title={t('doctorWorkspace')}>
      <Routes>
        <Route path="/" element={<WorkspacePage />} />
        <Route path="/queue" element={<QueuePage />} />
        <Route path="/consultations" element={<DoctorConsultationsPage />} />
        <Route path="/consultations/:id" element={<DoctorConsultationPage />} />
        <Route path="/earnings" element={<EarningsPage />} />
        <Route path="/encyclopedia-terms" element={<TermReviewPage />} />
        <Route path="/signin" element={<SignInPage afterSignIn="/" />} />
        <Route path="/signup" element={<SignUpPage afterSignUp="/" face="doctor" />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/settings/notifications" element={<NotificationSettingsPage role="doctor" />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Shell>
  );
}

registerServiceWorker();
mountFace(<DoctorApp />, '/doctor');
