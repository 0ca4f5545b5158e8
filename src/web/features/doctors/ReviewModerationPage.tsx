// Admin console: written reviews of doctors held by the word lists (/admin/doctor-reviews).
// A moderator reads each one (doctor, text, why it was held, when) and publishes or rejects it.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, get, post } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useT } from '../../app/i18n.tsx';
import { Loading } from '../../app/shell.tsx';
import { useFormatDate } from '../community/CommunityPages.tsx';
import { doctorsMessages } from './doctors.messages.ts';

interface HeldReview {
  id: string;
  doctorId: string;
  stars: number;
  text: string;
  heldReason?: string | null;
  createdAt: string;
}

export function ReviewModerationPage() {
  const t = useT(doctorsMessages);
  const format = useFormatDate();
  const [reviews, setReviews] = useState<HeldReview[] | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    void get<HeldReview[]>('/api/admin/moderation/doctor-reviews').then(
      (list) => {
        setReviews(list);
        for (const doctorId of new Set(list.map((r) => r.doctorId))) {
          void get<{ fullName: string }>(`/api/doctors/${encodeURIComponent(doctorId)}`).then(
            (d) => setNames((n) => ({ ...n, [doctorId]: d.fullName })),
            () => undefined,
          );
        }
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, []);
  useEffect(load, [load]);

  async function decide(review: HeldReview, decision: 'publish' | 'hide') {
    setError(null);
    setNotice(null);
    try {
      await post(`/api/admin/moderation/doctor-reviews/${review.id}/decision`, { decision });
      const doctor = names[review.doctorId] ?? review.doctorId;
      setNotice(t(decision === 'publish' ? 'heldReviewPublished' : 'heldReviewRejected', { doctor }));
      load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <section className="page moderation">
      <h1>{t('heldReviewsTitle')}</h1>
      <p className="hint">{t('heldReviewsHint')}</p>
      {notice && (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      )}
      <FormError message={error} />
      {!reviews ? (
        <Loading />
      ) : reviews.length === 0 ? (
        <p>{t('heldReviewsNone')}</p>
      ) : (
        <ul className="queue">
          {reviews.map((r) => {
            const doctor = names[r.doctorId] ?? r.doctorId;
            return (
              <li key={r.id} className="card queue-item" aria-label={t('heldReviewOf', { doctor })}>
                <p className="meta">
                  {t('heldReviewDoctor')}: <a href={`/doctors/${encodeURIComponent(r.doctorId)}`}>{doctor}</a> · {'★'.repeat(r.stars)} ·{' '}
                  <time dateTime={r.createdAt}>{format(r.createdAt)}</time>
                </p>
                <blockquote className="quoted">{r.text}</blockquote>
                {r.heldReason && <p className="notice notice-warning">{t('heldReviewWhy', { reason: r.heldReason })}</p>}
                <div className="composer-actions">
                  <button type="button" className="button" onClick={() => void decide(r, 'publish')}>
                    {t('heldReviewPublish')}
                  </button>
                  <button type="button" className="button button-danger" onClick={() => void decide(r, 'hide')}>
                    {t('heldReviewReject')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
