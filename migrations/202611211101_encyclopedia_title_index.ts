// Search puts an entry whose whole title is the query first: an index for that lookup.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('encyclopedia_entries_title').on('encyclopedia_entries').column('title_sort').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('encyclopedia_entries_title').ifExists().execute();
}
