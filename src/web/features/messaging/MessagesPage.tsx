// /messages: every conversation with its unread count, and forms to message someone or
// start a group.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { SignInRedirect } from '../../app/RequireRole.tsx';
import { ApiError, get, post } from '../../app/api.ts';
import { Field, FormError } from '../../app/forms.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import { conversationName, messageText, type ConversationSummary } from './messaging.client.ts';
import { messagingMessages } from './messaging.messages.ts';

export function MessagesPage() {
  const t = useT(messagingMessages);
  const { locale } = useLocale();
  const { user, loading } = useSession();
  const navigate = useNavigate();
  const [list, setList] = useState<ConversationSummary[] | null>(null);
  const [email, setEmail] = useState('');
  const [groupTitle, setGroupTitle] = useState('');
  const [groupEmails, setGroupEmails] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [groupError, setGroupError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    void get<ConversationSummary[]>('/api/conversations').then(setList, () => setList([]));
  }, [user]);

  if (loading) return <Loading />;
  if (!user) return <SignInRedirect />;

  async function startDirect(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      const person = await get<{ id: string }>(`/api/messaging/people?email=${encodeURIComponent(email.trim())}`);
      const { id } = await post<{ id: string }>('/api/conversations', { kind: 'direct', memberIds: [person.id] });
      navigate(`/messages/${id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  async function startGroup(event: FormEvent) {
    event.preventDefault();
    setGroupError(null);
    try {
      const ids: string[] = [];
      for (const address of groupEmails
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)) {
        ids.push((await get<{ id: string }>(`/api/messaging/people?email=${encodeURIComponent(address)}`)).id);
      }
      const { id } = await post<{ id: string }>('/api/conversations', { kind: 'group', memberIds: ids, title: groupTitle.trim() || undefined });
      navigate(`/messages/${id}`);
    } catch (e) {
      setGroupError(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <section className="page messaging">
      <h1>{t('title')}</h1>
      {list === null ? (
        <Loading />
      ) : list.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <ul className="conversation-list">
          {list.map((c) => (
            <li key={c.id}>
              <Link to={`/messages/${c.id}`} className="conversation-item">
                <span className="conversation-name">{conversationName(c, user.id, t(c.kind === 'consultation' ? 'aloneConsultation' : 'aloneOther'))}</span>
                <span className="conversation-kind">{t(`kind_${c.kind}` as 'kind_direct')}</span>
                {c.lastMessage && <span className="conversation-last">{(c.lastMessage.text && messageText(c.lastMessage, locale)) || t('photo')}</span>}
                {c.unread > 0 && <span className="badge unread-badge">{t('unread', { count: c.unread })}</span>}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <div className="messaging-forms">
        <form className="card form" onSubmit={startDirect}>
          <h2>{t('newDirect')}</h2>
          <FormError message={error} />
          <Field label={t('email')} name="direct-email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
          <button type="submit" className="button">
            {t('start')}
          </button>
        </form>
        <form className="card form" onSubmit={startGroup}>
          <h2>{t('newGroup')}</h2>
          <FormError message={groupError} />
          <Field label={t('groupTitle')} name="group-title" value={groupTitle} onChange={(e) => setGroupTitle(e.target.value)} maxLength={100} />
          <Field label={t('groupEmails')} name="group-emails" value={groupEmails} onChange={(e) => setGroupEmails(e.target.value)} />
          <button type="submit" className="button">
            {t('create')}
          </button>
        </form>
      </div>
    </section>
  );
}
