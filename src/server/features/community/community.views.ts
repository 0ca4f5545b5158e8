// Shapes what leaves the server for threads and posts. The one place an author becomes
// public: a pseudonym for anonymous posts (never a name, never an account id), otherwise
// the display name with the doctor badge when the account holds the doctor role now.
import type { Actor } from '../../platform/auth/actor.ts';
import type { UserRow } from '../accounts/accounts.store.ts';
import { RENDER_VERSION, renderMarkdown } from './community.markdown.ts';
import { editableUntil, isVerifiedDoctor } from './community.policy.ts';
import type { Author, Post, ThreadSummary } from './community.schema.ts';
import type { PostRow, ThreadRow } from './community.store.ts';

export const FORMER_MEMBER = 'Former member';

export function publicAuthor(row: { authorId: string; anonymous: boolean; pseudonym: string | null }, users: Map<string, UserRow>): Author {
  if (row.anonymous) return { displayName: row.pseudonym ?? 'Anonymous', verifiedDoctor: false, anonymous: true };
  const user = users.get(row.authorId);
  if (!user) return { displayName: FORMER_MEMBER, verifiedDoctor: false, anonymous: false };
  return { displayName: user.displayName, verifiedDoctor: isVerifiedDoctor(user.roles), anonymous: false };
}

/** The cached HTML, re-rendered when the renderer changed since it was stored. */
export function postHtml(post: PostRow): { html: string; stale: boolean } {
  if (post.renderVersion === RENDER_VERSION) return { html: post.html, stale: false };
  return { html: renderMarkdown(post.body), stale: true };
}

export function postView(
  post: PostRow,
  context: { actor: Actor | null; users: Map<string, UserRow>; liked: Set<string>; bestPostId: string | null; editWindowMs: number; now: number },
): Post {
  const mine = context.actor?.userId === post.authorId;
  const until = editableUntil(context.actor, post, context.editWindowMs);
  return {
    id: post.id,
    seq: post.seq,
    html: postHtml(post).html,
    author: publicAuthor(post, context.users),
    createdAt: post.createdAt,
    editedAt: post.editedAt,
    likes: post.likeCount,
    liked: context.liked.has(post.id),
    mine,
    editableUntil: until && Date.parse(until) > context.now ? until : null,
    redFlags: post.redFlags,
    best: context.bestPostId === post.id,
    first: post.isFirst,
    ...(mine ? { body: post.body } : {}),
  };
}

export function threadSummary(thread: ThreadRow, users: Map<string, UserRow>): ThreadSummary {
  return {
    id: thread.id,
    forumId: thread.forumId,
    title: thread.title,
    author: publicAuthor(thread, users),
    createdAt: thread.createdAt,
    lastPostAt: thread.lastPostAt,
    replies: Math.max(0, thread.postCount - 1),
    answered: thread.bestPostId !== null,
    redFlag: thread.redFlag,
  };
}
