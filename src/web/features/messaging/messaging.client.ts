// Messaging in the browser: API types, and one WebSocket that reconnects by itself and
// resumes each conversation from the last seq it saw (nothing lost, nothing twice).
import type { MessageLink } from '../../../shared/contracts/links.ts';
import type { Message } from '../../../shared/contracts/messaging.ts';
import type { Locale } from '../../../shared/locales.ts';
import { systemText } from '../../../shared/system-lines.ts';
export type { LinkPreview, MessageLink } from '../../../shared/contracts/links.ts';
export type { Attachment, Conversation, ConversationSummary, Member, Message } from '../../../shared/contracts/messaging.ts';
import type { ControlFrame, ConversationEvent } from '../../../shared/contracts/realtime.ts';

/** What a conversation's socket receives: the conversation's events and the socket's answers. */
export type ServerEvent = ConversationEvent | ControlFrame;

/** A conversation's title, else the other members' names, else `alone` (a consultation no
 * doctor has taken yet, a group everyone else left). */
export function conversationName(
  c: { kind: string; title: string | null; members: Array<{ userId: string; displayName: string }> },
  me: string | undefined,
  alone = '…',
): string {
  if (c.title) return c.title;
  const others = c.members.filter((m) => m.userId !== me).map((m) => m.displayName);
  return others.join(', ') || alone;
}

/** A realtime connection following one conversation; `onEvent` gets every event, and
 * `onState` whether the socket is connected. */
export class ConversationSocket {
  private ws: WebSocket | null = null;
  private lastSeq: number;
  private closed = false;
  private retry = 0;
  private timer: number | undefined;

  constructor(
    private readonly conversationId: string,
    afterSeq: number,
    private readonly onEvent: (event: ServerEvent) => void,
    private readonly onState: (connected: boolean) => void,
  ) {
    this.lastSeq = afterSeq;
    this.connect();
  }

  /** Messages shown by other means (a POST answer, history) move the resume point too. */
  seen(seq: number): void {
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  private connect(): void {
    const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/realtime`;
    const ws = new WebSocket(url);
    this.ws = ws;
    ws.onopen = () => {
      this.retry = 0;
      this.onState(true);
      ws.send(JSON.stringify({ type: 'subscribe', conversationId: this.conversationId, afterSeq: this.lastSeq }));
    };
    ws.onmessage = (event) => {
      const data = JSON.parse(String(event.data)) as ServerEvent;
      if (data.type === 'message') this.lastSeq = Math.max(this.lastSeq, data.seq);
      this.onEvent(data);
    };
    ws.onclose = () => {
      this.onState(false);
      if (this.closed) return;
      this.retry = Math.min(this.retry + 1, 6);
      this.timer = window.setTimeout(() => this.connect(), 250 * 2 ** this.retry);
    };
  }

  send(frame: Record<string, unknown>): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ ...frame, conversationId: this.conversationId }));
  }

  close(): void {
    this.closed = true;
    window.clearTimeout(this.timer);
    this.ws?.close();
  }
}

/** Where a link in a message opens: our own pages directly, anything else through the
 * "you are leaving Lotus Health" page. */
export function linkTarget(link: MessageLink): string {
  if (!link.external) {
    const url = new URL(link.url);
    return url.pathname + url.search + url.hash;
  }
  return `/leaving?url=${encodeURIComponent(link.url)}`;
}

/** What a message says to this reader: a system line in their language (its English text
 * when this build does not know the key, or for lines stored before keys), else the text. */
export function messageText(m: Pick<Message, 'text' | 'system'>, locale: Locale): string {
  return (m.system && systemText(m.system, locale)) || m.text;
}
