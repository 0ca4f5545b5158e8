// The doctor's side in the workspace: the queue of the department (taking one is a race
// only one doctor wins), active chats with the close form, history, and earnings by day.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import type { RealtimeEvent } from '../../../shared/contracts/realtime.ts';
import { useRefetchOn } from '../../app/live.ts';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { Loading } from '../../app/shell.tsx';
import { Chat } from '../messaging/ChatPage.tsx';
import { formatMoney } from '../../../shared/money.ts';
import type { Consultation, QueueItem } from './consultations.api.ts';
import { consultationsMessages } from './consultations.messages.ts';
import { careMessages } from './care.messages.ts';
import { chatKeyOf, DoctorCarePanel, useCare } from './CarePanels.tsx';
import { StatusTag, useConsultation } from './PatientPages.tsx';
import { CallPanel } from '../calls/CallPanel.tsx';
import { useSession } from '../../app/session.tsx';
import { formatDate as formatDay } from '../../app/dates.ts';

/** One API read kept in the query cache under its URL; pages say which events read it again. */
function useApi<T>(url: string): { data: T | null; error: string | null; errorCode: string | null; reload: () => void } {
  const query = useQuery({ queryKey: [url], queryFn: () => get<T>(url) });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  const e = query.error;
  const error = e ? (e instanceof ApiError ? { message: e.message, code: e.code } : { message: String(e), code: null }) : null;
  return { data: query.data ?? null, error: error?.message ?? null, errorCode: error?.code ?? null, reload };
}

/** A consultation this doctor takes part in changed. */
const consultationChanged = (e: RealtimeEvent) => e.type === 'consultation';

type T = ReturnType<typeof useT<keyof (typeof consultationsMessages)['en']>>;

/** A page that could not load: its heading stays, and an applicant who is not approved yet
 * is told when this opens and sent to their application rather than shown a refusal. */
function PageProblem({ title, error, code, t }: { title: string; error: string; code: string | null; t: T }) {
  return (
    <section className="page">
      <h1>{title}</h1>
      {code === 'not_a_practising_doctor' ? (
        <p className="notice notice-info" role="status">
          {t('notPractising')} <Link to="/">{t('notPractisingLink')}</Link>
        </p>
      ) : (
        <FormError message={error} />
      )}
    </section>
  );
}

const SEX_KEYS = { female: 'sexFemale', male: 'sexMale', other: 'sexOther' } as const;

