// The admin console's moderation page: the queue of reported and held posts (hide,
// restore, act on the author, each with a reason), the word lists, and the action log.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, del, get, post } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { useT } from '../../app/i18n.tsx';
import { Loading } from '../../app/shell.tsx';
import type { Author } from './community.api.ts';
import { AuthorLine, useFormatDate } from './CommunityPages.tsx';
import { moderationMessages } from './moderation.messages.ts';

interface QueueItem {
  post: { id: string; threadId: string; threadTitle: string; forumTitle: string; html: string; status: string; first: boolean; createdAt: string; author: Author };
  holdReason: string | null;
  reports: Array<{ reason: string; createdAt: string }>;
}
interface Term {
  id: string;
  list: 'advertising' | 'misinformation';
  term: string;
}
interface LogItem {
  id: string;
  moderator: string;
  action: string;
  targetType: string;
  reason: string;
  createdAt: string;
}
interface Revealed {
  displayName: string;
  status: string;
  createdAt: string;
  sanctions: Array<{ kind: string; reason: string }>;
}

/** A status, sanction or logged action in the reader's language (its code if it is new). */
function useNamed(): (prefix: 'act_' | 'userStatus_' | 'sanction_', code: string) => string {
  const t = useT(moderationMessages);
  return (prefix, code) => {
    const key = `${prefix}${code}`;
    return key in moderationMessages.en ? t(key as keyof (typeof moderationMessages)['en']) : code;
  };
}

function QueueCard({ item, onDone }: { item: QueueItem; onDone(message: string): void }) {
  const t = useT(moderationMessages);
  const named = useNamed();
  const id = useId();
  const format = useFormatDate();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [revealed, setRevealed] = useState<Revealed | null>(null);

  async function act(run: () => Promise<unknown>, label: string) {
    setError(null);
    if (reason.trim().length < 3) {
      setError(t('needReason'));
      return;
    }
    try {
      await run();
      onDone(t('done', { action: label }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }
  const moderate = (action: 'hide' | 'restore', label: string) => act(() => post(`/api/admin/moderation/posts/${item.post.id}`, { action, reason }), label);
  const sanction = (action: 'warn' | 'suspend' | 'ban', label: string) => act(() => post(`/api/admin/moderation/posts/${item.post.id}/author`, { action, reason, ...(action === 'suspend' ? { days: 7 } : {}) }), label);

  return (
    <li className="card queue-item">
      <p className="meta">
        {t('in', { thread: item.post.threadTitle, forum: item.post.forumTitle })} · <time dateTime={item.post.createdAt}>{format(item.post.createdAt)}</time>
      </p>
      <p>
        {t('author')}: <AuthorLine author={item.post.author} />{' '}
        {revealed ? (
          <span className="tag">
            {revealed.displayName} · {named('userStatus_', revealed.status)}
            {revealed.sanctions.length > 0 && ` · ${revealed.sanctions.map((s) => named('sanction_', s.kind)).join(', ')}`}
          </span>
        ) : (
          <button type="button" className="button button-secondary button-small" onClick={() => void get<Revealed>(`/api/admin/moderation/posts/${item.post.id}/author`).then(setRevealed)}>
            {t('reveal')}
          </button>
        )}
      </p>
      {/* Sanitised on the server by the community's renderer. */}
      <div className="post-body quoted" dangerouslySetInnerHTML={{ __html: item.post.html }} />
      {item.holdReason && <p className="notice notice-warning">{t('heldFor', { reason: item.holdReason })}</p>}
      {item.reports.length > 0 && (
        <div>
          <h3>{t('reports')}</h3>
          <ul>
            {item.reports.map((r, i) => (
              <li key={i}>{r.reason}</li>
            ))}
          </ul>
        </div>
      )}
      <FormError message={error} />
      <div className="field">
        <label htmlFor={`${id}-reason`}>{t('reason')}</label>
        <input id={`${id}-reason`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </div>
      <div className="composer-actions">
        <button type="button" className="button button-danger" onClick={() => void moderate('hide', t('hide'))}>
          {t('hide')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void moderate('restore', t('restore'))}>
          {item.post.status === 'pending' ? t('publish') : t('keep')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void sanction('warn', t('warn'))}>
          {t('warn')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void sanction('suspend', t('suspend'))}>
          {t('suspend')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void sanction('ban', t('ban'))}>
          {t('ban')}
        </button>
      </div>
    </li>
  );
}

function WordLists() {
  const t = useT(moderationMessages);
  const [terms, setTerms] = useState<Term[] | null>(null);
  const [list, setList] = useState<Term['list']>('advertising');
  const [term, setTerm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => void get<Term[]>('/api/admin/moderation/word-lists').then(setTerms), []);
  useEffect(load, [load]);
  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await post('/api/admin/moderation/word-lists', { list, term });
      setTerm('');
      load();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }
  return (
    <section aria-labelledby="word-lists">
      <h2 id="word-lists">{t('wordLists')}</h2>
      <p className="hint">{t('wordListsHint')}</p>
      <form className="card form inline-form" onSubmit={add}>
        <FormError message={error} />
        <div className="field">
          <label htmlFor="word-list">{t('list')}</label>
          <select id="word-list" value={list} onChange={(e) => setList(e.target.value as Term['list'])}>
            <option value="advertising">{t('advertising')}</option>
            <option value="misinformation">{t('misinformation')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="word-term">{t('term')}</label>
          <input id="word-term" value={term} onChange={(e) => setTerm(e.target.value)} maxLength={100} required />
        </div>
        <button type="submit" className="button">
          {t('add')}
        </button>
      </form>
      {!terms ? (
        <Loading />
      ) : (
        (['advertising', 'misinformation'] as const).map((name) => (
          <div key={name}>
            <h3>{t(name)}</h3>
            <ul className="term-list">
              {terms
                .filter((x) => x.list === name)
                .map((x) => (
                  <li key={x.id} className="tag">
                    {x.term}{' '}
                    <button type="button" className="link-button" aria-label={t('remove', { term: x.term })} onClick={() => void del(`/api/admin/moderation/word-lists/${x.id}`).then(load)}>
                      ×
                    </button>
                  </li>
                ))}
            </ul>
          </div>
        ))
      )}
    </section>
  );
}

export function ModerationPage() {
  const t = useT(moderationMessages);
  const named = useNamed();
  const format = useFormatDate();
  const [queue, setQueue] = useState<QueueItem[] | null>(null);
  const [log, setLog] = useState<LogItem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(() => {
    void get<{ items: QueueItem[] }>('/api/admin/moderation/queue').then((r) => setQueue(r.items));
    void get<{ items: LogItem[] }>('/api/admin/moderation/log').then((r) => setLog(r.items));
  }, []);
  useEffect(load, [load]);
  return (
    <section className="page moderation">
      <h1>{t('title')}</h1>
      {notice && (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      )}
      <h2>{t('queue')}</h2>
      {!queue ? (
        <Loading />
      ) : queue.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul className="queue">
          {queue.map((item) => (
            <QueueCard
              key={item.post.id}
              item={item}
              onDone={(message) => {
                setNotice(message);
                load();
              }}
            />
          ))}
        </ul>
      )}
      <WordLists />
      <h2>{t('log')}</h2>
      <ul className="moderation-log">
        {log.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.createdAt}>{format(entry.createdAt)}</time> · {entry.moderator} · {named('act_', entry.action)} · {entry.reason}
          </li>
        ))}
      </ul>
    </section>
  );
}
