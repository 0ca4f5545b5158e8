// Who may see or change what in the community. Services ask; routes never decide.
import { hasRole, type Actor } from '../../platform/auth/actor.ts';
import type { PostRow, ThreadRow } from './community.store.ts';

export const isModerator = (actor: Actor | null): boolean => hasRole(actor, 'moderator') || hasRole(actor, 'admin');
export const isVerifiedDoctor = (roles: readonly string[]): boolean => roles.includes('doctor');

/** Published threads are public; a held one is visible to its author and moderators; a hidden one to moderators. */
export function canSeeThread(actor: Actor | null, thread: ThreadRow): boolean {
  if (thread.status === 'published') return true;
  if (isModerator(actor)) return true;
  return thread.status === 'pending' && actor?.userId === thread.authorId;
}

export function canSeePost(actor: Actor | null, post: PostRow): boolean {
  if (post.status === 'published') return true;
  if (isModerator(actor)) return true;
  return post.status === 'pending' && actor?.userId === post.authorId;
}

/** The author, within the edit window, while the post is not hidden. */
export function editableUntil(actor: Actor | null, post: PostRow, windowMs: number): string | null {
  if (!actor || actor.userId !== post.authorId || post.status === 'hidden') return null;
  return new Date(Date.parse(post.createdAt) + windowMs).toISOString();
}

/** The thread's author or a verified doctor marks the best answer. */
export function canMarkBest(actor: Actor | null, thread: ThreadRow): boolean {
  if (!actor) return false;
  return actor.userId === thread.authorId || isVerifiedDoctor(actor.roles);
}
