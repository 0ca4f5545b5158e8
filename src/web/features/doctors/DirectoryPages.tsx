// Patient app: the directory of verified doctors (/doctors, filtered by department and
// language) and a doctor's profile (/doctors/:id) with the credential badge.
import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import { CredentialBadge } from './CredentialBadge.tsx';
import { formatMoney } from '../../../shared/money.ts';
import type { Practitioner } from './doctors.api.ts';
import { doctorsMessages } from './doctors.messages.ts';
import { formatDate as formatDay } from '../../app/dates.ts';

export function useDepartments(): Array<{ code: string; name: string }> {
  const { locale } = useLocale();
  const [departments, setDepartments] = useState<Array<{ code: string; name: string }>>([]);
  useEffect(() => {
    void get<Array<{ code: string; name: string }>>(`/api/departments?lang=${locale}`).then(setDepartments, () => setDepartments([]));
  }, [locale]);
  return departments;
}

const LANGS = ['zh', 'en', 'fr', 'es'] as const;

function DoctorCard({ doctor, departmentName }: { doctor: Practitioner; departmentName: string }) {
  const t = useT(doctorsMessages);
  const { locale } = useLocale();
  return (
    <li className="doctor-card card">
      {doctor.photoUrl ? <img className="doctor-photo" src={doctor.photoUrl} alt="" width="72" height="72" /> : <span className="doctor-photo doctor-photo-empty" aria-hidden="true" />}
      <div className="doctor-card-body">
        <h2 className="doctor-name">
          <Link to={`/doctors/${doctor.id}`}>{doctor.fullName}</Link>
        </h2>
        <p className="doctor-meta">
          {doctor.title} · {departmentName}
        </p>
        <p className="doctor-meta">{doctor.hospital}</p>
        <p className="doctor-tags">
          <CredentialBadge badge={doctor.badge} compact />
          {doctor.online && <span className="badge badge-online">{t('onlineNow')}</span>}
          <span className="doctor-price">{formatMoney(doctor.priceMinor, doctor.currency, locale)}</span>
        </p>
      </div>
    </li>
  );
}

