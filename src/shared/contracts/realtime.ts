// Every realtime event, declared once. The server publishes these on the bus (checked on the
// way in and on the way out, Redis included) and relays them over `/api/realtime`; the web
// faces read them as Static<> of the same schemas.
//
// Channels and what travels on each:
//   conversation:<id>  ConversationEvent  members of the conversation (`subscribe` with conversationId)
//   user:<id>          UserEvent          that person only
//   queue:<department> QueueEvent         practising doctors of that department
//   doctors:presence   PresenceEvent      anyone signed in
import { Type, type Static, type TSchema } from 'typebox';
import { CallMediaSchema, CallStatusSchema } from './calls.ts';
import { ConsultationStatusSchema } from './consultations.ts';
import { MessageLinkSchema } from './links.ts';
import { MessageSchema } from './messaging.ts';

const Id = Type.String({ minLength: 1, maxLength: 128 });


// ---- conversation:<id> -----------------------------------------------------------------

/** A message was stored (live, or replayed after `afterSeq`). */
export const MessageEventSchema = Type.Intersect([Type.Object({ type: Type.Literal('message') }), MessageSchema]);
export const TypingEventSchema = Type.Object({ type: Type.Literal('typing'), conversationId: Id, userId: Id, displayName: Type.String() });
export const ReadEventSchema = Type.Object({ type: Type.Literal('read'), conversationId: Id, userId: Id, seq: Type.Integer({ minimum: 0 }) });
/** Link previews of message `seq` are ready. */
export const LinksEventSchema = Type.Object({
  type: Type.Literal('links'),
  conversationId: Id,
  seq: Type.Integer({ minimum: 0 }),
  links: Type.Array(MessageLinkSchema),
});
/** The conversation closed, reopened (a follow-up, a worse check-in), or a check-in is due. */
export const ConversationStateEventSchema = Type.Object({
  type: Type.Union([Type.Literal('closed'), Type.Literal('reopened'), Type.Literal('check_in')]),
  conversationId: Id,
});
export const RemovedEventSchema = Type.Object({ type: Type.Literal('removed'), conversationId: Id, userId: Id });
/** A call in the consultation changed state. */
export const CallEventSchema = Type.Object({
  type: Type.Literal('call'),
  conversationId: Id,
  callId: Id,
  status: CallStatusSchema,
  media: CallMediaSchema,
  callerId: Id,
  calleeId: Id,
  consultationId: Id,
});
/** Signalling for the other participant only (`to`); `signal` is the browser's. */
export const CallSignalEventSchema = Type.Object({
  type: Type.Literal('call.signal'),
  conversationId: Id,
  callId: Id,
  from: Id,
  to: Id,
  signal: Type.Record(Type.String(), Type.Unknown()),
});

export const ConversationEventSchema = Type.Union([
  MessageEventSchema,
  TypingEventSchema,
  ReadEventSchema,
  LinksEventSchema,
  ConversationStateEventSchema,
  RemovedEventSchema,
  CallEventSchema,
  CallSignalEventSchema,
]);

// ---- user:<id> ---------------------------------------------------------------------------

/** A notification for this person was written (the bell's count and list change). */
export const NotificationEventSchema = Type.Object({ type: Type.Literal('notification'), id: Id, kind: Type.String() });
/** A consultation this person takes part in changed: its status, its red flags, or its care
 * after the close (follow-ups, check-in). Read it again. */
export const ConsultationEventSchema = Type.Object({
  type: Type.Literal('consultation'),
  consultationId: Id,
  conversationId: Id,
  status: ConsultationStatusSchema,
});
/** A reviewer decided on this person's doctor application. */
export const ApplicationEventSchema = Type.Object({ type: Type.Literal('doctor.application'), applicationId: Id, decision: Type.String() });

export const UserEventSchema = Type.Union([NotificationEventSchema, ConsultationEventSchema, ApplicationEventSchema]);

// ---- queue:<department> ----------------------------------------------------------------

/** A question joined the department's queue (paid, free, or a check-in that reopened). */
export const QueuedEventSchema = Type.Object({ type: Type.Literal('queued'), consultationId: Id, department: Id });
/** A doctor took it: it leaves everyone's queue. */
export const TakenEventSchema = Type.Object({ type: Type.Literal('taken'), consultationId: Id, department: Id });
/** It left the queue without a doctor (cancelled, expired). */
export const LeftQueueEventSchema = Type.Object({ type: Type.Literal('left'), consultationId: Id, department: Id });

