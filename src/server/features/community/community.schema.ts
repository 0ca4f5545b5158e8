// Request and response schemas of the community; the TypeScript types come from them.
import { Type, type Static } from 'typebox';
import { UrgentGuidanceSchema } from '../../../shared/contracts/triage.ts';



// Responses are serialised by fast-json-stringify, which resolves every `anyOf` by
// validating the value against each branch at run time: on a page of twenty posts that
// costs more than the database. Response schemas therefore say "string or null" and
// "one of these strings" as plain JSON Schema (type arrays, enum), which it compiles.
const NullableString = (options: { description?: string } = {}) => Type.Unsafe<string | null>({ type: ['string', 'null'], ...options });
const OneOf = <T extends string>(values: readonly T[], options: { description?: string } = {}) => Type.Unsafe<T>({ type: 'string', enum: [...values], ...options });
const RED_FLAG_CODES = ['chest_pain', 'stroke_signs', 'breathing_difficulty', 'suicidal_thoughts', 'severe_bleeding', 'anaphylaxis', 'unconsciousness', 'seizure', 'poisoning'] as const;
const STATUSES = ['published', 'pending', 'hidden'] as const;
const RedFlagOut = OneOf(RED_FLAG_CODES);
const StatusOut = OneOf(STATUSES);

export const ForumSchema = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  description: Type.String(),
  kind: OneOf(['topic', 'condition'] as const),
  sensitive: Type.Boolean({ description: 'Pseudonymous posting: neither name nor account appears publicly.' }),
  entrySlugs: Type.Array(Type.String(), { description: 'Encyclopedia entries this forum discusses (/encyclopedia/<slug>).' }),
  threadCount: Type.Integer(),
  lastPostAt: NullableString(),
});
export type Forum = Static<typeof ForumSchema>;

/** What the public sees of an author: never an account id; a pseudonym in sensitive forums. */
export const AuthorSchema = Type.Object({
  displayName: Type.String(),
  verifiedDoctor: Type.Boolean(),
  anonymous: Type.Boolean(),
});
export type Author = Static<typeof AuthorSchema>;

export const PostSchema = Type.Object({
  id: Type.String(),
  seq: Type.Integer({ description: 'Position in the thread; the opening post is 1.' }),
  html: Type.String({ description: 'Sanitised HTML rendered from the Markdown.' }),
  author: AuthorSchema,
  createdAt: Type.String(),
  editedAt: NullableString(),
  likes: Type.Integer(),
  liked: Type.Boolean(),
  mine: Type.Boolean(),
  editableUntil: NullableString({ description: 'Set for your own posts: edits are accepted until then.' }),
  redFlags: Type.Array(RedFlagOut, { description: 'Red-flag symptoms described: show urgent-care guidance above the post.' }),
  best: Type.Boolean(),
  first: Type.Boolean(),
  body: Type.Optional(Type.String({ description: 'The Markdown, for its author (to edit).' })),
});
export type Post = Static<typeof PostSchema>;

export const EmergencySchema = Type.Object({ country: Type.String(), number: Type.String(), others: Type.Array(Type.String()) });

export const ThreadSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  forum: Type.Object({ id: Type.String(), slug: Type.String(), title: Type.String(), sensitive: Type.Boolean() }),
  author: AuthorSchema,
  status: StatusOut,
  createdAt: Type.String(),
  lastPostAt: Type.String(),
  postCount: Type.Integer(),
  bestPostId: NullableString(),
  redFlag: Type.Boolean(),
  following: Type.Boolean(),
  mine: Type.Boolean(),
  canReply: Type.Boolean(),
  canMarkBest: Type.Boolean(),
  canModerate: Type.Boolean(),
});

export const ThreadPage = Type.Object({
  thread: ThreadSchema,
  posts: Type.Array(PostSchema),
  total: Type.Integer({ description: 'Published posts in the thread, the opening post included.' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  emergency: EmergencySchema,
});
export type ThreadPageT = Static<typeof ThreadPage>;

export const ThreadSummarySchema = Type.Object({
  id: Type.String(),
  forumId: Type.String(),
  title: Type.String(),
  author: AuthorSchema,
  createdAt: Type.String(),
  lastPostAt: Type.String(),
  replies: Type.Integer(),
  answered: Type.Boolean({ description: 'A best answer is marked.' }),
  redFlag: Type.Boolean(),
});
export type ThreadSummary = Static<typeof ThreadSummarySchema>;

export const ForumPage = Type.Object({
  forum: ForumSchema,
  threads: Type.Array(ThreadSummarySchema),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});

export const SearchResult = Type.Object({ threads: Type.Array(ThreadSummarySchema), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const PageQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })) });
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

