// The patient's side: ask a doctor (with the price or "free", the reply promise, and the
// urgent-care stop for red-flag symptoms), then follow the consultation: waiting with a
// live status, the chat, the doctor's summary, the rating.
import { PushOffer } from '../notifications/PushOffer.tsx';
import { useEffect, useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRefetchOn } from '../../app/live.ts';
import { Link, Navigate, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { SignInRedirect } from '../../app/RequireRole.tsx';
import { ApiError, api, get, post } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import { Chat } from '../messaging/ChatPage.tsx';
import { formatMoney } from '../../../shared/money.ts';
import { localeTag } from '../../../shared/locales.ts';
import { AskPlace, type Place } from './AskPlace.tsx';
import { chatKeyOf, PatientCarePanel, useCare } from './CarePanels.tsx';
import { EMERGENCY_BY_LOCALE, type Consultation, type Quote } from './consultations.api.ts';
import { EmergencyCountry } from '../triage/EmergencyCountry.tsx';
import { consultationsMessages } from './consultations.messages.ts';
import { CallPanel } from '../calls/CallPanel.tsx';
import { PhoneVerify } from '../accounts/PhoneVerify.tsx';
import { TelemedicineConsent, useTelemedicineConsent } from '../consents/ConsentPages.tsx';
import { formatTime } from '../../app/dates.ts';

type T = ReturnType<typeof useT<keyof (typeof consultationsMessages)['en']>>;

export function StatusTag({ status, t }: { status: Consultation['status']; t: T }) {
  return <span className={`status-tag status-${status}`}>{t(`status_${status}`)}</span>;
}

function ResponseTimes({ t }: { t: T }) {
  const [rows, setRows] = useState<Array<{ department: string; name: string; consultations: number; medianSeconds: number | null; p95Seconds: number | null; replyPromiseSeconds: number }> | null>(null);
  useEffect(() => {
    get<typeof rows>('/api/consultations/response-times').then(setRows, () => setRows([]));
  }, []);
  if (!rows) return null;
  const measured = rows.filter((r) => r.consultations > 0);
  const min = (s: number | null) => (s === null ? '—' : t('minutes', { n: Math.max(1, Math.round(s / 60)) }));
  return (
    <section className="card response-times" aria-labelledby="response-times-title">
      <h2 id="response-times-title">{t('responseTimes')}</h2>
      {measured.length === 0 ? (
        <p className="hint">{t('responseTimesNone')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('department')}</th>
              <th scope="col">{t('median')}</th>
              <th scope="col">{t('p95')}</th>
              <th scope="col">{t('promise')}</th>
            </tr>
          </thead>
          <tbody>
            {measured.map((r) => (
              <tr key={r.department}>
                <th scope="row">{r.name}</th>
                <td>{min(r.medianSeconds)}</td>
                <td>{min(r.p95Seconds)}</td>
                <td>{min(r.replyPromiseSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function MyConsultations({ t }: { t: T }) {
  const [list, setList] = useState<Consultation[] | null>(null);
  useEffect(() => {
    get<Consultation[]>('/api/consultations?role=patient').then(setList, () => setList([]));
  }, []);
  if (!list) return null;
  return (
    <section aria-labelledby="my-consultations-title">
      <h2 id="my-consultations-title">{t('myConsultations')}</h2>
      {list.length === 0 ? (
        <p className="hint">{t('noConsultations')}</p>
      ) : (
        <ul className="consultation-list">
          {list.map((c) => (
            <li key={c.id}>
              <Link to={`/consultations/${c.id}`}>
                <span className="consultation-dept">{c.departmentName}</span> <StatusTag status={c.status} t={t} />
                <span className="consultation-excerpt">{c.description.slice(0, 120)}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function AskPage() {
  const t = useT(consultationsMessages);
  const { locale } = useLocale();
  const { user, loading, refresh } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const doctorId = params.get('doctor') ?? undefined;
  const [departments, setDepartments] = useState<Array<{ code: string; name: string }>>([]);
  const [doctorName, setDoctorName] = useState<string | null>(null);
  const [form, setForm] = useState({ department: params.get('department') ?? '', description: '', age: '', sex: '', duration: '', medications: '' });
  const [photos, setPhotos] = useState<File[]>([]);
  const [place, setPlace] = useState<Place | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [urgent, setUrgent] = useState<{ numbers: string[]; country: string } | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  // The free first consultation needs a verified phone (409 phone_verification_required).
  const [needPhone, setNeedPhone] = useState(false);
  const [busy, setBusy] = useState(false);
  // The telemedicine consent, accepted with the first question (and after a new version).
  const [consent, setConsent] = useTelemedicineConsent(place?.country ?? null, Boolean(user));
  const [consentAccepted, setConsentAccepted] = useState(false);
  const [clientId] = useState(() => `ask-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`);

  useEffect(() => {
    get<Array<{ code: string; name: string }>>(`/api/departments?lang=${locale}`).then(setDepartments, () => undefined);
  }, [locale]);
  useEffect(() => {
    if (!doctorId) return;
    get<{ fullName: string; department: string }>(`/api/doctors/${doctorId}`).then(
      (d) => {
        setDoctorName(d.fullName);
        setForm((f) => ({ ...f, department: d.department }));
      },
      () => setDoctorName(null),
    );
  }, [doctorId]);
  const quoteQuery = new URLSearchParams({ department: form.department, ...(doctorId && doctorName ? { doctorId } : {}), ...(place ? { country: place.country, language: place.language, ...(place.state ? { state: place.state } : {}) } : {}) }).toString();
  const quoted = useQuery({ queryKey: ['quote', quoteQuery], queryFn: () => get<Quote>(`/api/consultations/quote?${quoteQuery}`), enabled: Boolean(user && form.department), placeholderData: keepPreviousData });
  // Who is online changes the quote (doctors here or in other departments): read it again.
  useRefetchOn([user ? 'doctors:presence' : null], [['quote']], (e) => e.type === 'presence');
  const quote = user && form.department && !quoted.isError ? (quoted.data ?? null) : null;
  useEffect(() => {
    // The server's guess (account, phone, language) until the patient says otherwise.
    if (quote && !place) setPlace({ country: quote.whoCanAnswer.country, state: quote.whoCanAnswer.state ?? '', language: quote.whoCanAnswer.language });
  }, [quote, place]);

  if (loading) return <Loading />;
  if (!user) return <SignInRedirect />;

  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value });

  async function submit(event?: FormEvent, acknowledgedUrgent = false, where: Place | null = place, payInstead = false) {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const created = await post<Consultation>('/api/consultations', {
        department: form.department,
        description: form.description,
        clientId,
        ...(doctorId && doctorName ? { doctorId } : {}),
        ...(form.age ? { age: Number(form.age) } : {}),
        ...(form.sex ? { sex: form.sex } : {}),
        ...(form.duration.trim() ? { duration: form.duration.trim() } : {}),
        ...(form.medications.trim() ? { medications: form.medications.trim() } : {}),
        ...(acknowledgedUrgent ? { acknowledgedUrgent: true } : {}),
        ...(payInstead ? { payInstead: true } : {}),
        ...(consentAccepted ? { acceptTelemedicine: true } : {}),
        ...(where ? { country: where.country, language: where.language, ...(where.state ? { state: where.state } : {}) } : {}),
      });
      for (const file of photos) {
        const data = new FormData();
        data.append('file', file);
        const attachment = await api<{ id: string }>('POST', `/api/conversations/${created.conversationId}/attachments`, data);
        await post(`/api/conversations/${created.conversationId}/messages`, { clientId: `${clientId}-photo-${attachment.id}`, text: '', attachmentIds: [attachment.id] });
      }
      navigate(created.status === 'awaiting_payment' ? `/pay/consultation/${created.id}` : `/consultations/${created.id}`);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'phone_verification_required') {
        setNeedPhone(true);
      } else if (e instanceof ApiError && e.code === 'telemedicine_consent_required') {
        const given = e.body.consent as { text?: string } | undefined;
        setConsent({ text: given?.text ?? e.message, required: true });
        setConsentAccepted(false);
      } else if (e instanceof ApiError && e.code === 'consent_required') {
        // A new version of the terms: the session now carries it and the prompt shows.
        await refresh();
      } else if (e instanceof ApiError && e.code === 'urgent_symptoms') {
        const numbers = Array.isArray(e.body.emergencyNumbers) ? (e.body.emergencyNumbers as string[]) : [String(e.body.emergencyNumber ?? '112')];
        setUrgent({ numbers, country: String(e.body.country ?? '') });
      } else if (e instanceof ApiError) {
        setFields(e.fields);
        setError(e.message);
      } else setError(String(e));
    } finally {
      setBusy(false);
    }
  }

  const emergency = urgent?.numbers[0] ?? EMERGENCY_BY_LOCALE[locale] ?? '112';
  return (
    <section className="page ask">
      <h1>{t('askTitle')}</h1>
      <p className="lead">{t('askLead')}</p>
      <p className="notice notice-info">{t('notDiagnosis', { number: emergency })}</p>
      {urgent ? (
        <div className="card urgent" role="alertdialog" aria-labelledby="urgent-title" aria-describedby="urgent-body">
          <h2 id="urgent-title">{t('urgentTitle')}</h2>
          <p id="urgent-body">{t('urgentBody', { number: urgent.numbers[0]! })}</p>
          <p>
            <a className="button button-danger" href={`tel:${urgent.numbers[0]}`}>
              {t('urgentCall', { number: urgent.numbers[0]! })}
            </a>
          </p>
          {urgent.numbers.length > 1 && <p>{t('urgentAlso', { numbers: urgent.numbers.slice(1).join(', ') })}</p>}
          <EmergencyCountry
            country={urgent.country}
            onChanged={(country) => {
              setAcknowledged(false);
              const next = { ...(place ?? { state: '', language: locale }), country };
              setPlace(next);
              void submit(undefined, false, next);
            }}
          />
          <label className="checkbox">
            <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} /> {t('urgentAcknowledge')}
          </label>
          <button type="button" className="button button-secondary" disabled={!acknowledged || busy} onClick={() => submit(undefined, true)}>
            {t('urgentContinue')}
          </button>
        </div>
      ) : needPhone ? (
        <PhoneVerify
          onVerified={() => {
            setNeedPhone(false);
            void submit(undefined, acknowledged);
          }}
          onPayInstead={() => {
            setNeedPhone(false);
            void submit(undefined, acknowledged, place, true);
          }}
        />
      ) : (
        <form className="card form" onSubmit={submit} noValidate>
          <FormError message={error} />
          {doctorName && <p className="notice notice-info">{t('askingDoctor', { name: doctorName })}</p>}
          <div className={`field${fields.department ? ' field-invalid' : ''}`}>
            <label htmlFor="ask-department">{t('department')}</label>
            <select id="ask-department" value={form.department} onChange={set('department')} required disabled={Boolean(doctorName)}>
              <option value="">{t('chooseDepartment')}</option>
              {departments.map((d) => (
                <option key={d.code} value={d.code}>
                  {d.name}
                </option>
              ))}
            </select>
            {fields.department && <p className="field-error">{fields.department}</p>}
          </div>
          <div className={`field${fields.description ? ' field-invalid' : ''}`}>
            <label htmlFor="ask-description">{t('description')}</label>
            <textarea id="ask-description" rows={6} value={form.description} onChange={set('description')} aria-describedby="ask-description-hint" required maxLength={4000} />
            <p className="hint" id="ask-description-hint">
              {t('descriptionHint')}
            </p>
            {fields.description && <p className="field-error">{fields.description}</p>}
          </div>
          <div className="field-row">
            <Field label={t('age')} type="number" min={0} max={130} inputMode="numeric" value={form.age} onChange={set('age')} error={fields.age} />
            <div className="field">
              <label htmlFor="ask-sex">{t('sex')}</label>
              <select id="ask-sex" value={form.sex} onChange={set('sex')}>
                <option value="">{t('sexUnset')}</option>
                <option value="female">{t('sexFemale')}</option>
                <option value="male">{t('sexMale')}</option>
                <option value="other">{t('sexOther')}</option>
              </select>
            </div>
          </div>
          <Field label={t('duration')} value={form.duration} onChange={set('duration')} hint={t('durationHint')} maxLength={100} error={fields.duration} />
          <div className={`field${fields.medications ? ' field-invalid' : ''}`}>
            <label htmlFor="ask-medications">{t('medications')}</label>
            <textarea id="ask-medications" rows={2} value={form.medications} onChange={set('medications')} maxLength={1000} aria-describedby="ask-medications-hint" />
            <p className="hint" id="ask-medications-hint">
              {t('medicationsHint')}
            </p>
            {fields.medications && <p className="field-error">{fields.medications}</p>}
          </div>
          <div className="field">
            <label htmlFor="ask-photos">{t('photos')}</label>
            <input id="ask-photos" type="file" accept="image/jpeg,image/png,image/webp" multiple onChange={(e) => setPhotos([...(e.target.files ?? [])].slice(0, 6))} aria-describedby="ask-photos-hint" />
            <p className="hint" id="ask-photos-hint">
              {t('photosHint')}
            </p>
          </div>
          {place && <AskPlace place={place} onChange={setPlace} who={quote?.whoCanAnswer ?? null} onlineDoctors={quote?.onlineDoctors ?? null} />}
          {fields.doctorId && <p className="field-error">{fields.doctorId}</p>}
          {quote && (
            <div className="quote" role="status">
              <p className="quote-price">{quote.free ? <strong>{t('free')}</strong> : t('price', { price: formatMoney(quote.price, quote.currency, locale) })}</p>
              <p>{t('replyPromise', { minutes: Math.round(quote.replyPromiseSeconds / 60) })}</p>
              {quote.onlineDoctors === 0 ? (
                <div className="notice notice-warning no-doctor-online">
                  <p>{t('noDoctorOnline', { time: formatTime(quote.replyDeadlineIfAskedNow, locale) })}</p>
                  {quote.onlineElsewhere.length > 0 && !doctorName && (
                    <>
                      <p>{t('onlineElsewhere', { departments: quote.onlineElsewhere.map((d) => d.name).join(', ') })}</p>
                      <p>
                        {quote.onlineElsewhere.map((d) => (
                          <button key={d.department} type="button" className="button button-secondary" onClick={() => setForm((f) => ({ ...f, department: d.department }))}>
                            {t('chooseOnline', { department: d.name })}
                          </button>
                        ))}
                      </p>
                    </>
                  )}
                </div>
              ) : (
                <p className="hint">{t('doctorsOnline', { count: quote.onlineDoctors, waiting: quote.waiting })}</p>
              )}
            </div>
          )}
          {/* Not a condition of the button: red-flag symptoms meet the emergency number before any consent. */}
          {consent?.required && <TelemedicineConsent text={consent.text} accepted={consentAccepted} onChange={setConsentAccepted} />}
          <button type="submit" className="button" disabled={busy || !form.department}>
            {busy ? t('working') : quote && !quote.free ? t('submitPay') : t('submit')}
          </button>
        </form>
      )}
      <ResponseTimes t={t} />
      <MyConsultations t={t} />
    </section>
  );
}

/** The consultation, read again when the server says it changed (taken, closed, expired,
 * a follow-up): events on the reader's own channel, and a resumed socket. */
export function useConsultation(id: string) {
  const client = useQueryClient();
  const { user } = useSession();
  const query = useQuery({ queryKey: ['consultation', id], queryFn: () => get<Consultation>(`/api/consultations/${id}`) });
  useRefetchOn(user ? [`user:${user.id}`] : [], [['consultation', id]], (e) => e.type === 'consultation' && e.consultationId === id);
  const setConsultation = (c: Consultation) => client.setQueryData(['consultation', id], c);
  const failure = query.error ? (query.error instanceof ApiError ? query.error.message : String(query.error)) : null;
  return { consultation: query.data ?? null, setConsultation, missing: query.isError, failure };
}

function RatingForm({ c, t, onRated }: { c: Consultation; t: T; onRated: (c: Consultation) => void }) {
  const [stars, setStars] = useState(5);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (c.rating) return <p className="rating-done">{t('yourRating', { n: c.rating.stars })}</p>;
  return (
    <form
      className="card form rating"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          onRated(await post<Consultation>(`/api/consultations/${c.id}/rating`, { stars, ...(comment.trim() ? { comment: comment.trim() } : {}) }));
        } catch (err) {
          setError(err instanceof ApiError ? err.message : String(err));
        }
      }}
    >
      <fieldset>
        <legend>{t('rateTitle')}</legend>
        <FormError message={error} />
        <div className="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} className="star">
              <input type="radio" name="stars" value={n} checked={stars === n} onChange={() => setStars(n)} />
              <span aria-hidden="true">{'★'.repeat(n)}</span>
              <span className="visually-hidden">{t('stars', { n })}</span>
            </label>
          ))}
        </div>
        <div className="field">
          <label htmlFor="rating-comment">{t('comment')}</label>
          <textarea id="rating-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} maxLength={2000} />
        </div>
        <button type="submit" className="button">
          {t('rate')}
        </button>
      </fieldset>
    </form>
  );
}

export function ConsultationPage() {
  const { id = '' } = useParams();
  const t = useT(consultationsMessages);
  const { locale } = useLocale();
  const { user, loading } = useSession();
  const { consultation: c, setConsultation, missing } = useConsultation(id);
  const { care, reload: reloadCare } = useCare(id, c?.status === 'closed');
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => tick((n) => n + 1), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  if (loading) return <Loading />;
  if (!user) return <SignInRedirect />;
  if (missing) return <Navigate to="/ask" replace />;
  if (!c) return <Loading />;
  const time = (iso: string) => formatTime(iso, locale);
  const waitedMinutes = c.queuedAt ? Math.max(0, Math.round((Date.now() - Date.parse(c.queuedAt)) / 60_000)) : 0;
  return (
    <section className="page consultation">
      <p>
        <Link to="/ask">← {t('askTitle')}</Link>
      </p>
      <h1>{t('consultationTitle', { department: c.departmentName })}</h1>
      <p>
        <StatusTag status={c.status} t={t} /> {c.free && <span className="badge">{t('freeTag')}</span>}
      </p>
      {c.status === 'waiting' && (
        <div className="notice notice-info" role="status">
          <p>{t('waitingLead', { department: c.departmentName })}</p>
          {c.replyDeadline && <p>{t('deadline', { time: time(c.replyDeadline) })}</p>}
          <p>{waitedMinutes < 1 ? t('waitedJustNow') : t('waitedFor', { minutes: waitedMinutes })}</p>
        </div>
      )}
      {c.status === 'waiting' && <PushOffer role="patient" />}
      {c.status === 'awaiting_payment' && (
        <p>
          <Link className="button" to={`/pay/consultation/${c.id}`}>
            {t('pay', { amount: formatMoney(c.amountDue, c.currency, locale) })}
          </Link>
        </p>
      )}
      {c.redFlags.length > 0 && !['closed', 'expired', 'cancelled'].includes(c.status) && (
        <div className="card urgent urgent-reminder" role="note" aria-labelledby="urgent-reminder-title">
          <h2 id="urgent-reminder-title">{t('urgentReminderTitle')}</h2>
          <p>{t('urgentReminder', { number: c.emergencyNumbers[0] ?? '112' })}</p>
          <p>
            <a className="button button-danger" href={`tel:${c.emergencyNumbers[0] ?? '112'}`}>
              {t('urgentCall', { number: c.emergencyNumbers[0] ?? '112' })}
            </a>
          </p>
          {c.emergencyNumbers.length > 1 && <p>{t('urgentAlso', { numbers: c.emergencyNumbers.slice(1).join(', ') })}</p>}
        </div>
      )}
      {c.refundNote && <p className="notice notice-warning">{c.refundNote}</p>}
      {(c.status === 'waiting' || c.status === 'awaiting_payment') && (
        <button
          type="button"
          className="button button-secondary"
          onClick={async () => {
            if (window.confirm(t('cancelConfirm'))) setConsultation(await post<Consultation>(`/api/consultations/${c.id}/cancel`));
          }}
        >
          {t('cancel')}
        </button>
      )}
      <details className="card brief" open={c.status !== 'active'}>
        <summary>{t('youAsked')}</summary>
        <p className="brief-text">{c.description}</p>
        {c.doctor && (
          <p>
            {t('doctorLabel')}: <strong>{c.doctor.displayName}</strong> {c.doctor.title && <span className="hint">{c.doctor.title}</span>}
          </p>
        )}
      </details>
      {c.status === 'closed' && (
        <div className="card closing">
          <h2>{t('summary')}</h2>
          <p>{c.summary}</p>
          {c.advice && (
            <>
              <h3>{t('advice')}</h3>
              <p>{c.advice}</p>
            </>
          )}
        </div>
      )}
      {c.status === 'closed' && <RatingForm c={c} t={t} onRated={setConsultation} />}
      {c.status === 'closed' && care && <PatientCarePanel c={c} care={care} reload={reloadCare} />}
      {c.status !== 'awaiting_payment' && (
        <>
          {['closed', 'expired', 'cancelled'].includes(c.status) && <p className="hint">{t('readOnly')}</p>}
          {c.status === 'active' && c.doctor && <CallPanel consultationId={c.id} conversationId={c.conversationId} me={user.id} otherName={c.doctor.displayName} canStart={false} />}
          <Chat key={chatKeyOf(care)} conversationId={c.conversationId} embedded />
        </>
      )}
      <p className="hint">{t('notDiagnosis', { number: c.emergencyNumbers[0] ?? EMERGENCY_BY_LOCALE[locale] ?? '112' })}</p>
    </section>
  );
}
