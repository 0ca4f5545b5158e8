// The community's list pages: all forums (or those discussing an encyclopedia entry,
// /community?entry=<slug>), one forum's threads with the form to start one, and search.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, get, post } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import type { Author, Created, Forum, ForumPageData, ThreadSummary } from './community.api.ts';
import { communityMessages } from './community.messages.ts';
import { Composer } from './Composer.tsx';
import { formatDateTime } from '../../app/dates.ts';

export function useFormatDate() {
  const { locale } = useLocale();
  return useCallback((iso: string) => formatDateTime(iso, locale), [locale]);
}

export function AuthorLine({ author }: { author: Author }) {
  const t = useT(communityMessages);
  return (
    <span className="author">
      <span className="author-name">{author.displayName}</span>
      {author.anonymous && <span className="tag">{t('pseudonym')}</span>}
      {author.verifiedDoctor && <span className="badge badge-doctor">✓ {t('doctorBadge')}</span>}
    </span>
  );
}

export function Pagination({ page, pages, onPage }: { page: number; pages: number; onPage(page: number): void }) {
  const t = useT(communityMessages);
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t('pagination')}>
      <button type="button" className="button button-secondary button-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('previous')}
      </button>
      <span>{t('page', { page, pages })}</span>
      <button type="button" className="button button-secondary button-small" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('next')}
      </button>
    </nav>
  );
}

function SearchBox({ initial = '' }: { initial?: string }) {
  const t = useT(communityMessages);
  const navigate = useNavigate();
  const [q, setQ] = useState(initial);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (q.trim()) navigate(`/community/search?q=${encodeURIComponent(q.trim())}`);
  }
  return (
    <form className="search-box" role="search" aria-label={t('searchLabel')} onSubmit={submit}>
      <label htmlFor="community-search" className="visually-hidden">
        {t('searchLabel')}
      </label>
      <input id="community-search" type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('searchLabel')} />
      <button type="submit" className="button">
        {t('searchButton')}
      </button>
    </form>
  );
}

function ForumCard({ forum }: { forum: Forum }) {
  const t = useT(communityMessages);
  return (
    <li className="forum-card card">
      <h3>
        <Link to={`/community/forums/${forum.slug}`}>{forum.title}</Link>
        {forum.sensitive && <span className="tag">{t('sensitive')}</span>}
      </h3>
      <p>{forum.description}</p>
      <p className="meta">{t('threadsCount', { n: forum.threadCount })}</p>
    </li>
  );
}

export function ForumsPage() {
  const t = useT(communityMessages);
  const { locale } = useLocale();
  const [params] = useSearchParams();
  const entry = params.get('entry')?.trim() || '';
  const [forums, setForums] = useState<Forum[] | null>(null);
  const [related, setRelated] = useState<Forum[] | null>(null);

  useEffect(() => {
    void get<Forum[]>(`/api/community/forums?lang=${locale}`).then(setForums);
    if (entry) void get<Forum[]>(`/api/community/forums?lang=${locale}&entry=${encodeURIComponent(entry)}`).then(setRelated);
    else setRelated(null);
  }, [locale, entry]);

  if (!forums) return <Loading />;
  const topics = forums.filter((f) => f.kind === 'topic');
  const conditions = forums.filter((f) => f.kind === 'condition');
  return (
    <section className="page community">
      <h1>{t('title')}</h1>
      <p className="lead">{t('intro')}</p>
      <SearchBox />
      {entry && related && (
        <section className="related-forums" aria-labelledby="related-heading">
          <h2 id="related-heading">{t('forEntry', { entry })}</h2>
          {related.length === 0 ? <p>{t('noForEntry')}</p> : <ul className="forum-grid">{related.map((f) => <ForumCard key={f.id} forum={f} />)}</ul>}
        </section>
      )}
      <h2>{t('conditions')}</h2>
      <ul className="forum-grid">
        {conditions.map((f) => (
          <ForumCard key={f.id} forum={f} />
        ))}
      </ul>
      <h2>{t('topics')}</h2>
      <ul className="forum-grid">
        {topics.map((f) => (
          <ForumCard key={f.id} forum={f} />
        ))}
      </ul>
    </section>
  );
}

function ThreadList({ threads }: { threads: ThreadSummary[] }) {
  const t = useT(communityMessages);
  const format = useFormatDate();
  return (
    <ul className="thread-list">
      {threads.map((thread) => (
        <li key={thread.id} className="thread-row">
          <h3>
            <Link to={`/community/threads/${thread.id}`}>{thread.title}</Link>
          </h3>
          <p className="meta">
            <AuthorLine author={thread.author} /> · <time dateTime={thread.lastPostAt}>{format(thread.lastPostAt)}</time> · {t('replies', { n: thread.replies })}
            {thread.answered && <span className="tag tag-success">{t('answered')}</span>}
          </p>
        </li>
      ))}
    </ul>
  );
}

interface Circle {
  id: string;
  title: string;
}

