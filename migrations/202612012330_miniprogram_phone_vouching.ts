// A partner host may be trusted to vouch for its readers' phone numbers (a verified
// `phone_number` claim in its assertion), so its readers can have the free first
// consultation that needs a verified phone. Off for every existing host.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mini_hosts').addColumn('vouches_phones', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('mini_hosts').dropColumn('vouches_phones').execute();
}
