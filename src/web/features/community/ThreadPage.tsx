// One thread: its posts page by page, urgent-care guidance above posts that describe
// red-flag symptoms, doctors' badges, best answer, likes, follow, report, edit, reply.
// Post HTML comes sanitised from the server's one renderer.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, del, get, patch, post, put } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import type { Created, Post, ThreadPageData } from './community.api.ts';
import { communityMessages } from './community.messages.ts';
import { AuthorLine, Pagination, useFormatDate } from './CommunityPages.tsx';
import { Composer } from './Composer.tsx';
import { EmergencyCountry } from '../triage/EmergencyCountry.tsx';

/** `onCorrect`: the reader (signed in) may say where they are; the page is read again with that country's numbers. */
function UrgentCare({ emergency, onCorrect }: { emergency: ThreadPageData['emergency']; onCorrect?: () => void }) {
  const t = useT(communityMessages);
  return (
    <div className="notice notice-urgent" role="note">
      <strong>{t('urgentTitle')}</strong>
      <p>
        {t('urgentBody', { number: emergency.number })}{' '}
        <a href={`tel:${emergency.number}`} className="urgent-number">
          {emergency.number}
        </a>
      </p>
      {emergency.others.length > 0 && <p>{t('urgentOthers', { numbers: emergency.others.join(', ') })}</p>}
      {onCorrect && <EmergencyCountry key={emergency.country} country={emergency.country} onChanged={onCorrect} />}
    </div>
  );
}

function ReportForm({ postId, onDone }: { postId: string; onDone(): void }) {
  const t = useT(communityMessages);
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await post(`/api/community/posts/${postId}/report`, { reason });
      setSent(true);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }
  if (sent)
    return (
      <p className="notice notice-info" role="status">
        {t('reported')}
      </p>
    );
  return (
    <form className="report-form form" onSubmit={submit}>
      <FormError message={error} />
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('reportReason')}</label>
        <textarea id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} maxLength={500} required />
      </div>
      <div className="composer-actions">
        <button type="button" className="button button-secondary button-small" onClick={onDone}>
          {t('cancel')}
        </button>
        <button type="submit" className="button button-small">
          {t('sendReport')}
        </button>
      </div>
    </form>
  );
}

function PostCard({ item, data, signedIn, onChanged }: { item: Post; data: ThreadPageData; signedIn: boolean; onChanged(): void }) {
  const t = useT(communityMessages);
  const format = useFormatDate();
  const [likes, setLikes] = useState({ likes: item.likes, liked: item.liked });
  const [reporting, setReporting] = useState(false);
  const [editing, setEditing] = useState(false);
  useEffect(() => setLikes({ likes: item.likes, liked: item.liked }), [item]);

  async function toggleLike() {
    const result = likes.liked ? await del<{ likes: number; liked: boolean }>(`/api/community/posts/${item.id}/like`) : await put<{ likes: number; liked: boolean }>(`/api/community/posts/${item.id}/like`);
    setLikes(result);
  }
  async function markBest() {
    await put(`/api/community/threads/${data.thread.id}/best`, { postId: item.id });
    onChanged();
  }

  // The country correction is offered once, above the first post with red flags.
  const firstFlagged = data.posts.find((p) => p.redFlags.length > 0)?.id === item.id;
  const classes = ['post', 'card', item.author.verifiedDoctor ? 'post-doctor' : '', item.best ? 'post-best' : ''].filter(Boolean).join(' ');
  return (
    <article className={classes} id={item.id} aria-label={t('by', { name: item.author.displayName })}>
      {item.redFlags.length > 0 && <UrgentCare emergency={data.emergency} {...(signedIn && firstFlagged ? { onCorrect: onChanged } : {})} />}
      <header className="post-header">
        <AuthorLine author={item.author} />
        <time dateTime={item.createdAt}>{format(item.createdAt)}</time>
        {item.editedAt && <span className="meta">({t('edited')})</span>}
        {item.best && <span className="tag tag-success">★ {t('bestAnswer')}</span>}
      </header>
      {editing ? (
        <Composer
          bodyLabel={t('body')}
          submitLabel={t('save')}
          initialBody={item.body ?? ''}
          onCancel={() => setEditing(false)}
          onSubmit={async (values) => {
            await patch<Created>(`/api/community/posts/${item.id}`, { body: values.body });
            setEditing(false);
            onChanged();
          }}
        />
      ) : (
        // Sanitised on the server by the community's one renderer (allowlist, no scripts).
        <div className="post-body" dangerouslySetInnerHTML={{ __html: item.html }} />
      )}
      <footer className="post-actions">
        {signedIn ? (
          <button type="button" className="button button-secondary button-small" aria-pressed={likes.liked} onClick={() => void toggleLike()}>
            {likes.liked ? t('unlike') : t('like')} · {likes.likes}
          </button>
        ) : (
          <span className="meta">{t('likes', { n: likes.likes })}</span>
        )}
        {signedIn && !item.mine && !reporting && (
          <button type="button" className="button button-secondary button-small" onClick={() => setReporting(true)}>
            {t('report')}
          </button>
        )}
        {data.thread.canMarkBest && !item.first && !item.best && (
          <button type="button" className="button button-secondary button-small" onClick={() => void markBest()}>
            {t('markBest')}
          </button>
        )}
        {item.editableUntil && !editing && (
          <button type="button" className="button button-secondary button-small" onClick={() => setEditing(true)} title={t('editableUntil', { time: format(item.editableUntil) })}>
            {t('edit')}
          </button>
        )}
      </footer>
      {reporting && <ReportForm postId={item.id} onDone={() => setReporting(false)} />}
    </article>
  );
}

