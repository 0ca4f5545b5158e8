// WebSocket delivery. One bus subscription per conversation per process, shared by every
// socket here that follows it; per socket only a map of conversation → last seq sent.
// Resume: `subscribe` with `afterSeq` joins the room first, then replays from the
// database, so nothing committed in between is missed; a live message is sent only if it
// is exactly the next seq, otherwise the gap is filled from the database (messages from
// another process may arrive out of order), so nothing is lost or doubled and order is by seq.
// Other channels (`user:<id>`, `queue:<department>`, `doctors:presence`) are followed with
// `{type: "subscribe", channel}` where the feature that publishes them allows it (see
// `allowChannel`); their events are relayed as they come. A client that reconnects reads
// again what it shows, then follows the channels from there.
import type { WebSocket } from '@fastify/websocket';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import { AppError } from '../../platform/http/errors.ts';
import { channelOf, type MessagingService } from './messaging.service.ts';
import { SESSIONS_CHANNEL, type SessionsEnded } from '../accounts/accounts.service.ts';

import type { ConversationEvent, RealtimeChannel, RealtimeEvent } from '../../../shared/contracts/realtime.ts';

type Event = ConversationEvent;

/** Whether this actor may follow the channel named `prefix + rest`. */
export type ChannelCheck = (actor: Actor, rest: string) => boolean | Promise<boolean>;

const CHANNEL_NAME = /^[a-z][a-z.]*:[A-Za-z0-9_.:-]{0,120}$/;

const REPLAY_PAGE = 500;
const MAX_BUFFERED = 1024 * 1024;
const TYPING_EVERY_MS = 2000;

export class SocketSession {
  /** conversationId → last seq sent to this socket. */
  readonly subs = new Map<string, number>();
  /** The other channels this socket follows. */
  readonly channels = new Set<string>();
  private syncing: Set<string> | null = null;
  private pending: Set<string> | null = null;
  private lastTypingAt = 0;
  alive = true;

  constructor(
    readonly socket: WebSocket,
    readonly actor: Actor,
    private readonly hub: RealtimeHub,
  ) {}

  send(payload: unknown): void {
    this.sendRaw(JSON.stringify(payload));
  }

  private sendRaw(json: string): void {
    if (this.socket.readyState !== 1) return;
    // A reader that stopped reading is dropped; its client resumes from its last seq.
    if (this.socket.bufferedAmount > MAX_BUFFERED) {
      this.socket.close(4008, 'too slow');
      return;
    }
    this.socket.send(json);
  }

  async subscribe(conversationId: string, afterSeq: number, reason?: string): Promise<void> {
    try {
      await this.hub.messaging.authorize(this.actor, conversationId, 'read', { reason });
    } catch (error) {
      if (error instanceof AppError && error.code === 'reason_required') this.send({ type: 'error', code: error.code, conversationId, message: error.message });
      else this.send({ type: 'error', code: 'not_found', conversationId, message: 'This conversation was not found.' });
      return;
    }
    this.subs.set(conversationId, Math.max(0, afterSeq));
    await this.hub.join(conversationId, this);
    this.send({ type: 'subscribed', conversationId });
    await this.catchUp(conversationId);
  }

  /** `user:me` names the actor's own channel (a mini-program knows only its pairwise id). */
  private own(channel: string): string {
    return channel === 'user:me' ? `user:${this.actor.userId}` : channel;
  }

  async subscribeChannel(requested: string): Promise<void> {
    const channel = this.own(requested);
    if (!(await this.hub.mayFollow(this.actor, channel))) {
      this.send({ type: 'error', code: 'not_found', channel: requested, message: 'This channel was not found.' });
      return;
    }
    if (!this.channels.has(channel)) {
      this.channels.add(channel);
      await this.hub.joinChannel(channel, this);
    }
    this.send({ type: 'subscribed', channel: requested });
  }

  unsubscribeChannel(requested: string): void {
    const channel = this.own(requested);
    if (this.channels.delete(channel)) this.hub.leaveChannel(channel, this);
  }

  /** An event of a followed channel, serialised once for every socket that follows it. */
  relay(json: string): void {
    this.sendRaw(json);
  }

  unsubscribe(conversationId: string): void {
    if (this.subs.delete(conversationId)) this.hub.leave(conversationId, this);
  }

