// A share action any page can use: copy the link, or post it into one of your chats.
// <ShareButton url={absoluteUrl} title={pageTitle} />
import { useState } from 'react';
import { ApiError, get, post } from '../../app/api.ts';
import { useT } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { conversationName, type ConversationSummary } from './messaging.client.ts';
import { messagingMessages } from './messaging.messages.ts';

export function ShareButton({ url, title }: { url: string; title?: string }) {
  const t = useT(messagingMessages);
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const [chats, setChats] = useState<ConversationSummary[] | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const absolute = new URL(url, window.location.origin).href;

  async function toggle() {
    setOpen(!open);
    setStatus(null);
    if (!open && user && chats === null) setChats(await get<ConversationSummary[]>('/api/conversations').catch(() => []));
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(absolute);
    } catch {
      // Clipboard refused (permissions): the link stays visible to copy by hand.
    }
    setStatus(t('copied'));
  }

  async function shareInto(conversationId: string) {
    try {
      await post(`/api/conversations/${conversationId}/messages`, { clientId: `share${Date.now().toString(36)}`, text: title ? `${title} ${absolute}` : absolute });
      setStatus(t('shareSent'));
    } catch (e) {
      setStatus(e instanceof ApiError ? e.message : String(e));
    }
  }

  return (
    <div className="share">
      <button type="button" className="button button-secondary button-small" aria-expanded={open} onClick={() => void toggle()}>
        {t('share')}
      </button>
      {open && (
        <div className="share-panel card">
          <p className="share-url">
            <code>{absolute}</code>
          </p>
          <button type="button" className="button button-small" onClick={() => void copy()}>
            {t('copyLink')}
          </button>
          {user ? (
            <label className="field">
              <span>{t('shareIntoChat')}</span>
              <select defaultValue="" onChange={(e) => e.target.value && void shareInto(e.target.value)}>
                <option value="" disabled>
                  {t('chooseChat')}
                </option>
                {(chats ?? []).filter((c) => c.status === 'open').map((c) => (
                  <option key={c.id} value={c.id}>
                    {conversationName(c, user.id, t(c.kind === 'consultation' ? 'aloneConsultation' : 'aloneOther'))}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <p className="hint">{t('signInToShare')}</p>
          )}
          {status && (
            <p role="status" className="share-status">
              {status}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
