// Sign in, sign up and the account page, shared by every face (a doctor signs in to the
// workspace with the same account as anywhere else).
import { useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { SignInRedirect } from '../../app/RequireRole.tsx';
import { ApiError, post } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { LanguageSwitcher, Loading } from '../../app/shell.tsx';
import { appMessages } from '../../app/app.messages.ts';
import { accountsMessages } from './accounts.messages.ts';
import { MyData } from './MyData.tsx';
import { LegalLinks, MyConsentsCard } from '../consents/ConsentPages.tsx';
import { consentsMessages } from '../consents/consents.messages.ts';
import { formatDate as formatDay } from '../../app/dates.ts';

function useAfterSignIn(fallback: string) {
  const location = useLocation();
  const next = new URLSearchParams(location.search).get('next');
  // Only same-app paths: never an open redirect.
  return next && next.startsWith('/') && !next.startsWith('//') ? next : fallback;
}

/** `signUp`: whether this face offers a sign-up link (the admin console does not: its
 * accounts are given, never self-made). */
export function SignInPage({ afterSignIn = '/account', signUp = true }: { afterSignIn?: string; signUp?: boolean }) {
  const t = useT(accountsMessages);
  const ta = useT(appMessages);
  const { signIn, user } = useSession();
  const navigate = useNavigate();
  const target = useAfterSignIn(afterSignIn);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(login, password);
      navigate(target, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow">
      <h1>{t('signInTitle')}</h1>
      {user && (
        <p className="notice notice-info" role="status">
          {ta('alreadySignedIn', { name: user.displayName })} <Link to={target}>{ta('continue')}</Link>
        </p>
      )}
      <form onSubmit={submit} className="card form" noValidate>
        <FormError message={error} />
        <Field label={t('login')} name="login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} required />
        <Field
          label={t('password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('working') : t('submitSignIn')}
        </button>
        {signUp && (
          <p>
            {t('noAccount')} <Link to="/signup">{t('submitSignUp')}</Link>
          </p>
        )}
      </form>
      <CodeSignIn onSignedIn={() => navigate(target, { replace: true })} />
    </section>
  );
}

/** Sign-in by a code texted to a verified number, beside the password. */
function CodeSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const t = useT(accountsMessages);
  const { signInWithCode } = useSession();
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function run(action: () => Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form
      className="card form code-sign-in"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          if (!sent) {
            await post('/api/auth/phone/code', { phone });
            setSent(true);
          } else {
            await signInWithCode(phone, code);
            onSignedIn();
          }
        });
      }}
    >
      <h2>{t('codeSignInTitle')}</h2>
      <p className="hint">{t('codeSignInLead')}</p>
      <FormError message={error} />
      <Field
        label={t('codePhone')}
        name="code-phone"
        type="tel"
        autoComplete="tel"
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
        hint={t('phoneHint')}
        required
      />
      {sent && (
        <>
          <p className="notice notice-info" role="status">
            {t('codeSent')}
          </p>
          <Field
            label={t('codeField')}
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            required
          />
        </>
      )}
      <button type="submit" className="button" disabled={busy || !phone.trim() || (sent && !code.trim())}>
        {busy ? t('working') : sent ? t('codeSubmit') : t('codeSend')}
      </button>
    </form>
  );
}

/** `face`: who signs up here; the name's hint says who will see it (a doctor's patients, a
 * patient's doctors). */
export function SignUpPage({ afterSignUp = '/account', face = 'patient' }: { afterSignUp?: string; face?: 'patient' | 'doctor' }) {
  const t = useT(accountsMessages);
  const { signUp } = useSession();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const target = useAfterSignIn(afterSignUp);
  const [form, setForm] = useState({ displayName: '', email: '', phone: '', password: '' });
  const [acceptTerms, setAcceptTerms] = useState(false);
  const tc = useT(consentsMessages);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await signUp({
        displayName: form.displayName,
        password: form.password,
        locale,
        acceptTerms,
        ...(form.email.trim() ? { email: form.email.trim() } : {}),
        ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      });
      navigate(target, { replace: true });
    } catch (e) {
      if (e instanceof ApiError) {
        setFields(e.fields);
        setError(e.message);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page narrow">
      <h1>{t('signUpTitle')}</h1>
      <form onSubmit={submit} className="card form" noValidate>
        <FormError message={error} />
        <Field
          label={t('displayName')}
          name="displayName"
          autoComplete="name"
          value={form.displayName}
          onChange={set('displayName')}
          error={fields.displayName}
          hint={t(face === 'doctor' ? 'displayNameHintDoctor' : 'displayNameHint')}
          required
        />
        <p className="hint">{t('emailOrPhone')}</p>
        <Field label={t('email')} name="email" type="email" autoComplete="email" value={form.email} onChange={set('email')} error={fields.email} />
        <Field
          label={t('phone')}
          name="phone"
          type="tel"
          autoComplete="tel"
          value={form.phone}
          onChange={set('phone')}
          error={fields.phone}
          hint={t('phoneHint')}
        />
        <Field
          label={t('password')}
          name="password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          error={fields.password}
          hint={t('passwordHint')}
          required
        />
        <div className={`field${fields.acceptTerms ? ' field-invalid' : ''}`}>
          <p className="hint">
            <LegalLinks />
          </p>
          <label className="checkbox">
            <input
              type="checkbox"
              name="acceptTerms"
              checked={acceptTerms}
              onChange={(e) => setAcceptTerms(e.target.checked)}
              required
              aria-invalid={fields.acceptTerms ? true : undefined}
              aria-describedby={fields.acceptTerms ? 'accept-terms-error' : undefined}
            />{' '}
            {tc('acceptTerms')}
          </label>
          {fields.acceptTerms && (
            <p className="field-error" id="accept-terms-error">
              {fields.acceptTerms}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('working') : t('submitSignUp')}
        </button>
        <p>
          {t('haveAccount')} <Link to="/signin">{t('submitSignIn')}</Link>
        </p>
      </form>
    </section>
  );
}

export function AccountPage() {
  const t = useT(accountsMessages);
  const { user, loading, signOut } = useSession();
  const { locale } = useLocale();
  const navigate = useNavigate();
  if (loading) return <Loading />;
  if (!user) return <SignInRedirect />;
  const since = formatDay(user.createdAt, locale, { dateStyle: 'long' });
  return (
    <section className="page narrow">
      <h1>{t('accountTitle')}</h1>
      <div className="card">
        <h2 className="account-name">{user.displayName}</h2>
        <dl className="facts">
          {user.email && (
            <>
              <dt>{t('email')}</dt>
              <dd>{user.email}</dd>
            </>
          )}
          {user.phone && (
            <>
              <dt>{t('phone')}</dt>
              <dd>{user.phone}</dd>
            </>
          )}
          <dt>{t('roles')}</dt>
          <dd>{user.roles.map((r) => t(`role_${r}` as 'role_patient')).join(', ')}</dd>
          <dt>{t('memberSince')}</dt>
          <dd>{since}</dd>
          <dt>{t('languageSetting')}</dt>
          <dd>
            <LanguageSwitcher />
          </dd>
        </dl>
        <button
          type="button"
          className="button button-secondary"
          onClick={async () => {
            await signOut();
            navigate('/signin', { replace: true });
          }}
        >
          {t('signOut')}
        </button>
      </div>
      <MyConsentsCard />
      <MyData />
    </section>
  );
}
