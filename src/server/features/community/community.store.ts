// The only code that touches the community's forums, threads, posts, likes and follows.
// Explicit column lists; rows are mapped to plain objects before they leave.
import { sql } from 'kysely';
import type { Database } from '../../platform/db/unit-of-work.ts';
import { parseJson, toBool } from '../../platform/db/sql-helpers.ts';
import type { Locale } from '../../../shared/locales.ts';
import type { RedFlag } from '../triage/triage.red-flags.ts';

export type CommunityTables = {
  community_circles: { id: string; forum_id: string; conversation_id: string; title: string; created_by: string; created_at: string };
  community_forums: {
    id: string;
    slug: string;
    kind: string;
    sensitive: number;
    title_en: string;
    title_zh: string;
    title_fr: string;
    description_en: string;
    description_zh: string;
    description_fr: string;
    sort_order: number;
    thread_count: number;
    last_post_at: string | null;
    created_at: string;
  };
  community_forum_entries: { forum_id: string; entry_slug: string };
  community_threads: {
    id: string;
    forum_id: string;
    author_id: string;
    anonymous: number;
    pseudonym: string | null;
    title: string;
    status: string;
    first_post_id: string | null;
    best_post_id: string | null;
    post_count: number;
    last_seq: number;
    red_flag: number;
    search_text: string;
    created_at: string;
    last_post_at: string;
  };
  community_posts: {
    id: string;
    thread_id: string;
    seq: number;
    author_id: string;
    anonymous: number;
    pseudonym: string | null;
    body: string;
    html: string;
    render_version: number;
    red_flags: string;
    status: string;
    hold_reason: string | null;
    moderation_reason: string | null;
    like_count: number;
    is_first: number;
    created_at: string;
    edited_at: string | null;
  };
  community_post_likes: { post_id: string; user_id: string; created_at: string };
  community_follows: { thread_id: string; user_id: string; created_at: string };
};

export interface CircleRow {
  id: string;
  forumId: string;
  title: string;
  createdAt: string;
}

export type ContentStatus = 'published' | 'pending' | 'hidden';

export interface ForumRow {
  id: string;
  slug: string;
  kind: 'topic' | 'condition';
  sensitive: boolean;
  title: string;
  description: string;
  threadCount: number;
  lastPostAt: string | null;
  entrySlugs: string[];
}

export interface ThreadRow {
  id: string;
  forumId: string;
  authorId: string;
  anonymous: boolean;
  pseudonym: string | null;
  title: string;
  status: ContentStatus;
  firstPostId: string | null;
  bestPostId: string | null;
  postCount: number;
  redFlag: boolean;
  createdAt: string;
  lastPostAt: string;
}

export interface PostRow {
  id: string;
  threadId: string;
  seq: number;
  authorId: string;
  anonymous: boolean;
  pseudonym: string | null;
  body: string;
  html: string;
  renderVersion: number;
  redFlags: RedFlag[];
  status: ContentStatus;
  holdReason: string | null;
  moderationReason: string | null;
  likeCount: number;
  isFirst: boolean;
  createdAt: string;
  editedAt: string | null;
}

const forumColumns = (locale: Locale) =>
  ['id', 'slug', 'kind', 'sensitive', `title_${locale}`, `description_${locale}`, 'thread_count', 'last_post_at', 'sort_order'] as const;
const threadColumns = [
  'id',
  'forum_id',
  'author_id',
  'anonymous',
  'pseudonym',
  'title',
  'status',
  'first_post_id',
  'best_post_id',
  'post_count',
  'red_flag',
  'created_at',
  'last_post_at',
] as const;
const postColumns = [
  'id',
  'thread_id',
  'seq',
  'author_id',
  'anonymous',
  'pseudonym',
  'body',
  'html',
  'render_version',
  'red_flags',
  'status',
  'hold_reason',
  'moderation_reason',
  'like_count',
  'is_first',
  'created_at',
  'edited_at',
] as const;

type ThreadSelect = Pick<CommunityTables['community_threads'], (typeof threadColumns)[number]>;
type PostSelect = Pick<CommunityTables['community_posts'], (typeof postColumns)[number]>;

const toThread = (r: ThreadSelect): ThreadRow => ({
  id: r.id,
  forumId: r.forum_id,
  authorId: r.author_id,
  anonymous: toBool(r.anonymous),
  pseudonym: r.pseudonym,
  title: r.title,
  status: r.status as ContentStatus,
  firstPostId: r.first_post_id,
  bestPostId: r.best_post_id,
  postCount: Number(r.post_count),
  redFlag: toBool(r.red_flag),
  createdAt: r.created_at,
  lastPostAt: r.last_post_at,
});

const toPost = (r: PostSelect): PostRow => ({
  id: r.id,
  threadId: r.thread_id,
  seq: Number(r.seq),
  authorId: r.author_id,
  anonymous: toBool(r.anonymous),
  pseudonym: r.pseudonym,
  body: r.body,
  html: r.html,
  renderVersion: Number(r.render_version),
  redFlags: parseJson<RedFlag[]>(r.red_flags, []),
  status: r.status as ContentStatus,
  holdReason: r.hold_reason,
  moderationReason: r.moderation_reason,
  likeCount: Number(r.like_count),
  isFirst: toBool(r.is_first),
  createdAt: r.created_at,
  editedAt: r.edited_at,
});