export const QueueEventSchema = Type.Union([QueuedEventSchema, TakenEventSchema, LeftQueueEventSchema]);

// ---- doctors:presence ------------------------------------------------------------------

export const PresenceEventSchema = Type.Object({ type: Type.Literal('presence'), userId: Id, department: Id, online: Type.Boolean() });

// ---- all of them -------------------------------------------------------------------------

export const RealtimeEventSchema = Type.Union([ConversationEventSchema, UserEventSchema, QueueEventSchema, PresenceEventSchema]);

export type ConversationEvent = Static<typeof ConversationEventSchema>;
export type UserEvent = Static<typeof UserEventSchema>;
export type QueueEvent = Static<typeof QueueEventSchema>;
export type PresenceEvent = Static<typeof PresenceEventSchema>;
export type RealtimeEvent = Static<typeof RealtimeEventSchema>;
export type MessageEvent = Static<typeof MessageEventSchema>;
export type CallEvent = Static<typeof CallEventSchema>;
export type CallSignalEvent = Static<typeof CallSignalEventSchema>;
export type ConsultationEvent = Static<typeof ConsultationEventSchema>;

export type ConversationChannel = `conversation:${string}`;
export type UserChannel = `user:${string}`;
export type QueueChannel = `queue:${string}`;
export type PresenceChannel = 'doctors:presence';
export type RealtimeChannel = ConversationChannel | UserChannel | QueueChannel | PresenceChannel;

/** What may be published on a channel. */
export type EventOn<C extends RealtimeChannel> = C extends ConversationChannel
  ? ConversationEvent
  : C extends UserChannel
    ? UserEvent
    : C extends QueueChannel
      ? QueueEvent
      : PresenceEvent;

/** The schema of what may travel on this channel, or null when it is not a realtime channel. */
export function realtimeSchemaOf(channel: string): TSchema | null {
  if (channel.startsWith('conversation:')) return ConversationEventSchema;
  if (channel.startsWith('user:')) return UserEventSchema;
  if (channel.startsWith('queue:')) return QueueEventSchema;
  if (channel === 'doctors:presence') return PresenceEventSchema;
  return null;
}

// ---- the socket's own frames -------------------------------------------------------------

/** What a client sends on `/api/realtime`. */
export const ClientFrameSchema = Type.Union([
  /** Follow a conversation from `afterSeq` (messages after it are replayed first). Staff following a
   * consultation's chat say why (`reason`): the patient sees it in their access log. */
  Type.Object({
    type: Type.Literal('subscribe'),
    conversationId: Id,
    afterSeq: Type.Optional(Type.Integer({ minimum: 0 })),
    reason: Type.Optional(Type.String({ maxLength: 500 })),
  }),
  /** Follow one of the other channels: `user:<own id>` (or `user:me`), `queue:<department>`, `doctors:presence`. */
  Type.Object({ type: Type.Literal('subscribe'), channel: Id }),
  Type.Object({ type: Type.Literal('unsubscribe'), conversationId: Id }),
  Type.Object({ type: Type.Literal('unsubscribe'), channel: Id }),
  Type.Object({ type: Type.Literal('typing'), conversationId: Id }),
  Type.Object({ type: Type.Literal('read'), conversationId: Id, seq: Type.Integer({ minimum: 0 }) }),
  Type.Object({ type: Type.Literal('ping') }),
  Type.Object({ type: Type.Literal('call.signal'), callId: Id, signal: Type.Record(Type.String(), Type.Unknown()) }),
]);
export type ClientFrame = Static<typeof ClientFrameSchema>;

/** The server's answers beside the events. */
export const ControlFrameSchema = Type.Union([
  Type.Object({ type: Type.Literal('subscribed'), conversationId: Type.Optional(Id), channel: Type.Optional(Id) }),
  Type.Object({
    type: Type.Literal('error'),
    code: Type.String(),
    message: Type.String(),
    conversationId: Type.Optional(Id),
    channel: Type.Optional(Id),
    callId: Type.Optional(Id),
  }),
  Type.Object({ type: Type.Literal('pong') }),
]);
export type ControlFrame = Static<typeof ControlFrameSchema>;

/** Everything a client receives. */
export type ServerFrame = RealtimeEvent | ControlFrame;
