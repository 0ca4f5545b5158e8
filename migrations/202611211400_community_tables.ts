// The patient community: forums (linked to encyclopedia entries by slug), threads, posts
// with their rendered HTML cached beside the Markdown, likes, follows, reports, the
// moderation log, word lists that hold posts back for review, sanctions and uploaded
// images. Counters (posts in a thread, threads in a forum) are kept in the transaction
// that changes them, so a page never counts rows. Dialect-neutral throughout.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('community_forums')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // topic | condition
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0)) // pseudonymous posting
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_fr', 'text', (c) => c.notNull())
    .addColumn('description_en', 'text', (c) => c.notNull())
    .addColumn('description_zh', 'text', (c) => c.notNull())
    .addColumn('description_fr', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('thread_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_post_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('community_forums_slug_unique').on('community_forums').column('slug').unique().execute();

  await db.schema
    .createTable('community_forum_entries')
    .addColumn('forum_id', 'text', (c) => c.notNull().references('community_forums.id').onDelete('cascade'))
    .addColumn('entry_slug', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('community_forum_entries_pk', ['forum_id', 'entry_slug'])
    .execute();
  await db.schema.createIndex('community_forum_entries_slug').on('community_forum_entries').column('entry_slug').execute();

  await db.schema
    .createTable('community_threads')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('community_forums.id'))
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pseudonym', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // published | pending | hidden
    .addColumn('first_post_id', 'text')
    .addColumn('best_post_id', 'text')
    .addColumn('post_count', 'integer', (c) => c.notNull().defaultTo(0)) // published posts, the first included
    .addColumn('last_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('red_flag', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('search_text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_post_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('community_threads_forum_page').on('community_threads').columns(['forum_id', 'status', 'last_post_at', 'id']).execute();
  await db.schema.createIndex('community_threads_status_page').on('community_threads').columns(['status', 'last_post_at', 'id']).execute();
  await db.schema.createIndex('community_threads_author').on('community_threads').column('author_id').execute();

  await db.schema
    .createTable('community_posts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('thread_id', 'text', (c) => c.notNull().references('community_threads.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('pseudonym', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('render_version', 'integer', (c) => c.notNull())
    .addColumn('red_flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull()) // published | pending | hidden
    .addColumn('hold_reason', 'text')
    .addColumn('moderation_reason', 'text')
    .addColumn('like_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_first', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('edited_at', 'text')
    .execute();
  await db.schema.createIndex('community_posts_thread_seq_unique').on('community_posts').columns(['thread_id', 'seq']).unique().execute();
  await db.schema.createIndex('community_posts_thread_page').on('community_posts').columns(['thread_id', 'status', 'seq']).execute();
  await db.schema.createIndex('community_posts_status').on('community_posts').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('community_posts_author').on('community_posts').columns(['author_id', 'created_at']).execute();

  await db.schema
    .createTable('community_post_likes')
    .addColumn('post_id', 'text', (c) => c.notNull().references('community_posts.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('community_post_likes_pk', ['post_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('community_follows')
    .addColumn('thread_id', 'text', (c) => c.notNull().references('community_threads.id'))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('community_follows_pk', ['thread_id', 'user_id'])
    .execute();
  await db.schema.createIndex('community_follows_user').on('community_follows').column('user_id').execute();

  await db.schema
    .createTable('community_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('post_id', 'text', (c) => c.notNull().references('community_posts.id'))
    .addColumn('reporter_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | resolved
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema.createIndex('community_reports_post_reporter_unique').on('community_reports').columns(['post_id', 'reporter_id']).unique().execute();
  await db.schema.createIndex('community_reports_status').on('community_reports').columns(['status', 'created_at']).execute();

  await db.schema
    .createTable('community_moderation_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('moderator_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull()) // post | user | word
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('community_moderation_actions_time').on('community_moderation_actions').columns(['created_at', 'id']).execute();

  await db.schema
    .createTable('community_word_terms')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('list', 'text', (c) => c.notNull()) // advertising | misinformation
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('community_word_terms_unique').on('community_word_terms').columns(['list', 'term']).unique().execute();

  await db.schema
    .createTable('community_sanctions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // warning | suspension | ban
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('until', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('lifted_at', 'text')
    .execute();
  await db.schema.createIndex('community_sanctions_user').on('community_sanctions').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('community_sanctions_open').on('community_sanctions').columns(['kind', 'lifted_at', 'until']).execute();

  await db.schema
    .createTable('community_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('uploader_id', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    // Base64 text: identical in both dialects, and the images are small once re-encoded.
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('community_images_uploader').on('community_images').columns(['uploader_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'community_images',
    'community_sanctions',
    'community_word_terms',
    'community_moderation_actions',
    'community_reports',
    'community_follows',
    'community_post_likes',
    'community_posts',
    'community_threads',
    'community_forum_entries',
    'community_forums',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
