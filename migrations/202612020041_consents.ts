// Consents: the published versions of the terms, the privacy notice and the telemedicine
// consent (an operator publishes a new one; people accept it on their next visit), and
// each person's acceptances with the version, the language and, for the telemedicine
// consent, the very text they were shown.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consent_documents')
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    // Publication order: the highest is the current version (clocks may disagree).
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addPrimaryKeyConstraint('consent_documents_pk', ['document', 'version'])
    .execute();
  await db
    .insertInto('consent_documents')
    .values(
      ['terms', 'privacy', 'telemedicine'].map((document) => ({
        document,
        version: '2026-12-01',
        seq: 1,
        published_at: '2026-12-01T00:00:00.000Z',
        published_by: null,
      })),
    )
    .execute();
  await db.schema
    .createTable('consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consents_user').on('consents').columns(['user_id', 'document', 'version']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consents').execute();
  await db.schema.dropTable('consent_documents').execute();
}
