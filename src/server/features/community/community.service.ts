// The community's rules: forums, threads and posts, anonymity, edits within a window,
// likes, follows with notifications, best answers, search, and the checks every new post
// passes (rate limits for new accounts, word lists that hold it for review, red flags).
import type { Actor } from '../../platform/auth/actor.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/unit-of-work.ts';
import type { AttemptCounter } from '../../platform/http/attempt-counter.ts';
import { AppError, invalid, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Bus } from '../../platform/realtime/bus.ts';
import type { Locale } from '../../../shared/locales.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { UserRow } from '../accounts/accounts.store.ts';
import type { NotificationsService } from '../notifications/notifications.service.ts';
import { screen, withGuidance, type UrgentGuidance } from '../triage/triage.guidance.ts';
import { detectRedFlags, emergencyNumber } from '../triage/triage.red-flags.ts';
import { pseudonymFor } from './community.anonymity.ts';
import { CommunityCaches } from './community.cache.ts';
import { plainText, RENDER_VERSION, renderMarkdown } from './community.markdown.ts';
import { ModerationStore } from './community.moderation-store.ts';
import { canMarkBest, canSeePost, canSeeThread, isModerator } from './community.policy.ts';
import type { CreateThreadInput, Forum, ThreadPageT, ThreadSummary } from './community.schema.ts';
import type { CommunitySettings } from './community.settings.ts';
import { CommunityStore, type ContentStatus, type ForumRow, type PostRow, type ThreadRow } from './community.store.ts';
import { postHtml, postView, publicAuthor, threadSummary } from './community.views.ts';
import { WordFilter, type WordMatch } from './community.word-filter.ts';
import { notifyFollowers, POSTS_PER_PAGE } from './community.follow-notices.ts';

export const THREADS_PER_PAGE = 20;

export interface CommunityDeps {
  db: Database;
  clock: Clock;
  accounts: AccountsService;
  notifications: NotificationsService;
  attempts: AttemptCounter;
  secret: string;
  settings: CommunitySettings;
  /** Carries cache invalidations to other server processes. */
  bus?: Bus;
}

export class CommunityService {
  readonly store: CommunityStore;
  readonly moderationStore: ModerationStore;
  readonly words: WordFilter;
  readonly caches: CommunityCaches;

