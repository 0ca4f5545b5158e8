// Sign-in by phone code: a code is for verifying a number (the default) or for signing in
// with an already verified one; the two never stand in for each other.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('phone_codes')
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo('verify'))
    .execute();
  await db.schema.createIndex('verified_phones_phone').on('verified_phones').column('phone').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('verified_phones_phone').execute();
  await db.schema.alterTable('phone_codes').dropColumn('purpose').execute();
}
