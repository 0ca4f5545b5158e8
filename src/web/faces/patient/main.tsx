// The patient app at /: encyclopedia, community, ask a doctor, messages, account.
import { Link, Route, Routes } from 'react-router-dom';
import { appMessages } from '../../app/app.messages.ts';
import { useT } from '../../app/i18n.tsx';
import { mountFace } from '../../app/root.tsx';
import { NotFoundPage, Shell } from '../../app/shell.tsx';
import { AccountPage, SignInPage, SignUpPage } from '../../features/accounts/AccountPages.tsx';
import { EncyclopediaRoutes, EncyclopediaSearchBar } from '../../features/encyclopedia/EncyclopediaRoutes.tsx';
import { AskPage, ConsultationPage } from '../../features/consultations/PatientPages.tsx';
import { CheckoutPage, PaymentPage, SandboxPage } from '../../features/payments/PaymentPages.tsx';
import { ChatPage } from '../../features/messaging/ChatPage.tsx';
import { LeavingPage } from '../../features/messaging/LeavingPage.tsx';
import { MessagesPage } from '../../features/messaging/MessagesPage.tsx';
import { DirectoryPage, DoctorProfilePage } from '../../features/doctors/DirectoryPages.tsx';
import { doctorsMessages } from '../../features/doctors/doctors.messages.ts';
import { ForumPage, ForumsPage, SearchPage } from '../../features/community/CommunityPages.tsx';
import { ThreadPage } from '../../features/community/ThreadPage.tsx';
import { notificationsMessages } from '../../features/notifications/notifications.messages.ts';
import { NotificationsPage, useUnreadNotifications } from '../../features/notifications/NotificationsPage.tsx';

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
    { to: '/notifications', label: unread > 0 ? `🔔 ${tn('navUnread', { n: unread })}` : `🔔 ${tn('nav')}` },
    { to: '/account', label: t('navAccount') },
  ];
  return (
    <Shell nav={nav}>
      <EncyclopediaSearchBar />
      <Routes>
        <Route path="/" element={<HomePage />} />
        <Route path="/signin" element={<SignInPage />} />
        <Route path="/signup" element={<SignUpPage />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="/encyclopedia/*" element={<EncyclopediaRoutes />} />
        <Route path="/community" element={<ForumsPage />} />
        <Route path="/community/forums/:id" element={<ForumPage />} />
        <Route path="/community/threads/:id" element={<ThreadPage />} />
        <Route path="/community/search" element={<SearchPage />} />
        <Route path="/notifications" element={<NotificationsPage />} />
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
    </Shell>
  );
}

mountFace(<PatientApp />);