export function DirectoryPage() {
  const t = useT(doctorsMessages);
  const departments = useDepartments();
  const [params, setParams] = useSearchParams();
  const department = params.get('department') ?? '';
  const lang = params.get('language') ?? '';
  const q = params.get('q') ?? '';
  const condition = params.get('condition') ?? '';
  const sort = params.get('sort') ?? '';
  const [doctors, setDoctors] = useState<Practitioner[] | null>(null);

  useEffect(() => {
    const query = new URLSearchParams();
    if (department) query.set('department', department);
    if (lang) query.set('lang', lang);
    if (q.trim()) query.set('q', q.trim());
    if (condition.trim()) query.set('condition', condition.trim());
    if (sort) query.set('sort', sort);
    setDoctors(null);
    const timer = window.setTimeout(() => void get<Practitioner[]>(`/api/doctors?${query}`).then(setDoctors, () => setDoctors([])), 250);
    return () => window.clearTimeout(timer);
  }, [department, lang, q, condition, sort]);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next, { replace: true });
  };
  const nameOf = (code: string) => departments.find((d) => d.code === code)?.name ?? code;

  return (
    <section className="page">
      <h1>{t('directoryTitle')}</h1>
      <p className="lead">{t('directoryIntro')}</p>
      <form className="filters" role="search" aria-label={t('directoryTitle')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-department">{t('department')}</label>
          <select id="filter-department" value={department} onChange={(e) => setFilter('department', e.target.value)}>
            <option value="">{t('allDepartments')}</option>
            {departments.map((d) => (
              <option key={d.code} value={d.code}>
                {d.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-language">{t('language')}</label>
          <select id="filter-language" value={lang} onChange={(e) => setFilter('language', e.target.value)}>
            <option value="">{t('anyLanguage')}</option>
            {LANGS.map((l) => (
              <option key={l} value={l}>
                {t(`lang_${l}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-q">{t('searchNameHospital')}</label>
          <input id="filter-q" type="search" value={q} maxLength={100} onChange={(e) => setFilter('q', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="filter-condition">{t('searchCondition')}</label>
          <input id="filter-condition" type="search" value={condition} maxLength={100} onChange={(e) => setFilter('condition', e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="filter-sort">{t('sortBy')}</label>
          <select id="filter-sort" value={sort} onChange={(e) => setFilter('sort', e.target.value)}>
            <option value="">{t('sortDefault')}</option>
            <option value="rating">{t('sortRating')}</option>
            <option value="response">{t('sortResponse')}</option>
            <option value="price">{t('sortPrice')}</option>
          </select>
        </div>
      </form>
      {doctors === null ? (
        <Loading />
      ) : doctors.length === 0 ? (
        <p className="notice notice-info" role="status">
          {t('noDoctors')}
        </p>
      ) : (
        <ul className="doctor-list" aria-live="polite">
          {doctors.map((d) => (
            <DoctorCard key={d.id} doctor={d} departmentName={nameOf(d.department)} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The doctor answers a review of theirs, once. */
function AnswerForm({ reviewId, onAnswered }: { reviewId: string; onAnswered: (answer: string) => void }) {
  const t = useT(doctorsMessages);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="form"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          onAnswered((await post<{ answer: string }>(`/api/doctor/reviews/${reviewId}/answer`, { text })).answer);
        } catch (err) {
          setError(err instanceof ApiError ? err.message : String(err));
        }
      }}
    >
      {error && <p className="field-error">{error}</p>}
      <div className="field">
        <label htmlFor={`answer-${reviewId}`}>{t('reviewAnswerLabel')}</label>
        <textarea id={`answer-${reviewId}`} rows={2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
      </div>
      <button type="submit" className="button button-secondary" disabled={text.trim().length < 2}>
        {t('reviewAnswerSend')}
      </button>
    </form>
  );
}

export function DoctorProfilePage() {
  const t = useT(doctorsMessages);
  const { user } = useSession();
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const departments = useDepartments();
  const [doctor, setDoctor] = useState<Practitioner | null | undefined>(undefined);
  const [reviews, setReviews] = useState<Array<{ id: string; stars: number; text: string; answer: string | null; createdAt: string }>>([]);
  useEffect(() => {
    void get<Practitioner>(`/api/doctors/${encodeURIComponent(id)}`).then(setDoctor, () => setDoctor(null));
    void get<typeof reviews>(`/api/doctors/${encodeURIComponent(id)}/reviews`).then(setReviews, () => setReviews([]));
  }, [id]);
  if (doctor === undefined) return <Loading />;
  if (doctor === null) {
    return (
      <section className="page narrow">
        <p className="notice notice-error" role="alert">
          {t('doctorNotFound')}
        </p>
        <Link to="/doctors">{t('backToDirectory')}</Link>
      </section>
    );
  }
  return (
    <section className="page narrow doctor-profile">
      <p>
        <Link to="/doctors">← {t('backToDirectory')}</Link>
      </p>
      <div className="doctor-profile-head">
        {doctor.photoUrl ? <img className="doctor-photo doctor-photo-large" src={doctor.photoUrl} alt="" width="112" height="112" /> : null}
        <div>
          <h1>{doctor.fullName}</h1>
          <p className="doctor-meta">
            {doctor.title} · {departments.find((d) => d.code === doctor.department)?.name ?? doctor.department}
          </p>
          <p className="doctor-meta">{doctor.hospital}</p>
          {doctor.online && <span className="badge badge-online">{t('onlineNow')}</span>}
        </div>
      </div>
      <CredentialBadge badge={doctor.badge} />
      {doctor.bio && <p className="doctor-bio">{doctor.bio}</p>}
      <dl className="facts">
        <dt>{t('priceLabel')}</dt>
        <dd>{formatMoney(doctor.priceMinor, doctor.currency, locale)}</dd>
        {doctor.stats && (
          <>
            <dt>{t('statsConsultations')}</dt>
            <dd>{doctor.stats.consultations}</dd>
            <dt>{t('statsRating')}</dt>
            <dd>{doctor.stats.ratingAverage !== null ? t('statsRatingValue', { average: doctor.stats.ratingAverage, count: doctor.stats.ratingCount }) : t('statsRatingFew', { count: doctor.stats.ratingCount })}</dd>
            <dt>{t('statsReply')}</dt>
            <dd>{doctor.stats.medianFirstReplySeconds !== null ? t('statsReplyMinutes', { n: Math.max(1, Math.round(doctor.stats.medianFirstReplySeconds / 60)) }) : t('statsNone')}</dd>
          </>
        )}
        <dt>{t('languagesLabel')}</dt>
        <dd>{doctor.languages.map((l) => (LANGS as readonly string[]).includes(l) ? t(`lang_${l as (typeof LANGS)[number]}`) : l).join(', ') || '—'}</dd>
        {doctor.specialties.length > 0 && (
          <>
            <dt>{t('specialtiesLabel')}</dt>
            <dd>{doctor.specialties.join(', ')}</dd>
          </>
        )}
      </dl>
      <p className="doctor-actions">
        <Link className="button" to={`/ask?doctor=${encodeURIComponent(doctor.userId)}`}>
          {t('askThisDoctor', { name: doctor.fullName })}
        </Link>
      </p>
      <section aria-labelledby="reviews-title" className="doctor-reviews">
        <h2 id="reviews-title">{t('reviewsTitle')}</h2>
        {reviews.length === 0 ? (
          <p className="hint">{t('reviewsNone')}</p>
        ) : (
          <ul>
            {reviews.map((r) => (
              <li key={r.id} className="card">
                <p className="hint">{t('reviewBy', { stars: r.stars, date: formatDay(r.createdAt, locale, { year: 'numeric', month: 'numeric', day: 'numeric' }) })}</p>
                <p>{r.text}</p>
                {r.answer ? (
                  <p>
                    <strong>{t('reviewAnswer')}:</strong> {r.answer}
                  </p>
                ) : (
                  user?.id === doctor.userId && <AnswerForm reviewId={r.id} onAnswered={(answer) => setReviews(reviews.map((x) => (x.id === r.id ? { ...x, answer } : x)))} />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
