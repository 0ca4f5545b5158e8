// Admin console: payments (with refunds, full or partial), refunds, provider events including
// the refused ones kept for review, ledger balances, and a button to reconcile now.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ApiError, get, post } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { Loading } from '../../app/shell.tsx';
import { DataTable } from '../../app/table.tsx';
import { formatMoney } from '../../../shared/money.ts';
import type { AdminRefund, Ledger, Payment, ProviderEvent, ProviderName, Refund } from '../../../shared/contracts/payments.ts';
import { paymentsMessages } from './payments.messages.ts';

type PaymentsKey = keyof (typeof paymentsMessages)['en'];
import { formatDateTime } from '../../app/dates.ts';
import type { Locale } from '../../../shared/locales.ts';

const PROVIDERS: ProviderName[] = ['alipay', 'wechatpay', 'card', 'sandbox'];

/** What the admin list returns: the payment with its payer, failure and refunds. */
type AdminPayment = Payment & Required<Pick<Payment, 'payerId' | 'failureReason' | 'refunds'>>;

const STATUSES = ['pending', 'paid', 'partially_refunded', 'refunded', 'failed', 'expired'] as const;
const when = (iso: string, locale: Locale) => formatDateTime(iso, locale, { dateStyle: 'short', timeStyle: 'short' });

/** Why a refund was made, in the reader's words for the reasons the platform writes itself
 * (an operator's own reason is shown as they wrote it). */
export function refundReason(reason: string, t: (key: PaymentsKey, vars?: Record<string, string | number>) => string): string {
  if (reason === 'refund_by_admin' || reason === 'follow_up_reply_missed') return t(`reason_${reason}`);
  if (reason === 'You cancelled the consultation.') return t('reason_cancelled');
  const expired = /^No doctor accepted within (\d+) minutes$/.exec(reason);
  return expired ? t('reason_expired', { minutes: Number(expired[1]) }) : reason;
}

/** A ledger account as the reader names it: `cash:alipay` is money held by Alipay. */
export function accountName(account: string, t: (key: PaymentsKey, vars?: Record<string, string | number>) => string): string {
  const [kind, rest] = account.split(':', 2) as [string, string | undefined];
  if (kind === 'cash' && rest) return t('ledger_cash', { provider: `provider_${rest}` in paymentsMessages.en ? t(`provider_${rest}` as PaymentsKey) : rest });
  if (kind === 'doctor_earnings' && rest) return t('ledger_doctor_earnings', { id: rest });
  return `ledger_${kind}` in paymentsMessages.en ? t(`ledger_${kind}` as PaymentsKey) : account;
}

function RefundForm({ payment, onDone }: { payment: AdminPayment; onDone(): void }) {
  const t = useT(paymentsMessages);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(() => crypto.randomUUID());

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const body = { ...(amount.trim() ? { amount: Number(amount) } : {}), ...(reason.trim() ? { reason: reason.trim() } : {}) };
      const refund = await post<Refund>(`/api/admin/payments/${payment.id}/refunds`, body, {
        headers: { accept: 'application/json', 'content-type': 'application/json', 'idempotency-key': key },
      });
      setMessage(t('refundDone', { id: refund.id, status: t(`refund_${refund.status}`) }));
      setKey(crypto.randomUUID());
      setAmount('');
      onDone();
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
    <form className="form pay-refund-form" onSubmit={submit} noValidate>
      <FormError message={error} />
      {message && (
        <p className="notice notice-info" role="status">
          {message}
        </p>
      )}
      <Field label={t('refundAmount')} inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} error={fields.amount} />
      <Field label={t('refundReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fields.reason} maxLength={200} />
      <button type="submit" className="button button-danger" disabled={busy}>
        {busy ? t('working') : t('refund')}
      </button>
    </form>
  );
}