/** `%` and `_` typed by a person are literal characters, not wildcards. */
export const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class CommunityStore {
  constructor(private readonly db: Database) {}

  q() {
    return this.db.withTables<CommunityTables>();
  }

  // Forums

  async listForums(locale: Locale, entrySlug?: string): Promise<ForumRow[]> {
    let query = this.q().selectFrom('community_forums').select(forumColumns(locale)).orderBy('sort_order');
    if (entrySlug) {
      query = query.where('id', 'in', this.q().selectFrom('community_forum_entries').select('forum_id').where('entry_slug', '=', entrySlug));
    }
    const rows = await query.execute();
    if (rows.length === 0) return [];
    const entries = await this.q()
      .selectFrom('community_forum_entries')
      .select(['forum_id', 'entry_slug'])
      .where(
        'forum_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('entry_slug')
      .execute();
    return rows.map((r) => {
      const row = r as unknown as Record<string, unknown>;
      return {
        id: r.id,
        slug: r.slug,
        kind: r.kind as 'topic' | 'condition',
        sensitive: toBool(r.sensitive),
        title: String(row[`title_${locale}`]),
        description: String(row[`description_${locale}`]),
        threadCount: Number(r.thread_count),
        lastPostAt: r.last_post_at,
        entrySlugs: entries.filter((e) => e.forum_id === r.id).map((e) => e.entry_slug),
      };
    });
  }

  async findForum(idOrSlug: string, locale: Locale): Promise<ForumRow | null> {
    const all = await this.listForums(locale);
    return all.find((f) => f.id === idOrSlug || f.slug === idOrSlug) ?? null;
  }

  async bumpForum(forumId: string, threadDelta: number, lastPostAt: string | null): Promise<void> {
    const set: Record<string, unknown> = { thread_count: sql`thread_count + ${threadDelta}` };
    if (lastPostAt) set.last_post_at = lastPostAt;
    await this.q().updateTable('community_forums').set(set).where('id', '=', forumId).execute();
  }

  // Threads

  async insertThread(row: CommunityTables['community_threads']): Promise<void> {
    await this.q().insertInto('community_threads').values(row).execute();
  }

  async findThread(id: string): Promise<ThreadRow | null> {
    const row = await this.q().selectFrom('community_threads').select(threadColumns).where('id', '=', id).executeTakeFirst();
    return row ? toThread(row) : null;
  }

  async findThreads(ids: string[]): Promise<ThreadRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.q().selectFrom('community_threads').select(threadColumns).where('id', 'in', ids).execute();
    return rows.map(toThread);
  }

  /** Published threads of a forum, most recently active first (indexed offset paging). */
  async listThreads(forumId: string, limit: number, offset: number): Promise<ThreadRow[]> {
    const rows = await this.q()
      .selectFrom('community_threads')
      .select(threadColumns)
      .where('forum_id', '=', forumId)
      .where('status', '=', 'published')
      .orderBy('last_post_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toThread);
  }

  /** Simple search: every word must appear in the title or the opening post. */
  async searchThreads(words: string[], forumId: string | undefined, limit: number, offset: number): Promise<{ rows: ThreadRow[]; total: number }> {
    let query = this.q().selectFrom('community_threads').where('status', '=', 'published');
    if (forumId) query = query.where('forum_id', '=', forumId);
    for (const word of words) query = query.where(sql<boolean>`search_text like ${likePattern(word)} escape '\\'`);
    const [rows, count] = await Promise.all([
      query.select(threadColumns).orderBy('last_post_at', 'desc').orderBy('id', 'desc').limit(limit).offset(offset).execute(),
      query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map(toThread), total: Number(count.n) };
  }

  /** Takes the next position in a thread and counts a published post, in the caller's transaction. */
  async nextSeq(threadId: string): Promise<number> {
    await this.q()
      .updateTable('community_threads')
      .set({ last_seq: sql`last_seq + 1` })
      .where('id', '=', threadId)
      .execute();
    const row = await this.q().selectFrom('community_threads').select('last_seq').where('id', '=', threadId).executeTakeFirstOrThrow();
    return Number(row.last_seq);
  }

  async adjustThreadPosts(threadId: string, delta: number, lastPostAt: string | null): Promise<void> {
    const set: Record<string, unknown> = { post_count: sql`post_count + ${delta}` };
    if (lastPostAt) set.last_post_at = lastPostAt;
    await this.q().updateTable('community_threads').set(set).where('id', '=', threadId).execute();
  }

  async updateThread(id: string, patch: Partial<CommunityTables['community_threads']>): Promise<void> {
    await this.q().updateTable('community_threads').set(patch).where('id', '=', id).execute();
  }

  // Posts

  async insertPost(row: CommunityTables['community_posts']): Promise<void> {
    await this.q().insertInto('community_posts').values(row).execute();
  }

  async findPost(id: string): Promise<PostRow | null> {
    const row = await this.q().selectFrom('community_posts').select(postColumns).where('id', '=', id).executeTakeFirst();
    return row ? toPost(row) : null;
  }

  async findPosts(ids: string[]): Promise<PostRow[]> {
    if (ids.length === 0) return [];
    const rows = await this.q().selectFrom('community_posts').select(postColumns).where('id', 'in', ids).execute();
    return rows.map(toPost);
  }

  /** Published posts of a thread in order (the index (thread_id, status, seq) serves the offset). */
  async listPosts(threadId: string, limit: number, offset: number): Promise<PostRow[]> {
    const rows = await this.q()
      .selectFrom('community_posts')
      .select(postColumns)
      .where('thread_id', '=', threadId)
      .where('status', '=', 'published')
      .orderBy('seq')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map(toPost);
  }

  async updatePost(id: string, patch: Partial<CommunityTables['community_posts']>): Promise<void> {
    await this.q().updateTable('community_posts').set(patch).where('id', '=', id).execute();
  }

  /** Changes a post's status only if it is still `from`; true when it did (races lose). */
  async transitionPost(id: string, from: ContentStatus, to: ContentStatus, reason: string | null): Promise<boolean> {
    const result = await this.q()
      .updateTable('community_posts')
      .set({ status: to, moderation_reason: reason })
      .where('id', '=', id)
      .where('status', '=', from)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async countRecentPostsBy(authorId: string, since: string): Promise<number> {
    const row = await this.q()
      .selectFrom('community_posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('author_id', '=', authorId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // Likes and follows

  async like(postId: string, userId: string, now: string): Promise<boolean> {
    const result = await this.q()
      .insertInto('community_post_likes')
      .values({ post_id: postId, user_id: userId, created_at: now })
      .onConflict((oc) => oc.columns(['post_id', 'user_id']).doNothing())
      .executeTakeFirst();
    const added = Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    if (added)
      await this.q()
        .updateTable('community_posts')
        .set({ like_count: sql`like_count + 1` })
        .where('id', '=', postId)
        .execute();
    return added;
  }

  async unlike(postId: string, userId: string): Promise<boolean> {
    const result = await this.q().deleteFrom('community_post_likes').where('post_id', '=', postId).where('user_id', '=', userId).executeTakeFirst();
    const removed = Number(result.numDeletedRows) === 1;
    if (removed)
      await this.q()
        .updateTable('community_posts')
        .set({ like_count: sql`like_count - 1` })
        .where('id', '=', postId)
        .execute();
    return removed;
  }

  async likedBy(userId: string, postIds: string[]): Promise<Set<string>> {
    if (postIds.length === 0) return new Set();
    const rows = await this.q().selectFrom('community_post_likes').select('post_id').where('user_id', '=', userId).where('post_id', 'in', postIds).execute();
    return new Set(rows.map((r) => r.post_id));
  }

  async follow(threadId: string, userId: string, now: string): Promise<void> {
    await this.q()
      .insertInto('community_follows')
      .values({ thread_id: threadId, user_id: userId, created_at: now })
      .onConflict((oc) => oc.columns(['thread_id', 'user_id']).doNothing())
      .execute();
  }

  async unfollow(threadId: string, userId: string): Promise<void> {
    await this.q().deleteFrom('community_follows').where('thread_id', '=', threadId).where('user_id', '=', userId).execute();
  }

  async isFollowing(threadId: string, userId: string): Promise<boolean> {
    const row = await this.q()
      .selectFrom('community_follows')
      .select('user_id')
      .where('thread_id', '=', threadId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Boolean(row);
  }

  async followers(threadId: string): Promise<string[]> {
    const rows = await this.q().selectFrom('community_follows').select('user_id').where('thread_id', '=', threadId).execute();
    return rows.map((r) => r.user_id);
  }
  /** The published posts of a thread up to and including `seq`: a post's position in it. */
  async publishedPostsUpTo(threadId: string, seq: number): Promise<number> {
    const row = await this.q()
      .selectFrom('community_posts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('thread_id', '=', threadId)
      .where('status', '=', 'published')
      .where('seq', '<=', seq)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  // Circles

  async listCircles(forumId: string, limit: number): Promise<CircleRow[]> {
    const rows = await this.q()
      .selectFrom('community_circles')
      .select(['id', 'forum_id', 'title', 'created_at'])
      .where('forum_id', '=', forumId)
      .orderBy('created_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, forumId: r.forum_id, title: r.title, createdAt: r.created_at }));
  }

  async countRecentCirclesBy(userId: string, since: string): Promise<number> {
    const row = await this.q()
      .selectFrom('community_circles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_by', '=', userId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insertCircle(row: CommunityTables['community_circles']): Promise<void> {
    await this.q().insertInto('community_circles').values(row).execute();
  }

  async circleConversation(circleId: string): Promise<string | null> {
    const row = await this.q().selectFrom('community_circles').select(['conversation_id']).where('id', '=', circleId).executeTakeFirst();
    return row?.conversation_id ?? null;
  }
}
