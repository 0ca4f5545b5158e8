// Replies announced to a thread's followers, in each follower's language, with a link
// to the page the reply is on. The replier is never told of their own reply.
import type { Locale } from '../../../shared/locales.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { plainText } from './community.markdown.ts';
import type { CommunityStore, ThreadRow } from './community.store.ts';

export const POSTS_PER_PAGE = 20;

const replyTitles: Record<Locale, (title: string) => string> = {
  en: (t) => `New reply in “${t}”`,
  zh: (t) => `“${t}”有新回复`,
  fr: (t) => `Nouvelle réponse dans « ${t} »`,
};

export async function notifyFollowers(
  deps: { store: CommunityStore; accounts: AccountsService; notifications: NotificationsService },
  thread: ThreadRow,
  postId: string,
  authorId: string,
  body: string,
): Promise<void> {
  const followers = (await deps.store.followers(thread.id)).filter((id) => id !== authorId);
  if (followers.length === 0) return;
  const users = await deps.accounts.findUsers(followers);
  const post = await deps.store.findPost(postId);
  const page = Math.max(1, Math.ceil((await deps.store.publishedPostsUpTo(thread.id, post?.seq ?? 1)) / POSTS_PER_PAGE));
  const excerpt = plainText(body, 140);
  for (const locale of ['en', 'zh', 'fr'] as const) {
    const ids = users.filter((u) => u.locale === locale && u.status === 'active').map((u) => u.id);
    if (ids.length === 0) continue;
    await deps.notifications.notify(ids, {
      kind: 'community_reply',
      title: replyTitles[locale](thread.title),
      body: excerpt,
      link: `/community/threads/${thread.id}?page=${page}#${postId}`,
    });
  }
}