export const ForumsQuery = Type.Object({ entry: Type.Optional(Type.String({ maxLength: 120, description: 'An encyclopedia entry slug: only forums discussing it.' })) });
export const SearchQuery = Type.Object({
  q: Type.String({ maxLength: 200 }),
  forumId: Type.Optional(Type.String({ maxLength: 64 })),
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 1 })),
});

const Body = Type.String({ maxLength: 20_000, description: 'Markdown. Raw HTML is shown as text; images must be uploaded first.' });

export const CreateThreadBody = Type.Object(
  {
    forumId: Type.String({ maxLength: 64 }),
    title: Type.String({ maxLength: 200 }),
    body: Body,
    anonymous: Type.Optional(Type.Boolean({ description: 'Post under a pseudonym (sensitive forums only; the default there).' })),
  },
  { additionalProperties: false },
);
export type CreateThreadInput = Static<typeof CreateThreadBody>;

export const ReplyBody = Type.Object(
  { body: Body, anonymous: Type.Optional(Type.Boolean({ description: 'Sensitive forums only; the default there.' })) },
  { additionalProperties: false },
);
export const EditBody = Type.Object({ body: Body }, { additionalProperties: false });

export const Created = Type.Object({
  id: Type.String(),
  threadId: Type.String(),
  postId: Type.String(),
  status: StatusOut,
  message: Type.Optional(Type.String({ description: 'Why a post is held for review.' })),
  urgent: Type.Optional(UrgentGuidanceSchema),
});

export const LikeResult = Type.Object({ likes: Type.Integer(), liked: Type.Boolean() });
export const FollowResult = Type.Object({ following: Type.Boolean() });
export const BestBody = Type.Object({ postId: Type.Union([Type.String({ maxLength: 64 }), Type.Null()]) }, { additionalProperties: false });
export const ImageResult = Type.Object({ id: Type.String(), url: Type.String(), markdown: Type.String() });

// Moderation

export const ReportBody = Type.Object({ reason: Type.String({ maxLength: 500 }) }, { additionalProperties: false });
export const ModeratePostBody = Type.Object(
  { action: Type.Union([Type.Literal('hide'), Type.Literal('restore')]), reason: Type.String({ maxLength: 500 }) },
  { additionalProperties: false },
);
export const SanctionBody = Type.Object(
  {
    action: Type.Union([Type.Literal('warn'), Type.Literal('suspend'), Type.Literal('ban'), Type.Literal('reinstate')]),
    reason: Type.String({ maxLength: 500 }),
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'Suspension length (default 7 days).' })),
  },
  { additionalProperties: false },
);

export const QueueItem = Type.Object({
  post: Type.Object({
    id: Type.String(),
    threadId: Type.String(),
    threadTitle: Type.String(),
    forumTitle: Type.String(),
    html: Type.String(),
    status: StatusOut,
    first: Type.Boolean(),
    createdAt: Type.String(),
    author: AuthorSchema,
  }),
  holdReason: NullableString(),
  reports: Type.Array(Type.Object({ reason: Type.String(), createdAt: Type.String() })),
});
export const Queue = Type.Object({ items: Type.Array(QueueItem) });

export const ModerationResult = Type.Object({ id: Type.String(), status: StatusOut });
export const RevealedAuthor = Type.Object({
  userId: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.String()),
  status: Type.String(),
  createdAt: Type.String(),
  sanctions: Type.Array(Type.Object({ kind: Type.String(), reason: Type.String(), until: NullableString(), createdAt: Type.String() })),
});
export const ModerationLog = Type.Object({
  items: Type.Array(
    Type.Object({ id: Type.String(), moderator: Type.String(), action: Type.String(), targetType: Type.String(), targetId: Type.String(), reason: Type.String(), createdAt: Type.String() }),
  ),
});

const WordListSchema = Type.Union([Type.Literal('advertising'), Type.Literal('misinformation')]);
export const WordTermSchema = Type.Object({ id: Type.String(), list: WordListSchema, term: Type.String(), createdAt: Type.String() });
export const WordTermBody = Type.Object({ list: WordListSchema, term: Type.String({ maxLength: 100 }) }, { additionalProperties: false });
