// The country a person says they are in (ISO 3166-1 alpha-2): emergency numbers and prices
// follow it. Null until they choose; until then the phone number's country, then the
// request's Accept-Language region, decide.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('country', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('country').execute();
}
