// An entry's text written in another language by a person (title and sections), with the
// doctor who reviewed it: a French or Chinese reader opening the entry reads it in their
// language. Beside the entry, like its terms, so the entry's revisions stay in one language.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('encyclopedia_translations')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('encyclopedia_entries.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('sections', 'text', (c) => c.notNull()) // JSON object, as encyclopedia_entries.sections
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('reviewer_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('encyclopedia_translations_pk', ['entry_id', 'lang'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('encyclopedia_translations').ifExists().execute();
}
