// Tickets that open the realtime socket for a client that cannot send its session on the
// upgrade (a bearer session from a mini-program): short-lived, used once, stored as the
// SHA-256 of the ticket with the session it stands for.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('realtime_tickets')
    .addColumn('ticket_hash', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('realtime_tickets_expiry').on('realtime_tickets').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('realtime_tickets').execute();
}
