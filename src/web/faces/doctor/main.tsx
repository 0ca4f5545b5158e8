// The doctor workspace at /doctor: sign up, prove identity and licence, then queue,
// chats, history and earnings.
import { Route, Routes } from 'react-router-dom';
import { appMessages } from '../../app/app.messages.ts';
import { useT } from '../../app/i18n.tsx';
import { mountFace } from '../../app/root.tsx';
import { ComingPage, NotFoundPage, Shell } from '../../app/shell.tsx';
import { AccountPage, SignInPage, SignUpPage } from '../../features/accounts/AccountPages.tsx';

function DoctorApp() {
  const t = useT(appMessages);
  return (
    <Shell nav={[{ to: '/', label: t('doctorWorkspace'), end: true }, { to: '/account', label: t('navAccount') }]} title={t('doctorWorkspace')}>
      <Routes>
        <Route path="/" element={<ComingPage feature={t('doctorWorkspace')} />} />
        <Route path="/signin" element={<SignInPage afterSignIn="/" />} />
        <Route path="/signup" element={<SignUpPage afterSignUp="/" />} />
        <Route path="/account" element={<AccountPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Shell>
  );
}

mountFace(<DoctorApp />, '/doctor');
