// Partner hosts that open the mini-program, the Lotus accounts their readers map to,
// and the assertion ids already used (replay protection).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('mini_hosts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('origins', 'text', (c) => c.notNull()) // JSON array of exact origins
    .addColumn('jwks', 'text') // JSON {keys: [...]}, public keys only
    .addColumn('jwks_url', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mini_accounts')
    .addColumn('host_id', 'text', (c) => c.notNull().references('mini_hosts.id'))
    .addColumn('host_user_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mini_accounts_pk', ['host_id', 'host_user_id'])
    .execute();
  await db.schema.createIndex('mini_accounts_user').on('mini_accounts').column('user_id').execute();

  await db.schema
    .createTable('mini_assertion_ids')
    .addColumn('host_id', 'text', (c) => c.notNull())
    .addColumn('jti', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('mini_assertion_ids_pk', ['host_id', 'jti'])
    .execute();
  await db.schema.createIndex('mini_assertion_ids_expiry').on('mini_assertion_ids').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['mini_assertion_ids', 'mini_accounts', 'mini_hosts']) await db.schema.dropTable(t).ifExists().execute();
}
