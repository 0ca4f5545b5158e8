// The care episode after a close: follow-up questions (two free within 72 hours, each with
// its own reply deadline), the check-in the doctor sets ("better, the same, or worse?"),
// and each department's follow-up reply deadline.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consultation_follow_ups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('consultation_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('doctor_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // follow_up | check_in
    .addColumn('seq', 'integer', (c) => c.notNull()) // 1, 2… per kind: two follow-ups sent at once cannot both be the second
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('red_flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) => c.notNull()) // open | answered | missed
    .addColumn('asked_at', 'text', (c) => c.notNull())
    .addColumn('reply_deadline', 'text', (c) => c.notNull())
    .addColumn('department_open_at', 'text') // check-in follow-ups: the department may take it from then
    .addColumn('taken_by', 'text')
    .addColumn('replied_at', 'text')
    .addColumn('missed_at', 'text')
    .addColumn('refunded_minor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .execute();
  await db.schema.createIndex('consultation_follow_ups_consultation').on('consultation_follow_ups').columns(['consultation_id', 'asked_at']).execute();
  await db.schema.createIndex('consultation_follow_ups_seq').on('consultation_follow_ups').columns(['consultation_id', 'kind', 'seq']).unique().execute();
  await db.schema.createIndex('consultation_follow_ups_open').on('consultation_follow_ups').columns(['status', 'reply_deadline']).execute();
  await db.schema.createIndex('consultation_follow_ups_conversation').on('consultation_follow_ups').columns(['conversation_id', 'status']).execute();

  await db.schema
    .createTable('consultation_check_ins')
    .addColumn('consultation_id', 'text', (c) => c.primaryKey())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'text')
    .addColumn('answer', 'text') // better | same | worse
    .addColumn('answer_text', 'text')
    .addColumn('red_flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('answered_at', 'text')
    .addColumn('follow_up_id', 'text')
    .execute();
  await db.schema.createIndex('consultation_check_ins_due').on('consultation_check_ins').columns(['asked_at', 'due_at']).execute();

  await db.schema
    .createTable('consultation_follow_up_settings')
    .addColumn('department', 'text', (c) => c.primaryKey())
    .addColumn('reply_seconds', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['consultation_follow_up_settings', 'consultation_check_ins', 'consultation_follow_ups']) await db.schema.dropTable(t).ifExists().execute();
}
