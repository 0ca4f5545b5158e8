// Patient checkout: choose a provider among those configured, then follow its flow (a QR code
// to scan, or a page to go to), and see the payment's status come back. The sandbox has its
// own page that says plainly no real money moves.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { RequireRole } from '../../app/RequireRole.tsx';
import { Loading } from '../../app/shell.tsx';
import { paymentsMessages } from './payments.messages.ts';
import type { Payment, ProviderName } from '../../../shared/contracts/payments.ts';
import { formatMoney } from '../../../shared/money.ts';


/** Where a paid consultation is followed; the consultations pages live there. */
export const consultationPath = (id: string) => `/consultations/${encodeURIComponent(id)}`;

/** /pay/consultation/:consultationId — choose how to pay. */
export function CheckoutPage() {
  return (
    <RequireRole>
      <CheckoutView />
    </RequireRole>
  );
}

function CheckoutView() {
  const t = useT(paymentsMessages);
  const { locale } = useLocale();
  const { consultationId = '' } = useParams();
  const navigate = useNavigate();
  const [providers, setProviders] = useState<ProviderName[] | null>(null);
  const [due, setDue] = useState<{ amountDue: number; currency: string } | null>(null);
  const [choice, setChoice] = useState<ProviderName | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    get<{ providers: ProviderName[] }>('/api/payments/providers')
      .then((r) => {
        setProviders(r.providers);
        setChoice((c) => c ?? r.providers[0] ?? null);
      })
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
    get<{ amountDue: number; currency: string }>(`/api/consultations/${encodeURIComponent(consultationId)}`)
      .then((c) => setDue({ amountDue: c.amountDue, currency: c.currency }))
      .catch((e: unknown) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [consultationId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!choice) return;
    setBusy(true);
    setError(null);
    // One key per consultation and provider: a double click or a retry after a network
    // failure finds the same payment instead of starting a second one.
    const storageKey = `lotus_pay_${consultationId}_${choice}`;
    const key = sessionStorage.getItem(storageKey) ?? `${consultationId}-${choice}-${crypto.randomUUID()}`;
    sessionStorage.setItem(storageKey, key);
    try {
      const payment = await post<Payment>('/api/payments', { consultationId, provider: choice }, { headers: { accept: 'application/json', 'content-type': 'application/json', 'idempotency-key': key } });
      navigate(`/pay/${payment.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status !== 0) sessionStorage.removeItem(storageKey);
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  if (providers === null && !error) return <Loading />;
  return (
    <section className="page narrow">
      <h1>{t('checkoutTitle')}</h1>
      <form className="card form" onSubmit={submit} noValidate>
        <FormError message={error} />
        {due && (
          <p className="pay-amount">
            <span>{t('amountDue')}</span> <strong data-testid="amount-due">{formatMoney(due.amountDue, due.currency, locale)}</strong>
          </p>
        )}
        {due && due.amountDue === 0 && <div className="notice notice-info">{t('nothingToPay')}</div>}
        {providers && providers.length === 0 && <div className="notice notice-warning">{t('noProviders')}</div>}
        {providers && providers.length > 0 && (
          <fieldset className="pay-providers">
            <legend>{t('chooseProvider')}</legend>
            {providers.map((p) => (
              <label key={p} className={`pay-provider${choice === p ? ' pay-provider-chosen' : ''}`}>
                <input type="radio" name="provider" value={p} checked={choice === p} onChange={() => setChoice(p)} />
                <span className="pay-provider-name">{t(`provider_${p}`)}</span>
                <span className="hint">{t(`providerHint_${p}`)}</span>
              </label>
            ))}
          </fieldset>
        )}
        <button type="submit" className="button" disabled={busy || !choice || !due || due.amountDue === 0}>
          {busy ? t('working') : t('pay', { amount: due ? formatMoney(due.amountDue, due.currency, locale) : '' })}
        </button>
      </form>
    </section>
  );
}

/** Polls a payment while it is pending. */
function usePayment(id: string, enabled: boolean): { payment: Payment | null; error: string | null; reload(): void } {
  const [payment, setPayment] = useState<Payment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let stop = false;
    get<Payment>(`/api/payments/${encodeURIComponent(id)}`)
      .then((p) => !stop && setPayment(p))
      .catch((e: unknown) => !stop && setError(e instanceof ApiError ? e.message : String(e)));
    return () => {
      stop = true;
    };
  }, [id, enabled, tick]);
  useEffect(() => {
    if (payment?.status !== 'pending') return;
    const timer = setTimeout(() => setTick((n) => n + 1), 2500);
    return () => clearTimeout(timer);
  }, [payment]);
  return { payment, error, reload: () => setTick((n) => n + 1) };
}

function PaymentFacts({ payment }: { payment: Payment }) {
  const t = useT(paymentsMessages);
  const { locale } = useLocale();
  return (
    <dl className="facts">
      <dt>{t('amount')}</dt>
      <dd data-testid="payment-amount">{formatMoney(payment.amount, payment.currency, locale)}</dd>
      <dt>{t('provider')}</dt>
      <dd>{t(`provider_${payment.provider}`)}</dd>
      <dt>{t('paymentFor')}</dt>
      <dd>{payment.kind === 'consultation' ? t('forConsultation') : payment.description}</dd>
    </dl>
  );
}

/** /pay/:paymentId and /pay/return/:paymentId — follow the provider's flow and see the status. */
export function PaymentPage() {
  return (
    <RequireRole>
      <PaymentView />
    </RequireRole>
  );
}

function PaymentView() {
  const t = useT(paymentsMessages);
  const { locale } = useLocale();
  const { paymentId = '' } = useParams();
  const { payment, error } = usePayment(paymentId, true);
  const amount = payment ? formatMoney(payment.amount, payment.currency, locale) : '';
  const providerName = payment ? t(`provider_${payment.provider}`) : '';
  const followUp = useMemo(() => (payment?.kind === 'consultation' ? consultationPath(payment.referenceId) : '/'), [payment]);

  if (error) return <section className="page narrow"><FormError message={error} /></section>;
  if (!payment) return <Loading />;
  return (
    <section className="page narrow">
      <h1>{t('paymentTitle')}</h1>
      <div className="card">
        <p className={`pay-status pay-status-${payment.status}`} role="status" data-testid="payment-status">
          {t(`status_${payment.status}`)}
        </p>
        <PaymentFacts payment={payment} />
        {payment.status === 'pending' && payment.action?.type === 'qr' && (
          <div className="pay-qr">
            <p>{t('scanQr', { provider: providerName })}</p>
            {payment.action.qrImage && <img src={payment.action.qrImage} alt={t('qrAlt', { amount, provider: providerName })} width="240" height="240" />}
            <p>
              <a href={payment.action.url}>{t('openLink')}</a>
            </p>
            <p className="hint">{t('checking')}</p>
          </div>
        )}
        {payment.status === 'pending' && payment.action?.type === 'redirect' && (
          <p>
            {payment.action.url.startsWith('/') ? (
              <Link className="button" to={payment.action.url}>
                {payment.provider === 'sandbox' ? t('continueSandbox') : t('continueCard')}
              </Link>
            ) : (
              <a className="button" href={payment.action.url} rel="noopener">
                {t('continueCard')}
              </a>
            )}
          </p>
        )}
        {payment.status === 'paid' && <div className="notice notice-info">{t('paidBody')}</div>}
        {(payment.status === 'refunded' || payment.status === 'partially_refunded') && <div className="notice notice-info">{t('refundedBody', { provider: providerName })}</div>}
        {payment.status === 'expired' && <div className="notice notice-warning">{t('expiredBody')}</div>}
        {payment.status === 'failed' && <div className="notice notice-warning">{t('failedBody')}</div>}
        <p className="pay-links">
          {payment.kind === 'consultation' && (
            <Link to={followUp} className={payment.status === 'paid' ? 'button' : ''}>
              {t('backToConsultation')}
            </Link>
          )}
          {(payment.status === 'expired' || payment.status === 'failed') && payment.kind === 'consultation' && <Link to={`/pay/consultation/${encodeURIComponent(payment.referenceId)}`}>{t('tryAgain')}</Link>}
        </p>
      </div>
    </section>
  );
}

/** /pay/sandbox/:paymentId — the sandbox's own page: no provider, no money. */
export function SandboxPage() {
  return (
    <RequireRole>
      <SandboxView />
    </RequireRole>
  );
}

function SandboxView() {
  const t = useT(paymentsMessages);
  const { paymentId = '' } = useParams();
  const navigate = useNavigate();
  const { payment, error } = usePayment(paymentId, true);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  async function complete() {
    setBusy(true);
    setFailure(null);
    try {
      await post<Payment>(`/api/sandbox/payments/${encodeURIComponent(paymentId)}/complete`);
      navigate(`/pay/return/${paymentId}`, { replace: true });
    } catch (e) {
      setFailure(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  if (error) return <section className="page narrow"><FormError message={error} /></section>;
  if (!payment) return <Loading />;
  return (
    <section className="page narrow">
      <h1>{t('sandboxTitle')}</h1>
      <div className="notice notice-warning sandbox-banner" role="note">
        <strong>{t('provider_sandbox')}.</strong> {t('sandboxNotice')}
      </div>
      <div className="card form">
        <FormError message={failure} />
        <PaymentFacts payment={payment} />
        {payment.status === 'pending' ? (
          <button type="button" className="button" onClick={complete} disabled={busy}>
            {busy ? t('working') : t('sandboxComplete')}
          </button>
        ) : (
          <p role="status">
            {t(`status_${payment.status}`)} — <Link to={`/pay/return/${payment.id}`}>{t('paymentTitle')}</Link>
          </p>
        )}
      </div>
    </section>
  );
}
