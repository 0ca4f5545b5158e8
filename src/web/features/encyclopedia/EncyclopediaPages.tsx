// The encyclopedia for everyone: search with suggestions as you type, browse by category
// and A–Z, and one entry with its reviewer, sections, related entries and the way on to a
// doctor or the community. History, editing and review are in EncyclopediaEditPages.tsx.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, get } from '../../app/api.ts';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import { encyclopediaMessages } from './encyclopedia.messages.ts';
import './encyclopedia.css';
import { formatDate as formatDay } from '../../app/dates.ts';
import { localeTag, type Locale } from '../../../shared/locales.ts';

export const SECTION_KEYS = ['overview', 'symptoms', 'causes', 'diagnosis', 'treatment', 'prevention', 'whenToSeeADoctor'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface Category {
  code: string;
  name: string;
  entries: number;
}
export interface EntryData {
  slug: string;
  title: string;
  originalTitle: string;
  titleLang: 'en' | 'fr' | 'zh';
  titleReview: { status: 'machine_matched' | 'reviewed'; source: string; reviewer: string | null } | null;
  terms: Array<{ lang: 'en' | 'fr' | 'zh'; term: string; kind: 'title' | 'synonym' | 'lay'; source: string; status: string }>;
  lang: 'en' | 'fr' | 'zh';
  translatedFrom: 'en' | 'fr' | 'zh' | null;
  category: string;
  synonyms: string[];
  sections: Partial<Record<SectionKey, string>> & { overview: string };
  related: Array<{ slug: string; title: string; relation: 'is_a' | 'kind' | 'part_of' | 'has_part' | 'see_also' | 'treated_by' | 'treats' }>;
  department: string | null;
  departmentName: string | null;
  review: { reviewer: string; reviewedAt: string } | null;
  revision: number;
  updatedAt: string;
  synthetic: boolean;
}
interface SearchAnswer {
  total: number;
  results: Array<{ slug: string; title: string; titleLang: string; category: string; lang: string; snippet: string }>;
  suggestion: string | null;
  corrected: boolean;
}
interface Suggestion {
  slug: string;
  title: string;
  category: string;
  lang: string;
}

const LANG_NAMES: Record<string, string> = { en: 'English', fr: 'Français', zh: '中文' };
/** Dictionaries by their own names: they are credited under these names in licenses/. */
const SOURCE_NAMES: Record<string, string> = {
  'freedict-eng-fra': 'FreeDict English–French',
  'freedict-fra-eng': 'FreeDict French–English',
  'cc-cedict': 'CC-CEDICT',
  'lay-terms': 'Lotus Health',
};
const sourceName = (source: string) => SOURCE_NAMES[source] ?? source;
export const entryPath = (slug: string) => `/encyclopedia/${encodeURIComponent(slug)}`;
export const formatDate = (iso: string, locale: string) => formatDay(iso, locale as Locale, { year: 'numeric', month: 'long', day: 'numeric' });

export function useCategories(): Category[] {
  const { locale } = useLocale();
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    get<Category[]>(`/api/encyclopedia/categories?lang=${locale}`).then(setCategories, () => setCategories([]));
  }, [locale]);
  return categories;
}

