// The right doctor for the patient: each consultation records where the patient is (the
// country was already there; the US state now) and the language they write in; operators
// set, per patient country, which licences may answer.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite takes one column per ALTER TABLE.
  await db.schema.alterTable('consultations').addColumn('patient_state', 'text').execute();
  await db.schema.alterTable('consultations').addColumn('language', 'text', (c) => c.notNull().defaultTo('any')).execute();
  await db.schema
    .createTable('consultation_jurisdiction_rules')
    .addColumn('country', 'text', (c) => c.primaryKey())
    .addColumn('licensed_in', 'text', (c) => c.notNull()) // JSON array of licence countries
    .addColumn('same_state', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('consultation_jurisdiction_rules').ifExists().execute();
  await db.schema.alterTable('consultations').dropColumn('language').execute();
  await db.schema.alterTable('consultations').dropColumn('patient_state').execute();
}
