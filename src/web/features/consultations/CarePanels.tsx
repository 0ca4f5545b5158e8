// After the close: the patient's follow-up questions and check-in answer, "ask again", and
// what the doctor sees of them. The conversation reopens while a follow-up is open, so the
// chat is remounted (keyed on the open ones) to pick up that it can be written in again.
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import type { Care, FollowUp } from '../../../shared/contracts/consultations.ts';
import type { Consultation } from './consultations.api.ts';
import { careMessages } from './care.messages.ts';
import { formatDateTime } from '../../app/dates.ts';
import { followUpNoteLine, systemText } from '../../../shared/system-lines.ts';

/** The care after the close, read with the consultation (its query key is under the
 * consultation's, so the same events read both again; see useConsultation). */
export function useCare(id: string, enabled: boolean) {
  const query = useQuery({ queryKey: ['consultation', id, 'care'], queryFn: () => get<Care>(`/api/consultations/${id}/care`), enabled });
  const { refetch } = query;
  const reload = useCallback(() => void refetch(), [refetch]);
  return { care: enabled ? (query.data ?? null) : null, reload };
}

/** A key that changes when a follow-up opens or is answered: the chat is remounted with it. */
export const chatKeyOf = (care: Care | null) => (care ? care.followUps.map((f) => `${f.id}:${f.status}`).join(',') : '');

function useWhen() {
  const { locale } = useLocale();
  return (iso: string) => formatDateTime(iso, locale);
}