function PaymentsTable({ reloadKey, onChange }: { reloadKey: number; onChange(): void }) {
  const t = useT(paymentsMessages);
  const { locale } = useLocale();
  const [status, setStatus] = useState('');
  const [rows, setRows] = useState<AdminPayment[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  useEffect(() => {
    get<AdminPayment[]>(`/api/admin/payments${status ? `?status=${status}` : ''}`).then(setRows, () => setRows([]));
  }, [status, reloadKey]);
  return (
    <section aria-labelledby="pay-payments">
      <h2 id="pay-payments">{t('payments')}</h2>
      <div className="field pay-filter">
        <label htmlFor="pay-status-filter">{t('filterStatus')}</label>
        <select id="pay-status-filter" value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('all')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status_${s}`)}
            </option>
          ))}
        </select>
      </div>
      {rows === null ? (
        <Loading />
      ) : (
        <DataTable
          label={t('payments')}
          rows={rows}
          rowKey={(p) => p.id}
          empty={<p>{t('none')}</p>}
          columns={[
            { header: t('created'), cell: (p) => when(p.createdAt, locale) },
            { header: t('provider'), cell: (p) => t(`provider_${p.provider}`) },
            { header: t('amount'), cell: (p) => formatMoney(p.amount, p.currency, locale), numeric: true },
            { header: t('status'), cell: (p) => t(`status_${p.status}`) },
            { header: t('refunded'), cell: (p) => (p.refundedAmount ? formatMoney(p.refundedAmount, p.currency, locale) : '—'), numeric: true },
            {
              header: t('details'),
              cell: (p) => (
                <>
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    aria-expanded={open === p.id}
                    onClick={() => setOpen(open === p.id ? null : p.id)}
                  >
                    {p.id}
                  </button>
                  {open === p.id && (
                    <div className="pay-detail">
                      <dl className="facts">
                        <dt>{t('payer')}</dt>
                        <dd>{p.payerId}</dd>
                        <dt>{t('paymentFor')}</dt>
                        <dd>{p.description}</dd>
                        {p.refunds.map((r) => (
                          <div key={r.id} className="pay-detail-refund">
                            <dt>{t('refund')}</dt>
                            <dd>
                              {formatMoney(r.amount, p.currency, locale)} · {t(`refund_${r.status}`)} · {refundReason(r.reason, t)}
                            </dd>
                          </div>
                        ))}
                      </dl>
                      {(p.status === 'paid' || p.status === 'partially_refunded') && <RefundForm payment={p} onDone={onChange} />}
                    </div>
                  )}
                </>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}

function RefundsTable({ reloadKey }: { reloadKey: number }) {
  const t = useT(paymentsMessages);
  const { locale } = useLocale();
  const [rows, setRows] = useState<AdminRefund[] | null>(null);
  useEffect(() => {
    get<AdminRefund[]>('/api/admin/refunds').then(setRows, () => setRows([]));
  }, [reloadKey]);
  return (
    <section aria-labelledby="pay-refunds">
      <h2 id="pay-refunds">{t('refunds')}</h2>
      {rows === null ? (
        <Loading />
      ) : (
        <DataTable
          label={t('refunds')}
          rows={rows}
          rowKey={(r) => r.id}
          empty={<p>{t('none')}</p>}
          columns={[
            { header: t('created'), cell: (r) => when(r.createdAt, locale) },
            { header: t('amount'), cell: (r) => formatMoney(r.amount, r.currency, locale), numeric: true },
            { header: t('refundStatus'), cell: (r) => t(`refund_${r.status}`) },
            { header: t('reason'), cell: (r) => refundReason(r.reason, t) },
            { header: t('attempts'), cell: (r) => `${r.attempts}${r.lastError ? ` — ${r.lastError}` : ''}` },
          ]}
        />
      )}
    </section>
  );
}

function EventsTable({ reloadKey }: { reloadKey: number }) {
  const t = useT(paymentsMessages);
  const { locale } = useLocale();
  const [outcome, setOutcome] = useState('');
  const [rows, setRows] = useState<ProviderEvent[] | null>(null);
  useEffect(() => {
    get<ProviderEvent[]>(`/api/admin/payment-events${outcome ? `?outcome=${outcome}` : ''}`).then(setRows, () => setRows([]));
  }, [outcome, reloadKey]);
  return (
    <section aria-labelledby="pay-events">
      <h2 id="pay-events">{t('events')}</h2>
      <div className="field pay-filter">
        <label htmlFor="pay-outcome-filter">{t('filterOutcome')}</label>
        <select id="pay-outcome-filter" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          <option value="">{t('all')}</option>
          <option value="applied">{t('outcome_applied')}</option>
          <option value="ignored">{t('outcome_ignored')}</option>
          <option value="refused">{t('outcome_refused')}</option>
        </select>
      </div>
      {rows === null ? (
        <Loading />
      ) : (
        <DataTable
          label={t('events')}
          rows={rows}
          rowKey={(e) => e.id}
          rowClassName={(e) => (e.outcome === 'refused' ? 'pay-event-refused' : undefined)}
          empty={<p>{t('none')}</p>}
          columns={[
            { header: t('received'), cell: (e) => when(e.receivedAt, locale) },
            { header: t('provider'), cell: (e) => (PROVIDERS.includes(e.provider as ProviderName) ? t(`provider_${e.provider as ProviderName}`) : e.provider) },
            {
              header: t('eventId'),
              cell: (e) => (
                <>
                  {e.type}
                  <br />
                  <small>{e.claimedEventId ?? e.eventId}</small>
                </>
              ),
            },
            { header: t('outcome'), cell: (e) => t(`outcome_${e.outcome}`) },
            { header: t('reason'), cell: (e) => e.reason ?? '' },
            { header: t('deliveries'), cell: (e) => e.deliveries, numeric: true },
          ]}
        />
      )}
    </section>
  );
}

function LedgerTable({ reloadKey }: { reloadKey: number }) {
  const { locale } = useLocale();
  const t = useT(paymentsMessages);
  const [ledger, setLedger] = useState<Ledger | null>(null);
  useEffect(() => {
    get<Ledger>('/api/admin/ledger').then(setLedger, () => setLedger(null));
  }, [reloadKey]);
  if (!ledger) return <Loading />;
  return (
    <section aria-labelledby="pay-ledger">
      <h2 id="pay-ledger">{t('ledger')}</h2>
      {Object.entries(ledger.byCurrency).length === 0 && <p>{t('none')}</p>}
      {Object.entries(ledger.byCurrency).map(([currency, c]) => (
        <DataTable
          key={currency}
          label={`${t('ledger')} ${currency}`}
          caption={currency}
          rows={Object.entries(c.accounts)}
          rowKey={([name]) => name}
          columns={[
            { header: t('account'), cell: ([name]) => accountName(name, t) },
            { header: t('balance'), cell: ([, balance]) => formatMoney(balance, currency, locale), numeric: true },
          ]}
          footer={{ header: t('total'), cells: [<span data-testid={`ledger-total-${currency}`}>{formatMoney(c.total, currency, locale)}</span>] }}
        />
      ))}
    </section>
  );
}

export function AdminPaymentsPage() {
  const t = useT(paymentsMessages);
  const [reloadKey, setReloadKey] = useState(0);
  const [report, setReport] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reload = useCallback(() => setReloadKey((n) => n + 1), []);

  async function reconcile() {
    setBusy(true);
    setError(null);
    try {
      const r = await post<{ checked: number; paid: number; expired: number; failed: number; refundsRetried: number }>('/api/admin/payments/reconcile');
      setReport(t('reconciled', { checked: r.checked, paid: r.paid, expired: r.expired, failed: r.failed, refunds: r.refundsRetried }));
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page pay-admin">
      <h1>{t('adminTitle')}</h1>
      <div className="pay-toolbar">
        <button type="button" className="button" onClick={reconcile} disabled={busy}>
          {busy ? t('working') : t('reconcile')}
        </button>
        {report && (
          <p role="status" className="hint">
            {report}
          </p>
        )}
      </div>
      <FormError message={error} />
      <PaymentsTable reloadKey={reloadKey} onChange={reload} />
      <RefundsTable reloadKey={reloadKey} />
      <EventsTable reloadKey={reloadKey} />
      <LedgerTable reloadKey={reloadKey} />
    </section>
  );
}
