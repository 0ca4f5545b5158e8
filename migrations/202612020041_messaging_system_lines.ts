// A system line in a chat keeps its key and parameters beside the English text, so each
// reader sees it in their own language. Older rows keep only the text (both columns null).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('system_key', 'text').execute();
  await db.schema.alterTable('messages').addColumn('system_params', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('system_params').execute();
  await db.schema.alterTable('messages').dropColumn('system_key').execute();
}