/** A forum's group circles: group chats of the messaging core, under its group link policy. */
function Circles({ forumId }: { forumId: string }) {
  const t = useT(communityMessages);
  const { user } = useSession();
  const navigate = useNavigate();
  const [circles, setCircles] = useState<Circle[]>([]);
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void get<Circle[]>(`/api/community/forums/${forumId}/circles`).then(setCircles);
  }, [forumId]);
  async function open(circleId: string) {
    const { conversationId } = await post<{ conversationId: string }>(`/api/community/circles/${circleId}/join`);
    navigate(`/messages/${conversationId}`);
  }
  async function create(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const created = await post<{ conversationId: string }>(`/api/community/forums/${forumId}/circles`, { title });
      navigate(`/messages/${created.conversationId}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }
  return (
    <section aria-labelledby="circles-heading" className="circles">
      <h2 id="circles-heading">{t('circles')}</h2>
      <p className="hint">{t('circlesHint')}</p>
      {circles.length === 0 ? (
        <p>{t('noCircles')}</p>
      ) : (
        <ul className="thread-list">
          {circles.map((c) => (
            <li key={c.id} className="thread-row">
              <span className="author-name">{c.title}</span>{' '}
              {user && (
                <button type="button" className="button button-secondary button-small" onClick={() => void open(c.id)}>
                  {t('join')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {user && (
        <form className="card form inline-form" onSubmit={create}>
          <FormError message={error} />
          <div className="field">
            <label htmlFor="circle-title">{t('circleName')}</label>
            <input id="circle-title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={100} required />
          </div>
          <button type="submit" className="button">
            {t('startCircle')}
          </button>
        </form>
      )}
    </section>
  );
}

export function ForumPage() {
  const t = useT(communityMessages);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const { user } = useSession();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<ForumPageData | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    get<ForumPageData>(`/api/community/forums/${encodeURIComponent(id)}?page=${page}&lang=${locale}`)
      .then(setData)
      .catch(() => setMissing(true));
  }, [id, page, locale]);

  if (missing)
    return (
      <section className="page narrow">
        <h1>{t('title')}</h1>
        <p>{t('forumNotFound')}</p>
        <p>
          <Link to="/community">{t('allForums')}</Link>
        </p>
      </section>
    );
  if (!data) return <Loading />;
  const { forum } = data;
  return (
    <section className="page community">
      <p className="breadcrumb">
        <Link to="/community">{t('allForums')}</Link>
      </p>
      <h1>
        {forum.title} {forum.sensitive && <span className="tag">{t('sensitive')}</span>}
      </h1>
      <p className="lead">{forum.description}</p>
      {forum.entrySlugs.length > 0 && (
        <p className="related-entries">
          {t('related')}:{' '}
          {forum.entrySlugs.map((slug, i) => (
            <span key={slug}>
              {i > 0 && ', '}
              <a href={`/encyclopedia/${slug}`}>{slug.replace(/-/g, ' ')}</a>
            </span>
          ))}
        </p>
      )}
      <h2>{t('threadsTitle')}</h2>
      {data.threads.length === 0 ? <p>{t('noThreads')}</p> : <ThreadList threads={data.threads} />}
      <Pagination page={page} pages={Math.max(1, Math.ceil(data.total / data.pageSize))} onPage={(p) => setParams({ page: String(p) })} />
      {!forum.sensitive && <Circles forumId={forum.id} />}
      <h2>{t('newThread')}</h2>
      {user ? (
        <Composer
          withTitle
          sensitive={forum.sensitive}
          bodyLabel={t('body')}
          submitLabel={t('post')}
          onSubmit={async (values) => {
            const created = await post<Created>('/api/community/threads', { forumId: forum.id, title: values.title, body: values.body, ...(forum.sensitive ? { anonymous: values.anonymous } : {}) });
            navigate(`/community/threads/${created.id}`);
          }}
        />
      ) : (
        <p>
          <Link className="button" to={`/signin?next=${encodeURIComponent(`/community/forums/${forum.slug}`)}`}>
            {t('signInToPost')}
          </Link>
        </p>
      )}
    </section>
  );
}

export function SearchPage() {
  const t = useT(communityMessages);
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<{ threads: ThreadSummary[]; total: number; pageSize: number } | null>(null);
  useEffect(() => {
    setData(null);
    void get<{ threads: ThreadSummary[]; total: number; pageSize: number }>(`/api/community/search?q=${encodeURIComponent(q)}&page=${page}`).then(setData);
  }, [q, page]);
  return (
    <section className="page community">
      <p className="breadcrumb">
        <Link to="/community">{t('allForums')}</Link>
      </p>
      <h1>{t('searchTitle', { q })}</h1>
      <SearchBox initial={q} />
      {!data ? <Loading /> : data.threads.length === 0 ? <p>{t('noResults')}</p> : <ThreadList threads={data.threads} />}
      {data && <Pagination page={page} pages={Math.max(1, Math.ceil(data.total / data.pageSize))} onPage={(p) => setParams({ q, page: String(p) })} />}
    </section>
  );
}
