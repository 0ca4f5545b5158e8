// What the patient takes now (medicines, doses), in their words: the doctor reads it beside
// the question before advising, so advice does not clash with a treatment already under way.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consultations').addColumn('medications', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('consultations').dropColumn('medications').execute();
}
