// Titles, synonyms and lay words of encyclopedia entries in every language we speak, each
// with where it came from (a dictionary, the reviewed lay-term table) and whether a doctor
// has confirmed it. Kept beside the entries, not in their revisions: a dictionary import
// adds words to an entry without rewriting the text a doctor reviewed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('encyclopedia_terms')
    .addColumn('entry_id', 'text', (c) => c.notNull().references('encyclopedia_entries.id').onDelete('cascade'))
    .addColumn('lang', 'text', (c) => c.notNull())
    // normalised as search normalises it (accents folded, lower case, spaces collapsed)
    .addColumn('term_key', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    // title | synonym | lay
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    // machine_matched | reviewed
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reviewer_name', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('encyclopedia_terms_pk', ['entry_id', 'lang', 'term_key'])
    .execute();
  await db.schema.createIndex('encyclopedia_terms_key').on('encyclopedia_terms').column('term_key').execute();
  await db.schema.createIndex('encyclopedia_terms_lang').on('encyclopedia_terms').columns(['lang', 'entry_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('encyclopedia_terms').ifExists().execute();
}
