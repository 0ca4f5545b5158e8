// /messages/:id: history, live messages, typing indicator, read receipts, photos, link
// cards, resume after reconnect, and member management for groups.
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router-dom';
import { SignInRedirect } from '../../app/RequireRole.tsx';
import { ApiError, api, get, patch, post } from '../../app/api.ts';
import { FormError } from '../../app/forms.tsx';
import { UrgentNotice, urgentOf, type UrgentGuidance } from '../triage/UrgentNotice.tsx';
import { useLocale, useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { Loading } from '../../app/shell.tsx';
import { ConversationSocket, conversationName, linkTarget, messageText, type Conversation, type Message, type MessageLink } from './messaging.client.ts';
import { messagingMessages } from './messaging.messages.ts';
import { formatTime } from '../../app/dates.ts';

function LinkCard({ link }: { link: MessageLink }) {
  const href = linkTarget(link);
  const p = link.preview;
  return (
    <a className={`link-card${p ? '' : ' link-card-plain'}`} href={href}>
      {p?.image && <img src={p.image} alt="" className="link-card-image" />}
      <span className="link-card-body">
        {p?.siteName && <span className="link-card-site">{p.siteName}</span>}
        <span className="link-card-title">{p?.title ?? link.url}</span>
        {p?.description && <span className="link-card-description">{p.description}</span>}
        <span className="link-card-url">{new URL(link.url).host}</span>
      </span>
    </a>
  );
}

const newClientId = () => `c${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;

export function ChatPage() {
  const { id = '' } = useParams();
  return <Chat conversationId={id} />;
}

/** One conversation, live. Also embedded by consultation pages (patient and doctor). */
export function Chat({ conversationId: id, embedded = false }: { conversationId: string; embedded?: boolean }) {
  const t = useT(messagingMessages);
  const { locale } = useLocale();
  const { user, loading } = useSession();
  const [conversation, setConversation] = useState<Conversation | null>(null);
  const [messages, setMessages] = useState<Message[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [urgent, setUrgent] = useState<{ guidance: UrgentGuidance; sent: boolean } | null>(null);
  const [typing, setTyping] = useState<string | null>(null);
  const [connected, setConnected] = useState(true);
  const [reads, setReads] = useState<Record<string, number>>({});
  const [inviteEmail, setInviteEmail] = useState('');
  const [notFound, setNotFound] = useState(false);
  const socket = useRef<ConversationSocket | null>(null);
  const typingTimer = useRef<number | undefined>(undefined);
  const endRef = useRef<HTMLLIElement | null>(null);

  const merge = useCallback((incoming: Message[]) => {
    setMessages((current) => {
      const bySeq = new Map(current.map((m) => [m.seq, m]));
      for (const m of incoming) bySeq.set(m.seq, { ...bySeq.get(m.seq), ...m });
      return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
    });
    for (const m of incoming) socket.current?.seen(m.seq);
  }, []);

  const loadConversation = useCallback(async () => {
    try {
      const c = await get<Conversation>(`/api/conversations/${id}`);
      setConversation(c);
      setReads(Object.fromEntries(c.members.map((m) => [m.userId, m.lastReadSeq])));
      return c;
    } catch {
      setNotFound(true);
      return null;
    }
  }, [id]);

  useEffect(() => {
    if (!user) return;
    let live = true;
    void (async () => {
      const c = await loadConversation();
      if (!c || !live) return;
      const history = await get<Message[]>(`/api/conversations/${id}/messages?before=${c.lastSeq + 1}&limit=50`);
      if (!live) return;
      merge(history);
      const last = history.at(-1)?.seq ?? 0;
      socket.current = new ConversationSocket(
        id,
        last,
        (event) => {
          if (event.type === 'message') {
            merge([event]);
            // The message someone was typing has arrived: they are no longer typing it.
            if (event.senderId !== user.id) setTyping(null);
            // Someone joined or left (a doctor taking the consultation, a member added):
            // fetch the members again so their messages carry their name.
            if (event.kind === 'system') void loadConversation();
          } else if (event.type === 'links') setMessages((ms) => ms.map((m) => (m.seq === event.seq ? { ...m, links: event.links } : m)));
          else if (event.type === 'typing') {
            setTyping(event.displayName);
            window.clearTimeout(typingTimer.current);
            typingTimer.current = window.setTimeout(() => setTyping(null), 3000);
          } else if (event.type === 'read') setReads((r) => ({ ...r, [event.userId]: Math.max(r[event.userId] ?? 0, event.seq) }));
          else if (event.type === 'closed' || event.type === 'removed') void loadConversation();
        },
        setConnected,
      );
    })();
    return () => {
      live = false;
      socket.current?.close();
      socket.current = null;
    };
  }, [id, user, merge, loadConversation]);

  // Read receipts: tell the others what has been shown, and keep the newest in view.
  const lastSeq = messages.at(-1)?.seq ?? 0;
  useEffect(() => {
    if (!lastSeq) return;
    endRef.current?.scrollIntoView({ block: 'end' });
    socket.current?.send({ type: 'read', seq: lastSeq });
  }, [lastSeq]);

  if (loading) return <Loading />;
  if (!user) return <SignInRedirect />;
  if (notFound) return embedded ? null : <Navigate to="/messages" replace />;
  if (!conversation) return <Loading />;

  async function send(body: { text: string; attachmentIds?: string[] }) {
    setError(null);
    try {
      const message = await post<Message>(`/api/conversations/${id}/messages`, { clientId: newClientId(), ...body });
      merge([message]);
      setText('');
      const guidance = urgentOf(message);
      if (guidance) setUrgent({ guidance, sent: true });
    } catch (e) {
      const guidance = e instanceof ApiError ? urgentOf(e.body) : null;
      if (guidance) setUrgent({ guidance, sent: false });
      if (e instanceof ApiError && e.code === 'link_not_allowed') {
        setError(/blocked/.test(e.message) ? t('link_blocked') : e.body.conversationKind === 'group' ? t('link_not_allowed') : e.message);
      } else setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim()) await send({ text });
  }

  async function upload(file: File) {
    setError(null);
    const form = new FormData();
    form.append('file', file);
    try {
      const attachment = await api<{ id: string }>('POST', `/api/conversations/${id}/attachments`, form);
      await send({ text: '', attachmentIds: [attachment.id] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  }

  async function olderHistory() {
    const first = messages[0]?.seq ?? 1;
    merge(await get<Message[]>(`/api/conversations/${id}/messages?before=${first}&limit=50`));
  }

  const names = new Map(conversation.members.map((m) => [m.userId, m.displayName]));
  const othersRead = Math.max(0, ...conversation.members.filter((m) => m.userId !== user.id).map((m) => reads[m.userId] ?? 0));
  const lastMine = [...messages].reverse().find((m) => m.senderId === user.id)?.seq ?? 0;

  return (
    <section className={embedded ? 'messaging chat chat-embedded' : 'page messaging chat'}>
      {!embedded && (
        <>
          <p>
            <Link to="/messages">← {t('title')}</Link>
          </p>
          <h1>{conversationName(conversation, user.id, t(conversation.kind === 'consultation' ? 'aloneConsultation' : 'aloneOther'))}</h1>
        </>
      )}
      {!connected && (
        <p className="notice notice-warning" role="status">
          {t('reconnecting')}
        </p>
      )}
      {messages.length > 0 && messages[0]!.seq > 1 && (
        <button type="button" className="button button-secondary button-small" onClick={olderHistory}>
          {t('olderHistory')}
        </button>
      )}
      <ol className="chat-log" aria-live="polite" aria-label={t('title')}>
        {messages.length === 0 && <li className="hint">{t('noMessages')}</li>}
        {messages.map((m) => (
          <li key={m.seq} className={`chat-message${m.senderId === user.id ? ' mine' : ''}${m.kind === 'system' ? ' system' : ''}`} data-seq={m.seq}>
            {m.kind !== 'system' && <span className="chat-sender">{m.senderId === user.id ? t('you') : (names.get(m.senderId) ?? '')}</span>}
            {m.text && <p className="chat-text">{messageText(m, locale)}</p>}
            {m.attachments.map((a) => (
              <img key={a.id} src={a.url} alt={t('photo')} width={Math.min(a.width, 320)} className="chat-image" />
            ))}
            {m.links.map((link) => (
              <LinkCard key={link.url} link={link} />
            ))}
            <time className="chat-time" dateTime={m.createdAt}>
              {formatTime(m.createdAt, locale)}
            </time>
            {m.seq === lastMine && othersRead >= m.seq && <span className="chat-seen">{t('seen')}</span>}
          </li>
        ))}
        <li ref={endRef} aria-hidden="true" className="chat-end" />
      </ol>
      <p className="chat-typing" role="status">
        {typing ? t('typing', { name: typing }) : ''}
      </p>
      {conversation.canPost ? (
        <form className="chat-compose" onSubmit={submit}>
          {urgent && <UrgentNotice urgent={urgent.guidance} sent={urgent.sent} onDismiss={() => setUrgent(null)} />}
          <FormError message={error} />
          <label htmlFor="chat-text" className="visually-hidden">
            {t('messageLabel')}
          </label>
          <textarea
            id="chat-text"
            placeholder={t('messagePlaceholder')}
            value={text}
            rows={2}
            maxLength={4000}
            onChange={(e) => {
              setText(e.target.value);
              socket.current?.send({ type: 'typing' });
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                if (text.trim()) void send({ text });
              }
            }}
          />
          <div className="chat-actions">
            <label className="button button-secondary file-button">
              {t('attachPhoto')}
              <input
                type="file"
                accept="image/jpeg,image/png,image/webp"
                className="visually-hidden"
                onChange={(e) => e.target.files?.[0] && void upload(e.target.files[0])}
              />
            </label>
            <button type="submit" className="button">
              {t('send')}
            </button>
          </div>
        </form>
      ) : (
        <p className="notice notice-info">{t('closed')}</p>
      )}
      {conversation.kind === 'group' && (
        <section className="card chat-members" aria-labelledby="members-heading">
          <h2 id="members-heading">{t('members')}</h2>
          <ul>
            {conversation.members.map((m) => (
              <li key={m.userId}>
                {m.displayName} <span className="badge">{t(`role_${m.role}` as 'role_member')}</span>
                {conversation.canManage && m.userId !== user.id && m.role === 'member' && (
                  <>
                    {conversation.role === 'owner' && (
                      <button
                        type="button"
                        className="button button-small button-secondary"
                        onClick={async () => setConversation(await patch<Conversation>(`/api/conversations/${id}/members/${m.userId}`, { role: 'admin' }))}
                      >
                        {t('makeAdmin')}
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button-small button-secondary"
                      onClick={async () => {
                        await api('DELETE', `/api/conversations/${id}/members`, { userId: m.userId });
                        await loadConversation();
                      }}
                    >
                      {t('remove')}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
          {conversation.canManage && (
            <form
              className="form"
              onSubmit={async (e) => {
                e.preventDefault();
                try {
                  setConversation(await post<Conversation>(`/api/conversations/${id}/members`, { emails: [inviteEmail.trim()] }));
                  setInviteEmail('');
                } catch (err) {
                  setError(err instanceof ApiError ? err.message : String(err));
                }
              }}
            >
              <div className="field">
                <label htmlFor="invite-email">{t('invite')}</label>
                <input id="invite-email" type="email" value={inviteEmail} onChange={(e) => setInviteEmail(e.target.value)} required />
              </div>
              <button type="submit" className="button button-secondary">
                {t('inviteButton')}
              </button>
            </form>
          )}
          <button
            type="button"
            className="button button-danger"
            onClick={async () => {
              await api('DELETE', `/api/conversations/${id}/members`, { userId: user.id });
              window.location.assign('/messages');
            }}
          >
            {t('leave')}
          </button>
        </section>
      )}
    </section>
  );
}
