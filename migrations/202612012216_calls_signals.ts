// Signalling a participant fetches over HTTP (the mini-program, whose session is not a
// cookie and so has no realtime socket): SDP descriptions and ICE candidates of a live call,
// numbered per call, addressed to one participant, deleted when the call ends.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('call_signals')
    .addColumn('call_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('to_user_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('call_signals_pk', ['call_id', 'seq'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('call_signals').execute();
}
