// Group circles: group chats of the messaging core attached to a forum. The conversation
// (members, messages, link policy) belongs to messaging; this table only says which
// forum a circle belongs to.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('community_circles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('forum_id', 'text', (c) => c.notNull().references('community_forums.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('community_circles_conversation_unique').on('community_circles').column('conversation_id').unique().execute();
  await db.schema.createIndex('community_circles_forum').on('community_circles').columns(['forum_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('community_circles').ifExists().execute();
}