/** The red flags as the server writes them out in the doctor's language, never as codes. */
function RedFlagNotes({ notes, t }: { notes: string[]; t: T }) {
  if (notes.length === 0) return null;
  return (
    <div className="notice notice-warning red-flags" role="note" aria-label={t('redFlagsTitle')}>
      <strong>{t('redFlagsTitle')}</strong>
      <ul>
        {notes.map((note) => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}

export function QueuePage() {
  const t = useT(consultationsMessages);
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { user } = useSession();
  const { data: queue, error, errorCode, reload } = useApi<QueueItem[]>('/api/doctor/queue');
  const { data: me } = useApi<{ online: boolean; department: string } | null>('/api/doctor/application');
  // The department's queue changes (a question joins, a doctor takes one, one expires), a
  // question addressed to me or a check-in (my own channel), my being online (presence).
  useRefetchOn([me ? `queue:${me.department}` : null, user ? `user:${user.id}` : null], [['/api/doctor/queue']], (e) => e.type === 'queued' || e.type === 'taken' || e.type === 'left' || e.type === 'notification' || e.type === 'consultation');
  useRefetchOn([user ? 'doctors:presence' : null], [['/api/doctor/application']], (e) => e.type === 'presence' && e.userId === user?.id);
  const [message, setMessage] = useState<string | null>(null);
  const ct = useT(careMessages);
  if (error) return <PageProblem title={t('queueTitle')} error={error} code={errorCode} t={t} />;
  if (!queue) return <Loading />;
  return (
    <section className="page">
      <h1>{t('queueTitle')}</h1>
      {me && me.online === false && <p className="notice notice-warning">{t('goOnline')}</p>}
      <FormError message={message} />
      {queue.length === 0 ? (
        <p className="hint">{t('queueEmpty')}</p>
      ) : (
        <ul className="queue">
          {queue.map((q) => (
            <li key={q.id} className="card queue-item">
              <p className="queue-meta">
                {q.addressedToMe && <span className="badge">{t('addressedToYou')}</span>} {q.free && <span className="badge">{t('freeForPatient')}</span>}{' '}
                <span>{q.waitingSeconds < 60 ? t('waitingJustNow') : t('waiting', { minutes: Math.round(q.waitingSeconds / 60) })}</span>
                {/* What the patient pays is what the patient saw; a free one shows no price, only the doctor's pay. */}
                {!q.free && <> · <span className="queue-price">{formatMoney(q.amountDue, q.currency, locale)}</span></>} · <span className="queue-pay">{t('doctorPaid', { amount: formatMoney(q.doctorEarns, q.currency, locale) })}</span>
                {q.age !== null && <> · {t('years', { n: q.age })}</>}
                {q.sex && <> · {q.sex in SEX_KEYS ? t(SEX_KEYS[q.sex as keyof typeof SEX_KEYS]) : q.sex}</>}
              </p>
              <RedFlagNotes notes={q.redFlagNotes} t={t} />
              <p>
                {q.reopened && <span className="badge">{ct('reopenedTag')}</span>} {q.description}
              </p>
              {q.reopened ? (
                <button
                  type="button"
                  className="button"
                  onClick={async () => {
                    setMessage(null);
                    try {
                      if (!q.addressedToMe) await post(`/api/consultations/${q.id}/check-in/take`);
                      navigate(`/consultations/${q.id}`);
                    } catch (e) {
                      setMessage(e instanceof ApiError ? e.message : String(e));
                      reload();
                    }
                  }}
                >
                  {q.addressedToMe ? ct('openReopened') : ct('takeReopened')}
                </button>
              ) : (
              <button
                type="button"
                className="button"
                onClick={async () => {
                  setMessage(null);
                  try {
                    await post(`/api/consultations/${q.id}/accept`);
                    navigate(`/consultations/${q.id}`);
                  } catch (e) {
                    setMessage(e instanceof ApiError && e.status === 409 ? t('taken') : e instanceof ApiError ? e.message : String(e));
                    reload();
                  }
                }}
              >
                {t('accept')}
              </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ConsultationList({ items, t }: { items: Consultation[]; t: T }) {
  return (
    <ul className="consultation-list">
      {items.map((c) => (
        <li key={c.id}>
          <Link to={`/consultations/${c.id}`}>
            <span className="consultation-dept">{c.patient.displayName}</span> <StatusTag status={c.status} t={t} />
            <span className="consultation-excerpt">{c.description.slice(0, 120)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
}

export function DoctorConsultationsPage() {
  const t = useT(consultationsMessages);
  const { user } = useSession();
  const { data, error, errorCode } = useApi<Consultation[]>('/api/consultations?role=doctor');
  useRefetchOn([user ? `user:${user.id}` : null], [['/api/consultations?role=doctor']], consultationChanged);
  if (error && !data) return <PageProblem title={t('activeTitle')} error={error} code={errorCode} t={t} />;
  if (!data) return <Loading />;
  const active = data.filter((c) => c.status === 'active');
  const past = data.filter((c) => c.status !== 'active');
  return (
    <section className="page">
      <h1>{t('activeTitle')}</h1>
      {active.length === 0 ? <p className="hint">{t('noActive')}</p> : <ConsultationList items={active} t={t} />}
      <h2>{t('historyTitle')}</h2>
      {past.length === 0 ? <p className="hint">{t('noHistory')}</p> : <ConsultationList items={past} t={t} />}
    </section>
  );
}

export function DoctorConsultationPage() {
  const { id = '' } = useParams();
  const t = useT(consultationsMessages);
  const { user } = useSession();
  const { consultation: c, setConsultation: setC, failure } = useConsultation(id);
  const [summary, setSummary] = useState('');
  const [advice, setAdvice] = useState('');
  const [checkInHours, setCheckInHours] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { care } = useCare(id, c?.status === 'closed');
  const ct = useT(careMessages);
  // Red flags the patient writes in the chat join the consultation's: an event reads it again.
  if (failure && !c) return <section className="page"><FormError message={failure} /></section>;
  if (!c) return <Loading />;

  async function close(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      setC(await post<Consultation>(`/api/consultations/${id}/close`, { summary, ...(advice.trim() ? { advice } : {}), ...(checkInHours ? { checkInHours: Number(checkInHours) } : {}) }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <section className="page consultation">
      <p>
        <Link to="/consultations">← {t('activeTitle')}</Link>
      </p>
      <h1>{t('consultationTitle', { department: c.departmentName })}</h1>
      <p>
        <StatusTag status={c.status} t={t} />
      </p>
      <div className="card brief">
        <p>
          {t('patientLabel')}: <strong>{c.patient.displayName}</strong>
          {c.age !== null && <> · {t('years', { n: c.age })}</>}
          {c.sex && <> · {c.sex}</>}
          {c.duration && <> · {c.duration}</>}
        </p>
        <RedFlagNotes notes={c.redFlagNotes} t={t} />
        <p className="brief-text">{c.description}</p>
        {c.medications && (
          <p className="brief-medications">
            <strong>{t('medicationsLabel')}:</strong> {c.medications}
          </p>
        )}
      </div>
      {c.status === 'active' && user && <CallPanel consultationId={c.id} conversationId={c.conversationId} me={user.id} otherName={c.patient.displayName} canStart={c.doctor?.id === user.id} />}
      {care && <DoctorCarePanel care={care} />}
      <Chat key={chatKeyOf(care)} conversationId={c.conversationId} embedded />
      {c.status === 'active' ? (
        <form className="card form" onSubmit={close}>
          <h2>{t('closeTitle')}</h2>
          <FormError message={error} />
          <div className="field">
            <label htmlFor="close-summary">{t('closeSummary')}</label>
            <textarea id="close-summary" rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} required maxLength={4000} />
          </div>
          <div className="field">
            <label htmlFor="close-advice">{t('closeAdvice')}</label>
            <textarea id="close-advice" rows={3} value={advice} onChange={(e) => setAdvice(e.target.value)} maxLength={4000} />
          </div>
          <div className="field">
            <label htmlFor="close-check-in">{ct('closeCheckIn')}</label>
            <select id="close-check-in" value={checkInHours} onChange={(e) => setCheckInHours(e.target.value)}>
              <option value="">{ct('closeCheckInNone')}</option>
              {[24, 48, 72].map((n) => (
                <option key={n} value={n}>
                  {ct('closeCheckInHours', { n })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t('closeSubmit')}
          </button>
        </form>
      ) : (
        c.summary && (
          <div className="card closing">
            <h2>{t('summary')}</h2>
            <p>{c.summary}</p>
            {c.advice && <p>{c.advice}</p>}
            {c.rating && <p>{t('yourRating', { n: c.rating.stars })}</p>}
          </div>
        )
      )}
    </section>
  );
}

/** The last 30 days (UTC, as the server counts them), oldest first, as YYYY-MM-DD. */
const last30Days = () => Array.from({ length: 30 }, (_, i) => new Date(Date.now() - (29 - i) * 86_400_000).toISOString().slice(0, 10));

/** Earnings per day as an SVG bar chart (no chart library for a few dozen bars), with the
 * same figures in a table for screen readers and for reading exact amounts. */
export function EarningsPage() {
  const t = useT(consultationsMessages);
  const { locale } = useLocale();
  const { user } = useSession();
  const { data, error, errorCode } = useApi<{ days: Array<{ day: string; currency: string; amount: number }>; closedConsultations: number }>('/api/doctor/earnings');
  useRefetchOn([user ? `user:${user.id}` : null], [['/api/doctor/earnings']], (e) => e.type === 'consultation' && e.status === 'closed');
  if (error) return <PageProblem title={t('earningsTitle')} error={error} code={errorCode} t={t} />;
  if (!data) return <Loading />;
  const currencies = [...new Set(data.days.map((d) => d.currency))];
  const lastDays = last30Days();
  return (
    <section className="page">
      <h1>{t('earningsTitle')}</h1>
      <p>{t('closedCount', { n: data.closedConsultations })}</p>
      {data.days.length === 0 && <p className="hint">{t('noEarnings')}</p>}
      {currencies.map((currency) => {
        const days = data.days.filter((d) => d.currency === currency);
        // Every one of the 30 days has its place, so one good day is one bar among thirty
        // rather than a block filling the card.
        const byDay = new Map(days.map((d) => [d.day, d.amount]));
        const max = Math.max(...days.map((d) => d.amount), 1);
        const width = lastDays.length * 28;
        return (
          <figure key={currency} className="card earnings">
            <svg viewBox={`0 0 ${width} 160`} role="img" aria-label={`${t('earningsTitle')} (${currency})`} className="earnings-chart">
              <line x1={0} x2={width} y1={140.5} y2={140.5} className="earnings-axis" />
              {lastDays.map((day, i) => {
                const h = Math.round(((byDay.get(day) ?? 0) / max) * 130);
                return (
                  <g key={day}>
                    {h > 0 && <rect x={i * 28 + 5} y={140 - h} width={18} height={h} rx={3} className="earnings-bar" />}
                    {(i % 5 === 4 || h > 0) && (
                      <text x={i * 28 + 14} y={155} textAnchor="middle" className="earnings-label">
                        {Number(day.slice(8))}
                      </text>
                    )}
                  </g>
                );
              })}
            </svg>
            <table>
              <caption className="visually-hidden">{t('earningsTitle')}</caption>
              <tbody>
                {days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{formatDay(`${d.day}T12:00:00Z`, locale, { month: 'long', day: 'numeric', timeZone: 'UTC' })}</th>
                    <td>{formatMoney(d.amount, d.currency, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </figure>
        );
      })}
    </section>
  );
}