export function PatientCarePanel({ c, care, reload }: { c: Consultation; care: Care; reload: () => void }) {
  const t = useT(careMessages);
  const { locale } = useLocale();
  // A missed follow-up's note is kept in English: shown in the reader's language when it is one of ours.
  const noteIn = (note: string) => {
    const line = followUpNoteLine(note);
    return (line && systemText(line, locale)) || note;
  };
  const when = useWhen();
  const [text, setText] = useState('');
  const [checkIn, setCheckIn] = useState<'better' | 'same' | 'worse'>('better');
  const [checkInText, setCheckInText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [emergency, setEmergency] = useState<string | null>(null);
  const [review, setReview] = useState('');
  const [reviewStatus, setReviewStatus] = useState<string | null>(null);
  const answerWord = (a: 'better' | 'same' | 'worse') => t(a === 'better' ? 'checkInBetter' : a === 'same' ? 'checkInSame' : 'checkInWorse');

  async function askFollowUp(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await post(`/api/consultations/${c.id}/follow-ups`, { text });
      setText('');
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  async function answer(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const res = await post<{ emergency: { number: string } | null }>(`/api/consultations/${c.id}/check-in`, {
        answer: checkIn,
        ...(checkInText.trim() ? { text: checkInText.trim() } : {}),
      });
      setEmergency(res.emergency?.number ?? null);
      reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  const ci = care.checkIn;
  return (
    <>
      {emergency && (
        <div className="card urgent" role="alert">
          <p>{t('emergencyFirst', { number: emergency })}</p>
          <p>
            <a className="button button-danger" href={`tel:${emergency}`}>
              {emergency}
            </a>
          </p>
        </div>
      )}
      <FormError message={error} />
      {ci && (
        <section className="card check-in" aria-labelledby="check-in-title">
          <h2 id="check-in-title">{t('checkInTitle')}</h2>
          {ci.answer ? (
            <p>
              {t('checkInAnswered', { answer: answerWord(ci.answer) })}{' '}
              {care.followUps.some((f) => f.kind === 'check_in' && f.status === 'open') && t('checkInReopened')}
            </p>
          ) : !ci.askedAt ? (
            <p className="hint">{t('checkInPending', { time: when(ci.dueAt) })}</p>
          ) : (
            <form className="form" onSubmit={answer}>
              <fieldset>
                <legend>{t('checkInLead')}</legend>
                {(['better', 'same', 'worse'] as const).map((a) => (
                  <label key={a} className="checkbox">
                    <input type="radio" name="check-in" value={a} checked={checkIn === a} onChange={() => setCheckIn(a)} /> {answerWord(a)}
                  </label>
                ))}
              </fieldset>
              <div className="field">
                <label htmlFor="check-in-text">{t('checkInText')}</label>
                <textarea id="check-in-text" rows={2} maxLength={2000} value={checkInText} onChange={(e) => setCheckInText(e.target.value)} />
              </div>
              <button type="submit" className="button">
                {t('checkInSend')}
              </button>
            </form>
          )}
        </section>
      )}
      <section className="card follow-ups" aria-labelledby="follow-ups-title">
        <h2 id="follow-ups-title">{t('followUpsTitle')}</h2>
        {care.followUps.length > 0 && (
          <ul>
            {care.followUps.map((f) => (
              <li key={f.id}>
                <p>{f.text}</p>
                <p className="hint">
                  {f.status === 'open'
                    ? t('followUpOpen', { time: when(f.replyDeadline) })
                    : f.status === 'answered'
                      ? t('followUpAnswered')
                      : t('followUpMissed')}
                </p>
                {f.note && <p className="notice notice-warning">{noteIn(f.note)}</p>}
              </li>
            ))}
          </ul>
        )}
        {care.followUpsLeft > 0 && care.followUpWindowEndsAt ? (
          <form className="form" onSubmit={askFollowUp}>
            <p>{t('followUpsLead', { left: care.followUpsLeft, until: when(care.followUpWindowEndsAt) })}</p>
            <div className="field">
              <label htmlFor="follow-up-text">{t('followUpLabel')}</label>
              <textarea id="follow-up-text" rows={3} maxLength={4000} value={text} onChange={(e) => setText(e.target.value)} required />
            </div>
            <button type="submit" className="button" disabled={text.trim().length < 3}>
              {t('followUpSend')}
            </button>
          </form>
        ) : (
          <p className="hint">{t('followUpsNone')}</p>
        )}
        {c.rating && !reviewStatus && (
          <form
            className="form"
            onSubmit={async (e) => {
              e.preventDefault();
              setError(null);
              try {
                setReviewStatus((await post<{ status: string }>(`/api/consultations/${c.id}/review`, { text: review })).status);
              } catch (err) {
                setError(err instanceof ApiError ? err.message : String(err));
              }
            }}
          >
            <h3>{t('reviewTitle')}</h3>
            <div className="field">
              <label htmlFor="review-text">{t('reviewLabel')}</label>
              <textarea id="review-text" rows={3} maxLength={2000} value={review} onChange={(e) => setReview(e.target.value)} />
            </div>
            <button type="submit" className="button button-secondary" disabled={review.trim().length < 10}>
              {t('reviewSend')}
            </button>
          </form>
        )}
        {reviewStatus && <p role="status">{reviewStatus === 'published' ? t('reviewPublished') : t('reviewHeld')}</p>}
        <p>
          <a className="button button-secondary" href={`/api/consultations/${c.id}/summary.pdf`} download>
            {t('summaryPdf')}
          </a>
        </p>
        {c.doctor && (
          <p>
            <Link className="button button-secondary" to={`/ask?doctor=${encodeURIComponent(c.doctor.id)}`}>
              {t('askAgain', { name: c.doctor.displayName })}
            </Link>
          </p>
        )}
      </section>
    </>
  );
}

export function DoctorCarePanel({ care }: { care: Care }) {
  const t = useT(careMessages);
  const when = useWhen();
  const open = care.followUps.filter((f) => f.status === 'open');
  const ci = care.checkIn;
  if (!ci?.answer && open.length === 0) return null;
  const word = (a: 'better' | 'same' | 'worse') => t(a === 'better' ? 'checkInBetter' : a === 'same' ? 'checkInSame' : 'checkInWorse');
  return (
    <div className="notice notice-info" role="status">
      {ci?.answer && (
        <p>
          <strong>{t('doctorCheckIn', { answer: word(ci.answer) })}</strong>
          {ci.text ? ` — ${ci.text}` : ''}
        </p>
      )}
      {open.length > 0 && <p>{t('doctorFollowUps', { n: open.length, time: when(open[0]!.replyDeadline) })}</p>}
    </div>
  );
}