/** The search field with suggestions as one types; used on the encyclopedia page and atop every patient page. */
export function EncyclopediaSearchBox({ initial = '', compact = false, onSearch }: { initial?: string; compact?: boolean; onSearch?: (q: string) => void }) {
  const t = useT(encyclopediaMessages);
  const navigate = useNavigate();
  const id = useId();
  const [q, setQ] = useState(initial);
  const [suggestions, setSuggestions] = useState<Suggestion[]>([]);
  // Suggestions show while the person types; a search (or a suggestion answering late) closes them.
  const [typing, setTyping] = useState(false);
  useEffect(() => setQ(initial), [initial]);
  useEffect(() => {
    const text = q.trim();
    if (text.length < 2 || text.length > 200) {
      setSuggestions([]);
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      get<{ suggestions: Suggestion[] }>(`/api/encyclopedia/suggest?q=${encodeURIComponent(text)}`).then(
        (answer) => live && setSuggestions(answer.suggestions),
        () => live && setSuggestions([]),
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = q.trim();
    if (!text) return;
    setSuggestions([]);
    setTyping(false);
    if (onSearch) onSearch(text);
    else navigate(`/encyclopedia?q=${encodeURIComponent(text)}`);
  }

  return (
    <form
      role="search"
      aria-label={compact ? t('quickSearch') : t('searchLabel')}
      className={compact ? 'enc-search enc-search-compact' : 'enc-search'}
      onSubmit={submit}
    >
      <label htmlFor={id} className={compact ? 'visually-hidden' : undefined}>
        {compact ? t('quickSearch') : t('searchLabel')}
      </label>
      <div className="enc-search-row">
        <input
          id={id}
          type="search"
          value={q}
          maxLength={200}
          placeholder={t('searchPlaceholder')}
          autoComplete="off"
          aria-describedby={typing && suggestions.length ? `${id}-suggestions` : undefined}
          onChange={(e) => {
            setQ(e.target.value);
            setTyping(true);
          }}
        />
        <button type="submit" className="button">
          {t('searchButton')}
        </button>
      </div>
      {typing && suggestions.length > 0 && (
        <div className="enc-suggestions" id={`${id}-suggestions`}>
          <p className="visually-hidden" aria-live="polite">
            {t('suggestions')}: {suggestions.length}
          </p>
          <ul aria-label={t('suggestions')}>
            {suggestions.map((s) => (
              <li key={s.slug}>
                <Link to={entryPath(s.slug)} onClick={() => setSuggestions([])} lang={localeTag(s.lang)}>
                  {s.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}

/** A category's name in the reader's language (the code until the names arrive). */
function useCategoryName(): (code: string) => string {
  const categories = useCategories();
  return (code) => categories.find((c) => c.code === code)?.name ?? code;
}

function Results({ q, category, lang }: { q: string; category: string; lang: string }) {
  const t = useT(encyclopediaMessages);
  const { locale } = useLocale();
  const categoryName = useCategoryName();
  const [answer, setAnswer] = useState<SearchAnswer | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setAnswer(null);
    setError(null);
    const params = new URLSearchParams({ q, limit: '20' });
    if (category) params.set('category', category);
    if (lang) params.set('lang', lang);
    get<SearchAnswer>(`/api/encyclopedia/search?${params}`).then(setAnswer, (e) => setError(e instanceof ApiError ? e.message : String(e)));
  }, [q, category, lang]);
  if (error)
    return (
      <div className="notice notice-error" role="alert">
        {error}
      </div>
    );
  if (!answer) return <Loading />;
  return (
    <section aria-labelledby="enc-results-heading" className="enc-results">
      <h2 id="enc-results-heading">{t('results', { n: answer.total, q: answer.corrected && answer.suggestion ? answer.suggestion : q })}</h2>
      {answer.corrected && answer.suggestion && <p className="notice notice-info">{t('showingFor', { s: answer.suggestion, q })}</p>}
      {!answer.corrected && answer.suggestion && (
        <p>
          {t('didYouMean')} <Link to={`/encyclopedia?q=${encodeURIComponent(answer.suggestion)}`}>{answer.suggestion}</Link>?
        </p>
      )}
      {answer.total === 0 && <p>{t('noResults', { q })}</p>}
      <ol className="enc-result-list">
        {answer.results.map((r) => (
          <li key={r.slug} lang={localeTag(r.lang)}>
            <Link to={entryPath(r.slug)} className="enc-result-title" lang={localeTag(r.titleLang)}>
              {r.title}
            </Link>
            <span className="badge" lang={localeTag(locale)}>
              {categoryName(r.category)}
            </span>{' '}
            <span className="enc-lang">{LANG_NAMES[r.lang] ?? r.lang}</span>
            {/* The server escapes the text and adds only <mark> around matches. */}
            <p className="enc-snippet" dangerouslySetInnerHTML={{ __html: r.snippet }} />
          </li>
        ))}
      </ol>
    </section>
  );
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'.split('');

function Browse({ category, lang, letter, onLetter }: { category: string; lang: string; letter: string; onLetter: (l: string) => void }) {
  const t = useT(encyclopediaMessages);
  const [rows, setRows] = useState<Array<{ slug: string; title: string; lang: string }>>([]);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  useEffect(() => setOffset(0), [category, lang, letter]);
  useEffect(() => {
    const params = new URLSearchParams({ limit: '60', offset: String(offset) });
    if (category) params.set('category', category);
    if (lang) params.set('lang', lang);
    if (letter) params.set('letter', letter);
    get<{ total: number; results: Array<{ slug: string; title: string; lang: string }> }>(`/api/encyclopedia/entries?${params}`).then(
      (answer) => {
        setTotal(answer.total);
        setRows((before) => (offset === 0 ? answer.results : [...before, ...answer.results]));
      },
      (error: unknown) => console.error('encyclopedia: could not load the entry list', error),
    );
  }, [category, lang, letter, offset]);
  return (
    <section aria-labelledby="enc-browse-heading">
      <h2 id="enc-browse-heading">{t('browse')}</h2>
      <nav aria-label={t('browseByLetter')} className="enc-letters">
        {[...LETTERS, '#'].map((l) => (
          <button
            key={l}
            type="button"
            className={l === letter ? 'enc-letter active' : 'enc-letter'}
            aria-pressed={l === letter}
            onClick={() => onLetter(l === letter ? '' : l)}
          >
            {l === '#' ? t('other') : l.toUpperCase()}
          </button>
        ))}
      </nav>
      <p className="hint">{t('entriesIn', { n: total })}</p>
      <ul className="enc-browse-list">
        {rows.map((r) => (
          <li key={r.slug} lang={localeTag(r.lang)}>
            <Link to={entryPath(r.slug)}>{r.title}</Link>
          </li>
        ))}
      </ul>
      {rows.length < total && (
        <button type="button" className="button button-secondary" onClick={() => setOffset(rows.length)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}

export function EncyclopediaHomePage() {
  const t = useT(encyclopediaMessages);
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const categories = useCategories();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const lang = params.get('lang') ?? '';
  const letter = params.get('letter') ?? '';
  const total = categories.reduce((sum, c) => sum + c.entries, 0);
  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const staff = user?.roles.some((r) => r === 'editor' || r === 'doctor' || r === 'admin');
  const reviewer = user?.roles.some((r) => r === 'doctor' || r === 'admin');
  return (
    <section className="page">
      <h1>{t('title')}</h1>
      <p className="lead">{t('lead', { n: total })}</p>
      {staff && (
        <p className="enc-staff-links">
          <Link to="/encyclopedia/new">{t('newEntry')}</Link>
          {reviewer && <Link to="/encyclopedia/reviews">{t('reviewQueue')}</Link>}
        </p>
      )}
      <EncyclopediaSearchBox initial={q} onSearch={(text) => update({ q: text, letter: '' })} />
      <div className="enc-filters">
        <label>
          {t('category')}
          <select value={category} onChange={(e) => update({ category: e.target.value })}>
            <option value="">{t('allCategories')}</option>
            {categories.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name} ({c.entries})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('language')}
          <select value={lang} onChange={(e) => update({ lang: e.target.value })}>
            <option value="">{t('allLanguages')}</option>
            {Object.entries(LANG_NAMES).map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {q ? (
        <Results q={q} category={category} lang={lang} />
      ) : (
        <Browse category={category} lang={lang} letter={letter} onLetter={(l) => update({ letter: l })} />
      )}
    </section>
  );
}

export function EntryPage() {
  const t = useT(encyclopediaMessages);
  const { locale } = useLocale();
  const { user } = useSession();
  const { slug = '' } = useParams();
  const categoryName = useCategoryName();
  const [entry, setEntry] = useState<EntryData | null>(null);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    setEntry(null);
    setMissing(false);
    get<EntryData>(`/api/encyclopedia/entries/${encodeURIComponent(slug)}`).then(
      (e) => {
        setEntry(e);
        document.title = `${e.title} · Lotus Health`;
      },
      () => setMissing(true),
    );
  }, [slug, locale]);
  if (missing) {
    return (
      <section className="page narrow">
        <h1>{t('title')}</h1>
        <p>{t('notFound')}</p>
        <Link to="/encyclopedia">{t('title')}</Link>
      </section>
    );
  }
  if (!entry) return <Loading />;
  const staff = user?.roles.some((r) => r === 'editor' || r === 'doctor' || r === 'admin');
  const lang = localeTag(entry.lang);
  const titleLang = localeTag(entry.titleLang);
  const related = entry.related.filter((r) => r.relation !== 'treated_by' && r.relation !== 'treats');
  const otherNames = entry.terms.filter((term) => term.kind === 'title' && term.term !== entry.title && term.lang !== entry.lang);
  return (
    <article className="page enc-entry">
      <p className="enc-breadcrumb">
        <Link to="/encyclopedia">{t('title')}</Link> › <Link to={`/encyclopedia?category=${entry.category}`}>{categoryName(entry.category)}</Link>
      </p>
      <h1 lang={titleLang}>{entry.title}</h1>
      {entry.titleLang !== entry.lang && (
        <p className="enc-original-title" lang={lang}>
          {entry.originalTitle}
        </p>
      )}
      {entry.translatedFrom && <p className="hint">{t('translatedFrom', { language: LANG_NAMES[entry.translatedFrom] ?? entry.translatedFrom })}</p>}
      {(entry.titleReview || entry.lang !== locale) && (
        <div className="enc-translation notice notice-info" role="note">
          {entry.titleReview && (
            <p>
              {entry.titleReview.status === 'reviewed' && entry.titleReview.reviewer
                ? t('titleChecked', { name: entry.titleReview.reviewer })
                : t('titleMachine', { source: sourceName(entry.titleReview.source) })}
            </p>
          )}
          {entry.lang !== locale && <p>{t('textIn', { language: LANG_NAMES[entry.lang] ?? entry.lang })}</p>}
        </div>
      )}
      {entry.synonyms.length > 0 && (
        <p className="enc-synonyms" lang={lang}>
          <strong>{t('alsoCalled')}:</strong> {entry.synonyms.join(', ')}
        </p>
      )}
      {otherNames.length > 0 && (
        <p className="enc-synonyms">
          <strong>{t('otherNames')}:</strong>{' '}
          {otherNames.map((term, i) => (
            <span key={`${term.lang}-${term.term}`} lang={localeTag(term.lang)}>
              {i > 0 ? ', ' : ''}
              {term.term}
            </span>
          ))}
        </p>
      )}
      {entry.review ? (
        <p className="enc-review notice notice-info">{t('reviewedBy', { name: entry.review.reviewer, date: formatDate(entry.review.reviewedAt, locale) })}</p>
      ) : (
        <div className="enc-review notice notice-warning" role="note">
          <strong>{t('notReviewed')}</strong> {t('notReviewedBody')}
        </div>
      )}
      {entry.synthetic && <p className="notice notice-warning">{t('synthetic')}</p>}
      <div className="enc-actions">
        <Link className="button" to={entry.department ? `/ask?department=${encodeURIComponent(entry.department)}` : '/ask'}>
          {entry.departmentName ? t('askIn', { department: entry.departmentName }) : t('askAny')}
        </Link>
        <Link className="button button-secondary" to={`/community?entry=${encodeURIComponent(entry.slug)}`}>
          {t('discuss')}
        </Link>
      </div>
      <div lang={lang}>
        {SECTION_KEYS.filter((k) => entry.sections[k]).map((k) => (
          <section key={k} className="enc-section">
            <h2>{t(`s_${k}`)}</h2>
            {entry.sections[k]!.split(/\n{2,}/).map((paragraph, i) => (
              <p key={i}>{paragraph}</p>
            ))}
          </section>
        ))}
      </div>
      {(['treated_by', 'treats'] as const).map((relation) => {
        const links = entry.related.filter((r) => r.relation === relation);
        return (
          links.length > 0 && (
            <section key={relation} className="enc-section" aria-labelledby={`enc-${relation}`}>
              <h2 id={`enc-${relation}`}>{t(relation === 'treated_by' ? 'treatedBy' : 'treats')}</h2>
              <ul>
                {links.map((r) => (
                  <li key={r.slug}>
                    <Link to={entryPath(r.slug)}>{r.title}</Link>
                  </li>
                ))}
              </ul>
              <p className="hint">{t('treatmentsNote')}</p>
            </section>
          )
        );
      })}
      {related.length > 0 && (
        <section className="enc-section">
          <h2>{t('related')}</h2>
          <ul>
            {related.map((r) => (
              <li key={r.slug}>
                <span className="hint">{t(`rel_${r.relation}`)}</span> <Link to={entryPath(r.slug)}>{r.title}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <footer className="enc-entry-footer">
        <span>{t('revision', { n: entry.revision, date: formatDate(entry.updatedAt, locale) })}</span>
        <Link to={`${entryPath(entry.slug)}/history`}>{t('history')}</Link>
        {staff && <Link to={`${entryPath(entry.slug)}/edit`}>{t('propose')}</Link>}
      </footer>
    </article>
  );
}
