// Where a doctor may practise beyond their licence country: for the United States, the
// state of the licence and whether they hold a multi-state (interstate compact) licence.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('doctor_applications').addColumn('us_state', 'text').execute();
  await db.schema.alterTable('doctor_applications').addColumn('multi_state', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('doctor_applications').dropColumn('multi_state').execute();
  await db.schema.alterTable('doctor_applications').dropColumn('us_state').execute();
}
