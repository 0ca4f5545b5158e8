// The patient app at /: encyclopedia, community, ask a doctor, messages, account.
import { Link, Route, Routes } from 'react-router-dom';
import { appMessages } from '../../app/app.messages.ts';
import { useT } from '../../app/i18n.tsx';
import { mountFace } from '../../app/root.tsx';
import { registerServiceWorker } from '../../app/push.ts';
import { NotFoundPage, Shell } from '../../app/shell.tsx';
import { AccountPage, SignInPage, SignUpPage } from '../../features/accounts/AccountPages.tsx';
import { PrivacyPage, TermsPage } from '../../features/consents/ConsentPages.tsx';
import { lazyPage, PageSuspense } from '../../app/lazy.tsx';
import { doctorsMessages } from '../../features/doctors/doctors.messages.ts';
import { notificationsMessages } from '../../features/notifications/notifications.messages.ts';
import { useUnreadNotifications } from '../../features/notifications/NotificationsPage.tsx';

// Everything past the first page loads on demand, one chunk per feature.
const encyclopedia = () => import('../../features/encyclopedia/EncyclopediaRoutes.tsx');
const consultations = () => import('../../features/consultations/PatientPages.tsx');
const payments = () => import('../../features/payments/PaymentPages.tsx');
const doctors = () => import('../../features/doctors/DirectoryPages.tsx');
const community = () => import('../../features/community/CommunityPages.tsx');
const EncyclopediaRoutes = lazyPage(encyclopedia, 'EncyclopediaRoutes');
const EncyclopediaSearchBar = lazyPage(encyclopedia, 'EncyclopediaSearchBar');
const AskPage = lazyPage(consultations, 'AskPage');
const ConsultationPage = lazyPage(consultations, 'ConsultationPage');
const CheckoutPage = lazyPage(payments, 'CheckoutPage');
const PaymentPage = lazyPage(payments, 'PaymentPage');
const SandboxPage = lazyPage(payments, 'SandboxPage');
const ChatPage = lazyPage(() => import('../../features/messaging/ChatPage.tsx'), 'ChatPage');
const LeavingPage = lazyPage(() => import('../../features/messaging/LeavingPage.tsx'), 'LeavingPage');
const MessagesPage = lazyPage(() => import('../../features/messaging/MessagesPage.tsx'), 'MessagesPage');
const DirectoryPage = lazyPage(doctors, 'DirectoryPage');
const DoctorProfilePage = lazyPage(doctors, 'DoctorProfilePage');
const ForumsPage = lazyPage(community, 'ForumsPage');
const ForumPage = lazyPage(community, 'ForumPage');
const SearchPage = lazyPage(community, 'SearchPage');
const ThreadPage = lazyPage(() => import('../../features/community/ThreadPage.tsx'), 'ThreadPage');
const NotificationsPage = lazyPage(() => import('../../features/notifications/NotificationsPage.tsx'), 'NotificationsPage');
const NotificationSettingsPage = lazyPage(() => import('../../features/notifications/NotificationSettingsPage.tsx'), 'NotificationSettingsPage');

function HomePage() {
  const t = useT(appMessages);
  return (
    <section className="page">
      <div className="hero">
        <h1>{t('brand')}</h1>
        <p className="lead">{t('tagline')}</p>
      </div>
      <div className="tiles">
        <Link className="tile" to="/ask">
          <h2>{t('homeAskTitle')}</h2>
          <p>{t('homeAskBody')}</p>
        </Link>
        <Link className="tile" to="/encyclopedia">
          <h2>{t('homeEncTitle')}</h2>
          <p>{t('homeEncBody')}</p>
        </Link>
        <Link className="tile" to="/community">
          <h2>{t('homeCommunityTitle')}</h2>
          <p>{t('homeCommunityBody')}</p>
        </Link>
        <Link className="tile" to="/doctors">
          <h2>{t('homeDoctorsTitle')}</h2>
          <p>{t('homeDoctorsBody')}</p>
        </Link>
      </div>
    </section>
  );
}

function PatientApp() {
  const t = useT(appMessages);
  const td = useT(doctorsMessages);
  const tn = useT(notificationsMessages);
  const unread = useUnreadNotifications();
  const nav = [
    { to: '/encyclopedia', label: t('navEncyclopedia') },
    { to: '/community', label: t('navCommunity') },
    { to: '/ask', label: t('navAsk') },
    { to: '/doctors', label: td('navDoctors') },
    { to: '/messages', label: t('navMessages') },
    { to: '/notifications', label: tn('nav'), badge: unread },
  ];
  return (
    <Shell nav={nav}>
      <PageSuspense>
        <EncyclopediaSearchBar />
      </PageSuspense>
      <PageSuspense>
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/signup" element={<SignUpPage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/terms" element={<TermsPage />} />
        <Route path="/privacy" element={<PrivacyPage />} />
        <Route path="/encyclopedia/*" element={<EncyclopediaRoutes />} />
        <Route path="/community" element={<ForumsPage />} />
        <Route path="/community/forums/:id" element={<ForumPage />} />
        <Route path="/community/threads/:id" element={<ThreadPage />} />
        <Route path="/community/search" element={<SearchPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
        <Route path="/settings/notifications" element={<NotificationSettingsPage />} />
        <Route path="/ask" element={<AskPage />} />
        <Route path="/consultations/:id" element={<ConsultationPage />} />
        <Route path="/messages" element={<MessagesPage />} />
        <Route path="/messages/:id" element={<ChatPage />} />
        <Route path="/leaving" element={<LeavingPage />} />
        <Route path="/doctors" element={<DirectoryPage />} />
        <Route path="/doctors/:id" element={<DoctorProfilePage />} />
        <Route path="/pay/consultation/:consultationId" element={<CheckoutPage />} />
        <Route path="/pay/sandbox/:paymentId" element={<SandboxPage />} />
        <Route path="/pay/return/:paymentId" element={<PaymentPage />} />
        <Route path="/pay/:paymentId" element={<PaymentPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
      </PageSuspense>
    </Shell>
  );
}

registerServiceWorker();
mountFace(<PatientApp />);