export function ThreadPage() {
  const t = useT(communityMessages);
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const { user } = useSession();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [data, setData] = useState<ThreadPageData | null>(null);
  const [missing, setMissing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const result = await get<ThreadPageData>(`/api/community/threads/${encodeURIComponent(id)}?page=${page}&lang=${locale}`);
      setData(result);
      document.title = `${result.thread.title} · Lotus Health`;
    } catch {
      setMissing(true);
    }
  }, [id, page, locale]);
  useEffect(() => {
    void load();
  }, [load, user]);

  if (missing)
    return (
      <section className="page narrow">
        <h1>{t('title')}</h1>
        <p>{t('notFound')}</p>
        <p>
          <Link to="/community">{t('allForums')}</Link>
        </p>
      </section>
    );
  if (!data) return <Loading />;
  const { thread } = data;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));

  async function toggleFollow() {
    const result = thread.following ? await del<{ following: boolean }>(`/api/community/threads/${thread.id}/follow`) : await put<{ following: boolean }>(`/api/community/threads/${thread.id}/follow`);
    setData((d) => (d ? { ...d, thread: { ...d.thread, following: result.following } } : d));
  }

  return (
    <section className="page community thread-page">
      <p className="breadcrumb">
        <Link to={`/community/forums/${thread.forum.slug}`}>{t('back', { forum: thread.forum.title })}</Link>
      </p>
      <div className="thread-heading">
        <h1>{thread.title}</h1>
        {user && (
          <button type="button" className="button button-secondary button-small" aria-pressed={thread.following} onClick={() => void toggleFollow()}>
            {thread.following ? t('following') : t('follow')}
          </button>
        )}
      </div>
      {thread.status === 'pending' && (
        <p className="notice notice-warning" role="status">
          {t('held')}
        </p>
      )}
      <div className="posts">
        {data.posts.map((item) => (
          <PostCard key={item.id} item={item} data={data} signedIn={Boolean(user)} onChanged={() => void load()} />
        ))}
      </div>
      <Pagination page={page} pages={pages} onPage={(p) => setParams({ page: String(p) })} />
      {notice && (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      )}
      {thread.canReply ? (
        <>
          <h2>{t('reply')}</h2>
          <Composer
            sensitive={thread.forum.sensitive}
            bodyLabel={t('yourReply')}
            submitLabel={t('reply')}
            onSubmit={async (values) => {
              const created = await post<Created>(`/api/community/threads/${thread.id}/posts`, { body: values.body, ...(thread.forum.sensitive ? { anonymous: values.anonymous } : {}) });
              setNotice(created.message ?? t('posted'));
              const total = data.total + (created.status === 'published' ? 1 : 0);
              const last = Math.max(1, Math.ceil(total / data.pageSize));
              if (last !== page) setParams({ page: String(last) });
              else await load();
            }}
          />
        </>
      ) : (
        !user && (
          <p>
            <Link className="button" to={`/signin?next=${encodeURIComponent(`/community/threads/${thread.id}`)}`}>
              {t('signInToPost')}
            </Link>
          </p>
        )
      )}
    </section>
  );
}