  /** `json` serialises the event once for every socket in the room that sends it as is. */
  deliver(event: Event, json: () => string = () => JSON.stringify(event)): void {
    const cid = event.conversationId;
    const last = this.subs.get(cid);
    if (last === undefined) return;
    switch (event.type) {
      case 'message': {
        const seq = event.seq;
        if (this.syncing?.has(cid)) {
          (this.pending ??= new Set()).add(cid);
          return;
        }
        if (seq <= last) return;
        if (seq === last + 1) {
          this.subs.set(cid, seq);
          this.sendRaw(json());
          return;
        }
        void this.catchUp(cid);
        return;
      }
      case 'typing':
        if (event.userId !== this.actor.userId) this.sendRaw(json());
        return;
      case 'call.signal':
        // Signalling of a call goes to its other participant only, never to a reader.
        if (event.to === this.actor.userId) this.sendRaw(json());
        return;
      case 'removed':
        if (event.userId === this.actor.userId) {
          this.send(event);
          this.unsubscribe(cid);
        }
        return;
      default:
        this.sendRaw(json());
    }
  }

  private async catchUp(cid: string): Promise<void> {
    if (this.syncing?.has(cid)) {
      (this.pending ??= new Set()).add(cid);
      return;
    }
    (this.syncing ??= new Set()).add(cid);
    try {
      for (;;) {
        const last = this.subs.get(cid);
        if (last === undefined) return;
        const page = await this.hub.messaging.replay(cid, last, REPLAY_PAGE);
        let current = last;
        for (const message of page) {
          if (message.seq <= current) continue;
          current = message.seq;
          this.send({ type: 'message', ...message });
        }
        if (this.subs.has(cid)) this.subs.set(cid, current);
        if (page.length === REPLAY_PAGE) continue;
        if (this.pending?.delete(cid)) continue;
        return;
      }
    } finally {
      this.syncing.delete(cid);
      if (this.syncing.size === 0) this.syncing = null;
      if (this.pending?.size === 0) this.pending = null;
    }
  }

  async handle(raw: string): Promise<void> {
    let message: { type?: unknown; conversationId?: unknown; channel?: unknown; afterSeq?: unknown; seq?: unknown; reason?: unknown };
    try {
      message = JSON.parse(raw);
    } catch {
      this.send({ type: 'error', code: 'bad_message', message: 'Messages are JSON objects.' });
      return;
    }
    const cid = typeof message.conversationId === 'string' ? message.conversationId : null;
    const channel = typeof message.channel === 'string' ? message.channel : null;
    const number = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);
    switch (message.type) {
      case 'subscribe':
        if (cid) await this.subscribe(cid, number(message.afterSeq), typeof message.reason === 'string' ? message.reason : undefined);
        else if (channel) await this.subscribeChannel(channel);
        return;
      case 'unsubscribe':
        if (cid) this.unsubscribe(cid);
        else if (channel) this.unsubscribeChannel(channel);
        return;
      case 'typing': {
        if (!cid || !this.subs.has(cid)) return;
        const now = Date.now();
        if (now - this.lastTypingAt < TYPING_EVERY_MS) return;
        this.lastTypingAt = now;
        await this.hub.messaging.typing(this.actor, cid);
        return;
      }
      case 'read':
        if (cid && this.subs.has(cid)) await this.hub.messaging.markRead(this.actor, cid, number(message.seq)).catch(() => undefined);
        return;
      case 'ping':
        this.send({ type: 'pong' });
        return;
      default: {
        const handler = typeof message.type === 'string' ? this.hub.handlers.get(message.type) : undefined;
        if (handler) await handler(this, message as Record<string, unknown>);
        else this.send({ type: 'error', code: 'bad_message', message: 'Unknown message type.' });
      }
    }
  }

  close(): void {
    for (const cid of this.subs.keys()) this.hub.leave(cid, this);
    this.subs.clear();
    for (const channel of this.channels) this.hub.leaveChannel(channel, this);
    this.channels.clear();
  }
}

interface Room {
  sessions: Set<SocketSession>;
  ready: Promise<() => Promise<void>>;
}

export class RealtimeHub {
  private readonly rooms = new Map<string, Room>();
  /** Rooms of the other channels, by channel name. */
  private readonly channelRooms = new Map<string, Room>();
  /** Who may follow which other channel, by the channel's prefix (`user:`, `queue:`, `doctors:presence`). */
  private readonly channelChecks = new Map<string, ChannelCheck>();
  private readonly sessions = new Set<SocketSession>();
  /** Frame types other features answer (calls' `call.signal`), by type. */
  readonly handlers = new Map<string, (session: SocketSession, frame: Record<string, unknown>) => Promise<void>>();
  private heartbeat: NodeJS.Timeout | null = null;

