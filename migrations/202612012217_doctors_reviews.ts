// Written reviews a patient chose to publish about the doctor of a closed consultation,
// moderated like forum posts (held when a word list matches), with the doctor's one answer.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('doctor_reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('doctor_id', 'text', (c) => c.notNull())
    .addColumn('consultation_id', 'text', (c) => c.notNull().unique())
    .addColumn('patient_id', 'text', (c) => c.notNull())
    .addColumn('stars', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // published | held | hidden
    .addColumn('held_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('doctor_reviews_doctor').on('doctor_reviews').columns(['doctor_id', 'status', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('doctor_reviews').ifExists().execute();
}
