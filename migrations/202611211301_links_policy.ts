// Link policy versions, refusals (each records the version that refused it), and the
// preview cache with the preview images we fetched and re-encoded.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('link_policy_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('rules', 'text', (c) => c.notNull()) // JSON: {kinds: {direct, group, consultation}, blocklist}
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('link_refusals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('conversation_kind', 'text', (c) => c.notNull())
    .addColumn('sender_id', 'text', (c) => c.notNull())
    .addColumn('policy_version', 'integer', (c) => c.notNull())
    .addColumn('urls', 'text', (c) => c.notNull()) // JSON array of the refused URLs
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('link_refusals_version').on('link_refusals').columns(['policy_version', 'created_at']).execute();

  await db.schema
    .createTable('link_previews')
    .addColumn('url', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull()) // ok | refused | failed
    .addColumn('title', 'text')
    .addColumn('description', 'text')
    .addColumn('image_id', 'text')
    .addColumn('site_name', 'text')
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('link_preview_images')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source_url', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('link_preview_images').ifExists().execute();
  await db.schema.dropTable('link_previews').ifExists().execute();
  await db.schema.dropTable('link_refusals').ifExists().execute();
  await db.schema.dropTable('link_policy_versions').ifExists().execute();
}
