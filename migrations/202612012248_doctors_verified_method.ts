// How an approved doctor's identity was checked: `registry` (an automatic registry match) or
// `reviewer` (a reviewer's recorded manual check). The badge says which.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('doctor_applications').addColumn('verified_method', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('doctor_applications').dropColumn('verified_method').execute();
}
