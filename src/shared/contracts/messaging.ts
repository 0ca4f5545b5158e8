// The messaging API: conversations, members and messages of every kind, and what a client
// sends to create, post, read and manage them.
import { Type, type Static } from 'typebox';
import { MessageLinkSchema } from './links.ts';
import { UrgentGuidanceSchema } from './triage.ts';

export const ConversationKindSchema = Type.Union([Type.Literal('consultation'), Type.Literal('direct'), Type.Literal('group')]);
export const MemberRoleSchema = Type.Union([Type.Literal('owner'), Type.Literal('admin'), Type.Literal('member')]);

export const AttachmentSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  contentType: Type.String(),
  width: Type.Integer(),
  height: Type.Integer(),
  size: Type.Integer(),
});

/** A system line's key and parameters: the faces render it in their reader's language (see
 * src/shared/system-lines.ts); `text` keeps the English for other clients. */
export const SystemLineSchema = Type.Object({
  key: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Array(Type.String())])),
});

export const MessageSchema = Type.Object({
  id: Type.String(),
  conversationId: Type.String(),
  seq: Type.Integer(),
  kind: Type.Union([Type.Literal('text'), Type.Literal('image'), Type.Literal('system')]),
  senderId: Type.String(),
  clientId: Type.String(),
  text: Type.String(),
  links: Type.Array(MessageLinkSchema),
  attachments: Type.Array(AttachmentSchema),
  /** On system lines written with a key (older lines have only their text). */
  system: Type.Optional(SystemLineSchema),
  createdAt: Type.String(),
});
export type MessageOut = Static<typeof MessageSchema>;

/** The answer to sending: the message, and emergency guidance for its writer when the text
 * has red flags (the message is delivered all the same). */
export const SentMessageSchema = Type.Intersect([MessageSchema, Type.Object({ urgent: Type.Optional(UrgentGuidanceSchema) })]);

export const MemberSchema = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  role: MemberRoleSchema,
  lastReadSeq: Type.Integer(),
});

export const ConversationSchema = Type.Object({
  id: Type.String(),
  kind: ConversationKindSchema,
  title: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  lastSeq: Type.Integer(),
  createdAt: Type.String(),
  role: Type.Union([MemberRoleSchema, Type.Null()]),
  canPost: Type.Boolean(),
  canManage: Type.Boolean(),
  members: Type.Array(MemberSchema),
});
export type ConversationOut = Static<typeof ConversationSchema>;

export const ConversationSummarySchema = Type.Object({
  id: Type.String(),
  kind: ConversationKindSchema,
  title: Type.Union([Type.String(), Type.Null()]),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  role: MemberRoleSchema,
  lastSeq: Type.Integer(),
  lastReadSeq: Type.Integer(),
  unread: Type.Integer(),
  lastMessage: Type.Union([
    Type.Object({
      seq: Type.Integer(),
      senderId: Type.String(),
      kind: Type.String(),
      text: Type.String(),
      system: Type.Optional(SystemLineSchema),
      createdAt: Type.String(),
    }),
    Type.Null(),
  ]),
  members: Type.Array(Type.Object({ userId: Type.String(), displayName: Type.String() })),
});

export const CreateConversationBody = Type.Object({
  kind: Type.Union([Type.Literal('direct'), Type.Literal('group')]),
  memberIds: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 499 }),
  title: Type.Optional(Type.String({ maxLength: 100 })),
});

export const PostMessageBody = Type.Object({
  clientId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' }),
  // Longer than kept (4000): the red-flag screen sees any text before the length is checked.
  text: Type.String({ maxLength: 20000, default: '' }),
  attachmentIds: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 4 })),
});

export const ListMessagesQuery = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  before: Type.Optional(Type.Integer({ minimum: 1 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
  /** Why a member of staff reads a patient's conversation: required for them, shown to the patient. */
  reason: Type.Optional(Type.String({ maxLength: 500 })),
});

/** The reason a member of staff gives for reading a patient's conversation or its photos. */
export const StaffReadQuery = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 500 })) });

export const AddMembersBody = Type.Object({
  userIds: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 100 })),
  emails: Type.Optional(Type.Array(Type.String({ minLength: 3, maxLength: 254 }), { minItems: 1, maxItems: 100 })),
  role: Type.Optional(Type.Union([Type.Literal('admin'), Type.Literal('member')])),
});
export const RemoveMemberBody = Type.Object({ userId: Type.String({ minLength: 1, maxLength: 64 }) });
export const SetRoleBody = Type.Object({ role: Type.Union([Type.Literal('admin'), Type.Literal('member')]) });
export const ReadBody = Type.Object({ seq: Type.Integer({ minimum: 0 }) });

export type ConversationKind = Static<typeof ConversationKindSchema>;
export type MemberRole = Static<typeof MemberRoleSchema>;
export type Attachment = Static<typeof AttachmentSchema>;
export type Message = MessageOut;
export type SentMessage = Static<typeof SentMessageSchema>;
export type Member = Static<typeof MemberSchema>;
export type Conversation = ConversationOut;
export type ConversationSummary = Static<typeof ConversationSummarySchema>;