  /** Ended sessions (sign-out, suspension, a suspended partner host) close their sockets at once. */
  private readonly endedSessions: Promise<() => Promise<void>>;

  constructor(
    private readonly bus: Bus,
    readonly messaging: MessagingService,
    /** Told of each socket opening and closing (notifications go to people who are away). */
    private readonly presence?: { connected(userId: string): void; disconnected(userId: string): void },
  ) {
    this.endedSessions = bus.subscribe(SESSIONS_CHANNEL, (event) => this.endSessions(event));
    this.endedSessions.catch(() => undefined);
  }

  private endSessions(event: SessionsEnded): void {
    for (const session of this.sessions) {
      const { actor } = session;
      const ended = 'sessionId' in event ? actor.sessionId === event.sessionId : actor.userId === event.userId && (!event.scope || actor.scope === event.scope);
      if (ended) session.socket.close(4001, 'signed out');
    }
  }

  /** Another feature answers frames of this type from a signed-in socket. */
  handle(type: string, handler: (session: SocketSession, frame: Record<string, unknown>) => Promise<void>): void {
    this.handlers.set(type, handler);
  }

  /** A feature that publishes on channels named `prefix…` says who may follow them. */
  allowChannel(prefix: string, check: ChannelCheck): void {
    this.channelChecks.set(prefix, check);
  }

  async mayFollow(actor: Actor, channel: string): Promise<boolean> {
    if (!CHANNEL_NAME.test(channel)) return false;
    for (const [prefix, check] of this.channelChecks) {
      if (!channel.startsWith(prefix)) continue;
      try {
        return await check(actor, channel.slice(prefix.length));
      } catch {
        return false;
      }
    }
    return false;
  }

  async joinChannel(channel: string, session: SocketSession): Promise<void> {
    let room = this.channelRooms.get(channel);
    if (!room) {
      const sessions = new Set<SocketSession>();
      room = {
        sessions,
        ready: this.bus.subscribe(channel as RealtimeChannel, (event: RealtimeEvent) => {
          const json = JSON.stringify(event);
          for (const s of sessions) s.relay(json);
        }),
      };
      this.channelRooms.set(channel, room);
    }
    room.sessions.add(session);
    await room.ready;
  }

  leaveChannel(channel: string, session: SocketSession): void {
    const room = this.channelRooms.get(channel);
    if (!room) return;
    room.sessions.delete(session);
    if (room.sessions.size === 0) {
      this.channelRooms.delete(channel);
      void room.ready.then((unsubscribe) => unsubscribe()).catch(() => undefined);
    }
  }

  attach(socket: WebSocket, actor: Actor): SocketSession {
    const session = new SocketSession(socket, actor, this);
    this.sessions.add(session);
    this.presence?.connected(actor.userId);
    socket.on('message', (data: Buffer) => void session.handle(String(data)).catch(() => undefined));
    socket.on('pong', () => {
      session.alive = true;
    });
    socket.on('close', () => {
      session.close();
      this.sessions.delete(session);
      this.presence?.disconnected(actor.userId);
    });
    // One timer for every socket: a socket that missed a ping round is closed.
    this.heartbeat ??= setInterval(() => this.beat(), 30_000).unref();
    return session;
  }

  private beat(): void {
    for (const session of this.sessions) {
      if (!session.alive) {
        session.socket.terminate();
        continue;
      }
      session.alive = false;
      session.socket.ping();
    }
  }

  async join(conversationId: string, session: SocketSession): Promise<void> {
    let room = this.rooms.get(conversationId);
    if (!room) {
      const sessions = new Set<SocketSession>();
      room = { sessions, ready: this.bus.subscribe(channelOf(conversationId), (event) => this.dispatch(sessions, event)) };
      this.rooms.set(conversationId, room);
    }
    room.sessions.add(session);
    await room.ready;
  }

  leave(conversationId: string, session: SocketSession): void {
    const room = this.rooms.get(conversationId);
    if (!room) return;
    room.sessions.delete(session);
    if (room.sessions.size === 0) {
      this.rooms.delete(conversationId);
      void room.ready.then((unsubscribe) => unsubscribe()).catch(() => undefined);
    }
  }

  private dispatch(sessions: Set<SocketSession>, event: Event): void {
    let json: string | null = null;
    const serialised = () => (json ??= JSON.stringify(event));
    for (const session of sessions) session.deliver(event, serialised);
  }

  get socketCount(): number {
    return this.sessions.size;
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    void this.endedSessions.then((unsubscribe) => unsubscribe()).catch(() => undefined);
    for (const session of this.sessions) session.socket.close(1001, 'server shutting down');
  }
}