  constructor(private readonly deps: CommunityDeps) {
    this.caches = new CommunityCaches(deps.bus ?? null);
    this.store = new CommunityStore(deps.db);
    this.moderationStore = new ModerationStore(deps.db);
    this.words = new WordFilter(this.moderationStore, () => deps.clock.now().getTime());
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private get editWindowMs(): number {
    return this.deps.settings.editWindowMinutes * 60_000;
  }

  async usersById(ids: string[]): Promise<Map<string, UserRow>> {
    const users = await this.deps.accounts.findUsers(ids);
    return new Map(users.map((u) => [u.id, u]));
  }

  // Reading

  async listForums(locale: Locale, entrySlug?: string): Promise<ForumRow[]> {
    const entry = entrySlug?.trim().toLowerCase() || undefined;
    const key = `list:${locale}:${entry ?? ''}`;
    const cached = this.caches.forums.get(key) as ForumRow[] | undefined;
    if (cached) return cached;
    const forums = await this.store.listForums(locale, entry);
    this.caches.forums.set(key, forums);
    return forums;
  }

  async findForum(idOrSlug: string, locale: Locale): Promise<ForumRow | null> {
    return (await this.listForums(locale)).find((f) => f.id === idOrSlug || f.slug === idOrSlug) ?? null;
  }

  async requireForum(idOrSlug: string, locale: Locale): Promise<ForumRow> {
    const forum = await this.findForum(idOrSlug, locale);
    if (!forum) throw notFound('This forum');
    return forum;
  }

  async forumPage(
    idOrSlug: string,
    locale: Locale,
    page: number,
  ): Promise<{ forum: Forum; threads: ThreadSummary[]; total: number; page: number; pageSize: number }> {
    const forum = await this.requireForum(idOrSlug, locale);
    const key = `page:${forum.id}:${page}:${locale}`;
    const cached = this.caches.forums.get(key) as Awaited<ReturnType<CommunityService['forumPage']>> | undefined;
    if (cached) return cached;
    const threads = await this.store.listThreads(forum.id, THREADS_PER_PAGE, (page - 1) * THREADS_PER_PAGE);
    const users = await this.usersById(threads.filter((t) => !t.anonymous).map((t) => t.authorId));
    const result = { forum, threads: threads.map((t) => threadSummary(t, users)), total: forum.threadCount, page, pageSize: THREADS_PER_PAGE };
    this.caches.forums.set(key, result);
    return result;
  }

  /** The reader-independent data of a thread page: cached for published threads. */
  private async threadPageData(actor: Actor | null, id: string, page: number): Promise<{ thread: ThreadRow; posts: PostRow[]; users: Map<string, UserRow> }> {
    const key = `${id}:${page}`;
    const cached = this.caches.threads.get(key) as { thread: ThreadRow; posts: PostRow[]; users: Map<string, UserRow> } | undefined;
    if (cached) return cached;
    const thread = await this.requireThread(actor, id);
    const posts = await this.store.listPosts(thread.id, POSTS_PER_PAGE, (page - 1) * POSTS_PER_PAGE);
    // A held opening post is shown to its author (the thread would be empty otherwise).
    if (page === 1 && thread.status === 'pending' && thread.firstPostId && posts.length === 0) {
      const first = await this.store.findPost(thread.firstPostId);
      if (first && canSeePost(actor, first)) posts.push(first);
    }
    const users = await this.usersById([thread, ...posts].filter((p) => !p.anonymous).map((p) => p.authorId));
    await this.refreshStaleHtml(posts);
    const data = { thread, posts, users };
    if (thread.status === 'published') this.caches.threads.set(key, data);
    return data;
  }

  async requireThread(actor: Actor | null, id: string): Promise<ThreadRow> {
    const thread = await this.store.findThread(id);
    if (!thread || !canSeeThread(actor, thread)) throw notFound('This thread');
    return thread;
  }

  async threadPage(actor: Actor | null, id: string, page: number, locale: Locale, acceptLanguage?: string | null): Promise<ThreadPageT> {
    const { thread, posts, users } = await this.threadPageData(actor, id, page);
    const [forum, following, liked] = await Promise.all([
      this.requireForum(thread.forumId, locale),
      actor ? this.store.isFollowing(thread.id, actor.userId) : Promise.resolve(false),
      actor
        ? this.store.likedBy(
            actor.userId,
            posts.map((p) => p.id),
          )
        : Promise.resolve(new Set<string>()),
    ]);
    const now = this.deps.clock.now().getTime();
    return {
      thread: {
        id: thread.id,
        title: thread.title,
        forum: { id: forum.id, slug: forum.slug, title: forum.title, sensitive: forum.sensitive },
        author: publicAuthor(thread, users),
        status: thread.status,
        createdAt: thread.createdAt,
        lastPostAt: thread.lastPostAt,
        postCount: thread.postCount,
        bestPostId: thread.bestPostId,
        redFlag: thread.redFlag,
        following,
        mine: actor?.userId === thread.authorId,
        canReply: Boolean(actor) && thread.status === 'published',
        canMarkBest: canMarkBest(actor, thread),
        canModerate: isModerator(actor),
      },
      posts: posts.map((p) => postView(p, { actor, users, liked, bestPostId: thread.bestPostId, editWindowMs: this.editWindowMs, now })),
      total: thread.postCount,
      page,
      pageSize: POSTS_PER_PAGE,
      emergency: emergencyNumber(await this.deps.accounts.countryOf(actor?.userId ?? null, { locale, acceptLanguage })),
    };
  }

  private async refreshStaleHtml(posts: PostRow[]): Promise<void> {
    for (const post of posts) {
      const { html, stale } = postHtml(post);
      if (!stale) continue;
      post.html = html;
      post.renderVersion = RENDER_VERSION;
      await this.store.updatePost(post.id, { html, render_version: RENDER_VERSION });
    }
  }

  async search(query: string, forumId: string | undefined, page: number): Promise<{ threads: ThreadSummary[]; total: number; page: number; pageSize: number }> {
    const words = query
      .toLowerCase()
      .split(/\s+/)
      .map((w) => w.trim())
      .filter(Boolean)
      .slice(0, 6);
    if (words.length === 0) return { threads: [], total: 0, page, pageSize: THREADS_PER_PAGE };
    const { rows, total } = await this.store.searchThreads(words, forumId, THREADS_PER_PAGE, (page - 1) * THREADS_PER_PAGE);
    const users = await this.usersById(rows.filter((t) => !t.anonymous).map((t) => t.authorId));
    return { threads: rows.map((t) => threadSummary(t, users)), total, page, pageSize: THREADS_PER_PAGE };
  }

  /** Title and description for a thread's shared link; null when it is not public. */
  async threadMeta(id: string): Promise<{ title: string; description: string } | null> {
    const thread = await this.store.findThread(id);
    if (!thread || thread.status !== 'published' || !thread.firstPostId) return null;
    const first = await this.store.findPost(thread.firstPostId);
    return { title: thread.title, description: first && first.status === 'published' ? plainText(first.body, 200) : '' };
  }

  // Writing

  /** Red flags are screened before any other check: a post is never refused for them, but
   * its writer is shown the emergency guidance, also when the post is refused for its length. */
  private async guidance(actor: Actor, text: string, locale: Locale, acceptLanguage?: string | null): Promise<UrgentGuidance | null> {
    if (detectRedFlags(text).flags.length === 0) return null;
    return screen(text, await this.deps.accounts.countryOf(actor.userId, { locale, acceptLanguage }), locale);
  }

  private async checkCanPost(actor: Actor): Promise<void> {
    const user = (await this.deps.accounts.findUsers([actor.userId]))[0];
    if (!user || user.status !== 'active') throw new AppError(403, 'account_suspended', 'Your account cannot post at the moment.');
    const { newAccountDays, newAccountPostsPerHour, postsPerHour } = this.deps.settings;
    const isNew = this.deps.clock.now().getTime() - Date.parse(user.createdAt) < newAccountDays * 86_400_000;
    const limit = isNew ? newAccountPostsPerHour : postsPerHour;
    const key = `community-post:${actor.userId}`;
    if ((await this.deps.attempts.count(key)) >= limit) {
      const retry = Math.max(await this.deps.attempts.retryAfter(key), 1);
      const message = isNew
        ? `New accounts can post ${limit} times an hour while they settle in. Try again in ${Math.ceil(retry / 60)} minute(s).`
        : `You are posting very fast. Try again in ${Math.ceil(retry / 60)} minute(s).`;
      throw new AppError(429, 'posting_too_fast', message, undefined, { retryAfterSeconds: retry });
    }
    await this.deps.attempts.hit(key, 3600);
  }

  private checkBody(body: string, fields: Record<string, string>): string {
    const clean = body.replace(/\r\n/g, '\n').trim();
    if (clean.length < 2) fields.body = 'write a little more (at least 2 characters)';
    return clean;
  }

  private resolveAnonymous(forum: ForumRow, requested: boolean | undefined): boolean {
    if (!forum.sensitive) {
      if (requested) throw invalid({ anonymous: 'posting under a pseudonym is only available in sensitive forums (mental health, sexual health)' });
      return false;
    }
    return requested ?? true;
  }

  private holdMessage(match: WordMatch): string {
    return match.list === 'advertising'
      ? 'Your post mentions something that looks like advertising for a health product, so a moderator will review it before it appears.'
      : 'Your post contains a claim on our list of health misinformation, so a moderator will review it before it appears.';
  }

  /** `seeding` skips the posting rate limit: demo data only, never a request. */
  async createThread(actor: Actor, input: CreateThreadInput, locale: Locale, seeding = false, acceptLanguage?: string | null) {
    const guidance = seeding ? null : await this.guidance(actor, `${input.title}\n${input.body}`, locale, acceptLanguage);
    const urgent = guidance ? { urgent: guidance } : {};
    const fields: Record<string, string> = {};
    const title = input.title.replace(/\s+/g, ' ').trim();
    if (title.length < 4) fields.title = 'give the thread a title of at least 4 characters';
    const body = this.checkBody(input.body, fields);
    const forum = await this.findForum(input.forumId, locale);
    if (!forum) fields.forumId = 'choose one of the forums';
    if (Object.keys(fields).length > 0) throw withGuidance(invalid(fields, 'Some details need attention before the thread can be posted.'), guidance);
    const anonymous = this.resolveAnonymous(forum!, input.anonymous);
    if (!seeding) await this.checkCanPost(actor).catch((e: unknown) => Promise.reject(e instanceof AppError ? withGuidance(e, guidance) : e));

    const match = await this.words.check(title, body);
    const status: ContentStatus = match ? 'pending' : 'published';
    const flags = detectRedFlags(`${title}\n${body}`).flags;
    const now = this.now();
    const threadId = newId('thr');
    const postId = newId('pst');
    const pseudonym = anonymous ? pseudonymFor(this.deps.secret, actor.userId, forum!.id) : null;
    await this.deps.db.transaction(async () => {
      await this.store.insertThread({
        id: threadId,
        forum_id: forum!.id,
        author_id: actor.userId,
        anonymous: anonymous ? 1 : 0,
        pseudonym,
        title,
        status,
        first_post_id: postId,
        best_post_id: null,
        post_count: status === 'published' ? 1 : 0,
        last_seq: 1,
        red_flag: flags.length > 0 ? 1 : 0,
        search_text: `${title}\n${plainText(body, 4000)}`.toLowerCase(),
        created_at: now,
        last_post_at: now,
      });
      await this.store.insertPost(this.postRow(postId, threadId, 1, actor.userId, anonymous, pseudonym, body, flags, status, match, now, true));
      await this.store.follow(threadId, actor.userId, now);
      if (status === 'published') await this.store.bumpForum(forum!.id, 1, now);
    });
    this.caches.invalidate({ forumId: forum!.id });
    return { id: threadId, threadId, postId, status, ...(match ? { message: this.holdMessage(match) } : {}), ...urgent };
  }

  private postRow(
    id: string,
    threadId: string,
    seq: number,
    authorId: string,
    anonymous: boolean,
    pseudonym: string | null,
    body: string,
    flags: string[],
    status: ContentStatus,
    match: WordMatch | null,
    now: string,
    first: boolean,
  ) {
    return {
      id,
      thread_id: threadId,
      seq,
      author_id: authorId,
      anonymous: anonymous ? 1 : 0,
      pseudonym,
      body,
      html: renderMarkdown(body),
      render_version: RENDER_VERSION,
      red_flags: JSON.stringify(flags),
      status,
      hold_reason: match ? `${match.list}: ${match.term}` : null,
      moderation_reason: null,
      like_count: 0,
      is_first: first ? 1 : 0,
      created_at: now,
      edited_at: null,
    };
  }

  async reply(actor: Actor, threadId: string, input: { body: string; anonymous?: boolean }, locale: Locale, seeding = false, acceptLanguage?: string | null) {
    const thread = await this.requireThread(actor, threadId);
    const guidance = seeding ? null : await this.guidance(actor, input.body, locale, acceptLanguage);
    const urgent = guidance ? { urgent: guidance } : {};
    if (thread.status !== 'published')
      throw withGuidance(new AppError(409, 'thread_not_open', 'This thread is waiting for review; replies open once it is published.'), guidance);
    const fields: Record<string, string> = {};
    const body = this.checkBody(input.body, fields);
    if (Object.keys(fields).length > 0) throw withGuidance(invalid(fields), guidance);
    const forum = await this.requireForum(thread.forumId, locale);
    const anonymous = this.resolveAnonymous(forum, input.anonymous);
    if (!seeding) await this.checkCanPost(actor).catch((e: unknown) => Promise.reject(e instanceof AppError ? withGuidance(e, guidance) : e));

    const match = await this.words.check(body);
    const status: ContentStatus = match ? 'pending' : 'published';
    const flags = detectRedFlags(body).flags;
    const now = this.now();
    const postId = newId('pst');
    const pseudonym = anonymous ? pseudonymFor(this.deps.secret, actor.userId, forum.id) : null;
    await this.deps.db.transaction(async () => {
      const seq = await this.store.nextSeq(thread.id);
      await this.store.insertPost(this.postRow(postId, thread.id, seq, actor.userId, anonymous, pseudonym, body, flags, status, match, now, false));
      if (status === 'published') {
        await this.store.adjustThreadPosts(thread.id, 1, now);
        await this.store.bumpForum(forum.id, 0, now);
      }
      await this.store.follow(thread.id, actor.userId, now);
    });
    this.caches.invalidate({ threadId: thread.id, forumId: forum.id });
    if (status === 'published') await this.notifyFollowers(thread, postId, actor.userId, body);
    return { id: postId, threadId: thread.id, postId, status, ...(match ? { message: this.holdMessage(match) } : {}), ...urgent };
  }

  /** Tells everyone following the thread, except the person who wrote the reply. */
  async notifyFollowers(thread: ThreadRow, postId: string, authorId: string, body: string): Promise<void> {
    await notifyFollowers({ store: this.store, accounts: this.deps.accounts, notifications: this.deps.notifications }, thread, postId, authorId, body);
  }

  async editPost(actor: Actor, postId: string, input: { body: string }, place: { locale: Locale; acceptLanguage?: string | null } = { locale: actor.locale }) {
    const post = await this.store.findPost(postId);
    if (!post || !canSeePost(actor, post)) throw notFound('This post');
    const guidance = post.authorId === actor.userId ? await this.guidance(actor, input.body, place.locale, place.acceptLanguage) : null;
    const urgent = guidance ? { urgent: guidance } : {};
    if (post.authorId !== actor.userId) throw new AppError(403, 'not_your_post', 'Only the author can edit a post.');
    if (post.status === 'hidden') throw new AppError(409, 'post_hidden', 'A moderator hid this post, so it cannot be edited.');
    if (this.deps.clock.now().getTime() > Date.parse(post.createdAt) + this.editWindowMs) {
      throw new AppError(
        409,
        'edit_window_closed',
        `Posts can be edited for ${this.deps.settings.editWindowMinutes} minutes after posting; this one can no longer be changed.`,
      );
    }
    const fields: Record<string, string> = {};
    const body = this.checkBody(input.body, fields);
    if (Object.keys(fields).length > 0) throw withGuidance(invalid(fields), guidance);
    const thread = (await this.store.findThread(post.threadId))!;
    const match = await this.words.check(post.isFirst ? thread.title : '', body);
    const flags = detectRedFlags(post.isFirst ? `${thread.title}\n${body}` : body).flags;
    const status: ContentStatus = match ? 'pending' : post.status;
    const now = this.now();
    await this.deps.db.transaction(async () => {
      await this.store.updatePost(post.id, {
        body,
        html: renderMarkdown(body),
        render_version: RENDER_VERSION,
        red_flags: JSON.stringify(flags),
        edited_at: now,
        status,
        hold_reason: match ? `${match.list}: ${match.term}` : post.holdReason,
      });
      if (post.status === 'published' && status === 'pending') {
        await this.store.adjustThreadPosts(thread.id, -1, null);
        if (post.isFirst) {
          await this.store.updateThread(thread.id, { status: 'pending' });
          await this.store.bumpForum(thread.forumId, -1, null);
        }
      }
      if (post.isFirst)
        await this.store.updateThread(thread.id, {
          red_flag: flags.length > 0 ? 1 : 0,
          search_text: `${thread.title}\n${plainText(body, 4000)}`.toLowerCase(),
        });
    });
    this.caches.invalidate({ threadId: thread.id, forumId: thread.forumId });
    return { id: post.id, threadId: thread.id, postId: post.id, status, ...(match ? { message: this.holdMessage(match) } : {}), ...urgent };
  }

  async setLike(actor: Actor, postId: string, like: boolean): Promise<{ likes: number; liked: boolean }> {
    const post = await this.store.findPost(postId);
    if (!post || post.status !== 'published') throw notFound('This post');
    await this.deps.db.transaction(async () => {
      if (like) await this.store.like(post.id, actor.userId, this.now());
      else await this.store.unlike(post.id, actor.userId);
    });
    this.caches.invalidate({ threadId: post.threadId });
    const fresh = (await this.store.findPost(post.id))!;
    return { likes: fresh.likeCount, liked: like };
  }

  async setFollow(actor: Actor, threadId: string, follow: boolean): Promise<{ following: boolean }> {
    const thread = await this.requireThread(actor, threadId);
    if (follow) await this.store.follow(thread.id, actor.userId, this.now());
    else await this.store.unfollow(thread.id, actor.userId);
    return { following: follow };
  }

  async markBest(actor: Actor, threadId: string, postId: string | null): Promise<{ bestPostId: string | null }> {
    const thread = await this.requireThread(actor, threadId);
    if (!canMarkBest(actor, thread)) throw new AppError(403, 'cannot_mark_best', 'Only the person who asked or a verified doctor can mark the best answer.');
    if (postId) {
      const post = await this.store.findPost(postId);
      if (!post || post.threadId !== thread.id || post.status !== 'published') throw notFound('This post');
      if (post.isFirst) throw invalid({ postId: 'choose a reply, not the question itself' });
    }
    await this.store.updateThread(thread.id, { best_post_id: postId });
    this.caches.invalidate({ threadId: thread.id, forumId: thread.forumId });
    return { bestPostId: postId };
  }
}
