// A doctor's decision on a machine-matched title or synonym: who decided and when, beside the
// name already shown. Status 'rejected' (text, no schema change) keeps a refused word so the
// dictionary import never brings it back.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('encyclopedia_terms').addColumn('reviewer_id', 'text').execute();
  await db.schema.alterTable('encyclopedia_terms').addColumn('reviewed_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('encyclopedia_terms').dropColumn('reviewed_at').execute();
  await db.schema.alterTable('encyclopedia_terms').dropColumn('reviewer_id').execute();
}
