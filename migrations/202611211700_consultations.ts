// Consultations: a patient's question, the doctor who takes it, its money and its
// timing (the reply-time promise); the free-first-consultation claims; per-department
// reply promises.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('consultations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('patient_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('requested_doctor_id', 'text')
    .addColumn('doctor_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('age', 'integer')
    .addColumn('sex', 'text')
    .addColumn('duration', 'text')
    .addColumn('photos', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('red_flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('price_minor', 'integer', (c) => c.notNull())
    .addColumn('amount_due_minor', 'integer', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('free', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('queued_at', 'text')
    .addColumn('fallback_at', 'text')
    .addColumn('reply_deadline', 'text')
    .addColumn('accepted_at', 'text')
    .addColumn('first_reply_at', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('expired_at', 'text')
    .addColumn('cancelled_at', 'text')
    .addColumn('summary', 'text')
    .addColumn('advice', 'text')
    .addColumn('rating_stars', 'integer')
    .addColumn('rating_comment', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('refund_note', 'text')
    .execute();
  await db.schema.createIndex('consultations_patient').on('consultations').columns(['patient_id', 'created_at']).execute();
  await db.schema.createIndex('consultations_doctor').on('consultations').columns(['doctor_id', 'status']).execute();
  await db.schema.createIndex('consultations_queue').on('consultations').columns(['status', 'department', 'queued_at']).execute();
  await db.schema.createIndex('consultations_conversation').on('consultations').column('conversation_id').unique().execute();
  await db.schema.createIndex('consultations_client').on('consultations').columns(['patient_id', 'client_id']).unique().execute();

  // One free consultation per person: the key is the phone number (or verified identity)
  // when the account has one, so deleting the account and registering again gives none.
  await db.schema
    .createTable('free_consultation_claims')
    .addColumn('claim_key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('consultation_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('consultation_department_settings')
    .addColumn('department', 'text', (c) => c.primaryKey())
    .addColumn('reply_promise_seconds', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['consultation_department_settings', 'free_consultation_claims', 'consultations']) await db.schema.dropTable(t).ifExists().execute();
}
