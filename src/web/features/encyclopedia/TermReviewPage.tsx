// The doctor workspace's review of the encyclopedia words matched by machine in the doctor's
// specialty: each French or Chinese title or synonym is confirmed, corrected or rejected.
import { useEffect, useState } from 'react';
import { ApiError, get, post } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useT } from '../../app/i18n.tsx';
import { RequireRole } from '../../app/RequireRole.tsx';
import { Loading } from '../../app/shell.tsx';
import { localeTag } from '../../../shared/locales.ts';
import { termReviewMessages } from './term-reviews.messages.ts';

interface Item {
  slug: string;
  entryTitle: string;
  lang: 'fr' | 'zh';
  term: string;
  kind: 'title' | 'synonym' | 'lay';
  source: string;
}
interface Queue {
  department: string;
  departmentName: string;
  total: number;
  items: Item[];
}
interface Decided {
  term: string | null;
  status: 'reviewed' | 'rejected';
  reviewer: string;
}

/** Dictionaries by their own names, as credited in licenses/. */
const SOURCE_NAMES: Record<string, string> = {
  'freedict-eng-fra': 'FreeDict English–French',
  'freedict-fra-eng': 'FreeDict French–English',
  'cc-cedict': 'CC-CEDICT',
};
const PAGE = 50;
const keyOf = (i: Item) => `${i.slug}\u0000${i.lang}\u0000${i.term}`;

function TermReviews() {
  const t = useT(termReviewMessages);
  const [lang, setLang] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const [queue, setQueue] = useState<Queue | null>(null);
  const [corrections, setCorrections] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setError(null);
    const params = new URLSearchParams({ limit: String(limit) });
    if (lang) params.set('lang', lang);
    get<Queue>(`/api/doctor/encyclopedia/terms?${params}`).then(setQueue, (e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [lang, limit]);

  async function decide(item: Item, decision: 'confirm' | 'correct' | 'reject') {
    const key = keyOf(item);
    setError(null);
    try {
      const done = await post<Decided>('/api/doctor/encyclopedia/terms/decisions', {
        slug: item.slug,
        lang: item.lang,
        term: item.term,
        decision,
        ...(decision === 'correct' ? { correction: corrections[key] ?? '' } : {}),
      });
      const message =
        done.status === 'rejected'
          ? t('rejected', { term: item.term })
          : decision === 'correct'
            ? t('corrected', { term: done.term ?? '', name: done.reviewer })
            : t('confirmed', { term: item.term, name: done.reviewer });
      setOutcome({ ...outcome, [key]: message });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  if (!queue)
    return error ? (
      <div className="notice notice-error" role="alert">
        {error}
      </div>
    ) : (
      <Loading />
    );
  return (
    <section className="page">
      <h1>{t('title', { department: queue.departmentName })}</h1>
      <p>{t('lead')}</p>
      <label>
        {t('filterLang')}{' '}
        <select value={lang} onChange={(e) => setLang(e.target.value)}>
          <option value="">{t('allLangs')}</option>
          <option value="fr">{t('langFr')}</option>
          <option value="zh">{t('langZh')}</option>
        </select>
      </label>
      <p role="status">{queue.total === 0 ? t('empty') : t('count', { n: queue.total })}</p>
      <FormError message={error} />
      <ul className="enc-queue">
        {queue.items.map((item) => {
          const key = keyOf(item);
          return (
            <li key={key} className="card enc-term-review">
              <h2>
                <span lang={localeTag(item.lang)}>{item.term}</span> <span className="badge">{t(`kind_${item.kind}`)}</span>
              </h2>
              <p>
                {t('entry')}: <a href={`/encyclopedia/${encodeURIComponent(item.slug)}`}>{item.entryTitle}</a> ·{' '}
                {t('from', { source: SOURCE_NAMES[item.source] ?? item.source })}
              </p>
              {outcome[key] ? (
                <p role="status">{outcome[key]}</p>
              ) : (
                <div className="enc-decide">
                  <button type="button" className="button" onClick={() => decide(item, 'confirm')}>
                    {t('confirm')}
                  </button>
                  <Field
                    label={t('correction', { term: item.term })}
                    name={`correction-${key}`}
                    lang={localeTag(item.lang)}
                    value={corrections[key] ?? ''}
                    onChange={(e) => setCorrections({ ...corrections, [key]: e.target.value })}
                  />
                  <button type="button" className="button button-secondary" onClick={() => decide(item, 'correct')}>
                    {t('correct')}
                  </button>
                  <button type="button" className="button button-danger" onClick={() => decide(item, 'reject')}>
                    {t('reject')}
                  </button>
                </div>
              )}
            </li>
          );
        })}
      </ul>
      {queue.items.length < queue.total && (
        <button type="button" className="button button-secondary" onClick={() => setLimit(Math.min(limit + PAGE, 100))} disabled={limit >= 100}>
          {t('more')}
        </button>
      )}
    </section>
  );
}

export function TermReviewPage() {
  return (
    <RequireRole roles={['doctor']} roleName="doctor">
      <TermReviews />
    </RequireRole>
  );
}
