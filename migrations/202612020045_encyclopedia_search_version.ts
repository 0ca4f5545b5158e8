// One number that every change to the search index raises in the same transaction, so a
// process holding the index in memory can tell, with one read, whether it missed a change
// (an event lost while its bus was disconnected) and must build it again.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('encyclopedia_search_version')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('encyclopedia_search_version').values({ id: 1, version: 0 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('encyclopedia_search_version').ifExists().execute();
}
